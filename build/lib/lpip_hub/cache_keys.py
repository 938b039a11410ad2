"""Which requests the page cache may keep, and under what key: a bounded set.

A cached page is keyed by the query parameters its view understands, normalised (sorted, empty
values dropped), so `?b=2&a=1&c=` and `?a=1&b=2` share one entry. A request carrying any other
parameter (`?cb=123`) is served but not kept: one client cannot fill the cache with copies.

A view states its parameters with @page_cache_params(...) or a `page_cache_params` attribute;
otherwise they are read from its filter set or filter form and its pagination. A view with
none is kept only when asked for without a query string. @never_page_cached keeps a view out
of the page cache altogether.
"""

from collections.abc import Callable
from functools import cache
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import Resolver404, resolve

NEVER = None


def page_cache_params(*names: str) -> Callable:
    """Declare the query parameters a function view understands."""

    def decorate(view):
        view.page_cache_params = frozenset(names)
        return view

    return decorate


def never_page_cached(view):
    view.page_cache_params = NEVER
    return view


def _declared(view_class_or_func):
    if not hasattr(view_class_or_func, "page_cache_params"):
        return set()
    params = view_class_or_func.page_cache_params
    return NEVER if params is NEVER else set(params)


@cache
def understood_params(view) -> frozenset[str] | None:
    """The query parameters `view` (a resolved view function) reads, or None: never cache."""
    declared = _declared(view)
    if declared is NEVER:
        return NEVER
    view_class = getattr(view, "view_class", None) or getattr(view, "cls", None)
    if view_class is not None:
        from_class = _declared(view_class)
        if from_class is NEVER:
            return NEVER
        declared |= from_class
        declared |= _filter_params(view_class)
    return frozenset(declared)


def _filter_params(view_class) -> set[str]:
    params = set()
    filterset_class = getattr(view_class, "filterset_class", None)
    if filterset_class is not None:
        params |= set(filterset_class.base_filters)
    params |= set(getattr(view_class, "filterset_fields", None) or ())
    form_class = getattr(view_class, "filter_form_class", None)
    if form_class is not None:
        params |= set(form_class.base_fields)
    if getattr(view_class, "paginate_by", None):
        params.add(getattr(view_class, "page_kwarg", "page"))
    pagination_class = getattr(view_class, "pagination_class", None)
    if pagination_class is not None:
        for name in ("page_query_param", "cursor_query_param", "page_size_query_param"):
            if getattr(pagination_class, name, None):
                params.add(getattr(pagination_class, name))
    return params


def cache_query(request: HttpRequest) -> str | None:
    """The request's query string as the page cache keys it, or None: do not cache."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return NEVER
    allowed = understood_params(match.func)
    if allowed is NEVER:
        return NEVER
    pairs = []
    for name, values in request.GET.lists():
        values = [value for value in values if value.strip()]
        if not values:
            continue
        if name not in allowed:
            return NEVER
        pairs.extend((name, value) for value in values)
    return urlencode(sorted(pairs))

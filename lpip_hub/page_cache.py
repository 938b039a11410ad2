"""A shared cache of public pages for anonymous visitors, never stale after an edit.

Every cached page's key carries the content version. Any save, delete or change of links in
the content apps moves the version on once the transaction commits, so the next request renders
afresh: publishing, unpublishing and editing show at once. Moving it on before the commit would
let a visitor render the old rows under the new version and keep them cached. With REDIS_URL
set, every app server shares the cache and the version; without it each process keeps its own.
"""

import bisect
import hashlib
import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from lpip_hub.cache_keys import cache_query

VERSION_KEY = "lpip:content-version"
SCHEDULE_KEY = "lpip:content-schedule"  # future go-live and expiry times, as Unix times
CONTENT_APPS = {"partnerships", "reviews", "taggit"}
PAGE_TIMEOUT = 60 * 60
STORED_HEADERS = ("Content-Type", "Content-Disposition", "Content-Language", "Vary")
# Vary names whose value cannot change a cached page: pages for visitors with the session or a
# signed-in user are never cached, gzip happens outside this cache (and is in the front cache's
# key), and the language comes from the address (/cy/), not from Accept-Language.
KEYED_OR_IGNORED_VARY = {"cookie", "accept-encoding", "accept-language"}
UNSHARED = "unshared-"  # starts a version made up while the cache cannot be reached


def content_version() -> str:
    """The version of the content, which also moves on as each scheduled go-live or expiry time
    passes, so no cached page outlives the schedule, whether or not publish_scheduled ran."""
    found = cache.get_many([VERSION_KEY, SCHEDULE_KEY])
    if found.get(VERSION_KEY) is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        # With the cache unreachable, a version of this request's own: nothing cached under it
        # can be read by a later request, even once the cache is back.
        found[VERSION_KEY] = cache.get(VERSION_KEY) or UNSHARED + uuid.uuid4().hex
    return version_from(found)


def is_shared(version: str) -> bool:
    """Whether the version was read from the cache, so that it counts the scheduled moments
    passed: not when the cache could not be reached."""
    return not version.startswith(UNSHARED)


def version_from(found: dict) -> str | None:
    """The content version from the values read at VERSION_KEY and SCHEDULE_KEY (None when
    the version was not among them)."""
    version = found.get(VERSION_KEY)
    if version is None:
        return None
    schedule = found.get(SCHEDULE_KEY)
    if schedule:
        version = f"{version}.{bisect.bisect_right(schedule, time.time())}"
    return version


def content_changed(**kwargs) -> None:
    """Move the content version on: every cached page is out of date."""
    schedule = [t for t in cache.get(SCHEDULE_KEY) or [] if t > time.time()]
    cache.set_many({VERSION_KEY: uuid.uuid4().hex, SCHEDULE_KEY: schedule}, timeout=None)


def content_scheduled(*moments) -> None:
    """Note future times at which published content appears or disappears."""
    now = time.time()
    future = [m.timestamp() for m in moments if m is not None and m.timestamp() > now]
    if future:
        schedule = sorted(set(cache.get(SCHEDULE_KEY) or []) | set(future))
        cache.set(SCHEDULE_KEY, schedule, timeout=None)


def content_changed_on_commit(using=None) -> None:
    """Move the content version on after the current transaction commits (at once outside one)."""
    transaction.on_commit(content_changed, using=using, robust=True)


def _on_model_change(sender, using=None, **kwargs) -> None:
    if sender._meta.app_label in CONTENT_APPS:
        content_changed_on_commit(using)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_model_change, dispatch_uid=f"page-cache-{signal!r}")


def varied_headers(response) -> list[str]:
    """The request headers, beyond those this cache allows for, that the page depends on."""
    names = cc_delim_re.split(response.get("Vary", ""))
    return [name for name in names if name and name.lower() not in KEYED_OR_IGNORED_VARY]


def is_shareable(request, response) -> bool:
    """Whether a response may be kept and shown to other visitors: a whole 200 page, built for
    nobody in particular (no cookie set, no signed-in user, no CSRF token used), that its view
    did not mark private or no-store."""
    user = getattr(request, "user", None)
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (user is not None and user.is_authenticated)
        and not request.META.get("CSRF_COOKIE_USED")
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    """Serve repeat GET requests from anonymous visitors out of the cache."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_URL

    def __call__(self, request):
        key = self.key_for(request) if self.is_cacheable_request(request) else None
        if key is None:
            return self.get_response(request)
        stored = cache.get(key)
        if stored is not None:
            status, headers, content, nonce = stored
            if nonce:  # the CSP header must allow the page's scripts: the nonce they carry
                request._csp_nonce = nonce
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.is_cacheable_response(request, response):
            headers = [(h, response.headers[h]) for h in STORED_HEADERS if h in response.headers]
            nonce = getattr(request, "_csp_nonce", None)
            entry = (response.status_code, headers, response.content, nonce)
            cache.set(key, entry, PAGE_TIMEOUT)
            response.headers["X-Page-Cache"] = "miss"
        return response

    def is_cacheable_request(self, request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.path.startswith(self.admin_prefix)
            and not request.user.is_authenticated
        )

    @staticmethod
    def is_cacheable_response(request, response) -> bool:
        return is_shareable(request, response) and not varied_headers(response)

    @staticmethod
    def key_for(request) -> str | None:
        """The page's key: scheme, host, path and the parameters it reads; None: not cached."""
        query = cache_query(request)
        if query is None:
            return None
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query}".encode()
        return f"lpip:page:v2:{content_version()}:{hashlib.sha256(address).hexdigest()}"

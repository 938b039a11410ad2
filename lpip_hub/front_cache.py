"""Cached pages for visitors without cookies, served in front of the whole middleware stack.

Outermost in settings.MIDDLEWARE. A GET or HEAD from a visitor who carries none of the site's
cookies (session, CSRF, messages, language) is answered from the cache with one read (a
get_many of the content version, the schedule and the page) before sessions, CSRF,
authentication, CSP or the view run. The page is stored as the whole stack finished it: every
header (security headers, CSP with any nonce the page uses, Permissions-Policy, CORP,
Content-Language, Vary, ETag, Cache-Control) and the body, compressed or not. Its key holds no
version; the entry carries the version it was built under, so a publish shows as soon as it
commits and the next visitor's request replaces the entry.

Keyed by scheme, host, path, the parameters the view reads (lpip_hub/cache_keys.py) and whether
the visitor accepts gzip (the stack compresses for those who do). The language comes from the
address (/cy/ for Welsh), so it is part of the path. Any other header the page says it varies
on (Vary) must match the one it was built for, or the request goes through the stack.
"""

import hashlib
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, QueryDict
from django.middleware.gzip import re_accepts_gzip
from django.utils import translation
from django.utils.http import parse_etags

from lpip_hub.cache_keys import cache_query
from lpip_hub.page_cache import (
    PAGE_TIMEOUT,
    SCHEDULE_KEY,
    VERSION_KEY,
    is_shareable,
    varied_headers,
    version_from,
)

MARKER = "X-Page-Cache"
NEVER = ("/healthz",)
# Headers a 304 repeats from the page it stands for (RFC 9110, 15.4.5).
NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "ETag", "Expires", "Vary")


def site_cookies() -> set[str]:
    return {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
        "messages",
    }


@lru_cache(maxsize=4096)
def page_key(scheme, host, path, path_info, query_string, gzip) -> str | None:
    """The key of a page, or None: not kept. Remembered per process, as resolving the address
    costs more than the cache read; any address maps to one key, so the memory is bounded."""
    request = HttpRequest()
    request.path, request.path_info = path, path_info
    request.GET = QueryDict(query_string)
    # Resolve as LocaleMiddleware will, with the address's own language active.
    language = translation.get_language_from_path(path_info)
    with translation.override(language or settings.LANGUAGE_CODE):
        query = cache_query(request)
    if query is None:
        return None
    address = f"{scheme}://{host}{path}?{query}#{gzip}".encode()
    return f"lpip:front:{hashlib.sha256(address).hexdigest()}"


@receiver(setting_changed)
def _forget_keys(*, setting, **kwargs):
    if setting in ("ROOT_URLCONF", "LANGUAGE_CODE", "LANGUAGES"):
        page_key.cache_clear()


class FrontPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.cookies = site_cookies()
        self.excluded = (*NEVER, "/" + settings.ADMIN_URL, "/" + settings.STATIC_URL.lstrip("/"))

    def __call__(self, request):
        key = self.key_for(request)
        if key is None:
            return self.get_response(request)
        found = cache.get_many([VERSION_KEY, SCHEDULE_KEY, key])
        version = version_from(found)
        entry = found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            served = self.serve(request, entry)
            if served is not None:
                return served
        response = self.get_response(request)
        if version is not None and request.method == "GET" and self.may_store(request, response):
            cache.set(key, self.entry(version, request, response), PAGE_TIMEOUT)
        return response

    def key_for(self, request) -> str | None:
        """The page's key, or None: this request always goes through the stack."""
        if request.method not in ("GET", "HEAD") or request.path.startswith(self.excluded):
            return None
        if not self.cookies.isdisjoint(request.COOKIES):
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        gzip = bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
        return page_key(
            request.scheme,
            host,
            request.path,
            request.path_info,
            # As WSGIRequest reads it, so the parameters are decoded as the view will see them.
            get_bytes_from_wsgi(request.META, "QUERY_STRING", ""),
            gzip,
        )

    @staticmethod
    def may_store(request, response) -> bool:
        return is_shareable(request, response)

    @staticmethod
    def entry(version: str, request, response) -> tuple:
        headers = [(name, value) for name, value in response.items() if name != MARKER]
        varied = {name: request.headers.get(name) for name in varied_headers(response)}
        return (version, response.status_code, headers, response.content, varied)

    @staticmethod
    def serve(request, entry) -> HttpResponse | None:
        _version, status, headers, content, varied = entry
        if any(request.headers.get(name) != value for name, value in varied.items()):
            return None
        stored = dict(headers)
        etag = stored.get("ETag")
        if etag and etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
            for name in NOT_MODIFIED_HEADERS:
                if name in stored:
                    response.headers[name] = stored[name]
            return response
        # HEAD: the stored headers (Content-Length included), no body.
        response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
        for name, value in headers:
            response.headers[name] = value
        response.headers[MARKER] = "hit"
        return response

"""Let browsers, nginx and CDNs keep public pages briefly and revalidate them cheaply.

A public page for an anonymous visitor carries a weak ETag made from the content version (which
every edit moves on) and a short shared-cache lifetime with stale-while-revalidate. A request
without a session cookie whose If-None-Match holds the current tag is answered 304 at once,
before sessions, CSRF, authentication or the view run. Staff, the admin, forms, pages that set
cookies and /healthz never get these headers.
"""

from django.conf import settings
from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

from lpip_hub.page_cache import content_version, is_shareable

SHARED_MAX_AGE = 60
STALE_WHILE_REVALIDATE = 30
NEVER = ("/healthz",)


def current_etag() -> str:
    return f'W/"{content_version()}"'


class EdgeCacheMiddleware:
    """Outermost but for SecurityMiddleware: sees the finished response, cookies included."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.excluded = (*NEVER, "/" + settings.ADMIN_URL, "/" + settings.STATIC_URL.lstrip("/"))

    def __call__(self, request):
        if not self.may_cache_request(request):
            return self.get_response(request)
        etag = current_etag()
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
            response.headers["ETag"] = etag
            self.set_lifetime(response)
            return response
        response = self.get_response(request)
        if self.may_cache_response(request, response):
            response.headers["ETag"] = etag
            self.set_lifetime(response)
        return response

    def may_cache_request(self, request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(self.excluded)
        )

    @staticmethod
    def may_cache_response(request, response) -> bool:
        # A view that set its own Cache-Control or ETag keeps them.
        return (
            is_shareable(request, response)
            and "Cache-Control" not in response
            and "ETag" not in response
        )

    @staticmethod
    def set_lifetime(response) -> None:
        patch_cache_control(
            response,
            public=True,
            max_age=0,
            s_maxage=SHARED_MAX_AGE,
            stale_while_revalidate=STALE_WHILE_REVALIDATE,
        )

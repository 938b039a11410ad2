"""Per-client limits on costly or abusable requests, counted in the shared cache.

One counter for every limit: the suggestion form, CSV downloads, postcode lookups and place
suggestions. Clients are told apart by lpip_hub.client_address, so behind a proxy each visitor
has their own allowance. If the cache is down the limits lapse rather than the site.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

from lpip_hub.client_address import client_address


@dataclass(frozen=True)
class RateLimit:
    name: str
    limit: int  # requests
    window: int  # seconds

    def key(self, request: HttpRequest) -> str:
        return f"lpip:rate:{self.name}:{client_address(request) or 'unknown'}"

    def is_exceeded(self, request: HttpRequest) -> bool:
        return (cache.get(self.key(request)) or 0) >= self.limit

    def count(self, request: HttpRequest) -> None:
        key = self.key(request)
        if not cache.add(key, 1, timeout=self.window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=self.window)

    def check(self, request: HttpRequest) -> bool:
        """Count this request; True while the client is within its allowance."""
        if self.is_exceeded(request):
            return False
        self.count(request)
        return True

    def too_many(self, message: str) -> HttpResponse:
        response = HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = str(self.window)
        return response

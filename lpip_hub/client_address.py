"""The visitor's address, the one thing every per-client limit counts by.

With DJANGO_PROXY_COUNT=0 (the default) the app faces the internet and the address is the
connection's own. Behind N reverse proxies, each appends the address it received from to
X-Forwarded-For, so the client's is the Nth from the right; whatever the client itself wrote
to the left of it is ignored, so it cannot pose as someone else.
"""

from django.conf import settings
from django.http import HttpRequest
from python_ipware import IpWare


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address as text, or None when the request carries none."""
    proxies = settings.PROXY_COUNT
    if proxies:
        # python-ipware counts the proxies listed in the header, after the client: one fewer
        # than the proxies in front of the app, since the nearest one is the connection itself.
        ipware = IpWare(
            precedence=("HTTP_X_FORWARDED_FOR",), leftmost=True, proxy_count=proxies - 1
        )
        address, _ = ipware.get_client_ip(request.META)
        if address is not None:
            return str(address)
    return request.META.get("REMOTE_ADDR") or None

"""The benchmark's floor is Django with no middleware; every other address gets the whole site."""

import io
import sys

import pytest
from django.urls import path

from lpip_hub.bare_floor import with_bare_floor
from lpip_hub.views import benchmark_floor

urlpatterns = [path("_bench/floor", benchmark_floor)]


def call(application, address):
    started = {}
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": address,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }

    def start_response(status, headers):
        started.update(status=status, headers=headers)

    body = application(environ, start_response)
    return started["status"], dict(started["headers"]), b"".join(body)


def site(environ, start_response):
    start_response("200 OK", [("X-Site", "yes")])
    return [b"the site"]


# Django's WSGI handler closes stale database connections at each request's start.
@pytest.mark.django_db
def test_the_floor_is_served_with_no_middleware(settings):
    settings.ROOT_URLCONF = __name__
    application = with_bare_floor(site)
    status, headers, body = call(application, "/_bench/floor")
    assert (status, body) == ("200 OK", b"LPIP Evidence Hub")
    assert "Content-Security-Policy" not in headers
    assert "X-Site" not in headers
    assert call(application, "/themes/")[1] == {"X-Site": "yes"}

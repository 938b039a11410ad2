"""Visitors without cookies get cached pages before the middleware runs, in one cache read."""

import gzip
import re
from unittest import mock

import pytest
from csp.constants import NONCE
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.vary import vary_on_headers

from lpip_hub.publishing import Status
from tests.factories import KeyConceptFactory, ThemeFactory

CACHE_METHODS = (
    "get",
    "get_many",
    "set",
    "set_many",
    "add",
    "delete",
    "delete_many",
    "has_key",
    "incr",
    "touch",
)
# Set by the stack, so a page served in front of it must carry them as the stack left them.
FINAL_HEADERS = (
    "Content-Type",
    "Content-Length",
    "Content-Language",
    "Content-Security-Policy",
    "Permissions-Policy",
    "Cross-Origin-Resource-Policy",
    "Cross-Origin-Opener-Policy",
    "Referrer-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Vary",
    "ETag",
    "Cache-Control",
)


@pytest.fixture
def cache_calls(monkeypatch):
    """The calls the code makes on the cache (a backend's calls to itself not counted)."""
    backend = caches["default"]
    calls, depth = [], [0]

    def counting(name, original):
        def counted(*args, **kwargs):
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return original(*args, **kwargs)
            finally:
                depth[0] -= 1

        return counted

    for name in CACHE_METHODS:
        monkeypatch.setattr(backend, name, counting(name, getattr(backend, name)))
    return calls


@pytest.fixture
def through_the_stack():
    """How many requests reached the session middleware."""
    with mock.patch.object(
        SessionMiddleware,
        "process_request",
        autospec=True,
        side_effect=SessionMiddleware.process_request,
    ) as sessions:
        yield sessions


@pytest.mark.django_db
def test_a_hit_is_served_without_touching_the_session_or_the_user(client, through_the_stack):
    KeyConceptFactory(term="Agglomeration")
    first = client.get("/concepts/")
    assert through_the_stack.call_count == 1
    untouchable = AssertionError("reached the authentication middleware")
    with mock.patch.object(AuthenticationMiddleware, "process_request", side_effect=untouchable):
        hit = client.get("/concepts/")
    assert through_the_stack.call_count == 1
    assert hit["X-Page-Cache"] == "hit"
    assert hit.content == first.content


@pytest.mark.django_db
def test_a_hit_costs_exactly_one_cache_call_and_no_query(
    client, cache_calls, django_assert_num_queries
):
    KeyConceptFactory(term="Agglomeration")
    client.get("/concepts/")
    cache_calls.clear()
    with django_assert_num_queries(0):
        hit = client.get("/concepts/")
    assert hit["X-Page-Cache"] == "hit"
    assert cache_calls == ["get_many"]


@pytest.mark.django_db
@pytest.mark.parametrize("accept_encoding", ["", "gzip, deflate, br"])
def test_a_hit_carries_the_final_headers_the_stack_gave_the_page(client, accept_encoding):
    KeyConceptFactory(term="Agglomeration")
    first = client.get("/concepts/", HTTP_ACCEPT_ENCODING=accept_encoding)
    hit = client.get("/concepts/", HTTP_ACCEPT_ENCODING=accept_encoding)
    assert hit["X-Page-Cache"] == "hit"
    for name in FINAL_HEADERS:
        assert hit[name] == first[name], name
    assert dict(hit.items()) == {**dict(first.items()), "X-Page-Cache": "hit"}
    assert hit.content == first.content
    assert hit.get("Content-Encoding") == first.get("Content-Encoding")


@pytest.mark.django_db
def test_compressed_and_plain_copies_are_kept_apart(client):
    KeyConceptFactory(term="Agglomeration")
    client.get("/concepts/", HTTP_ACCEPT_ENCODING="gzip")
    compressed = client.get("/concepts/", HTTP_ACCEPT_ENCODING="gzip")
    assert compressed["Content-Encoding"] == "gzip"
    assert b"Agglomeration" in gzip.decompress(compressed.content)
    plain = client.get("/concepts/")
    assert "Content-Encoding" not in plain
    assert b"Agglomeration" in plain.content
    assert client.get("/concepts/")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_welsh_and_english_pages_are_kept_apart(client):
    ThemeFactory(name="Skills", slug="skills")
    for _ in range(2):
        english = client.get("/themes/skills/")
        welsh = client.get("/cy/themes/skills/")
    assert english["X-Page-Cache"] == welsh["X-Page-Cache"] == "hit"
    assert english["Content-Language"] == "en-gb"
    assert welsh["Content-Language"] == "cy"
    assert b'lang="cy"' in welsh.content
    assert b'lang="en-GB"' in english.content or b'lang="en-gb"' in english.content


@pytest.mark.django_db
def test_a_head_request_gets_the_stored_headers_and_no_body(client, through_the_stack):
    KeyConceptFactory(term="Agglomeration")
    page = client.get("/concepts/")
    head = client.head("/concepts/")
    assert through_the_stack.call_count == 1
    assert head.status_code == 200
    assert head["X-Page-Cache"] == "hit"
    assert head.content == b""
    assert head["Content-Length"] == str(len(page.content))
    assert head["ETag"] == page["ETag"]


@pytest.mark.django_db
def test_a_conditional_get_is_answered_304_in_front_in_one_cache_call(
    client, cache_calls, through_the_stack
):
    KeyConceptFactory(term="Agglomeration")
    etag = client.get("/concepts/")["ETag"]
    cache_calls.clear()
    response = client.get("/concepts/", HTTP_IF_NONE_MATCH=etag)
    assert through_the_stack.call_count == 1
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "s-maxage" in response["Cache-Control"]
    assert cache_calls == ["get_many"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cookie_setting", ["SESSION_COOKIE_NAME", "CSRF_COOKIE_NAME", "LANGUAGE_COOKIE_NAME", None]
)
def test_a_visitor_with_one_of_the_sites_cookies_always_goes_through_the_stack(
    client, settings, cookie_setting, through_the_stack
):
    cookie = getattr(settings, cookie_setting) if cookie_setting else "messages"
    KeyConceptFactory(term="Agglomeration")
    client.get("/concepts/")
    assert client.get("/concepts/")["X-Page-Cache"] == "hit"
    assert through_the_stack.call_count == 1
    client.cookies[cookie] = "anything"
    client.get("/concepts/")
    assert through_the_stack.call_count == 2


@pytest.mark.django_db
def test_a_page_that_sets_a_cookie_is_never_stored(client):
    for _ in range(2):
        client.cookies.clear()
        response = client.get("/interventions/suggest/")
        assert response.cookies
        assert response.get("X-Page-Cache") != "hit"


@pytest.mark.django_db(transaction=True)
def test_a_publish_shows_as_soon_as_it_commits(client):
    concept = KeyConceptFactory(term="Anchor institution", draft=True)
    client.get("/concepts/")
    assert client.get("/concepts/")["X-Page-Cache"] == "hit"
    with transaction.atomic():
        concept.status = Status.PUBLISHED
        concept.save()
        before_commit = client.get("/concepts/")
    assert before_commit["X-Page-Cache"] == "hit"
    assert b"Anchor institution" not in before_commit.content
    after_commit = client.get("/concepts/")
    assert after_commit.get("X-Page-Cache") != "hit"
    assert b"Anchor institution" in after_commit.content


def nonce_page(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>' + "<p>text</p>" * 40)


@vary_on_headers("X-Requested-With")
def varied_page(request):
    return HttpResponse(f"asked with {request.headers.get('X-Requested-With')}")


urlpatterns = [path("nonce/", nonce_page), path("varied/", varied_page)]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_page_is_served_in_front_only_for_the_headers_it_varies_on(client, through_the_stack):
    KeyConceptFactory(term="Agglomeration")  # a content version to build under
    client.get("/varied/", HTTP_X_REQUESTED_WITH="a")
    assert client.get("/varied/", HTTP_X_REQUESTED_WITH="a").content == b"asked with a"
    assert through_the_stack.call_count == 1
    assert client.get("/varied/", HTTP_X_REQUESTED_WITH="b").content == b"asked with b"
    assert through_the_stack.call_count == 2


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_stored_page_with_a_nonce_carries_the_matching_policy(client, settings):
    KeyConceptFactory(term="Agglomeration")
    policy = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {**policy, "script-src": ["'self'", NONCE]}}
    for _ in range(3):
        response = client.get("/nonce/")
        nonce = re.search(rb'nonce="([^"]+)"', response.content).group(1).decode()
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
    assert response["X-Page-Cache"] == "hit"

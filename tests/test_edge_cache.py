"""Public pages carry an ETag and a short shared lifetime; staff, forms and /healthz never do."""

import pytest
from django.conf import settings

from lpip_hub.publishing import Status
from tests.factories import KeyConceptFactory, editor

pytestmark = pytest.mark.django_db


def test_a_public_page_carries_an_etag_and_a_short_shared_lifetime(client):
    KeyConceptFactory(term="Agglomeration")
    response = client.get("/concepts/")
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    cache_control = response["Cache-Control"]
    assert "public" in cache_control
    assert "s-maxage=60" in cache_control
    assert "stale-while-revalidate=30" in cache_control
    assert "max-age=0" in cache_control


def test_a_conditional_request_with_the_current_etag_gets_304_without_queries(
    client, django_assert_num_queries
):
    etag = client.get("/concepts/")["ETag"]
    with django_assert_num_queries(0):
        response = client.get("/concepts/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_an_edit_changes_the_etag_so_the_new_page_is_sent(client):
    concept = KeyConceptFactory(term="Anchor institution")
    etag = client.get("/concepts/")["ETag"]
    concept.status = Status.DRAFT
    concept.save()
    response = client.get("/concepts/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"Anchor institution" not in response.content
    assert response["ETag"] != etag


def test_staff_pages_are_never_kept_by_shared_caches(client):
    KeyConceptFactory(term="Agglomeration")
    client.force_login(editor())
    etag = client.get("/concepts/").get("ETag")
    response = client.get("/concepts/", HTTP_IF_NONE_MATCH=etag or 'W/"x"')
    assert response.status_code == 200
    assert "ETag" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_forms_and_healthz_are_never_kept_by_shared_caches(client):
    for url in ("/interventions/suggest/", "/healthz"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "ETag" not in response, url
        assert "s-maxage" not in response.get("Cache-Control", ""), url


def test_a_visitor_with_a_session_is_never_answered_from_the_etag(client):
    etag = client.get("/concepts/")["ETag"]
    client.cookies[settings.SESSION_COOKIE_NAME] = "anything"
    response = client.get("/concepts/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200

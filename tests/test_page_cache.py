"""Anonymous pages come from the shared cache, and are never stale after an edit."""

import pytest

from lpip_hub.publishing import Status
from tests.factories import KeyConceptFactory, editor


@pytest.mark.django_db
def test_a_repeat_anonymous_request_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    KeyConceptFactory(term="Agglomeration")
    first = client.get("/concepts/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/concepts/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.django_db
def test_publishing_shows_at_once(client):
    concept = KeyConceptFactory(term="Anchor institution", draft=True)
    assert b"Anchor institution" not in client.get("/concepts/").content
    concept.status = Status.PUBLISHED
    concept.save()
    assert b"Anchor institution" in client.get("/concepts/").content


@pytest.mark.django_db
def test_unpublishing_and_editing_show_at_once(client):
    concept = KeyConceptFactory(term="Community wealth building")
    url = concept.get_absolute_url()
    assert client.get(url).status_code == 200
    concept.term = "Community wealth building (CWB)"
    concept.save()
    assert b"(CWB)" in client.get(url).content
    concept.status = Status.DRAFT
    concept.save()
    assert client.get(url).status_code == 404
    assert b"Community wealth" not in client.get("/concepts/").content


@pytest.mark.django_db
def test_signed_in_staff_are_never_served_cached_pages(client):
    concept = KeyConceptFactory(draft=True, term="Draft idea")
    client.get("/concepts/")
    client.force_login(editor())
    response = client.get(concept.get_absolute_url())
    assert "X-Page-Cache" not in response
    assert b"Draft idea" in response.content
    client.logout()
    assert client.get(concept.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_query_strings_are_cached_separately(client):
    KeyConceptFactory(term="Productivity")
    assert client.get("/concepts/?page=1")["X-Page-Cache"] == "miss"
    assert client.get("/concepts/")["X-Page-Cache"] == "miss"
    assert client.get("/concepts/?page=1")["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_error_pages_are_not_cached(client):
    assert "X-Page-Cache" not in client.get("/concepts/no-such-concept/")

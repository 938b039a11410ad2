"""Anonymous pages come from the shared cache, and are never stale after an edit."""

import threading

import pytest
from django.conf import settings
from django.db import transaction

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


def _visit_from_another_connection(url: str) -> int:
    """A visitor's request served by another thread, so through another database connection."""
    from django.db import connection
    from django.test import Client

    result = {}

    def visit():
        try:
            result["status"] = Client().get(url).status_code
        finally:
            connection.close()

    thread = threading.Thread(target=visit)
    thread.start()
    thread.join()
    return result["status"]


# SQLite's shared in-memory test database locks a table while another connection writes to it,
# so a second connection cannot read the committed rows mid-transaction as PostgreSQL's can.
needs_concurrent_reads = pytest.mark.skipif(
    "sqlite" in settings.DATABASES["default"]["ENGINE"],
    reason="needs a database that lets a second connection read during a write",
)


@needs_concurrent_reads
@pytest.mark.django_db(transaction=True)
def test_a_visitor_during_an_uncommitted_unpublish_cannot_keep_the_old_page_cached(client):
    concept = KeyConceptFactory(term="Levelling up")
    url = concept.get_absolute_url()
    with transaction.atomic():
        concept.status = Status.DRAFT
        concept.save()
        # Not yet committed: another visitor still sees the published page, and may cache it.
        assert _visit_from_another_connection(url) == 200
    assert client.get(url).status_code == 404


# SQLite's shared in-memory test database locks a table while another connection writes to it,
# so a second connection cannot read the committed rows mid-transaction as PostgreSQL's can.
needs_concurrent_reads = pytest.mark.skipif(
    "sqlite" in settings.DATABASES["default"]["ENGINE"],
    reason="needs a database that lets a second connection read during a write",
)


@needs_concurrent_reads
@pytest.mark.django_db(transaction=True)
def test_a_visitor_during_an_uncommitted_change_of_parents_cannot_keep_the_old_hierarchy():
    from partnerships.hierarchy import place_hierarchy
    from tests.factories import PlaceFactory

    region, city = PlaceFactory(), PlaceFactory()
    place_hierarchy()
    with transaction.atomic():
        city.parents.add(region)
        result = {}

        def visit():
            from django.db import connection

            try:
                result["ancestors"] = place_hierarchy().ancestors(city.pk)
            finally:
                connection.close()

        thread = threading.Thread(target=visit)
        thread.start()
        thread.join()
        assert result["ancestors"] == set()
    assert place_hierarchy().ancestors(city.pk) == {region.pk}

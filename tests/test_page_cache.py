"""Anonymous pages come from the shared cache, and are never stale after an edit."""

import threading

import pytest
from django.conf import settings
from django.db import transaction

from lpip_hub.publishing import Status
from tests.factories import KeyConceptFactory, ThemeFactory, editor


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


@pytest.mark.django_db
def test_parameters_in_another_order_or_left_empty_share_one_cached_copy(client):
    ThemeFactory(name="Skills", slug="skills")
    first = client.get("/interventions/", {"theme": "skills", "sort": "name"})
    assert first["X-Page-Cache"] == "miss"
    again = client.get("/interventions/?sort=name&q=&theme=skills&place=")
    assert again["X-Page-Cache"] == "hit"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/sitemap.xml?cb=1", "/concepts/?utm_source=x", "/interventions/?nonsense=1"]
)
def test_a_parameter_the_page_does_not_read_is_served_but_not_kept(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "X-Page-Cache" not in client.get(url)


@pytest.mark.django_db
def test_a_cache_busting_flood_adds_nothing_to_the_cache(client):
    from django.core.cache import cache

    client.get("/sitemap.xml")
    keys_before = len(cache._cache)
    for n in range(20):
        client.get(f"/sitemap.xml?cb={n}")
    assert len(cache._cache) == keys_before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url, params",
    [
        ("/search/", {"q": "skills"}),
        ("/concepts/", {"theme": "skills", "page": "1"}),
        ("/policies/", {"page": "1"}),
        ("/api/interventions/", {"theme": "skills", "page": "1"}),
        ("/gap-map/", {"scale": "local"}),
        ("/interventions/export.csv", {"theme": "skills"}),
    ],
)
def test_the_parameters_a_page_reads_are_cached(client, url, params):
    ThemeFactory(name="Skills", slug="skills")
    assert client.get(url, params)["X-Page-Cache"] == "miss"
    assert client.get(url, params)["X-Page-Cache"] == "hit"


@pytest.mark.django_db
def test_a_page_asked_for_over_https_is_not_served_to_plain_http(client):
    KeyConceptFactory(term="Agglomeration")
    assert client.get("/concepts/", secure=True)["X-Page-Cache"] == "miss"
    assert client.get("/concepts/")["X-Page-Cache"] == "miss"


@pytest.mark.django_db
def test_without_a_proxy_a_forged_forwarded_proto_cannot_poison_the_cache(client):
    KeyConceptFactory(term="Agglomeration")
    forged = client.get("/concepts/", HTTP_X_FORWARDED_PROTO="https")
    assert b"https://testserver" not in forged.content
    plain = client.get("/concepts/")
    assert b"http://testserver/concepts/" in plain.content
    assert b"https://testserver" not in plain.content

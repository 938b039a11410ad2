"""The read-only JSON API at /api/: published content, the finder's filters, the schema."""

import datetime
import time

import pytest
from django.utils import timezone

from reviews.models import Direction, EvidenceStrength, OutcomeType
from tests import factories
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    KeyConceptFactory,
    OutcomeFactory,
    OutputFactory,
    PartnershipFactory,
    PlaceFactory,
    PolicyFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def west_midlands():
    places = factories.west_midlands()
    return places["region"], places["wmca"], places["birmingham"]


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def test_place_question_for_machines(client, west_midlands):
    _region, _wmca, birmingham = west_midlands
    InterventionFactory(slug="brum", places=[birmingham])
    InterventionFactory(slug="elsewhere", places=[PlaceFactory()])
    InterventionFactory(slug="hidden", draft=True, places=[birmingham])
    response = client.get("/api/interventions/", {"place": "E12000005"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert slugs(response) == ["brum"]
    assert slugs(client.get("/api/interventions/", {"place": "e47000007"})) == ["brum"]


def test_intervention_detail_has_places_outcomes_and_links(client, west_midlands):
    item = InterventionFactory(
        slug="brum", places=[west_midlands[2]], themes=[ThemeFactory(slug="skills")]
    )
    OutcomeFactory(intervention=item, evidence_strength=EvidenceStrength.LEVEL_4)
    data = client.get("/api/interventions/brum/").json()
    assert data["places"] == [
        {
            "name": "Birmingham",
            "slug": "birmingham",
            "gss_code": "E08000025",
            "kind": "local_authority",
        }
    ]
    assert data["themes"] == ["skills"]
    assert data["strongest_evidence"] == 4
    assert data["outcomes"][0]["evidence_strength"] == 4
    outcome = data["outcomes"][0]
    assert outcome["evidence_strength_label"] == str(EvidenceStrength.LEVEL_4.label)
    assert outcome["outcome_type_label"] == str(OutcomeType(outcome["outcome_type"]).label)
    assert outcome["direction_label"] == str(Direction(outcome["direction"]).label)
    assert data["page"] == "http://testserver/interventions/brum/"
    assert data["url"] == "http://testserver/api/interventions/brum/"


def test_unpublished_items_are_absent_from_every_endpoint(client):
    InterventionFactory(slug="draft-intervention", draft=True)
    PolicyFactory(slug="draft-policy", in_review=True)
    KeyConceptFactory(slug="draft-concept", draft=True)
    PartnershipFactory(slug="draft-partnership", draft=True)
    for endpoint, slug in (
        ("interventions", "draft-intervention"),
        ("policies", "draft-policy"),
        ("concepts", "draft-concept"),
        ("partnerships", "draft-partnership"),
    ):
        assert client.get(f"/api/{endpoint}/").json()["count"] == 0, endpoint
        assert client.get(f"/api/{endpoint}/{slug}/").status_code == 404, endpoint


def test_every_endpoint_follows_expiry_and_go_live_moments_while_the_site_runs(client):
    """The published filter reads the clock at each request, not when the code was loaded: an
    item is gone from the API the moment it expires, and one appears the moment it goes live,
    with no restart and before publish_scheduled runs."""
    moment = timezone.now() + datetime.timedelta(seconds=3)
    policy = PolicyFactory(slug="ending-policy", expire_at=moment)
    partnership = PartnershipFactory(slug="ending-partnership", expire_at=moment)
    ending = {
        "interventions": InterventionFactory(
            slug="ending", expire_at=moment, policies=[policy], partnerships=[partnership]
        ),
        "policies": policy,
        "concepts": KeyConceptFactory(slug="ending-concept", expire_at=moment),
        "partnerships": partnership,
        "reviews": EvidenceReviewFactory(slug="ending-review", expire_at=moment),
        "outputs": OutputFactory(slug="ending-output", expire_at=moment),
    }
    InterventionFactory(slug="coming", go_live_at=moment)
    for endpoint, item in ending.items():
        assert client.get(f"/api/{endpoint}/{item.slug}/").status_code == 200, endpoint
    assert slugs(client.get("/api/interventions/", {"policy": "ending-policy"})) == ["ending"]

    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.5)
    for endpoint, item in ending.items():
        assert client.get(f"/api/{endpoint}/{item.slug}/").status_code == 404, endpoint
        listed = client.get(f"/api/{endpoint}/").json()
        assert item.slug not in [found["slug"] for found in listed["results"]], endpoint
    assert client.get("/api/interventions/").json()["count"] == 1
    assert slugs(client.get("/api/interventions/")) == ["coming"]
    # An expired policy or partnership is no longer a choice of the filters.
    assert client.get("/api/interventions/", {"policy": "ending-policy"}).status_code == 400
    finder = client.get("/interventions/", {"policy": "ending-policy"})
    assert (finder.status_code, list(finder.context["form"].errors)) == (400, ["policy"])
    outputs = client.get("/outputs/", {"partnership": "ending-partnership"})
    assert list(outputs.context["form"].errors) == ["partnership"]


def test_policy_published_item_linked_to_a_draft_is_hidden_there(client):
    policy = PolicyFactory(slug="live")
    hidden = PolicyFactory(slug="secret", draft=True)
    InterventionFactory(slug="i", policies=[policy, hidden])
    assert client.get("/api/interventions/i/").json()["policies"] == ["live"]


def test_reference_data_is_always_public(client, west_midlands):
    ThemeFactory(slug="skills")
    assert client.get("/api/themes/skills/").status_code == 200
    data = client.get("/api/places/birmingham/").json()
    assert {parent["gss_code"] for parent in data["parents"]} == {"E12000005", "E47000007"}
    assert client.get("/api/places/", {"gss_code": "E08000025"}).json()["count"] == 1


def test_every_endpoint_answers(client):
    for endpoint in (
        "",
        "interventions/",
        "policies/",
        "concepts/",
        "partnerships/",
        "places/",
        "themes/",
    ):
        assert client.get(f"/api/{endpoint}").status_code == 200, endpoint


def test_api_is_read_only(client):
    InterventionFactory(slug="i")
    assert client.post("/api/interventions/", {}).status_code == 405
    assert client.delete("/api/interventions/i/").status_code == 405


def test_api_uses_the_finder_filters_and_sorting(client):
    theme = ThemeFactory(slug="skills")
    InterventionFactory(slug="b", name="B", themes=[theme])
    InterventionFactory(slug="a", name="A", themes=[theme])
    InterventionFactory(slug="c", name="C")
    assert slugs(client.get("/api/interventions/", {"theme": "skills", "sort": "name"})) == [
        "a",
        "b",
    ]
    assert client.get("/api/interventions/", {"theme": "nope"}).status_code == 400


def test_api_bad_place_is_a_400_with_a_message(client):
    response = client.get("/api/interventions/", {"place": "%s %(x)s"})
    assert response.status_code == 400
    assert "We could not find a place" in response.json()["place"][0]


def test_api_pagination(client):
    InterventionFactory.create_batch(3)
    data = client.get("/api/interventions/").json()
    assert data["count"] == 3 and data["next"] is None
    assert client.get("/api/interventions/", {"page": "999"}).status_code == 404
    assert client.get("/api/interventions/", {"page": "\x00"}).status_code == 404


@pytest.mark.parametrize("count", [1, 50])
def test_api_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    theme, place = ThemeFactory(), PlaceFactory()
    for _ in range(count):
        item = InterventionFactory(themes=[theme], places=[place])
        item.tags.add("x")
        OutcomeFactory(intervention=item)
    with django_assert_max_num_queries(12):
        response = client.get("/api/interventions/")
    assert response.json()["count"] == count


def test_openapi_schema_documents_the_finder_filters(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "openapi" in body
    assert "/api/interventions/" in body
    for name in ("place", "theme", "min_evidence", "outcome_type"):
        assert f"name: {name}" in body


def test_api_keyset_pages_read_the_whole_list_in_id_order(client, monkeypatch):
    from reviews.api import KeysetPagination

    monkeypatch.setattr(KeysetPagination, "page_size", 2)
    items = InterventionFactory.create_batch(5)
    InterventionFactory(draft=True)
    slugs, url = [], "/api/interventions/?pagination=cursor"
    while url:
        data = client.get(url).json()
        assert "count" not in data
        slugs += [item["slug"] for item in data["results"]]
        url = data["next"]
    assert slugs == [item.slug for item in sorted(items, key=lambda item: item.pk)]


def test_api_keyset_pages_seek_by_id_instead_of_counting_past_earlier_rows(client, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reviews.api import KeysetPagination

    monkeypatch.setattr(KeysetPagination, "page_size", 2)
    items = InterventionFactory.create_batch(3)
    following = client.get("/api/interventions/", {"pagination": "cursor"}).json()["next"]
    with CaptureQueriesContext(connection) as queries:
        data = client.get(following).json()
    assert [item["slug"] for item in data["results"]] == [items[2].slug]
    main = next(q["sql"] for q in queries if 'FROM "reviews_intervention"' in q["sql"])
    assert f'"reviews_intervention"."id" > {items[1].pk}' in main
    assert "OFFSET" not in main.upper()
    assert client.get("/api/interventions/", {"cursor": "not-a-cursor"}).status_code == 404

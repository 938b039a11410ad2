"""The evidence on a place's page: within it, covering it, partnerships and policies there."""

import datetime
import time

import pytest
from django.utils import timezone

from partnerships.models import PlaceKind
from reviews.place_evidence import evidence_for_place
from tests.factories import (
    InterventionFactory,
    OutputFactory,
    PartnershipFactory,
    PlaceFactory,
    PlaceNeighbourFactory,
    PolicyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    england = PlaceFactory(name="England", slug="england", kind=PlaceKind.NATION)
    region = PlaceFactory(
        name="West Midlands", slug="west-midlands", kind=PlaceKind.REGION, parents=[england]
    )
    wmca = PlaceFactory(name="WMCA", slug="wmca", kind=PlaceKind.COMBINED_AUTHORITY)
    birmingham = PlaceFactory(name="Birmingham", slug="birmingham", parents=[region, wmca])
    ward = PlaceFactory(
        name="Ladywood", slug="ladywood", kind=PlaceKind.NEIGHBOURHOOD, parents=[birmingham]
    )
    leeds = PlaceFactory(name="Leeds", slug="leeds")
    return {
        "england": england,
        "region": region,
        "wmca": wmca,
        "birmingham": birmingham,
        "ward": ward,
        "leeds": leeds,
    }


def test_interventions_within_and_covering_are_listed_separately(places):
    InterventionFactory(name="City", places=[places["birmingham"]])
    InterventionFactory(name="Ward", places=[places["ward"]])
    InterventionFactory(name="Combined authority", places=[places["wmca"]])
    InterventionFactory(name="National", places=[places["england"]])
    InterventionFactory(name="Leeds", places=[places["leeds"]])
    InterventionFactory(name="Draft", draft=True, places=[places["birmingham"]])
    evidence = evidence_for_place(places["birmingham"])["place_evidence"]
    assert [i.name for i in evidence["interventions_within"]] == ["City", "Ward"]
    assert [i.name for i in evidence["interventions_covering"]] == [
        "Combined authority",
        "National",
    ]
    assert evidence["interventions_within_count"] == 2


def test_a_council_without_an_ons_code_counts_what_is_within_it(places):
    """No counts are kept for any council (finder_index.anchor_for), with or without a code."""
    region = places["region"]
    council = PlaceFactory(name="Newtown", slug="newtown", gss_code=None, parents=[region])
    InterventionFactory.create_batch(2, places=[council])
    evidence = evidence_for_place(council)["place_evidence"]
    assert evidence["interventions_within_count"] == 2


@pytest.mark.parametrize("place", ["birmingham", "region", "england"])
def test_the_first_twenty_by_name_of_many_with_the_full_count(places, place):
    """A council counts its index rows; a region and a nation read their kept counts."""
    uk = PlaceFactory(name="United Kingdom", slug="united-kingdom", kind=PlaceKind.UK)
    places["england"].parents.add(uk)
    for n in (7, 23, 2, 15, 11, 20, 4, 18, 9, 21, 1, 13, 24, 6, 16, 3, 22, 10, 14, 5):
        InterventionFactory(name=f"Within {n:02d}", places=[places["ward"]])
    for n in (19, 12, 17, 8):
        InterventionFactory(name=f"Within {n:02d}", places=[places["birmingham"]])
    InterventionFactory(name="Within 00 draft", draft=True, places=[places["ward"]])
    InterventionFactory(name="Within 00 elsewhere", places=[places["leeds"]])
    for n in (3, 1, 14, 22, 8, 19, 11, 2, 6, 17, 9, 21, 4, 13, 5, 16, 7, 20, 12, 10, 18, 15):
        InterventionFactory(name=f"Covering {n:02d}", places=[uk])
    evidence = evidence_for_place(places[place])["place_evidence"]
    assert [i.name for i in evidence["interventions_within"]] == [
        f"Within {n:02d}" for n in range(1, 21)
    ]
    assert evidence["interventions_within_count"] == 24
    assert [i.name for i in evidence["interventions_covering"]] == [
        f"Covering {n:02d}" for n in range(1, 21)
    ]
    assert evidence["interventions_covering_count"] == 22


def test_the_place_page_follows_go_live_and_expiry_moments(client, places):
    """Passed moments show on the page (and in its counts) before publish_scheduled runs:
    within the place and in the places like it."""
    PlaceNeighbourFactory(place=places["leeds"], neighbour=places["birmingham"], rank=1)
    moment = timezone.now() + datetime.timedelta(seconds=3)
    InterventionFactory(name="Going live", places=[places["ward"]], go_live_at=moment)
    InterventionFactory(name="Expiring", places=[places["ward"]], expire_at=moment)

    def listed(slug):
        context = client.get(f"/places/{slug}/").context
        evidence = context["place_evidence"]
        names = [item.name for item in evidence["interventions_within"]]
        return names, evidence["interventions_within_count"]

    def tried_in_places_like_leeds():
        tried = client.get("/places/leeds/").context["similar_places"]
        return [item.name for item in tried["tried"]], tried["tried_count"]

    assert listed("birmingham") == listed("west-midlands") == (["Expiring"], 1)
    assert tried_in_places_like_leeds() == (["Expiring"], 1)
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.5)
    assert listed("birmingham") == listed("west-midlands") == (["Going live"], 1)
    assert tried_in_places_like_leeds() == (["Going live"], 1)


def test_partnerships_in_within_or_covering_the_place(places):
    PartnershipFactory(name="A city partnership", places=[places["birmingham"]])
    PartnershipFactory(name="B regional", places=[places["region"]])
    PartnershipFactory(name="C ward", places=[places["ward"]])
    PartnershipFactory(name="D Leeds", places=[places["leeds"]])
    PartnershipFactory(name="E draft", draft=True, places=[places["birmingham"]])
    evidence = evidence_for_place(places["birmingham"])["place_evidence"]
    assert [p.name for p in evidence["partnerships"]] == [
        "A city partnership",
        "B regional",
        "C ward",
    ]


def test_a_policy_for_england_applies_in_birmingham(places):
    PolicyFactory(name="National policy", places=[places["england"]])
    PolicyFactory(name="City policy", places=[places["birmingham"]])
    PolicyFactory(name="Ward policy", places=[places["ward"]])
    PolicyFactory(name="Draft policy", draft=True, places=[places["england"]])
    evidence = evidence_for_place(places["birmingham"])["place_evidence"]
    assert [p.name for p in evidence["policies"]] == ["City policy", "National policy"]


def test_place_page_shows_the_evidence(client, places):
    InterventionFactory(name="Brum jobs", places=[places["birmingham"]])
    InterventionFactory(name="Regional scheme", places=[places["region"]])
    response = client.get("/places/birmingham/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Interventions in Birmingham" in content
    assert "Brum jobs" in content
    assert "Interventions covering Birmingham" in content
    assert "Regional scheme" in content
    assert "/interventions/?place=" in content


@pytest.mark.parametrize("count", [1, 50])
def test_place_evidence_query_count_does_not_grow(places, django_assert_max_num_queries, count):
    for _ in range(count):
        InterventionFactory(places=[places["ward"]])
        PolicyFactory(places=[places["england"]])
        PartnershipFactory(places=[places["region"]])
    with django_assert_max_num_queries(12):
        evidence = evidence_for_place(places["birmingham"])["place_evidence"]
        for item in evidence["interventions_within"] + evidence["policies"]:
            list(item.places.all())
    assert evidence["interventions_within_count"] == count


@pytest.mark.parametrize("count", [1, 30])
def test_place_page_query_count_does_not_grow(client, places, django_assert_max_num_queries, count):
    """The whole place page: its evidence, outputs, neighbours, cluster and what was tried in
    places like it, with every list's places."""
    from partnerships.models_similar import PlaceCluster, SimilarityModel

    neighbour = PlaceFactory(name="Walsall", slug="walsall", parents=[places["region"]])
    PlaceNeighbourFactory(place=places["birmingham"], neighbour=neighbour, rank=1)
    PlaceCluster.objects.create(
        place=places["birmingham"], model=SimilarityModel.OVERALL, cluster="A"
    )
    PlaceFactory(name="Edgbaston", slug="edgbaston", parents=[places["birmingham"]])
    for n in range(count):
        InterventionFactory(name=f"Ward {n}", places=[places["ward"], places["leeds"]])
        InterventionFactory(name=f"National {n}", places=[places["england"]])
        InterventionFactory(name=f"Next door {n}", places=[neighbour])
        PolicyFactory(places=[places["england"], places["region"]])
        PartnershipFactory(places=[places["region"]])
        OutputFactory(places=[places["birmingham"]])
    with django_assert_max_num_queries(12):
        response = client.get("/places/birmingham/")
    assert response.status_code == 200
    evidence = response.context["place_evidence"]
    assert evidence["interventions_within_count"] == count
    assert evidence["interventions_covering_count"] == count
    assert response.context["similar_places"]["tried_count"] == count
    assert [p.name for p in evidence["interventions_within"][0].places.all()] == [
        "Ladywood",
        "Leeds",
    ]
    children = [p.name for group in response.context["children"] for p in group["places"]]
    assert sorted(children) == ["Edgbaston", "Ladywood"]
    assert [p.name for p in response.context["parents"]] == ["WMCA", "West Midlands"]

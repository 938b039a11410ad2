"""Finding interventions in the admin: by evidence, outcome, place (with places within) and code."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from reviews.models import EvidenceStrength, OutcomeType
from tests.factories import InterventionFactory, OutcomeFactory, PlaceFactory, west_midlands


@pytest.fixture
def listed(client, db):
    client.force_login(User.objects.create_superuser("root", "r@example.org", "a-long-pass-1"))
    places = west_midlands()
    wales = PlaceFactory(name="Wales", slug="wales", gss_code="W92000004", kind="nation")
    cardiff = PlaceFactory(name="Cardiff", slug="cardiff", gss_code="W06000015", parents=[wales])
    brum = InterventionFactory(name="Birmingham jobs", places=[places["birmingham"]])
    OutcomeFactory(
        intervention=brum,
        outcome_type=OutcomeType.EMPLOYMENT,
        evidence_strength=EvidenceStrength.LEVEL_3,
    )
    OutcomeFactory(
        intervention=brum,
        outcome_type=OutcomeType.SKILLS,
        evidence_strength=EvidenceStrength.LEVEL_1,
    )
    cardiff_hub = InterventionFactory(name="Cardiff hub", places=[cardiff])
    OutcomeFactory(
        intervention=cardiff_hub,
        outcome_type=OutcomeType.HEALTH,
        evidence_strength=EvidenceStrength.LEVEL_1,
    )
    return {"brum": brum, "cardiff": cardiff_hub, **places}


def names(client, **params) -> list[str]:
    response = client.get(reverse("admin:reviews_intervention_changelist"), params)
    assert response.status_code == 200
    return sorted(i.name for i in response.context["cl"].result_list)


def test_filter_by_strength_of_evidence(client, listed):
    assert names(client, outcomes__evidence_strength__exact="3") == ["Birmingham jobs"]
    assert names(client, outcomes__evidence_strength__exact="1") == [
        "Birmingham jobs",
        "Cardiff hub",
    ]


def test_filter_by_outcome_type(client, listed):
    assert names(client, outcomes__outcome_type__exact="health") == ["Cardiff hub"]


def test_filter_by_place_includes_places_within(client, listed):
    assert names(client, place="west-midlands") == ["Birmingham jobs"]
    assert names(client, place="west-midlands-combined-authority") == ["Birmingham jobs"]
    assert names(client, place="cardiff") == ["Cardiff hub"]


def test_filter_by_nation(client, listed):
    assert names(client, nation="england") == ["Birmingham jobs"]
    assert names(client, nation="wales") == ["Cardiff hub"]


def test_the_place_filter_offers_the_places_that_hold_interventions_and_those_around_them(
    client, listed
):
    response = client.get(reverse("admin:reviews_intervention_changelist"))
    page = response.content.decode()
    for place in ("?place=birmingham", "?place=west-midlands", "?place=cardiff", "?nation=wales"):
        assert place in page


def test_search_by_ons_code(client, listed):
    assert names(client, q="E08000025") == ["Birmingham jobs"]
    assert names(client, q="W06000015") == ["Cardiff hub"]

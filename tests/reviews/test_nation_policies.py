"""Policies by nation: devolved policies load with their sources and show where they apply."""

import io

import pytest
from django.core.management import call_command

from lpip_hub.publishing import Status
from partnerships.models import Place
from reviews.models import Policy, PolicyLevel
from reviews.place_evidence import evidence_for_place
from tests.factories import PolicyFactory

pytestmark = pytest.mark.django_db


def load():
    call_command("load_reference_data", stdout=io.StringIO())


def policies_for(code: str) -> set[str]:
    place = Place.objects.get(gss_code=code)
    evidence = evidence_for_place(place)["place_evidence"]
    assert evidence["policies_count"] <= 20  # all of them are on the page
    return {policy.name for policy in evidence["policies"]}


def test_each_nation_s_places_list_that_nation_s_policies():
    load()
    stirling, wrexham, belfast = (
        policies_for("S12000030"),
        policies_for("W06000006"),
        policies_for("N09000003"),
    )
    assert "Community Empowerment (Scotland) Act 2015" in stirling
    assert "Well-being of Future Generations (Wales) Act 2015" in wrexham
    assert "North Wales Growth Deal" in wrexham
    assert "Belfast Region City Deal" in belfast
    assert "Neighbourhood Renewal: People and Place (NI)" in belfast
    # UK-wide policies apply everywhere; one nation's do not apply in another.
    assert "UK Shared Prosperity Fund" in stirling & wrexham & belfast
    assert not stirling & {"Transforming Towns (Wales)", "Belfast Region City Deal", "Towns Fund"}
    assert "Glasgow City Region City Deal" not in stirling  # a deal for eight other councils
    assert "Transforming Towns (Wales)" not in belfast


def test_the_thirty_policies_load_once_with_their_source_and_blank_stays_blank():
    load()
    load()
    assert Policy.objects.count() == 13 + 30
    islands = Policy.objects.get(name="Islands (Scotland) Act 2018")
    assert islands.level == PolicyLevel.NATION
    assert (
        islands.source
        == islands.url
        == "https://spa.police.uk/what-we-do/public-body-duties/communities"
    )
    assert islands.end_year is None  # the source gives none
    assert not islands.themes.exists()
    assert islands.status == Status.PUBLISHED
    assert not Policy.objects.filter(source="").exists()


def test_a_policy_already_held_under_another_slug_is_updated_not_duplicated():
    PolicyFactory(name="Belfast Region City Deal", slug="brcd", summary="Old words.")
    load()
    deal = Policy.objects.get(name="Belfast Region City Deal")
    assert deal.slug == "brcd"
    assert deal.summary != "Old words."
    assert set(deal.places.values_list("gss_code", flat=True)) >= {"N09000003"}


def test_policies_list_filters_by_nation(client):
    load()
    wales = client.get("/policies/", {"nation": "wales"}).content.decode()
    assert "Transforming Towns (Wales)" in wales
    assert "Mid Wales Growth Deal" in wales  # for councils within Wales
    assert "UK Shared Prosperity Fund" in wales
    assert "Town Centre Fund (Scotland)" not in wales
    assert "Towns Fund" not in wales.replace("Transforming Towns", "")

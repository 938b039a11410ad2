"""The place hierarchy's questions: within, covering, and look-up by code, slug or name."""

import pytest
from django.core.exceptions import ValidationError

from partnerships.models import Place, PlaceKind
from reviews.filters import find_place
from reviews.models import Intervention
from tests.factories import InterventionFactory, PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def birmingham():
    england = PlaceFactory(name="England", gss_code="E92000001", kind=PlaceKind.NATION)
    region = PlaceFactory(
        name="West Midlands", gss_code="E12000005", kind=PlaceKind.REGION, parents=[england]
    )
    wmca = PlaceFactory(
        name="West Midlands",
        official_name="West Midlands Combined Authority",
        gss_code="E47000007",
        kind=PlaceKind.COMBINED_AUTHORITY,
    )
    return PlaceFactory(
        name="Birmingham", slug="birmingham", gss_code="E08000025", parents=[region, wmca]
    )


def test_a_place_with_two_parents_is_within_both(birmingham):
    for code in ("E12000005", "E47000007", "E92000001"):
        assert birmingham in Place.objects.within(Place.objects.get(gss_code=code))
    assert set(Place.objects.covering(birmingham).values_list("gss_code", flat=True)) == {
        "E12000005",
        "E47000007",
        "E92000001",
    }


def test_in_place_and_covering_querysets(birmingham):
    local = InterventionFactory(places=[birmingham])
    regional = InterventionFactory(places=[Place.objects.get(gss_code="E47000007")])
    england = Place.objects.get(gss_code="E92000001")
    assert list(Intervention.objects.published().in_place(england)) == [local]
    assert list(Intervention.objects.published().covering(birmingham)) == [regional]
    assert list(Intervention.objects.published().in_place(birmingham)) == [local]


def test_adding_a_parent_is_seen_at_once(birmingham):
    county = PlaceFactory(kind=PlaceKind.COUNTY)
    item = InterventionFactory(places=[birmingham])
    assert list(Intervention.objects.in_place(county)) == []
    birmingham.parents.add(county)
    assert list(Intervention.objects.in_place(county)) == [item]


@pytest.mark.parametrize(
    "typed", ["E08000025", "e08000025", "birmingham", "Birmingham", " birmingham  "]
)
def test_find_place_by_code_slug_or_name(birmingham, typed):
    assert find_place(typed) == birmingham


def test_find_place_prefers_the_display_name(birmingham):
    assert find_place("West Midlands").kind == PlaceKind.REGION
    assert find_place("West Midlands Combined Authority").gss_code == "E47000007"


def test_find_place_refuses_an_ambiguous_name():
    PlaceFactory(name="Newport", gss_code="W06000022")
    PlaceFactory(name="Newport", gss_code="E04000001", kind=PlaceKind.NEIGHBOURHOOD)
    with pytest.raises(ValidationError, match="more than one place"):
        find_place("Newport")

"""The place hierarchy: a place can sit within several geographies."""

import io

import pytest
from django.core.management import call_command

from partnerships.models import Place
from tests.factories import PlaceFactory


@pytest.fixture
def reference_data(db):
    call_command("load_reference_data", stdout=io.StringIO())


def codes(queryset):
    return set(queryset.values_list("gss_code", flat=True))


def test_birmingham_lies_within_region_nation_uk_and_combined_authority(reference_data):
    birmingham = Place.objects.get(gss_code="E08000025")
    assert codes(Place.objects.covering(birmingham)) == {
        "E12000005",  # West Midlands region
        "E92000001",  # England
        "K02000001",  # United Kingdom
        "E47000007",  # West Midlands Combined Authority
    }


def test_england_and_the_combined_authority_both_contain_birmingham(reference_data):
    birmingham = Place.objects.get(gss_code="E08000025")
    for code in ["E92000001", "E12000005", "E47000007", "K02000001"]:
        assert birmingham in Place.objects.within(Place.objects.get(gss_code=code))


def test_a_district_in_a_two_tier_county_lies_within_the_county(reference_data):
    preston = Place.objects.get(gss_code="E07000123")
    assert "E10000017" in codes(Place.objects.covering(preston))  # Lancashire


def test_within_includes_the_place_itself_and_grandchildren(db):
    nation = PlaceFactory(kind="nation")
    region = PlaceFactory(kind="region", parents=[nation])
    district = PlaceFactory(parents=[region])
    assert set(Place.objects.within(nation)) == {nation, region, district}
    assert set(Place.objects.within(district)) == {district}


def test_hierarchy_follows_new_parent_links_at_once(db):
    region = PlaceFactory(kind="region")
    district = PlaceFactory()
    assert district not in Place.objects.within(region)
    district.parents.add(region)
    assert district in Place.objects.within(region)


def test_hierarchy_is_read_in_one_query(db, django_assert_num_queries):
    nation = PlaceFactory(kind="nation")
    region = PlaceFactory(kind="region", parents=[nation])
    for _ in range(5):
        PlaceFactory(parents=[region])
    with django_assert_num_queries(2):  # the links, then the places
        assert len(list(Place.objects.within(nation))) == 7
    with django_assert_num_queries(1):  # the links now come from the cache
        assert len(list(Place.objects.within(nation))) == 7

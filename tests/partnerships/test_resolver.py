"""The place resolver: places as people name them, on SQLite and PostgreSQL alike."""

import io

import pytest
from django.core.management import call_command

from partnerships.models import Place, PlaceKind, PlaceName, PlaceNameKind
from partnerships.resolver import core_key, name_key, resolve
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uk_places():
    call_command("load_reference_data", stdout=io.StringIO())


def codes(places) -> set[str]:
    return {place.gss_code for place in places}


# What a new user types, and the council they mean.
EVERYDAY_NAMES = {
    "Glasgow": "S12000049",  # Glasgow City
    "Edinburgh": "S12000036",  # City of Edinburgh
    "Aberdeen": "S12000033",
    "Hull": "E06000010",  # Kingston upon Hull
    "Bristol": "E06000023",  # City of Bristol
    "Derry": "N09000005",  # Derry City and Strabane
    "St Helens": "E08000013",  # St. Helens
    "st. helens": "E08000013",
    "Western Isles": "S12000013",
    "Rhondda Cynon Taf": "W06000016",  # the council's own spelling
    "Rhondda Cynon Taff": "W06000016",
    "King's Lynn and West Norfolk": "E07000146",
    "Glasgow City Council": "S12000049",
    "Birmingham": "E08000025",
    "West Midlands": "E12000005",  # the region; its combined authority has its official name
    "Lancashire": "E10000017",  # the county; the combined county authority likewise
}
WELSH_NAMES = {
    "Caerdydd": "W06000015",
    "Abertawe": "W06000011",
    "Wrecsam": "W06000006",
    "Ynys Môn": "W06000001",
    "ynys mon": "W06000001",
    "Casnewydd": "W06000022",
    "Pen-y-bont ar Ogwr": "W06000013",
}


def test_everyday_and_official_names_resolve_to_one_council(uk_places):
    found = {typed: getattr(resolve(typed).place, "gss_code", None) for typed in EVERYDAY_NAMES}
    assert found == EVERYDAY_NAMES


def test_welsh_names_of_welsh_areas_resolve(uk_places):
    found = {typed: getattr(resolve(typed).place, "gss_code", None) for typed in WELSH_NAMES}
    assert found == WELSH_NAMES


def test_a_name_two_councils_share_is_asked_about(uk_places):
    result = resolve("Newcastle")
    assert result.place is None
    assert codes(result.choices) == {"E08000021", "E07000195"}  # upon Tyne, under Lyme


def test_londonderry_is_offered_derry_city_and_strabane(uk_places):
    result = resolve("Londonderry")
    assert result.place is None
    assert "N09000005" in codes(result.suggestions)


@pytest.mark.parametrize(
    "typed, meant",
    [("Sheffeild", "E08000039"), ("Manchster", "E08000003"), ("Birmingam", "E08000025")],
)
def test_small_misspellings_are_offered_as_did_you_mean(uk_places, typed, meant):
    result = resolve(typed)
    assert result.place is None
    assert result.suggestions[0].gss_code == meant


def test_nothing_like_a_place_offers_nothing_and_does_not_fail(uk_places):
    result = resolve("Qxzqxz")
    assert (result.place, result.choices, result.suggestions) == (None, [], [])


def test_former_codes_still_resolve_to_the_council(uk_places):
    assert resolve("E08000016").place.name == "Barnsley"
    assert resolve("E08000016").place.gss_code == "E08000038"
    assert resolve("e08000019").place.gss_code == "E08000039"  # Sheffield
    assert resolve("S12000046").place.gss_code == "S12000049"  # Glasgow's code before 2018


def test_codes_slugs_and_postcodes_resolve(uk_places):
    assert resolve("E47000014").place.official_name == "North East Combined Authority"
    assert resolve("glasgow-city").place.gss_code == "S12000049"
    result = resolve("b11bb")
    assert result.place.gss_code == "E08000025"
    assert result.postcode == "B1 1BB"


def test_an_unknown_postcode_says_why():
    result = resolve("B99 9ZZ")
    assert result.place is None
    assert "ONS Postcode Directory" in result.problem


def test_a_current_body_is_preferred_to_the_former_one_of_the_same_name():
    PlaceFactory(
        name="North East",
        official_name="North East Combined Authority",
        gss_code="E47000010",
        kind=PlaceKind.COMBINED_AUTHORITY,
        end_date="2024-05-07",
    )
    current = PlaceFactory(
        name="North East",
        official_name="North East Combined Authority",
        gss_code="E47000014",
        kind=PlaceKind.COMBINED_AUTHORITY,
    )
    assert resolve("North East Combined Authority").place == current


def test_other_names_are_compared_without_case_accents_or_punctuation():
    assert name_key("  Ynys Môn ") == "ynys mon"
    assert name_key("St. Helens") == name_key("st helens")
    assert name_key("Brighton & Hove") == "brighton and hove"
    assert core_key("Hull City Council") == "hull"
    assert core_key("City of Edinburgh") == "edinburgh"
    place = PlaceFactory(name="Swansea", gss_code="W06000011")
    PlaceName.objects.create(place=place, name="Abertawe", kind=PlaceNameKind.WELSH)
    assert PlaceName.objects.get().key == "abertawe"
    assert resolve("ABERTAWE").place == place
    assert Place.objects.count() == 1


def test_a_place_page_shows_its_welsh_name_and_a_former_body_its_end(client):
    cardiff = PlaceFactory(name="Cardiff", slug="cardiff", gss_code="W06000015")
    PlaceName.objects.create(place=cardiff, name="Caerdydd", kind=PlaceNameKind.WELSH)
    assert '<dd lang="cy">Caerdydd</dd>' in client.get("/places/cardiff/").content.decode()
    PlaceFactory(
        name="North of Tyne",
        slug="north-of-tyne-combined-authority-2018-2024",
        official_name="North of Tyne Combined Authority",
        kind=PlaceKind.COMBINED_AUTHORITY,
        end_date="2024-05-07",
    )
    page = client.get("/places/north-of-tyne-combined-authority-2018-2024/").content.decode()
    assert "North of Tyne Combined Authority (former)" in page
    assert '<time datetime="2024-05-07">7 May 2024</time>. A former body' in page

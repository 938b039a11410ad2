"""Postcode lookup from the ONS Postcode Directory, one file read per lookup."""

import time

import pytest

from partnerships import postcodes
from partnerships.models import PlaceKind
from tests.factories import PlaceFactory


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("B1 1BB", "B1 1BB"),
        ("b11bb", "B1 1BB"),
        ("  b1   1bb ", "B1 1BB"),
        ("sw1a1aa", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("ec1a 1bb", "EC1A 1BB"),
    ],
)
def test_normalise_spacing_and_case(typed, expected):
    assert postcodes.normalise(typed) == expected


@pytest.mark.parametrize(
    "typed", ["", "B1", "12345", "BBB 1BB", "B1 1B", "B1\x001BB", "x" * 999, "'; DROP", "%"]
)
def test_text_not_shaped_like_a_postcode_is_refused(typed):
    with pytest.raises(postcodes.InvalidPostcode):
        postcodes.normalise(typed)


def test_lookup_finds_the_local_authority_district():
    assert postcodes.lookup("b1 1bb") == postcodes.PostcodeDistrict("B1 1BB", "E08000025")
    assert postcodes.lookup("SW1A1AA").district_code == "E09000033"  # Westminster
    assert postcodes.lookup("EH1 1YZ").district_code == "S12000036"  # City of Edinburgh


def test_lookup_of_an_unknown_postcode_is_none():
    assert postcodes.lookup("B99 9ZZ") is None
    assert postcodes.lookup("QQ1 1QQ") is None  # no file for the letter Q


def test_lookup_reads_one_file_and_caches_the_answer():
    postcodes.lookup("LS1 1UR")
    started = time.perf_counter()
    assert postcodes.lookup("ls11ur") is not None
    assert time.perf_counter() - started < 0.01


@pytest.mark.django_db
def test_postcode_page_names_the_local_authority(client):
    PlaceFactory(name="Birmingham", slug="birmingham", gss_code="E08000025")
    response = client.get("/postcode/", {"postcode": "b1 1bb"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "B1 1BB is in Birmingham" in content
    assert "ONS Postcode Directory" in content
    assert "Open Government Licence" in content


@pytest.mark.django_db
def test_postcode_page_says_plainly_when_a_postcode_is_not_found(client):
    response = client.get("/postcode/", {"postcode": "B99 9ZZ"})
    assert response.status_code == 404
    assert b"We could not find the postcode B99 9ZZ" in response.content
    response = client.get("/postcode/", {"postcode": "not a postcode\x00"})
    assert response.status_code == 400
    assert b"not shaped like a UK postcode" in response.content


@pytest.mark.django_db
def test_postcode_in_an_area_the_hub_does_not_list(client):
    response = client.get("/postcode/", {"postcode": "B1 1BB"})
    assert response.status_code == 200
    assert b"E08000025" in response.content


@pytest.mark.django_db
def test_postcode_page_lists_the_areas_covering_the_council(client):
    region = PlaceFactory(name="West Midlands", kind=PlaceKind.REGION)
    PlaceFactory(name="Birmingham", gss_code="E08000025", parents=[region])
    assert b"West Midlands" in client.get("/postcode/", {"postcode": "B1 1BB"}).content

"""Per-client limits on the costly public requests: CSV downloads, postcodes, place suggestions."""

import pytest
from django.urls import reverse

from reviews.views.finder import EXPORTS, PLACE_SUGGESTIONS, POSTCODE_LOOKUPS
from tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

ME = {"REMOTE_ADDR": "192.0.2.1"}
SOMEONE_ELSE = {"REMOTE_ADDR": "192.0.2.2"}


def ask(client, url, limit, vary, **extra):
    """`limit` distinct requests (so none is a page-cache hit), then one more."""
    for n in range(limit):
        response = client.get(url, {vary: f"{vary}{n}"}, **extra)
        assert response.status_code != 429, n
    return client.get(url, {vary: "one more"}, **extra)


def test_csv_downloads_are_limited_per_client(client):
    url = reverse("intervention-export")
    response = ask(client, url, EXPORTS.limit, "q", **ME)
    assert response.status_code == 429
    assert int(response["Retry-After"]) == EXPORTS.window
    assert client.get(url, {"q": "one more"}, **SOMEONE_ELSE).status_code == 200


def test_a_download_already_made_for_the_same_filters_is_served_from_the_cache(client):
    url = reverse("intervention-export")
    ask(client, url, EXPORTS.limit, "q", **ME)
    assert client.get(url, {"q": "q0"}, **ME).status_code == 200


def test_postcode_lookups_are_limited_per_client(client):
    PlaceFactory(name="Birmingham", gss_code="E08000025")
    url = reverse("postcode-lookup")
    for n in range(POSTCODE_LOOKUPS.limit):
        client.get(url, {"postcode": "B1 1BB" + " " * n}, **ME)
    response = client.get(url, {"postcode": "SW1A 1AA"}, **ME)
    assert response.status_code == 429
    assert "Wait a minute" in response.content.decode()
    assert client.get(url, {"postcode": "SW1A 1AA"}, **SOMEONE_ELSE).status_code in (200, 404)


def test_place_suggestions_are_limited_per_client(client):
    url = reverse("place-suggestions")
    response = ask(client, url, PLACE_SUGGESTIONS.limit, "q", **ME)
    assert response.status_code == 429
    assert response.json()["places"] == []
    assert client.get(url, {"q": "one more"}, **SOMEONE_ELSE).status_code == 200

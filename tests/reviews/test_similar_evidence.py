"""What was tried in places like this: the place page's panel, and the finder's like= filter."""

import csv
import html
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.hierarchy import forget_place_hierarchy, place_hierarchy
from partnerships.models import Place, PlaceKind
from partnerships.similar_places import DATA_DIR, other_codes
from reviews.models import EvidenceStrength, Intervention
from tests.factories import (
    InterventionFactory,
    OutcomeFactory,
    PlaceFactory,
    PlaceNeighbourFactory,
)

pytestmark = pytest.mark.django_db


def ons_neighbours(model_file: str, code: str) -> list[str]:
    """The neighbours' codes as the Hub holds them (some councils under a former code)."""
    with open(DATA_DIR / model_file, newline="", encoding="utf-8-sig") as handle:
        row = next(r for r in csv.reader(handle) if r[0] == code)
    held = set(Place.objects.values_list("gss_code", flat=True))
    return [next(c for c in other_codes(code) if c in held) for code in row[1:] if code]


def test_wrexham_lists_its_neighbours_and_what_was_tried_in_them(client):
    call_command("load_reference_data", stdout=io.StringIO())
    codes = ons_neighbours("global-neighbours.csv", "W06000006")
    first, second, third = (Place.objects.get(gss_code=code) for code in codes[:3])
    ward = PlaceFactory(name="A ward", kind=PlaceKind.NEIGHBOURHOOD, parents=[second])
    strong = InterventionFactory(name="Strong scheme", places=[third])
    OutcomeFactory(intervention=strong, evidence_strength=EvidenceStrength.LEVEL_4)
    InterventionFactory(name="Untested scheme", places=[first])
    InterventionFactory(name="Ward scheme", places=[ward])
    InterventionFactory(name="Draft scheme", draft=True, places=[first])
    InterventionFactory(name="Wrexham's own", places=[Place.objects.get(gss_code="W06000006")])
    forget_place_hierarchy()

    page = client.get("/places/wrexham/").content.decode()
    section = page[page.index('id="similar-places"') :]
    section = section[: section.index("</section>")]
    names = [Place.objects.get(gss_code=code).display_name for code in codes]
    positions = [section.index(f">{html.escape(name)}</a>") for name in names]
    assert positions == sorted(positions)  # nearest first, as the ONS lists them
    assert "Tried in places like this" in section and "overall model" in section
    assert section.index("Strong scheme") < section.index("Untested scheme")
    assert "Ward scheme" in section
    assert "Draft scheme" not in section and "Wrexham&#x27;s own" not in section

    # The finder's like= gives exactly the published interventions in those places.
    in_neighbours = set()
    hierarchy = place_hierarchy()
    for code in codes:
        in_neighbours |= hierarchy.descendants_and_self(Place.objects.get(gss_code=code).pk)
    expected = set(
        Intervention.objects.published()
        .filter(places__in=in_neighbours)
        .values_list("slug", flat=True)
    )
    response = client.get(reverse("api:intervention-list"), {"like": "W06000006"})
    assert {item["slug"] for item in response.json()["results"]} == expected
    assert len(expected) == 3
    finder = client.get(reverse("intervention-list"), {"like": "W06000006"})
    assert {item.slug for item, _ in finder.context["results"]} == expected
    # Its map lights only the neighbours, each with what was tried in it.
    lit = {
        council.url.rsplit("place=", 1)[1]: council.count
        for council in finder.context["evidence_map"].councils
        if council.count
    }
    assert lit == {
        code: Intervention.objects.published()
        .filter(places__in=hierarchy.descendants_and_self(Place.objects.get(gss_code=code).pk))
        .count()
        for code in codes[:3]
    }

    economic = client.get("/places/wrexham/?model=economic").content.decode()
    economic_first = Place.objects.get(
        gss_code=ons_neighbours("economic-neighbours.csv", "W06000006")[0]
    )
    assert "<strong>economic</strong> model" in economic
    assert f">{economic_first.display_name}</a>" in economic
    scilly = client.get("/places/isles-of-scilly/").content.decode()
    assert "does not place Isles of Scilly in a group" in scilly


@pytest.fixture
def neighbours():
    home = PlaceFactory(name="Home")
    alike = [PlaceFactory(name=f"Alike {n}") for n in range(3)]
    for rank, place in enumerate(alike, start=1):
        PlaceNeighbourFactory(place=home, neighbour=place, rank=rank)
    economic = PlaceFactory(name="Economically alike")
    PlaceNeighbourFactory(place=home, neighbour=economic, model="economic", rank=1)
    return home, alike, economic


def test_finder_like_takes_the_model_and_rejects_unknown_places(client, neighbours):
    home, alike, economic = neighbours
    InterventionFactory(name="Overall match", places=[alike[0]])
    InterventionFactory(name="Economic match", places=[economic])
    InterventionFactory(name="Elsewhere", places=[PlaceFactory()])

    def names(**query):
        response = client.get(reverse("intervention-list"), query)
        results = response.context.get("results") or []
        return response, [item.name for item, _ in results]

    assert names(like=home.slug)[1] == ["Overall match"]
    assert names(like=home.gss_code, model="economic")[1] == ["Economic match"]
    response, _ = names(like="Nowhere at all")
    assert response.status_code == 400
    assert "could not find a place" in response.content.decode()
    assert client.get(reverse("intervention-list"), {"model": "sideways"}).status_code == 400


def test_unknown_model_on_a_place_page_falls_back_to_overall(client, neighbours):
    home, alike, _ = neighbours
    page = client.get(home.get_absolute_url(), {"model": "sideways"}).content.decode()
    assert "<strong>overall</strong> model" in page and alike[0].name in page


def test_regions_have_no_similar_places_panel(client):
    region = PlaceFactory(name="A region", kind=PlaceKind.REGION)
    assert 'id="similar-places"' not in client.get(region.get_absolute_url()).content.decode()


def test_place_page_queries_do_not_grow_with_neighbours_and_evidence(client):
    def queries_for(size: int) -> int:
        home = PlaceFactory()
        for rank in range(1, size + 1):
            place = PlaceFactory()
            PlaceNeighbourFactory(place=home, neighbour=place, rank=rank)
            OutcomeFactory(intervention=InterventionFactory(places=[place, PlaceFactory()]))
        client.get(home.get_absolute_url())  # warm the place hierarchy cache
        with CaptureQueriesContext(connection) as captured:
            page = client.get(home.get_absolute_url(), {"model": "overall"}).content.decode()
        assert f'Tried in places like this <span class="meta">({size})' in page
        assert len(captured) > 3  # rendered, not served from the page cache
        return len(captured)

    assert queries_for(2) == queries_for(12)

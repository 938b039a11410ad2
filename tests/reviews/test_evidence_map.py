"""The UK evidence map: every council as a hexagon, with counts the page and a test agree on."""

import html
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from partnerships.hierarchy import forget_place_hierarchy
from partnerships.models import Place, PlaceKind
from reviews.models import EvidenceStrength, Intervention, OutcomeType, Theme
from tests.factories import (
    InterventionFactory,
    InterventionKindFactory,
    OutcomeFactory,
    PlaceFactory,
)

pytestmark = pytest.mark.django_db
HEX_LINK = re.compile(r'<a href="([^"]+)" aria-label="([^"]+)"><use ')


def hexagons(response) -> dict[str, str]:
    """Each linked hexagon's place address and accessible name."""
    assert response.status_code == 200
    page = response.content.decode()
    svg = page[page.index("<svg viewBox") : page.index("</svg>")]
    return {url: html.unescape(name) for url, name in HEX_LINK.findall(svg)}


def test_map_links_every_council_with_the_counts_a_test_recomputes(client):
    call_command("load_reference_data", stdout=io.StringIO())
    Intervention.objects.all().delete()  # the starter content: this test counts its own
    wrexham = Place.objects.get(gss_code="W06000006")
    leeds = Place.objects.get(gss_code="E08000035")
    ward = PlaceFactory(name="Hightown", kind=PlaceKind.NEIGHBOURHOOD, parents=[wrexham])
    theme = Theme.objects.order_by("order").first()  # a real theme, loaded above
    strong = InterventionFactory(places=[wrexham], themes=[theme])
    OutcomeFactory(intervention=strong, evidence_strength=EvidenceStrength.LEVEL_3)
    OutcomeFactory(
        intervention=InterventionFactory(places=[ward, leeds]),
        evidence_strength=EvidenceStrength.LEVEL_2,
        outcome_type=OutcomeType.SKILLS,
    )
    InterventionFactory(places=[wrexham])
    InterventionFactory(draft=True, places=[wrexham, leeds])
    InterventionFactory(places=[Place.objects.get(gss_code="W92000004")])  # all of Wales
    forget_place_hierarchy()

    drawn = hexagons(client.get(reverse("evidence-map")))
    councils = Place.objects.filter(kind=PlaceKind.LOCAL_AUTHORITY)
    assert len(drawn) == councils.count() == 361
    for council in councils:
        count = (
            Intervention.objects.published()
            .filter(places__in=Place.objects.within(council))
            .distinct()
            .count()
        )
        label = drawn[council.get_absolute_url()]
        assert label.startswith(f"{council.display_name}: "), label
        assert (
            (f": {count} intervention" in label)
            if count
            else label.endswith("no interventions yet")
        )
    assert drawn[wrexham.get_absolute_url()] == "Wrexham: 3 interventions, strongest level 3"
    assert drawn[leeds.get_absolute_url()] == "Leeds: 1 intervention, strongest level 2"

    themed = hexagons(client.get(reverse("evidence-map"), {"theme": theme.slug}))
    assert themed[wrexham.get_absolute_url()] == "Wrexham: 1 intervention, strongest level 3"
    assert themed[leeds.get_absolute_url()] == "Leeds: no interventions yet"
    by_outcome = hexagons(client.get(reverse("evidence-map"), {"outcome_type": "skills"}))
    assert by_outcome[wrexham.get_absolute_url()] == "Wrexham: 1 intervention, strongest level 2"


def test_map_shades_by_strongest_evidence_on_request_with_a_legend_in_words(client):
    wrexham = PlaceFactory(name="Wrexham", slug="wrexham", gss_code="W06000006")
    OutcomeFactory(
        intervention=InterventionFactory(places=[wrexham]),
        evidence_strength=EvidenceStrength.LEVEL_4,
    )
    page = client.get(reverse("evidence-map"), {"shade": "evidence"}).content.decode()
    assert "Level 4 or 5" in page and "Not yet evaluated" in page
    assert re.search(
        r'aria-label="Wrexham: 1 intervention, strongest level 4"><use [^>]*class="m4"', page
    )
    table = page[page.index('id="map-table"') :]
    assert re.search(r"Wrexham</a></th><td>1</td><td>Level 4</td>", table)
    counted = client.get(reverse("evidence-map")).content.decode()
    assert "1 intervention" in counted and re.search(
        r'strongest level 4"><use [^>]*class="m1"', counted
    )


def test_map_refuses_unknown_filters_with_a_message(client):
    response = client.get(reverse("evidence-map"), {"theme": "no-such-theme"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_home_page_shows_a_compact_map_linking_to_the_full_one(client):
    PlaceFactory(name="Wrexham", slug="wrexham", gss_code="W06000006")
    page = client.get("/").content.decode()
    svg = page[page.index("<svg viewBox") : page.index("</svg>")]
    assert 'role="img"' in svg and "<a " not in svg  # one picture, not 361 tab stops
    assert f'href="{reverse("evidence-map")}"' in page


@pytest.mark.parametrize("size", [2, 20])
def test_map_queries_do_not_grow(client, django_assert_max_num_queries, size):
    codes = ["W06000006", "E08000035", "S12000049", "N09000003"]
    places = [PlaceFactory(gss_code=code) for code in codes]
    for n in range(size):
        OutcomeFactory(intervention=InterventionFactory(places=[places[n % 4], PlaceFactory()]))
    client.get(reverse("evidence-map") + "?warm=1")
    with django_assert_max_num_queries(9):  # the same at every size
        drawn = hexagons(client.get(reverse("evidence-map")))
    assert len(drawn) == 4


def test_map_filters_by_kind_of_intervention(client):
    wrexham = PlaceFactory(name="Wrexham", slug="wrexham", gss_code="W06000006")
    kind = InterventionKindFactory(name="Skills bootcamps", slug="skills-bootcamps")
    InterventionFactory(places=[wrexham], kinds=[kind])
    InterventionFactory(places=[wrexham])
    page = client.get(reverse("evidence-map"), {"kind": kind.slug})
    assert hexagons(page)[wrexham.get_absolute_url()] == (
        "Wrexham: 1 intervention, not yet evaluated"
    )
    text = page.content.decode()
    assert '<option value="skills-bootcamps" selected>Skills bootcamps</option>' in text
    assert 'href="/interventions/?kind=skills-bootcamps"' in text
    assert client.get(reverse("evidence-map"), {"kind": "no-such-kind"}).status_code == 400


def test_map_keeps_the_finders_other_filters_and_names_them(client):
    wrexham = PlaceFactory(name="Wrexham", slug="wrexham", gss_code="W06000006")
    InterventionFactory(places=[wrexham], name="Wrexham skills")
    InterventionFactory(places=[PlaceFactory(name="Leeds", gss_code="E08000035")])
    page = client.get(reverse("evidence-map"), {"place": "W06000006", "shade": "evidence"})
    assert len([label for label in hexagons(page).values() if "no interventions" not in label]) == 1
    text = page.content.decode()
    assert "Also narrowed by your search in the finder: place Wrexham." in text
    assert '<input type="hidden" name="place" value="W06000006">' in text

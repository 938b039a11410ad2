"""The finder's map: every council, shaded by the interventions matching the search."""

import html
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.http import QueryDict

from partnerships.models import Place, PlaceKind
from reviews.evidence_map import council_codes, council_counts
from reviews.filters import InterventionFilter
from reviews.models import EvidenceStrength, Intervention, OutcomeType, Theme
from tests.factories import InterventionFactory, OutcomeFactory, PlaceFactory

pytestmark = pytest.mark.django_db
FINDER = "/interventions/"
HEX_LINK = re.compile(r'<a href="([^"]+)" aria-label="([^"]+)"><use ')


def finder_hexagons(response) -> dict[str, tuple[str, dict]]:
    """{accessible name's council: (accessible name, the link's query)} for the finder's map."""
    assert response.status_code == 200
    page = response.content.decode()
    section = page[page.index('class="finder__map"') :]
    svg = section[section.index("<svg viewBox") : section.index("</svg>")]
    drawn = {}
    for url, label in HEX_LINK.findall(svg):
        label = html.unescape(label)
        drawn[label.split(": ")[0]] = (label, parse_qs(urlsplit(html.unescape(url)).query))
    return drawn


@pytest.fixture
def loaded():
    call_command("load_reference_data", stdout=io.StringIO())
    Intervention.objects.all().delete()  # the starter content: these tests count their own
    cache.clear()
    return {
        "wrexham": Place.objects.get(gss_code="W06000006"),
        "leeds": Place.objects.get(gss_code="E08000035"),
        "theme": Theme.objects.order_by("order").first(),
    }


def test_finder_map_draws_every_council_with_the_counts_a_test_recomputes(client, loaded):
    wrexham, leeds, theme = loaded["wrexham"], loaded["leeds"], loaded["theme"]
    ward = PlaceFactory(name="Hightown", kind=PlaceKind.NEIGHBOURHOOD, parents=[wrexham])
    strong = InterventionFactory(places=[wrexham], themes=[theme])
    OutcomeFactory(intervention=strong, evidence_strength=EvidenceStrength.LEVEL_3)
    OutcomeFactory(
        intervention=InterventionFactory(places=[ward, leeds], themes=[theme]),
        evidence_strength=EvidenceStrength.LEVEL_2,
        outcome_type=OutcomeType.SKILLS,
    )
    InterventionFactory(places=[wrexham])
    InterventionFactory(draft=True, places=[wrexham, leeds], themes=[theme])

    for query in ({}, {"theme": theme.slug}, {"outcome_type": "skills"}):
        drawn = finder_hexagons(client.get(FINDER, query))
        councils = Place.objects.filter(kind=PlaceKind.LOCAL_AUTHORITY)
        assert len(drawn) == councils.count() == 361
        matching = Intervention.objects.published()
        if "theme" in query:
            matching = matching.filter(themes=theme)
        if "outcome_type" in query:
            matching = matching.filter(outcomes__outcome_type=query["outcome_type"])
        for council in councils:
            count = matching.filter(places__in=Place.objects.within(council)).distinct().count()
            name = next(n for n in drawn if drawn[n][1]["place"] == [council.gss_code])
            label = drawn[name][0]
            assert (f": {count} intervention" in label) if count else "no interventions" in label
    assert finder_hexagons(client.get(FINDER))["Wrexham"][0] == (
        "Wrexham: 3 interventions, strongest level 3"
    )
    themed = finder_hexagons(client.get(FINDER, {"theme": theme.slug}))
    assert themed["Wrexham"][0] == "Wrexham: 2 interventions, strongest level 3"
    assert themed["Leeds"][0] == "Leeds: 1 intervention, strongest level 2"


def test_each_hexagon_narrows_the_same_search_to_its_council(client, loaded):
    wrexham, theme = loaded["wrexham"], loaded["theme"]
    InterventionFactory(name="Wrexham skills", places=[wrexham], themes=[theme])
    InterventionFactory(name="Wrexham housing", places=[wrexham])
    drawn = finder_hexagons(client.get(FINDER, {"theme": theme.slug, "page": "1"}))
    label, query = drawn["Wrexham"]
    assert label == "Wrexham: 1 intervention, not yet evaluated"
    assert query == {"theme": [theme.slug], "place": ["W06000006"]}
    followed = client.get(FINDER, {"theme": theme.slug, "place": "W06000006"})
    assert [item.name for item, _ in followed.context["results"]] == ["Wrexham skills"]


def test_finder_map_offers_the_same_figures_as_a_table(client, loaded):
    page = client.get(FINDER, {"theme": loaded["theme"].slug, "sort": "name"}).content.decode()
    section = page[page.index('class="finder__map"') :]
    assert 'href="#finder-map-table"' in section
    assert f'href="/map/?theme={loaded["theme"].slug}&amp;sort=name"' in section


@pytest.mark.parametrize("size", [2, 20])
def test_council_counts_come_with_the_facet_counts_whatever_the_evidence(
    django_assert_num_queries, size
):
    codes = ["W06000006", "E08000035", "S12000049", "N09000003"]
    councils = [PlaceFactory(gss_code=code) for code in codes]
    theme = Theme.objects.create(name="Skills", slug="skills", order=1)
    for n in range(size):
        OutcomeFactory(
            intervention=InterventionFactory(places=[councils[n % 4]], themes=[theme]),
            evidence_strength=EvidenceStrength.LEVEL_2,
        )
    for query in ("", "theme=skills&place=W06000006&q=skills"):
        filterset = InterventionFilter(QueryDict(query), queryset=Intervention.objects.all())
        assert filterset.is_valid()
        filterset.qs.count()  # the finder's results first: the search decides on near misses
        filterset.term_counts()  # as the page reads them, with the facets
        council_codes()  # cached once per content version
        with django_assert_num_queries(0):
            counts = council_counts(filterset)
        if not query:
            assert counts["W06000006"] == ((size + 3) // 4, 2)
        assert set(counts) == set(codes)

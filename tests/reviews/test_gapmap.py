"""The evidence gap map at /gap-map/: themes by outcome types, counted in bounded queries."""

import csv
import io

import pytest

from partnerships.models import PlaceKind
from reviews.models import EvidenceStrength, OutcomeType, Scale
from tests.factories import (
    InterventionFactory,
    InterventionKindFactory,
    OutcomeFactory,
    PlaceFactory,
    ThemeFactory,
    west_midlands,
)

pytestmark = pytest.mark.django_db


def cell(response, theme_slug, outcome_type):
    for theme, cells in response.context["gap_map"].rows:
        if theme.slug == theme_slug:
            return next(c for c in cells if c.outcome_type == outcome_type)
    raise AssertionError(theme_slug)


def test_cells_count_published_interventions_and_strongest_evidence(client):
    skills = ThemeFactory(slug="skills")
    for strength in (EvidenceStrength.LEVEL_2, EvidenceStrength.LEVEL_4):
        item = InterventionFactory(themes=[skills])
        OutcomeFactory(
            intervention=item, outcome_type=OutcomeType.EMPLOYMENT, evidence_strength=strength
        )
        OutcomeFactory(
            intervention=item,
            outcome_type=OutcomeType.EMPLOYMENT,
            evidence_strength=EvidenceStrength.LEVEL_1,
        )
    hidden = InterventionFactory(themes=[skills], draft=True)
    OutcomeFactory(
        intervention=hidden,
        outcome_type=OutcomeType.EMPLOYMENT,
        evidence_strength=EvidenceStrength.LEVEL_5,
    )
    response = client.get("/gap-map/")
    assert response.status_code == 200
    employment = cell(response, "skills", "employment")
    assert (employment.count, employment.strongest) == (2, 4)
    assert cell(response, "skills", "health").count == 0
    assert "theme=skills" in employment.finder_url
    assert "outcome_type=employment" in employment.finder_url
    content = response.content.decode()
    assert "Strongest: level 4" in content
    assert '<th scope="col">Employment</th>' in content
    assert "<caption" in content


def test_gap_map_filters_by_place_and_scale(client):
    region = PlaceFactory(gss_code="E12000005", kind=PlaceKind.REGION)
    town = PlaceFactory(parents=[region])
    theme = ThemeFactory(slug="t")
    inside = InterventionFactory(themes=[theme], places=[town], scale=Scale.LOCAL)
    OutcomeFactory(intervention=inside, outcome_type=OutcomeType.SKILLS)
    outside = InterventionFactory(themes=[theme], scale=Scale.REGIONAL)
    OutcomeFactory(intervention=outside, outcome_type=OutcomeType.SKILLS)
    assert cell(client.get("/gap-map/"), "t", "skills").count == 2
    response = client.get("/gap-map/", {"place": "E12000005"})
    assert cell(response, "t", "skills").count == 1
    assert "place=E12000005" in cell(response, "t", "skills").finder_url
    assert cell(client.get("/gap-map/", {"scale": "regional"}), "t", "skills").count == 1


def test_gap_map_bad_filters_are_a_form_error(client):
    for params in ({"place": "nowhere"}, {"scale": "cosmic"}, {"place": "\x00"}):
        response = client.get("/gap-map/", params)
        assert response.status_code == 400
        assert b"There is a problem" in response.content
        assert client.get("/gap-map/export.csv", params).status_code == 400


def test_gap_map_csv(client):
    theme = ThemeFactory(name="Skills", slug="skills")
    OutcomeFactory(
        intervention=InterventionFactory(themes=[theme]),
        outcome_type=OutcomeType.EARNINGS,
        evidence_strength=EvidenceStrength.LEVEL_3,
    )
    response = client.get("/gap-map/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == len(OutcomeType.choices)
    earnings = next(row for row in rows if row["outcome type"] == "Earnings and income")
    assert earnings["interventions"] == "1"
    assert earnings["strongest evidence level"] == "3"


@pytest.mark.parametrize("count", [1, 50])
def test_gap_map_query_count_does_not_grow(client, django_assert_max_num_queries, count):
    themes = ThemeFactory.create_batch(3)
    for n in range(count):
        OutcomeFactory(intervention=InterventionFactory(themes=[themes[n % 3]]))
    with django_assert_max_num_queries(4):
        assert client.get("/gap-map/").status_code == 200


def test_visual_map_draws_circles_whose_area_shows_the_count(client):
    theme = ThemeFactory(slug="skills", name="Skills")
    for _ in range(4):
        OutcomeFactory(
            intervention=InterventionFactory(themes=[theme]),
            outcome_type=OutcomeType.EMPLOYMENT,
            evidence_strength=EvidenceStrength.LEVEL_4,
        )
    OutcomeFactory(
        intervention=InterventionFactory(themes=[theme]),
        outcome_type=OutcomeType.SKILLS,
        evidence_strength=EvidenceStrength.NOT_EVALUATED,
    )
    response = client.get("/gap-map/")
    employment = cell(response, "skills", "employment")
    skills = cell(response, "skills", "skills")
    # Area is proportional to the count: four times the count, twice the radius.
    assert employment.radius == pytest.approx(2 * skills.radius)
    assert (employment.band, skills.band) == ("high", "none")
    content = response.content.decode()
    assert 'class="gapmap-dot gapmap-dot--high"' in content
    assert "strongest evidence: Level 4 or 5: a natural experiment or a randomised trial" in content
    assert "Key to the map" in content


def test_gap_map_rows_can_be_kinds_of_intervention(client):
    kind = InterventionKindFactory(slug="transport", name="Transport")
    OutcomeFactory(intervention=InterventionFactory(kinds=[kind]))
    response = client.get("/gap-map/", {"rows": "kinds"})
    assert response.status_code == 200
    transport = cell(response, "transport", "employment")
    assert transport.count == 1
    assert "kind=transport" in transport.finder_url


def test_gap_map_filters_by_nation_and_minimum_evidence(client):
    places = west_midlands()
    theme = ThemeFactory(slug="t")
    strong = InterventionFactory(themes=[theme], places=[places["birmingham"]])
    OutcomeFactory(intervention=strong, evidence_strength=EvidenceStrength.LEVEL_3)
    weak = InterventionFactory(themes=[theme], places=[PlaceFactory()])
    OutcomeFactory(intervention=weak, evidence_strength=EvidenceStrength.LEVEL_1)
    assert cell(client.get("/gap-map/", {"nation": "england"}), "t", "employment").count == 1
    response = client.get("/gap-map/", {"min_evidence": "3"})
    employment = cell(response, "t", "employment")
    assert employment.count == 1
    assert "min_evidence=3" in employment.finder_url
    assert client.get("/gap-map/", {"min_evidence": "9"}).status_code == 400


def test_gap_map_counts_agree_with_the_loaded_evidence(client):
    """Recount each cell of the loaded evidence straight from the database."""
    from django.core.management import call_command

    from reviews.models import Intervention

    call_command("load_reference_data", verbosity=0)
    response = client.get("/gap-map/", {"rows": "kinds"})
    cells = list(response.context["gap_map"].cells())
    assert sum(c.count for c in cells) > 0
    for c in cells:
        expected = (
            Intervention.objects.published()
            .filter(kinds=c.theme, outcomes__outcome_type=c.outcome_type)
            .distinct()
            .count()
        )
        assert c.count == expected, (c.theme.name, c.outcome_type)

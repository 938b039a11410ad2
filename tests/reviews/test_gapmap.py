"""The evidence gap map at /gap-map/: themes by outcome types, counted in bounded queries."""

import csv
import io

import pytest

from partnerships.models import PlaceKind
from reviews.models import EvidenceStrength, OutcomeType, Scale
from tests.factories import InterventionFactory, OutcomeFactory, PlaceFactory, ThemeFactory

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

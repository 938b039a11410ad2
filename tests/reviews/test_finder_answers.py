"""The finder answers first: places as people name them, the matched outcome on each card, and
"in and around" counted the same way as on the place page."""

import re

import pytest

from partnerships.models import PlaceKind, PlaceName, PlaceNameKind
from reviews.models import Direction, EvidenceStrength, OutcomeType
from tests.factories import (
    InterventionFactory,
    OutcomeFactory,
    PlaceFactory,
    ThemeFactory,
    west_midlands,
)

pytestmark = pytest.mark.django_db
FINDER = "/interventions/"


def names(response) -> list[str]:
    return [item.name for item, _strength in response.context["results"]]


@pytest.fixture
def glasgow():
    place = PlaceFactory(name="Glasgow City", slug="glasgow-city", gss_code="S12000049")
    PlaceName.objects.create(place=place, name="glasgow", kind=PlaceNameKind.EVERYDAY)
    return place


@pytest.fixture
def two_newcastles():
    return [
        PlaceFactory(name="Newcastle upon Tyne", gss_code="E08000021"),
        PlaceFactory(name="Newcastle-under-Lyme", gss_code="E07000195"),
    ]


def test_an_everyday_name_is_used_and_the_page_says_which_place(client, glasgow):
    InterventionFactory(name="Clyde skills", places=[glasgow])
    response = client.get(FINDER, {"place": "Glasgow"})
    assert response.status_code == 200
    assert names(response) == ["Clyde skills"]
    assert "Showing Glasgow City." in response.content.decode()


def test_a_name_that_fits_two_places_asks_with_links_and_keeps_the_other_filters(
    client, two_newcastles
):
    theme = ThemeFactory(slug="skills")
    InterventionFactory(name="Skills anywhere", themes=[theme])
    InterventionFactory(name="Other theme")
    response = client.get(FINDER, {"place": "Newcastle", "theme": "skills"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "could mean more than one place" in content
    assert 'href="?place=E08000021&amp;theme=skills"' in content
    assert 'href="?place=E07000195&amp;theme=skills"' in content
    # The theme still narrows the results shown under the question.
    assert names(response) == ["Skills anywhere"]
    assert 'value="Newcastle"' in content
    assert "checked" in content  # the theme facet is still on the page


def test_an_unknown_place_offers_did_you_mean_links(client):
    PlaceFactory(name="Manchester", gss_code="E08000003")
    response = client.get(FINDER, {"place": "Manchster"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Did you mean" in content
    assert 'href="?place=E08000003"' in content
    assert response.context["page_obj"] is not None  # results are still shown


def test_cards_show_the_outcome_that_matched_the_filters(client):
    item = InterventionFactory(name="Mixed bag")
    OutcomeFactory(
        intervention=item,
        outcome_type=OutcomeType.COMMUNITY,
        direction=Direction.POSITIVE,
        evidence_strength=EvidenceStrength.LEVEL_5,
    )
    OutcomeFactory(
        intervention=item,
        outcome_type=OutcomeType.SKILLS,
        direction=Direction.NO_EFFECT,
        evidence_strength=EvidenceStrength.LEVEL_3,
    )
    content = client.get(FINDER, {"outcome_type": "skills"}).content.decode()
    card = content[content.index("Mixed bag") : content.index("</li>", content.index("Mixed bag"))]
    assert "Matching outcome" in card
    assert "Skills and qualifications: no effect found" in card
    assert "Level 3: compared with a matched control group" in card
    assert "Level 5" not in card and "Community" not in card


def test_results_come_before_the_filters_with_a_skip_link_and_the_credit_at_the_foot(client):
    InterventionFactory(name="First")
    content = client.get(FINDER).content.decode()
    assert '<a href="#results">Skip to results</a>' in content
    assert content.index('id="results"') < content.index("Filter interventions")
    assert content.index("Filter interventions") < content.index("ONS Postcode Directory")
    assert "finder-results.js" in content


def test_in_and_around_counts_agree_with_the_place_page(client):
    places = west_midlands()
    birmingham = places["birmingham"]
    ward = PlaceFactory(name="Ladywood", kind=PlaceKind.NEIGHBOURHOOD, parents=[birmingham])
    InterventionFactory(name="In Birmingham", places=[birmingham])
    InterventionFactory(name="In a ward", places=[ward])
    InterventionFactory(name="Regional", places=[places["region"]])
    InterventionFactory(name="Combined authority", places=[places["wmca"]])
    InterventionFactory(name="England", places=[places["england"]])
    InterventionFactory(name="Both", places=[birmingham, places["region"]])

    finder = client.get(FINDER, {"place": "Birmingham"})
    page = client.get(birmingham.get_absolute_url()).context["place_evidence"]
    assert sorted(names(finder)) == ["Both", "In Birmingham", "In a ward"]
    assert finder.context["page_obj"].paginator.count == page["interventions_within_count"] == 3
    assert finder.context["covering_count"] == page["interventions_covering_count"] == 3
    assert {i.name for i in finder.context["covering"]} == {
        "Regional",
        "Combined authority",
        "England",
    }
    content = finder.content.decode()
    assert re.search(r"3 interventions in Birmingham", content)
    assert re.search(r"3 interventions covering Birmingham", content)


def test_empty_fields_are_dropped_from_the_address(client):
    response = client.get(FINDER, {"q": "", "place": "", "theme": "", "sort": "name"})
    assert response.status_code == 302
    assert response["Location"] == "/interventions/?sort=name"
    assert client.get(FINDER, {"q": " ", "tag": ""})["Location"] == "/interventions/"


def test_the_theme_facet_lists_themes_in_their_order(client):
    ThemeFactory(name="Aardvark", slug="zzz", order=2)
    ThemeFactory(name="Zebra", slug="aaa", order=1)
    facets = client.get(FINDER).context["facets"]
    theme = next(facet for facet in facets if facet.name == "theme")
    assert [option.label for option in theme.options] == ["Zebra", "Aardvark"]


def test_one_result_is_spoken_of_in_the_singular(client):
    InterventionFactory(name="Only one")
    content = client.get(FINDER).content.decode()
    assert "Download this result (CSV)" in content
    assert "1 intervention\n" in content or "1 intervention<" in content


def test_postcodes_are_shown_tidied(client):
    PlaceFactory(name="Birmingham", gss_code="E08000025")
    response = client.get("/postcode/", {"postcode": "b11bb"})
    assert 'value="B1 1BB"' in response.content.decode()
    missing = client.get("/postcode/", {"postcode": "b999zz"})
    assert "the postcode B99 9ZZ in" in missing.content.decode()
    finder = client.get(FINDER, {"place": "b11bb"}).content.decode()
    assert "The postcode B1 1BB is in Birmingham." in finder

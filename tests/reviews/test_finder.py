"""The intervention finder at /interventions/: place search, facets, sorting, CSV, bad input."""

import csv
import io
from unittest import mock

import pytest
from django.db.utils import OperationalError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from reviews.filters import Facet
from reviews.models import Direction, EvidenceStrength, OutcomeType, Scale, Setting
from tests.factories import (
    InterventionFactory,
    OutcomeFactory,
    PartnershipFactory,
    PlaceFactory,
    PolicyFactory,
    ThemeFactory,
    west_midlands,
)

pytestmark = pytest.mark.django_db
FINDER = "/interventions/"


@pytest.fixture
def geography():
    """England > West Midlands region > Birmingham, and the WMCA > Birmingham too."""
    return {
        **west_midlands(),
        "leeds": PlaceFactory(name="Leeds", slug="leeds", gss_code="E08000035"),
    }


def names(response) -> list[str]:
    return [item.name for item, _strength in response.context["results"]]


def test_place_by_gss_code_finds_interventions_in_places_within_it(client, geography):
    InterventionFactory(name="Brum skills", places=[geography["birmingham"]])
    InterventionFactory(name="Leeds skills", places=[geography["leeds"]])
    response = client.get(FINDER, {"place": "E12000005"})
    assert response.status_code == 200
    assert names(response) == ["Brum skills"]


def test_place_code_is_case_insensitive_and_slug_works(client, geography):
    InterventionFactory(name="Brum skills", places=[geography["birmingham"]])
    assert names(client.get(FINDER, {"place": "e12000005"})) == ["Brum skills"]
    assert names(client.get(FINDER, {"place": "west-midlands"})) == ["Brum skills"]


def test_place_search_runs_through_every_geography(client, geography):
    """Birmingham has two parents: both the region and the combined authority contain it."""
    InterventionFactory(name="Brum skills", places=[geography["birmingham"]])
    for place in ("E92000001", "E12000005", "E47000007", "E08000025"):
        assert names(client.get(FINDER, {"place": place})) == ["Brum skills"], place


def test_place_search_does_not_include_the_places_that_cover_it(client, geography):
    InterventionFactory(name="Regional scheme", places=[geography["region"]])
    assert names(client.get(FINDER, {"place": "birmingham"})) == []
    assert names(client.get(FINDER, {"place": "west-midlands"})) == ["Regional scheme"]


def test_place_by_name_is_resolved_on_the_server(client, geography):
    InterventionFactory(name="Brum skills", places=[geography["birmingham"]])
    assert names(client.get(FINDER, {"place": "birmingham"})) == ["Brum skills"]
    assert names(client.get(FINDER, {"place": "  Birmingham "})) == ["Brum skills"]
    # "West Midlands" is the region's name; the combined authority goes by its official name.
    response = client.get(FINDER, {"place": "West Midlands Combined Authority"})
    assert response.context["place"] == geography["wmca"]
    assert client.get(FINDER, {"place": "West Midlands"}).context["place"] == geography["region"]


def test_place_by_postcode_lands_on_its_local_authority(client, geography):
    InterventionFactory(name="Brum skills", places=[geography["birmingham"]])
    response = client.get(FINDER, {"place": "b1 1bb"})
    assert response.status_code == 200
    assert response.context["place"] == geography["birmingham"]
    assert b"The postcode B1 1BB is in Birmingham" in response.content
    assert b"ONS Postcode Directory" in response.content


def test_unknown_place_is_a_form_error_not_a_server_error(client, geography):
    response = client.get(FINDER, {"place": "Atlantis"})
    assert response.status_code == 400
    assert b"We could not find a place called" in response.content


def test_each_facet_narrows_the_results(client, geography):
    theme = ThemeFactory(slug="skills")
    policy = PolicyFactory(slug="levelling-up-fund")
    partnership = PartnershipFactory(slug="wmpip")
    match = InterventionFactory(
        name="Match",
        scale=Scale.CITY_REGION,
        setting=Setting.URBAN,
        themes=[theme],
        policies=[policy],
        partnerships=[partnership],
        start_year=2018,
    )
    match.tags.add("apprenticeships")
    OutcomeFactory(
        intervention=match,
        outcome_type=OutcomeType.SKILLS,
        direction=Direction.POSITIVE,
        evidence_strength=EvidenceStrength.LEVEL_4,
    )
    other = InterventionFactory(name="Other", start_year=2005, end_year=2008)
    OutcomeFactory(
        intervention=other,
        outcome_type=OutcomeType.HEALTH,
        direction=Direction.NEGATIVE,
        evidence_strength=EvidenceStrength.LEVEL_1,
    )
    for params in (
        {"theme": "skills"},
        {"scale": "city_region"},
        {"setting": "urban"},
        {"policy": "levelling-up-fund"},
        {"partnership": "wmpip"},
        {"outcome_type": "skills"},
        {"direction": "positive"},
        {"min_evidence": "3"},
        {"year_from": "2015"},
        {"year_to": "2019", "year_from": "2010"},
        {"tag": "apprenticeships"},
        {"tag": "Apprenticeships"},
    ):
        assert names(client.get(FINDER, params)) == ["Match"], params
    assert names(client.get(FINDER, {"year_to": "2010"})) == ["Other"]


def test_outcome_filters_apply_to_the_same_outcome(client):
    mixed = InterventionFactory(name="Two outcomes")
    OutcomeFactory(
        intervention=mixed,
        outcome_type=OutcomeType.SKILLS,
        direction=Direction.NEGATIVE,
        evidence_strength=EvidenceStrength.LEVEL_1,
    )
    OutcomeFactory(
        intervention=mixed,
        outcome_type=OutcomeType.HEALTH,
        direction=Direction.POSITIVE,
        evidence_strength=EvidenceStrength.LEVEL_5,
    )
    assert names(client.get(FINDER, {"outcome_type": "skills", "direction": "positive"})) == []
    assert names(client.get(FINDER, {"outcome_type": "skills", "min_evidence": "3"})) == []
    assert names(client.get(FINDER, {"outcome_type": "health", "min_evidence": "5"})) == [
        "Two outcomes"
    ]


def test_combined_filters_all_apply(client, geography):
    theme = ThemeFactory(slug="skills")
    InterventionFactory(name="Brum skills", places=[geography["birmingham"]], themes=[theme])
    InterventionFactory(name="Brum other", places=[geography["birmingham"]])
    InterventionFactory(name="Leeds skills", places=[geography["leeds"]], themes=[theme])
    response = client.get(FINDER, {"place": "E47000007", "theme": "skills"})
    assert names(response) == ["Brum skills"]


def test_unpublished_interventions_never_appear(client, geography, admin_client):
    InterventionFactory(name="Live", places=[geography["birmingham"]])
    InterventionFactory(name="Draft one", draft=True, places=[geography["birmingham"]])
    InterventionFactory(name="In review", in_review=True, places=[geography["birmingham"]])
    assert names(client.get(FINDER)) == ["Live"]
    assert names(admin_client.get(FINDER, {"place": "birmingham"})) == ["Live"]
    assert b"Draft one" not in client.get(FINDER, {"q": "Draft"}).content


def test_unpublished_policy_is_not_a_valid_filter(client):
    PolicyFactory(slug="secret-policy", draft=True)
    assert client.get(FINDER, {"policy": "secret-policy"}).status_code == 400


def test_facet_counts_beside_each_option(client):
    skills, health = ThemeFactory(slug="skills"), ThemeFactory(slug="health")
    InterventionFactory(themes=[skills], scale=Scale.LOCAL)
    InterventionFactory(themes=[skills, health], scale=Scale.LOCAL)
    InterventionFactory(themes=[health], scale=Scale.REGIONAL)
    InterventionFactory(themes=[health], draft=True)
    response = client.get(FINDER, {"scale": "local"})
    facets = {
        facet.name: {str(o.value): o.count for o in facet.options}
        for facet in response.context["facets"]
    }
    # Each facet counts the results of every other filter, so a choice can be changed.
    assert facets["theme"] == {"skills": 2, "health": 1}
    assert facets["scale"]["local"] == 2
    assert facets["scale"]["regional"] == 1
    assert b'(2<span class="visually-hidden"> interventions' in response.content


def test_a_long_list_facet_offers_the_choices_with_most_matches_and_the_one_chosen(
    client, monkeypatch
):
    """The page does not grow with the number of policies: it lists those with the most matching
    interventions, keeps the chosen one, and says where the others are."""
    monkeypatch.setattr("reviews.filters.MOST_LISTED_OPTIONS", 3)
    policies = [PolicyFactory(name=f"Policy {letter}", slug=f"p-{letter}") for letter in "abcde"]
    for policy, interventions in zip(policies, (1, 3, 2, 2, 1), strict=True):
        InterventionFactory.create_batch(interventions, policies=[policy])

    response = client.get(FINDER)
    policy = next(f for f in response.context["facets"] if f.name == "policy")
    assert [(o.value, o.count) for o in policy.options] == [("p-b", 3), ("p-c", 2), ("p-d", 2)]
    assert policy.left_out == 2
    page = response.content.decode()
    assert 'aria-describedby="id_policy_more"' in page
    assert "2 more policies have matches" in page and 'href="/policies/"' in page

    chosen = client.get(FINDER, {"policy": "p-e"})
    policy = next(f for f in chosen.context["facets"] if f.name == "policy")
    assert [o.value for o in policy.options] == ["p-b", "p-c", "p-d", "p-e"]
    assert [o.value for o in policy.options if o.selected] == ["p-e"]
    assert policy.left_out == 1


@pytest.mark.parametrize(
    ("language", "said"),
    [("en-gb", "1,818 more policies have matches"), ("cy", "Mae gan 1,818 polisi arall")],
)
def test_the_long_list_hint_groups_the_thousands(language, said):
    facet = Facet(name="policy", label="Policy", options=[], left_out=1818)
    with translation.override(language):
        hint = render_to_string("reviews/components/facet_left_out.html", {"facet": facet})
    assert said in hint


@pytest.mark.parametrize(
    ("prefix", "said"),
    [
        (
            "",
            [
                "12,345 interventions",
                "Download these 12,345 results",
                '<span class="facet__count">(12,345<',
            ],
        ),
        ("/cy", ["12,345 ymyriad", "Lawrlwytho’r 12,345 canlyniad hyn"]),
    ],
)
def test_the_finder_groups_the_thousands_in_its_counts(client, prefix, said):
    InterventionFactory(scale=Scale.LOCAL)
    with (
        mock.patch("reviews.filters.InterventionFilter.total", return_value=12345),
        mock.patch(
            "reviews.filters.InterventionFilter._term_counts",
            side_effect=lambda name: {(Scale.LOCAL, None): 12345} if name == "scale" else {},
        ),
    ):
        page = client.get(f"{prefix}{FINDER}").content.decode()
    for text in said:
        assert text in page


def test_policy_and_partnership_pages_lead_to_their_interventions_in_the_finder(client):
    policy = PolicyFactory(slug="levelling-up")
    partnership = PartnershipFactory(slug="north-east")
    InterventionFactory(name="Found", policies=[policy], partnerships=[partnership])
    for page, param in ((policy, "policy"), (partnership, "partnership")):
        link = f"/interventions/?{param}={page.slug}"
        assert link in client.get(page.get_absolute_url()).content.decode()
        assert names(client.get(link)) == ["Found"]


def test_outcome_facet_counts_interventions_not_outcomes(client):
    intervention = InterventionFactory()
    OutcomeFactory.create_batch(
        3,
        intervention=intervention,
        outcome_type=OutcomeType.SKILLS,
        evidence_strength=EvidenceStrength.LEVEL_2,
    )
    response = client.get(FINDER)
    facets = {
        facet.name: {str(o.value): o.count for o in facet.options}
        for facet in response.context["facets"]
    }
    assert facets["outcome_type"]["skills"] == 1
    assert facets["min_evidence"] == {"1": 1, "2": 1, "3": 0, "4": 0, "5": 0}


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("name", ["Alpha", "Beta", "Gamma"]),
        ("newest", ["Gamma", "Alpha", "Beta"]),
        ("evidence", ["Beta", "Gamma", "Alpha"]),
    ],
)
def test_sorting(client, sort, expected):
    alpha = InterventionFactory(name="Alpha", start_year=2015)
    beta = InterventionFactory(name="Beta", start_year=2010)
    gamma = InterventionFactory(name="Gamma", start_year=2020)
    OutcomeFactory(intervention=beta, evidence_strength=EvidenceStrength.LEVEL_5)
    OutcomeFactory(intervention=gamma, evidence_strength=EvidenceStrength.LEVEL_2)
    del alpha
    assert names(client.get(FINDER, {"sort": sort})) == expected


def test_relevance_sort_puts_title_matches_first(client):
    InterventionFactory(name="Business support", summary="Help for firms with skills.")
    InterventionFactory(name="Skills hub", summary="Training.")
    response = client.get(FINDER, {"q": "skills"})
    assert response.context["sort"] == "relevance"
    assert names(response) == ["Skills hub", "Business support"]


def test_free_text_matches_name_and_summary(client):
    InterventionFactory(name="Preston Model", summary="Community wealth building.")
    InterventionFactory(name="Other", summary="Something else.")
    assert names(client.get(FINDER, {"q": "wealth"})) == ["Preston Model"]
    assert names(client.get(FINDER, {"q": "preston"})) == ["Preston Model"]


def test_pagination_keeps_the_filters_in_its_links(client):
    theme = ThemeFactory(slug="skills")
    InterventionFactory.create_batch(25, themes=[theme])
    response = client.get(FINDER, {"theme": "skills"})
    assert len(response.context["results"]) == 20
    assert b"theme=skills&amp;page=2" in response.content
    assert len(client.get(FINDER, {"theme": "skills", "page": "2"}).context["results"]) == 5


def test_no_results_suggests_widening_the_search(client, geography):
    InterventionFactory(name="Leeds skills", places=[geography["leeds"]])
    response = client.get(FINDER, {"place": "birmingham"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "No interventions match" in content
    assert "choose a larger place" in content
    assert "place=E12000005" in content and "place=E47000007" in content


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "bad\x00byte"},
        {"place": "\x00"},
        {"place": "E1200000'5; DROP TABLE"},
        {"place": "%"},
        {"place": "y" * 5000},
        {"theme": "no-such-theme"},
        {"theme": "a\x00b"},
        {"policy": "'\""},
        {"scale": "galactic"},
        {"min_evidence": "9"},
        {"min_evidence": "-1"},
        {"year_from": "1e9"},
        {"year_from": "99999999999999999999999"},
        {"year_from": "2020", "year_to": "2010"},
        {"sort": "price"},
        {"tag": "t" * 500},
    ],
)
def test_hostile_parameters_give_a_form_error_never_a_server_error(client, params):
    response = client.get(FINDER, params)
    assert response.status_code == 400
    assert b"There is a problem" in response.content
    assert client.get("/interventions/export.csv", params).status_code == 400
    assert client.get("/api/interventions/", params).status_code == 400


@pytest.mark.parametrize(
    "params",
    [
        {"q": "'\"%_\\"},
        {"q": '"unbalanced'},
        {"q": "-"},
        {"q": "or"},
        {"page": "99999999999999999999"},
        {"page": "-3"},
        {"page": "abc"},
        {"page": "\x00"},
        {"tag": "%"},
    ],
)
def test_awkward_but_valid_parameters_still_answer(client, params):
    InterventionFactory(name="Something")
    assert client.get(FINDER, params).status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_query_count_does_not_grow_with_the_results(
    client, django_assert_max_num_queries, geography, count
):
    theme = ThemeFactory(slug="skills")
    policy = PolicyFactory(slug="p")
    for _ in range(count):
        item = InterventionFactory(
            places=[geography["birmingham"]], themes=[theme], policies=[policy]
        )
        OutcomeFactory(intervention=item)
    with django_assert_max_num_queries(20):
        response = client.get(FINDER, {"place": "E12000005", "theme": "skills", "q": "done"})
    assert response.status_code == 200
    assert len(response.context["results"]) == min(count, 20)


@pytest.mark.parametrize("count", [1, 30])
@pytest.mark.parametrize(
    "query",
    [
        {},
        {"place": "E12000005"},
        {"place": "E92000001", "theme": "skills"},
        {"place": "E12000005", "outcome_type": "employment", "min_evidence": "3"},
        {"policy": "p", "direction": "positive", "sort": "evidence"},
    ],
)
def test_finder_queries_stay_bounded_whatever_the_filters(
    client, django_assert_max_num_queries, geography, count, query
):
    theme = ThemeFactory(slug="skills")
    policy = PolicyFactory(slug="p")
    for _ in range(count):
        item = InterventionFactory(
            places=[geography["birmingham"]], themes=[theme], policies=[policy]
        )
        OutcomeFactory(intervention=item)
    # The same at 1 and 30 results. With a place, the interventions covering it and the
    # resolved place name add their own queries (docs/performance.md); the map adds one.
    with django_assert_max_num_queries(12 if query else 10):
        response = client.get(FINDER, query)
    assert response.status_code == 200
    assert len(response.context["results"]) == min(count, 20)


def test_csv_export_has_the_current_results_only(client, geography):
    theme = ThemeFactory(name="Skills", slug="skills")
    brum = InterventionFactory(
        name="Brum skills",
        places=[geography["birmingham"]],
        themes=[theme],
        summary='=HYPERLINK("evil")',
    )
    OutcomeFactory(intervention=brum, evidence_strength=EvidenceStrength.LEVEL_4)
    InterventionFactory(name="Leeds skills", places=[geography["leeds"]], themes=[theme])
    InterventionFactory(name="Hidden", draft=True, places=[geography["birmingham"]])
    response = client.get("/interventions/export.csv", {"place": "E12000005"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["name"] for row in rows] == ["Brum skills"]
    assert rows[0]["ONS codes"] == "E08000025"
    assert rows[0]["strongest evidence (Maryland level)"] == "4"
    assert rows[0]["summary"].startswith("'=")  # not run as a spreadsheet formula
    assert rows[0]["outcomes"] == "Employment: Positive (level 4)"


def test_csv_export_names_choices_in_the_pages_language(client, geography):
    item = InterventionFactory(places=[geography["birmingham"]], scale=Scale.LOCAL)
    OutcomeFactory(intervention=item, evidence_strength=EvidenceStrength.LEVEL_2)
    english = next(csv.DictReader(io.StringIO(client.get("/interventions/export.csv").text)))
    welsh = next(csv.DictReader(io.StringIO(client.get("/cy/interventions/export.csv").text)))
    assert english["geographic scale"] == "Local authority"
    assert english["outcomes"] == "Employment: Positive (level 2)"
    assert welsh["geographic scale"] == "Awdurdod lleol"
    assert welsh["outcomes"].startswith("Cyflogaeth: Cadarnhaol")


def test_csv_export_that_fails_part_way_is_an_error_never_a_truncated_success(client):
    InterventionFactory.create_batch(3)

    def rows_then_failure(queryset, base_url):
        yield ["name"]
        raise OperationalError("the database went away")

    client.raise_request_exception = False
    with mock.patch("reviews.views.finder._export_rows", rows_then_failure):
        response = client.get("/interventions/export.csv")
    assert response.status_code == 500


@pytest.mark.parametrize("count", [1, 50])
def test_csv_export_query_count_is_bounded(client, django_assert_max_num_queries, count):
    for _ in range(count):
        OutcomeFactory()
    with django_assert_max_num_queries(10):
        response = client.get("/interventions/export.csv")
        body = response.content
    assert body.count(b"\n") == count + 1


def test_finder_links_are_shareable(client, geography):
    response = client.get(FINDER, {"place": "E12000005", "sort": "name"})
    assert b'value="E12000005"' in response.content
    assert b"/interventions/export.csv?place=E12000005&amp;sort=name" in response.content


def test_place_suggestions_json(client, geography):
    data = client.get(reverse("place-suggestions"), {"q": "birm"}).json()
    assert data["places"][0]["name"] == "Birmingham"
    assert data["places"][0]["gss_code"] == "E08000025"
    assert client.get(reverse("place-suggestions"), {"q": "b"}).json() == {"places": []}
    assert client.get(reverse("place-suggestions"), {"q": "%\x00'"}).status_code == 200


def test_finder_has_labels_and_fieldsets(client):
    ThemeFactory()
    content = client.get(FINDER).content.decode()
    assert '<label class="label" for="id_q">' in content
    assert '<label class="label" for="id_place">' in content
    assert '<legend class="facet__legend">Theme</legend>' in content
    assert "style=" not in content and "<script>" not in content

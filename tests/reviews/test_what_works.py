"""What works, by kind of intervention: /what-works/ and /what-works/<kind>/."""

import pytest
from django.db.models import Count, Q

from reviews.models import Direction, EvidenceStrength, Intervention, Outcome, OutcomeType
from tests.factories import (
    InterventionFactory,
    InterventionKindFactory,
    OutcomeFactory,
    PlaceFactory,
    west_midlands,
)

pytestmark = pytest.mark.django_db


def _evaluated(kind, direction=Direction.POSITIVE, level=EvidenceStrength.LEVEL_3, **kwargs):
    item = InterventionFactory(kinds=[kind], **kwargs)
    OutcomeFactory(
        intervention=item,
        outcome_type=OutcomeType.EMPLOYMENT,
        direction=direction,
        evidence_strength=level,
        evaluation_design="Compared with matched areas.",
    )
    return item


def summary_for(response, slug):
    return next(s for s in response.context["summaries"] if s.kind.slug == slug)


def test_overview_counts_published_evaluations_by_effect_and_strength(client):
    kind = InterventionKindFactory(slug="business-support", name="Business support")
    for direction in (Direction.POSITIVE, Direction.POSITIVE, Direction.MIXED):
        _evaluated(kind, direction)
    _evaluated(kind, Direction.NO_EFFECT, EvidenceStrength.NOT_EVALUATED)
    _evaluated(kind, Direction.POSITIVE, EvidenceStrength.LEVEL_5, draft=True)
    InterventionFactory(kinds=[kind])  # not evaluated: no outcomes

    response = client.get("/what-works/")
    assert response.status_code == 200
    summary = summary_for(response, "business-support")
    assert (summary.evaluated, summary.robust, summary.strongest) == (4, 3, 3)
    employment = summary.rows[0]
    assert (employment.positive, employment.mixed, employment.no_effect) == (2, 1, 1)
    assert employment.sentence == (
        "4 evaluations; 2 found positive effects on employment; 1 found mixed effects on "
        "employment; 1 found no effects on employment; 3 at level 3 or above"
    )
    assert "kind=business-support" in employment.finder_url
    content = response.content.decode()
    assert "4 evaluated interventions; 2 found positive effects on employment; 3 at level 3" in (
        content
    )
    assert "Evidence is thin" not in content


def test_a_kind_with_few_or_weak_evaluations_is_labelled_thin(client):
    kind = InterventionKindFactory(slug="transport")
    _evaluated(kind, level=EvidenceStrength.NOT_EVALUATED)
    response = client.get("/what-works/")
    assert summary_for(response, "transport").thin
    assert "Evidence is thin" in response.content.decode()


def test_overview_narrows_to_what_lies_within_and_covers_a_place(client):
    places = west_midlands()
    kind = InterventionKindFactory(slug="k")
    _evaluated(kind, places=[places["birmingham"]])
    _evaluated(kind, places=[places["england"]])  # covers Birmingham
    _evaluated(kind, places=[PlaceFactory()])  # elsewhere
    response = client.get("/what-works/", {"place": places["birmingham"].gss_code})
    assert summary_for(response, "k").evaluated == 2
    assert "place=E08000025" in summary_for(response, "k").finder_url


def test_overview_narrows_to_a_nation_or_abroad(client):
    places = west_midlands()
    france = PlaceFactory(kind="country", country_code="FR", gss_code=None)
    kind = InterventionKindFactory(slug="k")
    _evaluated(kind, places=[places["birmingham"]])
    _evaluated(kind, places=[france])
    england = client.get("/what-works/", {"nation": "england"})
    abroad = client.get("/what-works/", {"nation": "outside-uk"})
    assert summary_for(england, "k").evaluated == 1
    assert summary_for(abroad, "k").evaluated == 1


@pytest.mark.parametrize("params", [{"place": "Nowhere at all"}, {"nation": "atlantis"}])
def test_bad_filters_are_reported_with_400(client, params):
    response = client.get("/what-works/", params)
    assert response.status_code == 400
    assert "error" in response.content.decode().lower()


def test_kind_page_lists_the_studies_strongest_first_with_their_designs(client):
    kind = InterventionKindFactory(slug="zones", name="Enterprise zones")
    weak = _evaluated(kind, level=EvidenceStrength.LEVEL_1, name="Weak study")
    strong = _evaluated(kind, level=EvidenceStrength.LEVEL_4, name="Strong study")
    response = client.get("/what-works/zones/")
    assert response.status_code == 200
    assert [s.pk for s in response.context["studies"]] == [strong.pk, weak.pk]
    [(study, level, outcome)] = response.context["designs"]
    assert (study.name, level, outcome.evaluation_design) == (
        "Strong study",
        4,
        "Compared with matched areas.",
    )
    assert "Compared with matched areas." in response.content.decode()


def test_unknown_kind_is_404(client):
    assert client.get("/what-works/no-such-kind/").status_code == 404


def test_finder_filters_by_kind(client):
    kind = InterventionKindFactory(slug="zones")
    inside = _evaluated(kind)
    InterventionFactory()
    response = client.get("/interventions/", {"kind": "zones"})
    assert [item.pk for item in response.context["page_obj"]] == [inside.pk]


def _grow(count):
    kinds = [InterventionKindFactory() for _ in range(count)]
    for kind in kinds:
        for _ in range(2):
            _evaluated(kind, places=[PlaceFactory()])
    return kinds[0]


@pytest.mark.parametrize("count", [2, 8])
def test_overview_and_kind_queries_do_not_grow_with_the_data(
    client, django_assert_max_num_queries, count
):
    kind = _grow(count)
    with django_assert_max_num_queries(8):
        assert client.get("/what-works/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(kind.get_absolute_url()).status_code == 200


def test_counts_agree_with_the_loaded_evidence(client):
    """Recount every kind straight from the database, the slow way, and compare."""
    from django.core.management import call_command

    call_command("load_reference_data", verbosity=0)
    response = client.get("/what-works/")
    assert response.status_code == 200
    for summary in response.context["summaries"]:
        published = Intervention.objects.published().filter(kinds=summary.kind)
        outcomes = Outcome.objects.filter(intervention__in=published)
        assert summary.evaluated == outcomes.values("intervention").distinct().count()
        robust = outcomes.filter(evidence_strength__gte=3).values("intervention").distinct()
        assert summary.robust == robust.count()
        for row in summary.rows:
            of_type = outcomes.filter(outcome_type=row.outcome_type)
            expected = of_type.aggregate(
                n=Count("intervention", distinct=True),
                positive=Count("intervention", distinct=True, filter=Q(direction="positive")),
            )
            assert (row.interventions, row.positive) == (expected["n"], expected["positive"])
    total = sum(s.evaluated for s in response.context["summaries"])
    assert total >= 44


def test_sitemap_lists_what_works_the_gap_map_and_each_kind(client):
    kind = InterventionKindFactory(slug="transport")
    content = client.get("/sitemap.xml").content.decode()
    for path in ("/what-works/", "/gap-map/", kind.get_absolute_url()):
        assert f"{path}</loc>" in content

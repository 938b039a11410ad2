"""The starter content from the content pack, loaded by load_reference_data."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import Count

from lpip_hub.publishing import Status
from partnerships.models import Place
from reviews.models import (
    Direction,
    EvidenceReview,
    EvidenceStrength,
    Intervention,
    InterventionKind,
    KeyConcept,
    Outcome,
    Output,
    Theme,
)

PACK = Path(settings.BASE_DIR) / "reviews" / "reference_data" / "content"
REVIEWED_THEMES = {1, 2, 3, 4, 6}


@pytest.fixture
def loaded(db):
    call_command("load_reference_data", stdout=io.StringIO())


def test_every_theme_has_published_concepts_and_outputs(loaded):
    for theme in Theme.objects.all():
        assert theme.concepts.published().exists(), theme.name
    for order in REVIEWED_THEMES | {7}:
        assert Theme.objects.get(order=order).outputs.published().exists(), order


def test_each_theme_with_a_hub_review_has_a_published_summary_citing_its_report(loaded):
    reviews = EvidenceReview.objects.published().select_related("theme", "full_report")
    assert {review.theme.order for review in reviews} == REVIEWED_THEMES
    for review in reviews:
        assert review.summary_html
        assert review.full_report == review.theme.full_report
        assert review.references.exists(), review.title


def test_themes_without_a_hub_review_get_none(loaded):
    assert not EvidenceReview.objects.filter(theme__order__in=[5, 7]).exists()


def test_the_44_evaluated_interventions_are_published_with_their_evaluations(loaded):
    interventions = Intervention.objects.published().filter(kinds__isnull=False).distinct()
    assert interventions.count() == 44
    for intervention in interventions:
        assert intervention.source, intervention.name
        assert intervention.references.exists(), intervention.name
        assert intervention.outcomes.exists(), intervention.name


def test_maryland_levels_come_only_from_the_pack(loaded):
    # The pack gives a level for seven interventions; every other outcome it loads is unrated.
    levelled = Outcome.objects.filter(reference__interventions__kinds__isnull=False).exclude(
        evidence_strength=EvidenceStrength.NOT_EVALUATED
    )
    names = set(levelled.values_list("intervention__name", flat=True))
    assert names == {
        "Growth Vouchers Programme",
        "Preston Model (community wealth building)",
        "Communities First (Caerphilly study)",
        "Moving to Opportunity (USA)",
        "Arbed area-based home energy efficiency (Wales)",
        "French urban enterprise zones (Zones Franches Urbaines), 2004 wave",
        "French urban enterprise zones (ZFU), first generation 1997",
    }
    growth = Outcome.objects.filter(intervention__slug="growth-vouchers-programme")
    assert set(growth.values_list("evidence_strength", flat=True)) == {5}
    assert all(outcome.evaluation_design for outcome in growth)


def test_a_blank_direction_stays_not_stated(loaded):
    kickstart = Intervention.objects.get(slug="kickstart-scheme")
    assert set(kickstart.outcomes.values_list("direction", flat=True)) == {Direction.NOT_STATED}


def test_interventions_are_placed_by_ons_code_or_country(loaded):
    glasgow = Place.objects.get(gss_code="S12000049")
    names = set(Intervention.objects.published().in_place(glasgow).values_list("name", flat=True))
    assert "GoWell: Glasgow housing and neighbourhood regeneration" in names
    mto = Intervention.objects.get(slug="moving-to-opportunity")
    assert list(mto.places.values_list("country_code", flat=True)) == ["US"]


def test_glasgow_place_page_lists_the_gowell_study(loaded, client):
    glasgow = Place.objects.get(gss_code="S12000049")
    response = client.get(glasgow.get_absolute_url())
    assert response.status_code == 200
    assert "GoWell" in response.content.decode()


def test_interventions_link_only_to_existing_policies_the_pack_names(loaded):
    towns = Intervention.objects.get(slug="towns-fund")
    assert list(towns.policies.values_list("slug", flat=True)) == ["towns-fund"]


def test_preston_evaluation_joins_the_existing_preston_model(loaded):
    preston = Intervention.objects.filter(name__startswith="Preston Model")
    assert preston.count() == 1
    assert preston.get().references.count() == 2


def test_every_intervention_has_at_least_one_kind_and_kinds_are_described(loaded):
    assert not Intervention.objects.filter(kinds__isnull=True, slug__in=_pack_slugs()).exists()
    for kind in InterventionKind.objects.all():
        assert kind.description and kind.source


def test_outputs_match_the_pack_and_keep_blank_dates_blank(loaded):
    outputs = Output.objects.published()
    assert outputs.count() == 47 + 14  # the Hub's outputs and the partnerships' projects
    # A date the source does not give stays empty rather than guessed.
    assert outputs.filter(date__isnull=True).exists()
    launch = Output.objects.get(slug="lpip-project-launch")
    assert launch.date.isoformat() == "2024-02-27"


def test_partnership_projects_show_on_their_partnership(loaded):
    counts = dict(
        Output.objects.filter(kind="project")
        .values_list("partnerships__slug")
        .annotate(n=Count("pk"))
    )
    assert counts["northern-ireland-lpip"] >= 2
    assert counts["yorkshire-and-the-humber-policy-innovation-partnership"] == 5


def test_concepts_carry_their_sources(loaded):
    for concept in KeyConcept.objects.all():
        assert concept.references.exists(), concept.term


def test_a_record_unpublished_by_a_publisher_stays_unpublished(loaded):
    KeyConcept.objects.filter(slug="net-zero").update(status=Status.DRAFT)
    call_command("load_reference_data", stdout=io.StringIO())
    assert KeyConcept.objects.get(slug="net-zero").status == Status.DRAFT


def _pack_slugs():
    rows = json.loads((PACK / "interventions.json").read_text(encoding="utf-8"))
    return [row["slug"] for row in rows["interventions"]]


def test_skills_theme_page_shows_its_review_summary_and_what_works(loaded, client):
    page = client.get("/themes/skills/").content.decode()
    assert "Skills Evidence Review" in page
    assert "local skills ecosystems" in page
    assert "Review in preparation" not in page
    assert "Employment and training" in page


def test_themes_without_a_review_say_so_and_still_show_content(loaded, client):
    page = client.get("/themes/felt-experience/").content.decode()
    assert "Review in preparation" in page
    assert "Felt experiences" in page


def test_interventions_join_the_devolved_policy_the_pack_names(loaded):
    projects = Intervention.objects.get(slug="welsh-foundational-economy-projects-2023-2025")
    assert list(projects.policies.values_list("name", flat=True)) == [
        "Foundational Economy approach (Wales)"
    ]

"""The interventions export carries the evidence, one row per outcome, and imports back as is."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from reviews.models import Direction, EvidenceStrength, Intervention, Outcome, OutcomeType
from tests.factories import (
    InterventionFactory,
    OutcomeFactory,
    PlaceFactory,
    ReferenceFactory,
    ThemeFactory,
    publisher,
)
from tests.test_admin_import import as_csv, data_for, import_file, upload


def export_csv(client) -> bytes:
    return client.post(
        reverse("admin:reviews_intervention_export"),
        {**data_for(client, "reviews", "intervention"), "format": "0"},
    ).content


def snapshot() -> list:
    return [
        (
            i.slug,
            i.name,
            i.status,
            i.summary,
            i.budget,
            sorted(p.gss_code for p in i.places.all()),
            sorted(t.name for t in i.themes.all()),
            sorted(t.name for t in i.tags.all()),
            sorted(
                (o.outcome_type, o.description, o.direction, o.evidence_strength, o.reference_id)
                for o in i.outcomes.all()
            ),
        )
        for i in Intervention.objects.order_by("slug")
    ]


@pytest.fixture
def evidence(db):
    study = ReferenceFactory(title="Preston evaluation", doi="10.1000/preston")
    report = ReferenceFactory(title="A report without a DOI", doi="")
    preston = InterventionFactory(
        name="Preston Model",
        places=[PlaceFactory(name="Preston", gss_code="E07000123")],
        themes=[ThemeFactory(name="Communities")],
        budget=1_200_000,
    )
    preston.tags.add("community wealth", "procurement")
    OutcomeFactory(
        intervention=preston,
        outcome_type=OutcomeType.EMPLOYMENT,
        description="Unemployment fell by 2 points.",
        direction=Direction.POSITIVE,
        evidence_strength=EvidenceStrength.LEVEL_2,
        reference=study,
    )
    OutcomeFactory(
        intervention=preston,
        outcome_type=OutcomeType.EARNINGS,
        description="Pay rose, but so did pay nearby.",
        direction=Direction.MIXED,
        evidence_strength=EvidenceStrength.NOT_EVALUATED,
        reference=report,
    )
    InterventionFactory(name="No outcomes yet", places=[PlaceFactory(gss_code="E08000035")])
    return preston


@pytest.mark.django_db
def test_the_export_has_one_row_per_outcome_with_its_strength_of_evidence(client, evidence):
    client.force_login(publisher())
    rows = list(csv.DictReader(io.StringIO(export_csv(client).decode("utf-8-sig"))))
    preston = [r for r in rows if r["name"] == "Preston Model"]
    assert [r["evidence_strength"] for r in preston] == [
        "Level 2: compared with similar places, without controls",
        "Not evaluated",
    ]
    assert [r["outcome_reference"] for r in preston] == [
        "10.1000/preston",
        "A report without a DOI",
    ]
    assert preston[0]["outcome_type"] == "Employment" and preston[1]["direction"] == "Mixed"
    (empty,) = [r for r in rows if r["name"] == "No outcomes yet"]
    assert empty["outcome_type"] == "" and empty["evidence_strength"] == ""


@pytest.mark.django_db
def test_an_export_re_imported_changes_nothing(client, evidence):
    client.force_login(publisher())
    before = snapshot()
    exported = export_csv(client)

    preview = upload(client, "intervention", exported)
    assert [row.import_type for row in preview.context["result"].rows] == ["skip"] * 3
    import_file(client, "intervention", exported)

    assert snapshot() == before
    assert Outcome.objects.count() == 2


@pytest.mark.django_db
def test_an_export_imported_into_an_empty_hub_recreates_the_outcomes(client, evidence):
    client.force_login(publisher())
    before = snapshot()
    exported = export_csv(client)
    Intervention.objects.all().delete()

    preview = upload(client, "intervention", exported)
    assert [row.import_type for row in preview.context["result"].rows] == ["new"] * 3
    assert "Update" not in preview.content.decode()
    import_file(client, "intervention", exported)

    assert snapshot() == before


@pytest.mark.django_db
def test_a_new_interventions_second_outcome_row_is_labelled_new(client):
    PlaceFactory(name="Leeds", gss_code="E08000035")
    client.force_login(publisher())
    content = as_csv(
        [
            ["Skills hub", "A hub.", "Leeds", "employment", "More in work.", "positive"],
            ["Skills hub", "", "", "skills", "More qualified.", "positive"],
        ],
        header=["name", "summary", "places", "outcome_type", "outcome_description", "direction"],
    )
    preview = upload(client, "intervention", content)
    assert [row.import_type for row in preview.context["result"].rows] == ["new", "new"]
    done = import_file(client, "intervention", content)
    assert "Import finished: 1 new, 0 changed and 0 unchanged interventions." in (
        done.content.decode()
    )
    assert Intervention.objects.get().outcomes.count() == 2


@pytest.mark.django_db
def test_the_excel_export_carries_the_outcomes_and_imports_back_unchanged(client, evidence):
    client.force_login(publisher())
    exported = client.post(
        reverse("admin:reviews_intervention_export"),
        {**data_for(client, "reviews", "intervention"), "format": "1"},
    ).content
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    rows = list(sheet.values)
    strength = rows[0].index("evidence_strength")
    assert [row[strength] for row in rows[1:]].count("Not evaluated") == 1
    preview = upload(client, "intervention", exported, name="interventions.xlsx", file_format="1")
    assert [row.import_type for row in preview.context["result"].rows] == ["skip"] * 3

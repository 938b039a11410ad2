"""Bulk import and export in the admin: previewed, all or nothing, drafts for editors."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest
import tablib
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from lpip_hub import publishing
from lpip_hub.publishing import Status
from partnerships.models import PlaceKind
from reviews.models import Intervention, KeyConcept, Outcome, Policy, Reference
from reviews.resources import InterventionResource
from tests.factories import (
    InterventionFactory,
    PlaceFactory,
    PolicyFactory,
    ReferenceFactory,
    ThemeFactory,
    editor,
    publisher,
)

CONTENT_APPS = ("reviews", "partnerships")
TEMPLATES = Path(settings.BASE_DIR) / "docs" / "import-templates"
HEADER = [
    "name", "status", "summary", "places", "scale", "themes", "policies", "start_year",
    "outcome_type", "outcome_description", "direction", "evidence_strength",
]  # fmt: skip


def as_csv(rows, header=HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def upload(client, model: str, content: bytes, name="interventions.csv", file_format="0"):
    """The first step: choose a file and see the preview (format 0 is CSV, 1 is Excel)."""
    return client.post(
        reverse(f"admin:reviews_{model}_import"),
        {"import_file": SimpleUploadedFile(name, content), "format": file_format},
    )


def confirm(client, model: str, preview):
    form = preview.context["confirm_form"]
    data = {name: form.initial.get(name, "") for name in form.fields}
    return client.post(reverse(f"admin:reviews_{model}_process_import"), data, follow=True)


def import_file(client, model, content, **kwargs):
    preview = upload(client, model, content, **kwargs)
    assert preview.status_code == 200
    assert preview.context.get("confirm_form"), preview.context["result"].plain_errors
    return confirm(client, model, preview)


@pytest.fixture
def geography(db):
    return {
        "birmingham": PlaceFactory(name="Birmingham", slug="birmingham", gss_code="E08000025"),
        "leeds": PlaceFactory(name="Leeds", slug="leeds", gss_code="E08000035"),
        "skills": ThemeFactory(name="Skills", slug="skills"),
        "innovation": ThemeFactory(name="Innovation", slug="innovation"),
        "ukspf": PolicyFactory(name="UK Shared Prosperity Fund", slug="uk-shared-prosperity-fund"),
        "towns": PolicyFactory(name="Towns Fund", slug="towns-fund"),
    }


@pytest.mark.django_db
def test_an_import_with_a_bad_row_writes_nothing_and_reports_the_row(client, geography):
    client.force_login(publisher())
    content = as_csv(
        [
            ["Jobs pilot", "draft", "Employment support.", "E08000025", "", "Skills", "", "2020"],
            ["Leeds hub", "draft", "A hub in Leeds.", "Leeds", "", "Innovation", "", "2021"],
            ["Typo scheme", "draft", "A scheme.", "Brimingham", "", "Skills", "", "2022"],
            ["No summary", "draft", "", "E08000025", "", "Skills", "", "2022"],
        ]
    )
    response = upload(client, "intervention", content)

    assert "confirm_form" not in response.context
    errors = response.context["result"].plain_errors
    assert "Row 4, places: no place with ONS code or name 'Brimingham'." in errors
    assert "Row 5, summary: this field cannot be blank." in errors
    assert len(errors) == 2
    assert "Row 4, places: no place with ONS code or name" in response.content.decode()
    assert not Intervention.objects.exists()


@pytest.mark.django_db
def test_a_confirmed_import_with_a_bad_row_rolls_back_the_good_rows(geography):
    dataset = tablib.Dataset(headers=HEADER)
    dataset.append(["Jobs pilot", "", "Support.", "E08000025", "", "", "", "2020", "", "", "", ""])
    dataset.append(["Bad scheme", "", "A scheme.", "E08000025", "", "", "Nope", "", "", "", "", ""])

    result = InterventionResource().import_data(dataset, dry_run=False, user=publisher())

    assert result.has_validation_errors()
    assert result.plain_errors == ["Row 3, policies: no policy with slug or name 'Nope'."]
    assert not Intervention.objects.exists()
    assert not Version.objects.exists()


@pytest.mark.django_db
def test_a_name_that_matches_two_places_asks_for_the_ons_code(client, geography):
    PlaceFactory(name="Leeds", slug="leeds-2", gss_code="E99999999", kind=PlaceKind.REGION)
    client.force_login(publisher())
    response = upload(
        client, "intervention", as_csv([["Hub", "", "A hub.", "leeds", "", "", "", ""]])
    )
    (error,) = response.context["result"].plain_errors
    assert error.startswith("Row 2, places: 'leeds' matches more than one place (")
    assert error.endswith(": use its ONS code.")


@pytest.mark.django_db
def test_a_good_import_creates_the_right_links_and_outcomes(client, geography):
    user = publisher()
    client.force_login(user)
    content = as_csv(
        [
            # Places by ONS code and by name, themes by name and slug, policies by slug and name.
            [
                "Jobs pilot",
                "draft",
                "Employment support.",
                "E08000025; leeds",
                "Local authority",
                "Skills; innovation",
                "towns-fund; UK Shared Prosperity Fund",
                "2020",
                "Employment",
                "More people in work.",
                "Positive",
                "3",
            ],
            # The same intervention again: a second outcome, the other columns left empty.
            [
                "Jobs pilot",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                "earnings",
                "No change in pay.",
                "no effect",
                "Level 2",
            ],
            [
                "Leeds hub",
                "in review",
                "A hub in Leeds.",
                "E08000035",
                "",
                "Innovation",
                "",
                "2021",
                "",
                "",
                "",
                "",
            ],
        ]  # fmt: skip
    )
    preview = upload(client, "intervention", content)
    assert [row.import_type for row in preview.context["result"].valid_rows()] == [
        "new", "new", "new",
    ]  # fmt: skip
    assert not Intervention.objects.exists()  # the preview writes nothing

    response = confirm(client, "intervention", preview)

    assert response.status_code == 200
    pilot = Intervention.objects.get(slug="jobs-pilot")
    assert set(pilot.places.all()) == {geography["birmingham"], geography["leeds"]}
    assert set(pilot.themes.all()) == {geography["skills"], geography["innovation"]}
    assert set(pilot.policies.all()) == {geography["ukspf"], geography["towns"]}
    assert pilot.summary == "Employment support."
    assert pilot.start_year == 2020
    outcomes = {
        (o.outcome_type, o.description, o.direction, o.evidence_strength)
        for o in pilot.outcomes.all()
    }
    assert outcomes == {
        ("employment", "More people in work.", "positive", 3),
        ("earnings", "No change in pay.", "no_effect", 2),
    }
    hub = Intervention.objects.get(slug="leeds-hub")
    assert hub.status == Status.IN_REVIEW
    assert list(hub.places.all()) == [geography["leeds"]]
    # The import is one revision in each item's history, by the importing user.
    version = Version.objects.get_for_object(pilot).get()
    assert version.revision.user == user
    assert version.revision.comment == "Imported from interventions.csv."


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing(client, geography):
    client.force_login(publisher())
    content = as_csv(
        [
            [
                "Jobs pilot",
                "draft",
                "Support.",
                "E08000025",
                "",
                "Skills",
                "",
                "2020",
                "employment",
                "More people in work.",
                "positive",
                "3",
            ]
        ]  # fmt: skip
    )
    import_file(client, "intervention", content)
    preview = upload(client, "intervention", content)

    assert [row.import_type for row in preview.context["result"].rows] == ["skip"]
    import_file(client, "intervention", content)
    assert Outcome.objects.count() == 1
    assert Version.objects.get_for_model(Intervention).count() == 1


@pytest.mark.django_db
def test_an_editors_import_creates_drafts_even_when_the_file_says_published(client, geography):
    published = InterventionFactory(name="Live scheme", slug="live-scheme", summary="Old.")
    client.force_login(editor())
    content = as_csv(
        [
            ["New scheme", "published", "A scheme.", "E08000025", "", "", "", "2020"],
            ["Live scheme", "draft", "New text.", "E08000025", "", "", "", "2020"],
        ]
    )
    import_file(client, "intervention", content)

    new = Intervention.objects.get(slug="new-scheme")
    assert new.status == Status.DRAFT
    assert new.published_at is None
    published.refresh_from_db()
    assert published.summary == "Old."  # the change awaits a publisher's review
    assert published.status == Status.PUBLISHED  # an editor's import never unpublishes either
    assert publishing.pending_request(published).changes is not None


@pytest.mark.django_db
def test_a_publishers_import_publishes_and_records_who(client, geography):
    boss = publisher()
    client.force_login(boss)
    import_file(
        client,
        "intervention",
        as_csv([["New scheme", "published", "A scheme.", "E08000025", "", "", "", "2020"]]),
    )
    scheme = Intervention.objects.get(slug="new-scheme")
    assert scheme.status == Status.PUBLISHED
    assert scheme.published_by == boss
    assert scheme.published_at is not None


@pytest.mark.django_db
def test_an_excel_file_imports_like_a_csv(client, geography):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(["Jobs pilot", "draft", "Support.", "E08000025", "", "Skills", "", 2020,
                  "employment", "More people in work.", "positive", 3])  # fmt: skip
    sheet.append([None] * len(HEADER))  # Excel keeps empty rows: they are ignored
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(publisher())

    import_file(client, "intervention", buffer.getvalue(), name="pilot.xlsx", file_format="1")

    pilot = Intervention.objects.get(slug="jobs-pilot")
    assert pilot.start_year == 2020
    assert pilot.outcomes.get().evidence_strength == 3


@pytest.mark.django_db
def test_the_shipped_templates_import_cleanly(client):
    for name in ["Inclusive and Sustainable Local Economic Performance",
                 "Communities in their places"]:  # fmt: skip
        ThemeFactory(name=name)
    PlaceFactory(name="Preston", gss_code="E07000123")
    PlaceFactory(name="England", gss_code="E92000001", kind=PlaceKind.NATION)
    ReferenceFactory(title="The Preston Model")
    client.force_login(publisher())

    files = {"intervention": "interventions.csv", "policy": "policies.csv",
             "keyconcept": "concepts.csv", "reference": "references.csv"}  # fmt: skip
    for model, file in files.items():
        import_file(client, model, (TEMPLATES / file).read_bytes(), name=file)

    preston = Intervention.objects.get(slug="preston-model-community-wealth-building")
    assert preston.places.get().gss_code == "E07000123"
    assert preston.outcomes.get().reference.title == "The Preston Model"
    assert Policy.objects.get(slug="towns-fund").level == "nation"
    assert KeyConcept.objects.get(slug="community-wealth-building").themes.count() == 2
    assert Reference.objects.filter(authors="Pugh, A.", year=2024).exists()


@pytest.mark.django_db
def test_references_are_matched_by_doi_so_a_second_import_updates(client):
    held = ReferenceFactory(doi="10.1080/00343404.2020.1", title="Old title")
    client.force_login(editor())
    content = as_csv(
        [["Smith, J.", "2020", "New title", "Regional Studies", "10.1080/00343404.2020.1", ""]],
        header=["authors", "year", "title", "publisher", "doi", "url"],
    )
    import_file(client, "reference", content, name="references.csv")
    held.refresh_from_db()
    assert held.title == "New title"
    assert Reference.objects.count() == 1


@pytest.mark.django_db
def test_the_import_template_downloads_from_the_import_page(client):
    client.force_login(editor())
    page = client.get(reverse("admin:reviews_intervention_import"))
    link = reverse("admin:reviews_intervention_import_template")
    assert link in page.content.decode()
    response = client.get(link)
    assert b"".join(response.streaming_content).startswith(b"name,slug,status,summary")


@pytest.mark.django_db
def test_every_changelist_exports_to_csv_and_excel(client):
    InterventionFactory(name="Jobs pilot", places=[PlaceFactory(gss_code="E08000025")])
    client.force_login(User.objects.create_superuser("root", "r@example.org", "a-long-pass-1"))
    content_models = [m for m in admin.site._registry if m._meta.app_label in CONTENT_APPS]
    assert len(content_models) >= 9
    for model in content_models:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_export")
        data = data_for(client, opts.app_label, opts.model_name)
        for file_format, kind in [("0", "text/csv"), ("1", "spreadsheetml")]:
            response = client.post(url, {**data, "format": file_format})
            assert response.status_code == 200, (url, file_format)
            assert kind in response["Content-Type"], url
    response = client.post(
        reverse("admin:reviews_intervention_export"),
        {**data_for(client, "reviews", "intervention"), "format": "0"},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["name", "name_cy", "slug", "status", "summary", "summary_cy"]
    assert rows[0][-5:] == [
        "outcome_type", "outcome_description", "direction", "evidence_strength",
        "outcome_reference",
    ]  # fmt: skip
    assert rows[1][rows[0].index("places")] == "E08000025"


def data_for(client, app, model) -> dict:
    form = client.get(reverse(f"admin:{app}_{model}_export")).context["form"]
    data = {"resource": "0"}
    data.update({name: "on" for name, field in form.fields.items() if field.initial is True})
    return data


@pytest.mark.django_db
def test_an_exported_file_imports_back_unchanged(client, geography):
    study = ReferenceFactory(title="A study without a DOI")
    item = InterventionFactory(
        name="Jobs pilot",
        places=[geography["birmingham"], geography["leeds"]],
        themes=[geography["skills"]],
        policies=[geography["towns"]],
    )
    item.references.set([study])
    client.force_login(publisher())
    exported = client.post(
        reverse("admin:reviews_intervention_export"),
        {**data_for(client, "reviews", "intervention"), "format": "0"},
    ).content

    preview = upload(client, "intervention", exported)

    assert [row.import_type for row in preview.context["result"].rows] == ["skip"]


@pytest.mark.django_db
def test_a_csv_with_an_unquoted_comma_is_explained(client, geography):
    client.force_login(editor())
    content = b"name,summary\nJobs pilot,Support, with a stray comma\n"
    response = upload(client, "intervention", content)
    assert "A cell that contains a comma must be in double quotes" in response.content.decode()
    assert not Intervention.objects.exists()

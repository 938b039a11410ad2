"""The admin home page as a researcher's dashboard, and the comfort of the change form."""

from datetime import timedelta

import pytest
import reversion
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lpip_hub.publishing import Status
from partnerships.models import Organisation, Partnership, Place
from reviews.models import EvidenceReview, Intervention, KeyConcept, Policy, Reference, Theme
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    KeyConceptFactory,
    PolicyFactory,
    ReferenceFactory,
    editor,
    publisher,
)

RESEARCHER_MODELS = [
    Place, Organisation, Partnership, Reference, Theme, KeyConcept, Policy, Intervention,
    EvidenceReview,
]  # fmt: skip


def saved_by(user, factory, **kwargs):
    with reversion.create_revision():
        obj = factory(**kwargs)
        reversion.set_user(user)
    return obj


def dashboard(client, user) -> dict:
    client.force_login(user)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    return response


def names(items) -> set[str]:
    return {str(item["object"]) for item in items}


@pytest.fixture
def researchers(db):
    return {"ada": editor(), "bo": editor(), "boss": publisher()}


@pytest.mark.django_db
def test_the_dashboard_lists_what_awaits_review_across_kinds(client, researchers):
    InterventionFactory(name="Jobs pilot", in_review=True)
    PolicyFactory(name="Skills plan", in_review=True)
    KeyConceptFactory(term="Anchor institution", in_review=True)
    InterventionFactory(name="Live scheme")
    InterventionFactory(name="Rough draft", draft=True)

    response = dashboard(client, researchers["boss"])

    dash = response.context["dash"]
    assert names(dash["awaiting_review"]) == {"Jobs pilot", "Skills plan", "Anchor institution"}
    assert dash["awaiting_total"] == 3
    assert dash["may_publish"] is True
    page = response.content.decode()
    assert "Waiting for you or another publisher" in page
    assert reverse("admin:reviews_policy_changelist") + "?status__exact=in_review" in page


@pytest.mark.django_db
def test_each_researcher_sees_their_own_drafts_only(client, researchers):
    ada, bo = researchers["ada"], researchers["bo"]
    saved_by(ada, InterventionFactory, name="Ada's draft", draft=True)
    saved_by(bo, InterventionFactory, name="Bo's draft", draft=True)
    saved_by(ada, PolicyFactory, name="Ada's policy draft", draft=True)
    saved_by(ada, InterventionFactory, name="Ada's submitted item", in_review=True)
    # Bo started this one and Ada edited it last: it is on both lists.
    shared = saved_by(bo, InterventionFactory, name="Shared draft", draft=True)
    with reversion.create_revision():
        shared.summary = "Ada's edit."
        shared.save()
        reversion.set_user(ada)

    assert names(dashboard(client, ada).context["dash"]["own_drafts"]) == {
        "Ada's draft", "Ada's policy draft", "Shared draft",
    }  # fmt: skip
    assert names(dashboard(client, bo).context["dash"]["own_drafts"]) == {
        "Bo's draft", "Shared draft",
    }  # fmt: skip


@pytest.mark.django_db
def test_reviews_not_checked_for_a_year_are_due(client, researchers):
    today = timezone.localdate()
    long_ago = timezone.now() - timedelta(days=400)
    EvidenceReviewFactory(title="Checked long ago", last_reviewed=today - timedelta(days=400))
    EvidenceReviewFactory(title="Checked recently", last_reviewed=today - timedelta(days=30))
    EvidenceReviewFactory(title="Never checked, old", last_reviewed=None, published_at=long_ago)
    EvidenceReviewFactory(title="Never checked, new", last_reviewed=None,
                          published_at=timezone.now() - timedelta(days=30))  # fmt: skip
    EvidenceReviewFactory(title="Unpublished draft", last_reviewed=None, draft=True)

    due = dashboard(client, researchers["ada"]).context["dash"]["reviews_due"]

    assert [str(item["object"]) for item in due] == ["Never checked, old", "Checked long ago"]


@pytest.mark.django_db
def test_recent_changes_show_who_changed_what(client, researchers):
    saved_by(researchers["bo"], InterventionFactory, name="Jobs pilot", draft=True)
    saved_by(researchers["ada"], ReferenceFactory, title="A study of towns")

    changes = dashboard(client, researchers["ada"]).context["dash"]["recent_changes"]

    assert [(c["revision"].user, [i["name"] for i in c["items"]]) for c in changes] == [
        (researchers["ada"], ["Smith, J. (2024) A study of towns"]),
        (researchers["bo"], ["Jobs pilot"]),
    ]


@pytest.mark.django_db
def test_the_dashboard_costs_the_same_queries_however_much_content_there_is(client, researchers):
    user = researchers["ada"]

    def count():
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("admin:index"))
        return len(queries)

    def add(n):
        for _ in range(n):
            saved_by(user, InterventionFactory, draft=True)
            saved_by(user, PolicyFactory, in_review=True)

    add(12)  # more than a list shows
    count()  # the first visit also records the language the person works in
    queries = count()
    add(30)
    assert count() == queries


@pytest.mark.django_db
def test_an_editor_is_told_when_an_item_goes_for_review_from_the_change_form(client):
    draft = InterventionFactory(name="Jobs pilot", draft=True)
    client.force_login(editor())
    url = reverse("admin:reviews_intervention_change", args=[draft.pk])
    page = client.get(url)
    assert b'name="_submit_for_review"' in page.content
    assert b'name="_publish"' not in page.content

    from tests.test_admin import form_data

    data = {**form_data(page.context), "_submit_for_review": "Save and submit for review"}
    response = client.post(url, data, follow=True)

    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert "is submitted for review" in response.content.decode()


@pytest.mark.django_db
def test_a_publisher_publishes_from_the_change_form(client):
    draft = InterventionFactory(name="Jobs pilot", in_review=True)
    boss = publisher()
    client.force_login(boss)
    url = reverse("admin:reviews_intervention_change", args=[draft.pk])
    from tests.test_admin import form_data

    client.post(url, {**form_data(client.get(url).context), "_publish": "Save and publish"})

    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_by == boss


@pytest.mark.django_db
def test_an_editor_cannot_publish_by_posting_the_publish_button(client):
    draft = InterventionFactory(name="Jobs pilot", draft=True)
    client.force_login(editor())
    url = reverse("admin:reviews_intervention_change", args=[draft.pk])
    from tests.test_admin import form_data

    client.post(url, {**form_data(client.get(url).context), "_publish": "Save and publish"})

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


@pytest.mark.django_db
def test_an_unpublished_item_offers_a_preview_and_a_published_one_a_view(client):
    draft = InterventionFactory(draft=True)
    live = InterventionFactory()
    client.force_login(editor())
    page = client.get(reverse("admin:reviews_intervention_change", args=[draft.pk]))
    assert f'href="{draft.get_absolute_url()}" class="viewsitelink">Preview on site' in (
        page.content.decode()
    )
    assert client.get(draft.get_absolute_url()).status_code == 200  # staff preview
    page = client.get(reverse("admin:reviews_intervention_change", args=[live.pk]))
    assert f'href="{live.get_absolute_url()}" class="viewsitelink">View on site' in (
        page.content.decode()
    )


@pytest.mark.django_db
def test_every_field_on_every_add_form_has_help_text(client):
    client.force_login(publisher())
    missing = []
    for model in RESEARCHER_MODELS:
        opts = model._meta
        context = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add")).context
        forms = [context["adminform"].form]
        forms += [f for inline in context["inline_admin_formsets"] for f in inline.formset.forms]
        for form in forms:
            missing += [
                f"{opts.model_name}.{name}"
                for name, field in form.fields.items()
                if not field.help_text and name not in ("id", "intervention", "DELETE")
            ]
    assert missing == []


@pytest.mark.django_db
def test_new_items_start_as_drafts_and_reviews_dated_only_when_published(client):
    client.force_login(editor())
    form = client.get(reverse("admin:reviews_evidencereview_add")).context["adminform"].form
    assert form["status"].value() == Status.DRAFT
    assert form["last_reviewed"].value() == timezone.localdate()
    assert form["publication_date"].value() is None


@pytest.mark.django_db
def test_markdown_fields_load_the_preview_script(client):
    client.force_login(editor())
    page = client.get(reverse("admin:reviews_intervention_add")).content.decode()
    assert "js/admin-markdown-preview.js" in page
    assert f'data-markdown-preview="{reverse("admin-markdown-preview")}"' in page
    assert "css/admin.css" in page


@pytest.mark.django_db
def test_the_markdown_preview_strips_a_script_tag(client):
    client.force_login(editor())
    response = client.post(
        reverse("admin-markdown-preview"),
        {"text": "## Findings\n\n<script>alert(1)</script>[a](javascript:alert(1)) **bold**"},
    )
    html = response.json()["html"]
    assert "<h2>Findings</h2>" in html
    assert "<strong>bold</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html


@pytest.mark.django_db
def test_the_markdown_preview_refuses_anonymous_users_and_requests_without_a_token(client):
    url = reverse("admin-markdown-preview")
    assert client.post(url, {"text": "# Hi"}).status_code == 403
    assert client.get(url).status_code == 405

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor())
    assert strict.post(url, {"text": "# Hi"}).status_code == 403


@pytest.mark.django_db
def test_the_markdown_preview_refuses_staff_without_content_permissions(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(is_staff=True))
    assert client.post(reverse("admin-markdown-preview"), {"text": "# Hi"}).status_code == 403


@pytest.mark.django_db
def test_references_are_found_by_doi_or_title_in_the_picker(client):
    ReferenceFactory(title="Towns and their futures", doi="10.1080/00343404.2020.1")
    ReferenceFactory(title="Something else")
    client.force_login(editor())
    url = reverse("admin:autocomplete")
    base = {"app_label": "reviews", "model_name": "intervention", "field_name": "references"}
    for term in ["10.1080/00343404", "towns and"]:
        results = client.get(url, {**base, "term": term}).json()["results"]
        assert [r["text"] for r in results] == ["Smith, J. (2024) Towns and their futures"]


@pytest.mark.django_db
def test_unpublishing_takes_an_item_off_the_site_at_once(client):
    live = InterventionFactory()
    assert client.get(live.get_absolute_url()).status_code == 200  # now in the page cache
    client.force_login(publisher())
    changelist = reverse("admin:reviews_intervention_changelist")
    client.post(changelist, {"action": "unpublish", "_selected_action": [live.pk]})
    client.logout()
    assert client.get(live.get_absolute_url()).status_code == 404
    assert Intervention.objects.get(pk=live.pk).status == Status.DRAFT

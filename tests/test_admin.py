"""The admin: editors write and submit, publishers publish, history keeps every version."""

import pytest
import reversion
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse
from reversion.models import Version

from lpip_hub.publishing import Status
from reviews.models import Intervention, Outcome
from tests.factories import InterventionFactory, PlaceFactory, editor, publisher


def action(client, model, name, objects):
    opts = model._meta
    return client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": name, "_selected_action": [o.pk for o in objects]},
        follow=True,
    )


def form_data(context) -> dict:
    """What a browser would post back from an admin change form, inlines included."""
    forms = [context["adminform"].form]
    data = {}
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        data.update({management.add_prefix(k): v for k, v in management.initial.items()})
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if isinstance(value, list | tuple):
                value = [str(getattr(v, "pk", v)) for v in value]
            data[form.add_prefix(name)] = "" if value is None else value
    return data


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", "admin@example.org", "a-long-test-password")


@pytest.mark.django_db
def test_every_changelist_and_add_page_opens_for_a_superuser(client, superuser, rf):
    client.force_login(superuser)
    request = rf.get("/")
    request.user = superuser
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        views = ["changelist", "add"] if model_admin.has_add_permission(request) else ["changelist"]
        for view in views:
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}")
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_an_editor_cannot_publish(client):
    draft = InterventionFactory(draft=True)
    client.force_login(editor())
    action(client, Intervention, "publish", [draft])
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    changelist = client.get(reverse("admin:reviews_intervention_changelist"))
    assert b'value="publish"' not in changelist.content
    assert b'value="submit_for_review"' in changelist.content


@pytest.mark.django_db
def test_an_editor_cannot_publish_through_the_change_form(client):
    draft = InterventionFactory(draft=True)
    client.force_login(editor())
    url = reverse("admin:reviews_intervention_change", args=[draft.pk])
    form = client.get(url).content
    assert b'<option value="published"' not in form


@pytest.mark.django_db
def test_an_editor_submits_and_a_publisher_publishes(client):
    draft = InterventionFactory(draft=True)
    client.force_login(editor())
    action(client, Intervention, "submit_for_review", [draft])
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW

    boss = publisher()
    client.force_login(boss)
    action(client, Intervention, "publish", [draft])
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.published_by == boss
    assert draft.published_at is not None
    assert client.get(draft.get_absolute_url()).status_code == 200

    action(client, Intervention, "unpublish", [draft])
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_an_editor_adds_an_intervention_in_birmingham_with_two_outcomes(client):
    birmingham = PlaceFactory(name="Birmingham", gss_code="E08000025")
    user = editor()
    client.force_login(user)
    response = client.post(
        reverse("admin:reviews_intervention_add"),
        {
            "name": "Birmingham jobs pilot",
            "slug": "birmingham-jobs-pilot",
            "status": "in_review",
            "summary": "Employment support in Birmingham.",
            "places": [birmingham.pk],
            "scale": "local",
            "setting": "urban",
            "outcomes-TOTAL_FORMS": "2",
            "outcomes-INITIAL_FORMS": "0",
            "outcomes-0-outcome_type": "employment",
            "outcomes-0-description": "More people in work.",
            "outcomes-0-direction": "positive",
            "outcomes-0-evidence_strength": "3",
            "outcomes-1-outcome_type": "earnings",
            "outcomes-1-description": "No change in pay.",
            "outcomes-1-direction": "no_effect",
            "outcomes-1-evidence_strength": "2",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    intervention = Intervention.objects.get(slug="birmingham-jobs-pilot")
    assert intervention.status == Status.IN_REVIEW
    assert list(intervention.places.all()) == [birmingham]
    assert intervention.outcomes.count() == 2
    version = Version.objects.get_for_object(intervention).get()
    assert version.revision.user == user


@pytest.mark.django_db
def test_a_deleted_item_can_be_restored_from_history(client):
    client.force_login(publisher())
    with reversion.create_revision():
        intervention = InterventionFactory(name="Lost scheme", summary="The original text.")
        Outcome.objects.create(
            intervention=intervention, outcome_type="skills", description="Skills rose."
        )
    pk = intervention.pk
    response = client.post(reverse("admin:reviews_intervention_delete", args=[pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Intervention.objects.filter(pk=pk).exists()

    version = Version.objects.get_deleted(Intervention).get(object_id=str(pk))
    recover = reverse("admin:reviews_intervention_recover", args=[version.pk])
    assert client.get(reverse("admin:reviews_intervention_recoverlist")).status_code == 200
    response = client.post(recover, form_data(client.get(recover).context))
    assert response.status_code == 302
    restored = Intervention.objects.get(pk=pk)
    assert restored.summary == "The original text."

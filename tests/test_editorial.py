"""Only a publisher's decision changes what the public sees, tried through the real admin."""

import pytest
import reversion
from django.core import mail
from django.urls import reverse
from reversion.models import Version

from lpip_hub import publishing
from lpip_hub.models import ReviewRequest
from lpip_hub.publishing import Status
from reviews.models import Intervention
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    OutcomeFactory,
    editor,
    publisher,
)
from tests.test_admin import action, form_data


def change_url(obj) -> str:
    return reverse("admin:reviews_intervention_change", args=[obj.pk])


def public_text(client, obj) -> str:
    client.logout()
    response = client.get(obj.get_absolute_url())
    return response.content.decode() if response.status_code == 200 else ""


def edit(client, obj, **changes):
    form = client.get(change_url(obj))
    data = form_data(form.context)
    data.update(changes)
    return client.post(change_url(obj), data)


@pytest.fixture
def live(db):
    with reversion.create_revision():
        item = InterventionFactory(name="Jobs pilot", summary="The reviewed text.")
        item.tags.add("employment")
        OutcomeFactory(intervention=item, description="More people in work.")
    return item


@pytest.mark.django_db
def test_an_editors_edit_of_a_published_item_waits_for_a_publisher(
    client, live, django_capture_on_commit_callbacks
):
    author = editor(email="ada@example.org")
    boss = publisher(email="boss@example.org")
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        response = edit(client, live, summary="An unreviewed claim.", tags="employment, skills")
    assert response.status_code == 302

    live.refresh_from_db()
    assert live.summary == "The reviewed text."
    assert live.status == Status.PUBLISHED
    assert sorted(live.tags.names()) == ["employment"]
    assert "unreviewed claim" not in public_text(client, live)
    assert "The reviewed text." in public_text(client, live)
    assert [m.to for m in mail.outbox] == [["boss@example.org"]]
    assert "Jobs pilot" in mail.outbox[0].subject

    client.force_login(boss)
    page = client.get(change_url(live)).content.decode()
    assert "Changes awaiting review" in page
    assert "Live version" in page
    assert "unreviewed" in page and "skills" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:reviews_intervention_review", args=[live.pk]), {"decision": "approve"}
        )
    live.refresh_from_db()
    assert live.summary == "An unreviewed claim."
    assert sorted(live.tags.names()) == ["employment", "skills"]
    assert list(live.outcomes.values_list("description", flat=True)) == ["More people in work."]
    assert "An unreviewed claim." in public_text(client, live)
    assert mail.outbox[-1].to == ["ada@example.org"]
    comments = [v.revision.comment for v in Version.objects.get_for_object(live)]
    assert comments[0].startswith("Approved changes by")
    assert any(c.startswith("Changes submitted for review") for c in comments)
    assert not any("No fields changed" in c for c in comments)


@pytest.mark.django_db
def test_an_editors_outcome_changes_wait_and_then_apply_together(client, live):
    client.force_login(editor())
    data = form_data(client.get(change_url(live)).context)
    data.update(
        {
            "outcomes-0-description": "Fewer people in work.",
            "outcomes-1-outcome_type": "earnings",
            "outcomes-1-description": "Pay rose.",
            "outcomes-1-direction": "positive",
            "outcomes-1-evidence_strength": "2",
        }
    )
    assert client.post(change_url(live), data).status_code == 302
    assert list(live.outcomes.values_list("description", flat=True)) == ["More people in work."]

    boss = publisher()
    publishing.approve(live, boss)
    assert sorted(live.outcomes.values_list("description", flat=True)) == [
        "Fewer people in work.",
        "Pay rose.",
    ]


@pytest.mark.django_db
def test_a_publisher_sends_back_with_a_required_comment_the_editor_then_sees(
    client, live, django_capture_on_commit_callbacks
):
    author = editor(email="ada@example.org")
    client.force_login(author)
    edit(client, live, summary="A claim.")
    client.force_login(publisher())
    review = reverse("admin:reviews_intervention_review", args=[live.pk])

    client.post(review, {"decision": "send_back", "comment": "  "})
    assert publishing.pending_request(live) is not None  # no comment: nothing decided

    with django_capture_on_commit_callbacks(execute=True):
        client.post(review, {"decision": "send_back", "comment": "Cite the evaluation, please."})
    live.refresh_from_db()
    assert live.summary == "The reviewed text."
    assert publishing.pending_request(live) is None
    assert "Cite the evaluation" in mail.outbox[-1].body
    assert Version.objects.get_for_object(live).first().revision.comment == (
        "Sent back: Cite the evaluation, please."
    )

    client.force_login(author)
    assert "Cite the evaluation, please." in client.get(change_url(live)).content.decode()
    dashboard = client.get(reverse("admin:index")).content.decode()
    assert "Sent back to you (1)" in dashboard
    assert "Cite the evaluation, please." in dashboard


@pytest.mark.django_db
def test_an_editor_cannot_approve_or_send_back(client, live):
    client.force_login(editor())
    edit(client, live, summary="A claim.")
    review = reverse("admin:reviews_intervention_review", args=[live.pk])
    assert client.post(review, {"decision": "approve"}).status_code == 403
    live.refresh_from_db()
    assert live.summary == "The reviewed text."


@pytest.mark.django_db
def test_a_publishers_own_edit_goes_live(client, live):
    client.force_login(publisher())
    edit(client, live, summary="A reviewed correction.")
    live.refresh_from_db()
    assert live.summary == "A reviewed correction."
    assert "A reviewed correction." in public_text(client, live)


@pytest.mark.django_db
def test_an_editor_submitting_a_draft_is_recorded_and_publishers_are_told(
    client, django_capture_on_commit_callbacks
):
    draft = InterventionFactory(draft=True, name="New scheme")
    publisher(email="boss@example.org")
    client.force_login(editor())
    data = form_data(client.get(change_url(draft)).context)
    data["_submit_for_review"] = "Save and submit for review"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(draft), data)
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert Version.objects.get_for_object(draft).first().revision.comment == (
        "Submitted for review."
    )
    assert mail.outbox[0].to == ["boss@example.org"]


@pytest.mark.django_db
def test_reverting_an_unpublished_item_to_its_published_version_keeps_it_off_the_site(client, live):
    published_version = Version.objects.get_for_object(live).first()
    client.force_login(publisher())
    action(client, Intervention, "unpublish", [live])
    client.force_login(editor())
    url = reverse("admin:reviews_intervention_revision", args=[live.pk, published_version.pk])
    assert client.post(url, form_data(client.get(url).context)).status_code == 302
    live.refresh_from_db()
    assert live.status == Status.DRAFT
    assert public_text(client, live) == ""


@pytest.mark.django_db
def test_an_editors_revert_of_a_live_item_is_a_pending_version(client, live):
    first = Version.objects.get_for_object(live).first()
    live.summary = "The second reviewed text."
    with reversion.create_revision():
        live.save()
    client.force_login(editor())
    url = reverse("admin:reviews_intervention_revision", args=[live.pk, first.pk])
    assert client.post(url, form_data(client.get(url).context)).status_code == 302
    live.refresh_from_db()
    assert live.summary == "The second reviewed text."
    changes = publishing.pending_request(live).changes
    assert changes["objects"][0]["fields"]["summary"] == "The reviewed text."


@pytest.fixture
def deleted(client, live):
    """A published intervention, listed by a review and tagged, deleted by a publisher."""
    review = EvidenceReviewFactory()
    with reversion.create_revision():
        review.interventions.add(live)
        live.save()
    pk = live.pk
    client.force_login(publisher())
    client.post(reverse("admin:reviews_intervention_delete", args=[pk]), {"post": "yes"})
    assert not Intervention.objects.filter(pk=pk).exists()
    version = Version.objects.get_deleted(Intervention).get(object_id=str(pk))
    return {"pk": pk, "review": review, "version": version}


@pytest.mark.django_db
def test_recovering_a_deleted_item_brings_it_back_as_a_draft_with_its_links(client, deleted):
    client.force_login(editor())
    recover = reverse("admin:reviews_intervention_recover", args=[deleted["version"].pk])
    assert client.post(recover, form_data(client.get(recover).context)).status_code == 302
    item = Intervention.objects.get(pk=deleted["pk"])
    assert item.status == Status.DRAFT
    assert public_text(client, item) == ""
    assert sorted(item.tags.names()) == ["employment"]
    assert list(item.outcomes.values_list("description", flat=True)) == ["More people in work."]
    assert list(deleted["review"].interventions.all()) == [item]


@pytest.mark.django_db
def test_a_stale_form_is_refused_naming_who_saved_and_keeping_the_input(client, live):
    first, second = editor(), publisher(first_name="Grace", last_name="Hopper")
    client.force_login(first)
    stale = form_data(client.get(change_url(live)).context)
    client.force_login(second)
    assert "opened this" in client.get(change_url(live)).content.decode()
    edit(client, live, summary="Grace's correction.")

    client.force_login(first)
    stale["summary"] = "My older edit."
    response = client.post(change_url(live), stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Grace Hopper" in page
    assert "My older edit." in page
    live.refresh_from_db()
    assert live.summary == "Grace's correction."
    assert publishing.pending_request(live) is None

    # Told of the other save, the person may now save their merged text.
    token = response.context["adminform"].form["version_token"].value()
    merged = {**stale, "version_token": token, "summary": "Grace's correction, merged."}
    assert client.post(change_url(live), merged).status_code == 302
    assert publishing.pending_request(live).author == first


@pytest.mark.django_db
def test_the_dashboard_lists_changes_to_published_items_awaiting_review(client, live):
    client.force_login(editor())
    edit(client, live, summary="A claim.")
    client.force_login(publisher())
    page = client.get(reverse("admin:index")).content.decode()
    assert "Changes to published items awaiting review (1)" in page
    assert "Jobs pilot" in page
    assert ReviewRequest.objects.filter(state=ReviewRequest.State.PENDING).count() == 1


@pytest.mark.django_db
def test_an_editor_reopening_an_item_carries_on_from_their_changes_awaiting_review(client, live):
    client.force_login(editor())
    edit(client, live, summary="First pass.", tags="employment, skills")
    form = client.get(change_url(live))
    assert form.context["adminform"].form["summary"].value() == "First pass."
    assert 'value="employment, skills"' in form.content.decode()
    edit(client, live, name="Jobs pilot (renamed)")
    changes = publishing.pending_request(live).changes["objects"][0]["fields"]
    assert changes["summary"] == "First pass."
    assert changes["name"] == "Jobs pilot (renamed)"
    live.refresh_from_db()
    assert live.summary == "The reviewed text."


@pytest.mark.django_db
def test_recovering_a_deleted_place_brings_back_its_links_both_ways(client):
    from partnerships.models import Place
    from tests.factories import PlaceFactory

    region = PlaceFactory(name="Region")
    with reversion.create_revision():
        city = PlaceFactory(name="City", parents=[region])
    district = PlaceFactory(name="District", parents=[city])
    scheme = InterventionFactory(places=[city])
    client.force_login(publisher())
    client.post(reverse("admin:partnerships_place_delete", args=[city.pk]), {"post": "yes"})
    assert not Place.objects.filter(pk=city.pk).exists()

    version = Version.objects.get_deleted(Place).get(object_id=str(city.pk))
    recover = reverse("admin:partnerships_place_recover", args=[version.pk])
    assert client.post(recover, form_data(client.get(recover).context)).status_code == 302
    city = Place.objects.get(pk=city.pk)
    assert list(city.parents.all()) == [region]
    assert list(district.parents.all()) == [city]
    assert list(scheme.places.all()) == [city]


@pytest.mark.django_db
def test_bad_ids_in_workflow_addresses_answer_404_not_500(client):
    client.force_login(publisher())
    assert (
        client.post("/admin/reviews/intervention/abc/review/", {"decision": "approve"}).status_code
        == 404
    )
    response = client.post("/admin/reviews/intervention/abc/change/", {})
    assert response.status_code in (302, 404)


@pytest.mark.django_db
def test_each_person_is_written_to_in_the_language_they_use_the_admin_in(
    client, live, django_capture_on_commit_callbacks
):
    author = editor(email="ada@example.org")
    welsh_boss = publisher(email="bos@example.org", username="bos")
    english_boss = publisher(email="boss@example.org", username="boss")
    client.cookies["django_language"] = "cy"  # Ada and the Welsh publisher work in Welsh
    for person in (author, welsh_boss):
        client.force_login(person)
        client.get(reverse("admin:index"))
    client.cookies["django_language"] = "en-gb"
    client.force_login(english_boss)
    client.get(reverse("admin:index"))

    client.cookies["django_language"] = "cy"
    client.force_login(author)
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, live, summary="Newid.")

    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {("bos@example.org",), ("boss@example.org",)}
    assert by_recipient[("bos@example.org",)].subject == "I’w adolygu: Jobs pilot"
    assert "yn aros am adolygiad" in by_recipient[("bos@example.org",)].body
    assert by_recipient[("boss@example.org",)].subject == "For review: Jobs pilot"
    assert "await review, submitted by" in by_recipient[("boss@example.org",)].body

    client.force_login(english_boss)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:reviews_intervention_review", args=[live.pk]),
            {"decision": "send_back", "comment": "Cite the source."},
        )
    to_author = mail.outbox[-1]
    assert to_author.to == ["ada@example.org"]
    assert to_author.subject == "Anfonwyd yn ôl: Jobs pilot"
    assert "Cite the source." in to_author.body and "Eu sylw:" in to_author.body


@pytest.mark.django_db
def test_two_editors_writing_the_welsh_and_the_english_of_one_live_item_lose_neither(client, live):
    """A translator adds the Welsh while a colleague corrects the English, both from forms opened
    before either saved: the second is told of the first, and the first's Welsh is kept."""
    translator, colleague = editor(first_name="Nia", last_name="Jones"), editor()
    client.force_login(translator)
    welsh = form_data(client.get(change_url(live)).context)
    client.force_login(colleague)
    english = form_data(client.get(change_url(live)).context)

    client.force_login(translator)
    welsh["summary_cy"] = "Y testun Cymraeg."
    assert client.post(change_url(live), welsh).status_code == 302

    client.force_login(colleague)
    english["summary"] = "A corrected summary."
    response = client.post(change_url(live), english)
    assert response.status_code == 200, "the older form is not saved over the Welsh"
    page = response.content.decode()
    assert "Nia Jones" in page
    assert "Y testun Cymraeg." in page, "the Welsh awaiting review is shown to merge with"
    assert "A corrected summary." in page, "and the colleague's own input is kept"
    pending = publishing.pending_request(live)
    assert pending.author == translator
    assert "Y testun Cymraeg." in str(pending.changes)

    # Told of the Welsh, the colleague merges it and saves again.
    token = response.context["adminform"].form["version_token"].value()
    again = {**english, "version_token": token, "summary_cy": "Y testun Cymraeg."}
    assert client.post(change_url(live), again).status_code == 302
    changes = str(publishing.pending_request(live).changes)
    assert "Y testun Cymraeg." in changes and "A corrected summary." in changes

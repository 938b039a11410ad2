"""History in the admin: every version kept, any two compared, an earlier one restored."""

import pytest
import reversion
from django.urls import reverse
from reversion.models import Version

from reviews.models import Intervention
from tests.factories import (
    InterventionFactory,
    OutcomeFactory,
    PlaceFactory,
    editor,
    publisher,
)
from tests.test_admin import form_data


def save_version(obj, user, comment="", **changes):
    for name, value in changes.items():
        setattr(obj, name, value)
    with reversion.create_revision():
        obj.save()
        reversion.set_user(user)
        reversion.set_comment(comment)
    return Version.objects.get_for_object(obj).first()


@pytest.fixture
def edited(db):
    """An intervention saved twice: its summary and places changed in the second version."""
    author = editor(first_name="Ada", last_name="Researcher")
    birmingham = PlaceFactory(name="Birmingham")
    leeds = PlaceFactory(name="Leeds")
    with reversion.create_revision():
        item = InterventionFactory(
            name="Jobs pilot", summary="Employment support in Birmingham.", places=[birmingham]
        )
        reversion.set_user(author)
    first = Version.objects.get_for_object(item).get()
    item.places.set([leeds])
    second = save_version(item, author, summary="Employment support in Leeds.")
    return {"item": item, "first": first, "second": second, "author": author}


def compare_url(item, a, b):
    url = reverse("admin:reviews_intervention_compare", args=[item.pk])
    return f"{url}?version_a={a.pk}&version_b={b.pk}"


@pytest.mark.django_db
def test_an_edit_through_the_admin_keeps_the_old_version_with_who_and_when(client, edited):
    item, user = edited["item"], publisher()
    client.force_login(user)
    url = reverse("admin:reviews_intervention_change", args=[item.pk])
    data = form_data(client.get(url).context)
    data["summary"] = "A third text."
    assert client.post(url, data).status_code == 302

    versions = list(Version.objects.get_for_object(item))
    assert len(versions) == 3
    assert versions[0].revision.user == user
    assert versions[0].field_dict["summary"] == "A third text."
    assert versions[1].field_dict["summary"] == "Employment support in Leeds."


@pytest.mark.django_db
def test_the_history_page_offers_to_compare_versions(client, edited):
    client.force_login(editor())
    response = client.get(reverse("admin:reviews_intervention_history", args=[edited["item"].pk]))
    page = response.content.decode()
    assert reverse("admin:reviews_intervention_compare", args=[edited["item"].pk]) in page
    assert f'name="version_a" value="{edited["first"].pk}"' in page
    assert f'name="version_b" value="{edited["second"].pk}"' in page
    assert "Ada Researcher" in page


@pytest.mark.django_db
def test_compare_shows_the_changed_fields_word_by_word(client, edited):
    client.force_login(editor())
    response = client.get(compare_url(edited["item"], edited["second"], edited["first"]))

    assert response.status_code == 200
    changes = {c.label: c for c in response.context["changes"]}
    assert set(changes) == {"Summary", "Places"}
    assert changes["Summary"].before == "Employment support in <del>Birmingham.</del>"
    assert changes["Summary"].after == "Employment support in <ins>Leeds.</ins>"
    assert "<del>Birmingham</del>" in changes["Places"].before
    assert "<ins>Leeds</ins>" in changes["Places"].after
    assert "Name" not in changes  # unchanged fields are left out
    restore = reverse(
        "admin:reviews_intervention_revision", args=[edited["item"].pk, edited["first"].pk]
    )
    assert restore in response.content.decode()


@pytest.mark.django_db
def test_compare_escapes_text_it_shows(client, edited):
    item = edited["item"]
    newer = save_version(item, edited["author"], summary="<script>alert(1)</script>")
    client.force_login(editor())
    response = client.get(compare_url(item, edited["second"], newer))
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;alert(1)" in response.content


@pytest.mark.django_db
def test_compare_refuses_a_version_of_another_item(client, edited):
    other = InterventionFactory()
    with reversion.create_revision():
        other.save()
    stranger = Version.objects.get_for_object(other).get()
    client.force_login(editor())
    assert client.get(compare_url(edited["item"], edited["first"], stranger)).status_code == 404


@pytest.mark.django_db
def test_compare_shows_outcomes_added_with_a_version(client, edited):
    item = edited["item"]
    with reversion.create_revision():
        OutcomeFactory(intervention=item, description="Employment rose by 3 per cent.")
        item.save()
    newer = Version.objects.get_for_object(item).first()
    client.force_login(editor())
    changes = client.get(compare_url(item, edited["second"], newer)).context["changes"]
    (saved_with,) = [c for c in changes if c.label == "Saved with it"]
    assert "Employment rose by 3 per cent." in saved_with.after


@pytest.mark.django_db
def test_restoring_a_version_brings_back_the_old_text(client, edited):
    item = edited["item"]
    client.force_login(publisher())
    url = reverse("admin:reviews_intervention_revision", args=[item.pk, edited["first"].pk])
    form = client.get(url)
    assert form.context["adminform"].form["summary"].value() == (
        "Employment support in Birmingham."
    )
    response = client.post(url, form_data(form.context))

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.summary == "Employment support in Birmingham."
    assert [p.name for p in item.places.all()] == ["Birmingham"]
    # Restoring is itself a new version: the text it replaced is still in the history.
    summaries = [v.field_dict["summary"] for v in Version.objects.get_for_object(item)]
    assert summaries == [
        "Employment support in Birmingham.",
        "Employment support in Leeds.",
        "Employment support in Birmingham.",
    ]


@pytest.mark.django_db
def test_an_editor_cannot_delete_and_a_deleted_item_stays_recoverable(client, edited):
    item = edited["item"]
    client.force_login(editor())
    delete = reverse("admin:reviews_intervention_delete", args=[item.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Intervention.objects.filter(pk=item.pk).exists()

    item.delete()  # as a publisher would
    recover_list = client.get(reverse("admin:reviews_intervention_recoverlist"))
    assert "Jobs pilot" in recover_list.content.decode()

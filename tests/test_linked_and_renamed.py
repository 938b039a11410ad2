"""Links to unpublished items, and published items whose address changes."""

import pytest
from django.urls import reverse

from lpip_hub.publishing import Status
from reviews.models import EvidenceReview
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    KeyConceptFactory,
    PolicyFactory,
    editor,
    publisher,
)
from tests.test_admin import action, form_data


@pytest.fixture
def review_with_draft_links(db):
    review = EvidenceReviewFactory(draft=True, title="Skills review")
    draft_concept = KeyConceptFactory(draft=True, term="Draft concept XQZ")
    live_policy = PolicyFactory(name="Live policy")
    review.concepts.add(draft_concept)
    review.policies.add(live_policy)
    return review, draft_concept


@pytest.mark.django_db
def test_public_pages_list_only_live_linked_items(client, review_with_draft_links):
    review, concept = review_with_draft_links
    review.status = Status.PUBLISHED
    review.save()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Live policy" in page
    assert "XQZ" not in page
    assert [p.name for p in review.public_policies] == ["Live policy"]
    assert review.public_concepts == []


@pytest.mark.django_db
def test_the_staff_preview_shows_linked_drafts_marked_as_drafts(client, review_with_draft_links):
    review, _ = review_with_draft_links
    client.force_login(editor())
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Draft concept XQZ" in page
    assert "(draft: not on the public site)" in page


@pytest.mark.django_db
def test_a_publisher_is_warned_of_draft_links_and_may_publish_them_together(
    client, review_with_draft_links
):
    review, concept = review_with_draft_links
    client.force_login(publisher())
    url = reverse("admin:reviews_evidencereview_change", args=[review.pk])
    form = client.get(url)
    assert "Draft concept XQZ" in form.content.decode()
    assert "not on the site" in form.content.decode()

    data = form_data(form.context)
    data.update({"_publish": "Save and publish", "_publish_linked": "on"})
    assert client.post(url, data).status_code == 302
    review.refresh_from_db()
    concept.refresh_from_db()
    assert review.status == concept.status == Status.PUBLISHED


@pytest.mark.django_db
def test_the_publish_action_warns_of_draft_links(client, review_with_draft_links):
    review, concept = review_with_draft_links
    client.force_login(publisher())
    response = action(client, EvidenceReview, "publish", [review])
    assert "Draft concept XQZ" in response.content.decode()
    concept.refresh_from_db()
    assert concept.status == Status.DRAFT


@pytest.mark.django_db
def test_a_published_items_old_address_redirects_permanently(client):
    item = InterventionFactory(slug="old-name")
    old = item.get_absolute_url()
    item.slug = "new-name"
    item.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == item.get_absolute_url()
    item.slug = "newer-name"
    item.save()
    assert client.get(old)["Location"] == "/interventions/newer-name/"


@pytest.mark.django_db
def test_an_old_address_never_leads_to_an_unpublished_item(client):
    item = InterventionFactory(slug="old-name")
    item.slug = "new-name"
    item.save()
    item.status = Status.DRAFT
    item.save()
    assert client.get("/interventions/old-name/").status_code == 404


@pytest.mark.django_db
def test_a_draft_renamed_before_publishing_leaves_no_redirect(client):
    item = InterventionFactory(slug="first-try", draft=True)
    item.slug = "final"
    item.save()
    item.status = Status.PUBLISHED
    item.save()
    assert client.get("/interventions/first-try/").status_code == 404

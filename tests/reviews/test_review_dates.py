"""A review's publication date means what it says."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from lpip_hub.publishing import Status
from reviews.models import EvidenceReview
from tests.factories import EvidenceReviewFactory, ThemeFactory


@pytest.fixture
def root(client):
    user = User.objects.create_superuser("root", "r@example.org", "a-long-pass-1")
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_a_new_review_form_offers_no_publication_date(client, root):
    form = client.get(reverse("admin:reviews_evidencereview_add")).context["adminform"].form
    assert not form.initial.get("publication_date")


@pytest.mark.django_db
def test_a_draft_shows_no_publication_date_even_in_preview(client, root):
    draft = EvidenceReviewFactory(status=Status.DRAFT, publication_date=datetime.date(2026, 1, 5))
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "<dt>Published</dt>" not in page
    assert "5 January 2026" not in page


@pytest.mark.django_db
def test_the_publication_date_is_set_when_first_published(client, root):
    draft = EvidenceReviewFactory(status=Status.DRAFT)
    assert draft.publication_date is None
    client.post(
        reverse("admin:reviews_evidencereview_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.publication_date == timezone.localdate()
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "<dt>Published</dt>" in page


@pytest.mark.django_db
def test_an_editor_may_back_date_the_publication(client, root):
    theme = ThemeFactory()
    response = client.post(
        reverse("admin:reviews_evidencereview_add"),
        {
            "theme": theme.pk,
            "title": "Communities in their places",
            "slug": "communities",
            "status": "published",
            "publication_date": "2024-11-06",
            "figures-TOTAL_FORMS": "0",
            "figures-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    review = EvidenceReview.objects.get()
    assert review.publication_date == datetime.date(2024, 11, 6)

"""Tags: commas everywhere, never split at a space, suggested as you type; reviews have tags."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from lpip_hub.tags import parse_tags
from reviews.models import Intervention, KeyConcept
from tests.factories import EvidenceReviewFactory, InterventionFactory, editor, publisher
from tests.test_admin_import import as_csv, import_file


def test_tags_are_separated_by_commas_and_never_split_at_spaces():
    assert parse_tags("social capital, trust") == ["social capital", "trust"]
    assert parse_tags("social capital") == ["social capital"]
    # A semicolon, as older files used, still separates; duplicates are dropped.
    assert parse_tags("social capital; trust, Trust") == ["social capital", "trust"]


@pytest.mark.django_db
def test_the_admin_tags_box_reads_commas_and_shows_tags_with_commas(client):
    client.force_login(editor())
    response = client.post(
        reverse("admin:reviews_keyconcept_add"),
        {
            "term": "Anchor institution",
            "slug": "anchor-institution",
            "status": "draft",
            "definition": "A large local employer.",
            "tags": "social capital; trust",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    concept = KeyConcept.objects.get()
    assert sorted(concept.tags.names()) == ["social capital", "trust"]
    page = client.get(reverse("admin:reviews_keyconcept_change", args=[concept.pk]))
    assert 'value="social capital, trust"' in page.content.decode()


@pytest.mark.django_db
def test_the_tags_box_suggests_tags_already_in_use(client):
    InterventionFactory().tags.add("community wealth")
    client.force_login(editor())
    page = client.get(reverse("admin:reviews_intervention_add")).content.decode()
    assert 'list="id_tags-suggestions"' in page
    assert '<datalist id="id_tags-suggestions"><option value="community wealth">' in page
    assert "js/tag-suggest.js" in page


@pytest.mark.django_db
def test_an_import_reads_tags_with_commas_like_the_admin(client):
    client.force_login(publisher())
    content = as_csv(
        [["Jobs pilot", "Support.", "social capital, trust"]], header=["name", "summary", "tags"]
    )
    import_file(client, "intervention", content)
    assert sorted(Intervention.objects.get().tags.names()) == ["social capital", "trust"]


@pytest.mark.django_db
def test_a_review_can_be_tagged_and_shows_its_tags(client):
    review = EvidenceReviewFactory()
    review.tags.add("high streets", "social capital")
    page = client.get(review.get_absolute_url()).content.decode()
    assert "<dt>Tags</dt><dd>high streets, social capital</dd>" in page


@pytest.mark.django_db
def test_the_admin_home_names_the_tags_section_tags(client):
    client.force_login(User.objects.create_superuser("root", "r@example.org", "a-long-pass-1"))
    page = client.get(reverse("admin:index")).content.decode()
    assert "Taggit" not in page and ">Tags<" in page

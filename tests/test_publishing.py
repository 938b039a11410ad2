"""The published rule: drafts and items in review are invisible to the public."""

import pytest

from lpip_hub.publishing import Status
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    KeyConceptFactory,
    PartnershipFactory,
    PolicyFactory,
    ThemeFactory,
    editor,
)

PUBLISHABLE_FACTORIES = [
    ("concept", KeyConceptFactory, "term", "/concepts/"),
    ("policy", PolicyFactory, "name", "/policies/"),
    ("intervention", InterventionFactory, "name", "/interventions/"),
    ("partnership", PartnershipFactory, "name", "/partnerships/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("trait", ["draft", "in_review"])
@pytest.mark.parametrize(("kind", "factory", "field", "list_url"), PUBLISHABLE_FACTORIES)
def test_unpublished_items_are_absent_from_lists_and_their_pages_404(
    client, trait, kind, factory, field, list_url
):
    theme = ThemeFactory()
    hidden = factory(**{trait: True, field: f"Hidden {kind} XQZ"})
    if hasattr(hidden, "themes"):
        hidden.themes.add(theme)
    else:
        theme.partnerships.add(hidden)
    shown = factory(**{field: f"Shown {kind}"})

    listing = client.get(list_url)
    assert f"Shown {kind}".encode() in listing.content
    assert b"XQZ" not in listing.content
    assert b"XQZ" not in client.get(theme.get_absolute_url()).content
    assert b"XQZ" not in client.get("/").content
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(shown.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_an_unpublished_review_is_not_shown_on_its_theme(client):
    review = EvidenceReviewFactory(draft=True, title="Draft review XQZ")
    response = client.get(review.theme.get_absolute_url())
    assert b"XQZ" not in response.content
    assert b"in preparation" in response.content
    assert client.get(review.get_absolute_url()).status_code == 404


@pytest.mark.django_db
def test_staff_who_can_edit_see_a_preview_with_a_banner(client):
    intervention = InterventionFactory(draft=True, name="Draft scheme")
    client.force_login(editor())
    response = client.get(intervention.get_absolute_url())
    assert response.status_code == 200
    assert b"Preview" in response.content


@pytest.mark.django_db
def test_published_queryset_selects_published_items_only():
    published = InterventionFactory()
    InterventionFactory(draft=True)
    InterventionFactory(in_review=True)
    assert list(type(published).objects.published()) == [published]
    assert published.status == Status.PUBLISHED

"""Related initiatives: similar work elsewhere, shown on partnership, theme and output pages once
published, so people can connect with it and avoid duplicating it."""

import pytest
from django.urls import reverse

from tests.factories import (
    OutputFactory,
    PartnershipFactory,
    RelatedInitiativeFactory,
    ThemeFactory,
    editor,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_partnership_page_shows_its_published_related_initiatives_with_their_links(client):
    partnership = PartnershipFactory()
    RelatedInitiativeFactory(
        name="Coastal Towns Network",
        organisation="A university",
        url="https://example.org/coastal",
        partnerships=[partnership],
    )
    RelatedInitiativeFactory(name="zzdraft initiative", partnerships=[partnership], draft=True)
    RelatedInitiativeFactory(name="zzreview initiative", partnerships=[partnership], in_review=True)
    page = text(client.get(partnership.get_absolute_url()))
    assert "Related initiatives" in page
    assert 'href="https://example.org/coastal"' in page
    assert "A university" in page
    assert "zzdraft" not in page
    assert "zzreview" not in page


def test_theme_page_shows_initiatives_on_the_theme_or_its_partnerships_or_outputs(client):
    partnership = PartnershipFactory()
    theme = ThemeFactory(partnerships=[partnership])
    output = OutputFactory(themes=[theme])
    RelatedInitiativeFactory(name="On the theme", themes=[theme])
    RelatedInitiativeFactory(name="Through a partnership", partnerships=[partnership])
    RelatedInitiativeFactory(name="Through an output", outputs=[output])
    RelatedInitiativeFactory(name="Elsewhere entirely")
    page = text(client.get(theme.get_absolute_url()))
    assert "On the theme" in page
    assert "Through a partnership" in page
    assert "Through an output" in page
    assert "Elsewhere entirely" not in page


def test_theme_page_ignores_initiatives_reached_only_through_unpublished_items(client):
    hidden_partnership = PartnershipFactory(draft=True)
    theme = ThemeFactory(partnerships=[hidden_partnership])
    hidden_output = OutputFactory(themes=[theme], draft=True)
    RelatedInitiativeFactory(name="Via a draft partnership", partnerships=[hidden_partnership])
    RelatedInitiativeFactory(name="Via a draft output", outputs=[hidden_output])
    RelatedInitiativeFactory(name="zzdraft initiative", themes=[theme], draft=True)
    page = text(client.get(theme.get_absolute_url()))
    assert "Via a draft partnership" not in page
    assert "Via a draft output" not in page
    assert "zzdraft" not in page
    assert "Related initiatives" not in page


def test_an_initiative_linked_twice_is_listed_once(client):
    partnership = PartnershipFactory()
    theme = ThemeFactory(partnerships=[partnership])
    RelatedInitiativeFactory(name="Twice linked", themes=[theme], partnerships=[partnership])
    assert text(client.get(theme.get_absolute_url())).count("Twice linked") == 1


def test_output_page_shows_its_published_related_initiatives(client):
    output = OutputFactory()
    RelatedInitiativeFactory(name="Linked initiative", outputs=[output])
    RelatedInitiativeFactory(name="zzdraft initiative", outputs=[output], draft=True)
    page = text(client.get(output.get_absolute_url()))
    assert "Linked initiative" in page
    assert "zzdraft" not in page


def test_an_editor_opens_an_initiative_in_the_admin_without_a_preview_link(client):
    initiative = RelatedInitiativeFactory(draft=True)
    client.force_login(editor())
    page = text(client.get(reverse("admin:reviews_relatedinitiative_change", args=[initiative.pk])))
    assert initiative.name in page
    assert "Preview on site" not in page


def test_initiative_autocomplete_finds_outputs_for_the_admin(client):
    OutputFactory(title="PlaceCast on skills")
    client.force_login(editor())
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "PlaceCast",
            "app_label": "reviews",
            "model_name": "relatedinitiative",
            "field_name": "outputs",
        },
    )
    assert response.status_code == 200
    assert "PlaceCast on skills" in text(response)

"""Public partnership and place pages."""

import pytest

from partnerships.models import PlaceKind
from tests.factories import (
    InterventionFactory,
    OrganisationFactory,
    PartnershipFactory,
    PlaceFactory,
    ThemeFactory,
    UserFactory,
    editor,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_partnership_list_shows_lead_partners_places_themes_and_interventions(client):
    wales = PlaceFactory(name="Powys")
    partnership = PartnershipFactory(
        name="Cymru Wledig LPIP Rural Wales",
        lead_organisation=OrganisationFactory(name="Aberystwyth University"),
        partner_organisations=[OrganisationFactory(name="Bangor University")],
        places=[wales],
    )
    ThemeFactory(name="Cultural recovery", partnerships=[partnership])
    InterventionFactory(name="Rural growth scheme", partnerships=[partnership])
    InterventionFactory(name="Draft scheme", partnerships=[partnership], draft=True)
    page = text(client.get("/partnerships/"))
    for shown in (
        "Cymru Wledig LPIP Rural Wales",
        "Aberystwyth University",
        "Bangor University",
        "Powys",
        "Cultural recovery",
        "Rural growth scheme",
    ):
        assert shown in page
    assert "Draft scheme" not in page


def test_partnership_list_hides_unpublished_partnerships(client):
    PartnershipFactory(name="Northern Ireland LPIP")
    PartnershipFactory(name="Draft LPIP", draft=True)
    PartnershipFactory(name="Reviewed LPIP", in_review=True)
    page = text(client.get("/partnerships/"))
    assert "Northern Ireland LPIP" in page
    assert "Draft LPIP" not in page and "Reviewed LPIP" not in page


def test_partnership_page_shows_its_facts(client):
    partnership = PartnershipFactory(
        name="Stirling LPIP", grant_reference="ES/Y502364/1", description="Water and *place*."
    )
    page = text(client.get(partnership.get_absolute_url()))
    assert "Stirling LPIP" in page
    assert "ES/Y502364/1" in page
    assert "<em>place</em>" in page


@pytest.mark.parametrize("draft", [{"draft": True}, {"in_review": True}])
def test_unpublished_partnership_is_404_for_anonymous_and_unpermitted_staff(client, draft):
    partnership = PartnershipFactory(**draft)
    assert client.get(partnership.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(partnership.get_absolute_url()).status_code == 404


def test_editor_previews_unpublished_partnership_with_banner(client):
    partnership = PartnershipFactory(draft=True)
    client.force_login(editor())
    response = client.get(partnership.get_absolute_url())
    assert response.status_code == 200
    assert "preview-banner" in text(response)


@pytest.mark.parametrize("count", [1, 50])
def test_partnership_list_queries_are_bounded(client, django_assert_max_num_queries, count):
    for _ in range(3):
        partnership = PartnershipFactory(
            places=PlaceFactory.create_batch(count),
            partner_organisations=OrganisationFactory.create_batch(count),
        )
        ThemeFactory(partnerships=[partnership])
        InterventionFactory.create_batch(count, partnerships=[partnership])
    with django_assert_max_num_queries(7):
        assert client.get("/partnerships/").status_code == 200


@pytest.mark.parametrize("count", [1, 50])
def test_partnership_page_queries_are_bounded(client, django_assert_max_num_queries, count):
    partnership = PartnershipFactory(
        places=PlaceFactory.create_batch(count),
        partner_organisations=OrganisationFactory.create_batch(count),
    )
    InterventionFactory.create_batch(count, partnerships=[partnership])
    # 7: the partnership, its four prefetched lists, its outputs and its related initiatives.
    with django_assert_max_num_queries(7):
        assert client.get(partnership.get_absolute_url()).status_code == 200


# Places


def _west_midlands():
    uk = PlaceFactory(name="United Kingdom", slug="united-kingdom", kind=PlaceKind.UK)
    england = PlaceFactory(name="England", slug="england", kind=PlaceKind.NATION, parents=[uk])
    region = PlaceFactory(
        name="West Midlands", slug="west-midlands", kind=PlaceKind.REGION, parents=[england]
    )
    authority = PlaceFactory(
        name="West Midlands",
        official_name="West Midlands Combined Authority",
        slug="wmca",
        kind=PlaceKind.COMBINED_AUTHORITY,
    )
    birmingham = PlaceFactory(
        name="Birmingham", slug="birmingham", gss_code="E08000025", parents=[region, authority]
    )
    return uk, england, region, authority, birmingham


def test_place_list_groups_places_by_kind_and_local_authorities_by_region(client):
    _west_midlands()
    PlaceFactory(
        name="France", slug="france", kind=PlaceKind.COUNTRY, gss_code=None, country_code="FR"
    )
    page = text(client.get("/places/"))
    assert 'id="nation"' in page and 'id="region"' in page
    assert "West Midlands Combined Authority" in page
    assert "<summary>" in page and "West Midlands</span>" in page
    assert 'href="/places/birmingham/"' in page
    assert "France" not in page


def test_place_page_links_what_it_sits_within_and_what_lies_within_it(client):
    _uk, _england, region, _authority, _birmingham = _west_midlands()
    page = text(client.get("/places/birmingham/"))
    assert "E08000025" in page
    assert 'href="/places/west-midlands/"' in page
    assert 'href="/places/wmca/"' in page
    region_page = text(client.get(region.get_absolute_url()))
    assert 'href="/places/birmingham/"' in region_page
    assert "Local authorities" in region_page
    assert 'href="/places/england/"' in region_page


def test_unknown_place_is_404(client):
    assert client.get("/places/atlantis/").status_code == 404


@pytest.mark.parametrize("count", [1, 50])
def test_place_list_queries_are_bounded(client, django_assert_max_num_queries, count):
    region = PlaceFactory(kind=PlaceKind.REGION)
    PlaceFactory.create_batch(count, parents=[region])
    PlaceFactory.create_batch(count, kind=PlaceKind.COMBINED_AUTHORITY)
    with django_assert_max_num_queries(4):
        assert client.get("/places/").status_code == 200

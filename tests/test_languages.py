"""The site in English at its own addresses and in Welsh under /cy/."""

import re

import pytest

from tests.factories import ThemeFactory

pytestmark = pytest.mark.django_db


def test_english_pages_stay_at_their_addresses_and_say_they_are_english(client):
    response = client.get("/themes/")

    assert response.status_code == 200
    assert '<html lang="en-GB">' in response.content.decode()
    assert response["Content-Language"] == "en-gb"


def test_welsh_pages_live_under_cy_and_say_they_are_welsh(client):
    response = client.get("/cy/themes/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="cy">' in page
    assert response["Content-Language"] == "cy"
    assert 'href="/cy/concepts/"' in page, "links on a Welsh page stay in Welsh"


def test_switcher_leads_to_the_same_page_in_the_other_language(client):
    theme = ThemeFactory(slug="skills")

    english = client.get(f"/themes/{theme.slug}/").content.decode()
    welsh = client.get(f"/cy/themes/{theme.slug}/").content.decode()

    assert re.search(r'<a href="/cy/themes/skills/" lang="cy" hreflang="cy">Cymraeg</a>', english)
    assert re.search(r'<a href="/themes/skills/" lang="en-GB" hreflang="en-GB">English</a>', welsh)


def test_switcher_keeps_the_search(client):
    page = client.get("/search/?q=skills").content.decode()

    assert 'href="/cy/search/?q=skills"' in page


def test_each_page_names_its_alternates_for_search_engines(client):
    page = client.get("/cy/about/").content.decode()

    assert '<link rel="alternate" hreflang="en-GB" href="http://testserver/about/">' in page
    assert '<link rel="alternate" hreflang="cy" href="http://testserver/cy/about/">' in page
    assert '<link rel="alternate" hreflang="x-default" href="http://testserver/about/">' in page


def test_navigation_marks_the_current_section_in_either_language(client):
    for address in ("/policies/", "/cy/policies/"):
        page = client.get(address).content.decode()
        assert re.search(r'href="(/cy)?/policies/" aria-current="true"', page), address


def test_sitemap_lists_both_languages_as_alternates(client):
    sitemap = client.get("/sitemap.xml").content.decode()

    assert "http://testserver/cy/about/" in sitemap
    assert 'hreflang="cy"' in sitemap


def test_the_page_cache_keeps_each_language_apart(client):
    client.get("/about/")
    client.get("/cy/about/")

    assert '<html lang="en-GB">' in client.get("/about/").content.decode()
    assert '<html lang="cy">' in client.get("/cy/about/").content.decode()


def test_admin_and_api_are_not_duplicated_under_cy(client):
    assert client.get("/cy/api/interventions/").status_code == 404

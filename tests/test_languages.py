"""The site in English at its own addresses and in Welsh under /cy/."""

import datetime
import re

import pytest

from partnerships.hexmap import uk_layout
from partnerships.models import Organisation, Partnership, Place
from reviews.models import EvidenceReview, Output, Reference, RelatedInitiative
from tests.factories import (
    PlaceFactory,
    ThemeFactory,
)
from tests.small_hub import small_hub, welsh_hub
from tests.welsh_pages import english_texts

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


# Every public page type, read in Welsh as a reader meets it.


@pytest.fixture
def welsh_site(db):
    """Every page type of a small Hub written in Welsh, so that any English left on a /cy/ page
    is interface text."""
    hub = welsh_hub()
    theme, review, concept, policy = hub["theme"], hub["review"], hub["concept"], hub["policy"]
    intervention, kind, partnership = hub["intervention"], hub["kind"], hub["partnership"]
    cardiff, wales, output = hub["cardiff"], hub["wales"], hub["output"]
    return {
        "home": "/cy/",
        "theme-list": "/cy/themes/",
        "theme": f"/cy/themes/{theme.slug}/",
        "review-list": "/cy/reviews/",
        "review": f"/cy/reviews/{review.slug}/",
        "concept-list": "/cy/concepts/",
        "concept": f"/cy/concepts/{concept.slug}/",
        "policy-list": "/cy/policies/",
        "policy": f"/cy/policies/{policy.slug}/",
        "finder": "/cy/interventions/",
        "finder-filtered": f"/cy/interventions/?place=cardiff&theme={theme.slug}",
        "intervention": f"/cy/interventions/{intervention.slug}/",
        "what-works": "/cy/what-works/",
        "what-works-kind": f"/cy/what-works/{kind.slug}/",
        "gap-map": "/cy/gap-map/",
        "map": "/cy/map/",
        "partnership-list": "/cy/partnerships/",
        "partnership": f"/cy/partnerships/{partnership.slug}/",
        "place-list": "/cy/places/",
        "place": f"/cy/places/{cardiff.slug}/",
        "nation": f"/cy/places/{wales.slug}/",
        "similar-places-method": "/cy/about/similar-places/",
        "output-list": "/cy/outputs/",
        "output": f"/cy/outputs/{output.slug}/",
        "search": "/cy/search/?q=Prentisiaethau",
        "suggest": "/cy/interventions/suggest/",
        "about": "/cy/about/",
        "accessibility": "/cy/accessibility/",
        "privacy": "/cy/privacy/",
        "api-docs": "/cy/api/docs/",
        "not-found": "/cy/no-such-page/",
    }


WELSH_PAGES = [
    "home", "theme-list", "theme", "review-list", "review", "concept-list", "concept",
    "policy-list", "policy", "finder", "finder-filtered", "intervention", "what-works",
    "what-works-kind", "gap-map", "map", "partnership-list", "partnership", "place-list", "place",
    "nation", "similar-places-method", "output-list", "output", "search", "suggest", "about",
    "accessibility", "privacy", "api-docs", "not-found",
]  # fmt: skip


@pytest.mark.parametrize("name", WELSH_PAGES)
def test_every_welsh_page_is_in_welsh(client, welsh_site, name):
    address = welsh_site[name]
    response = client.get(address)
    expected_status = 404 if name == "not-found" else 200
    assert response.status_code == expected_status, address
    page = response.content.decode()

    assert '<html lang="cy">' in page, f"{name}: <html lang> is not cy"
    for lang in ("cy", "en-GB", "x-default"):
        assert f'<link rel="alternate" hreflang="{lang}"' in page, f"{name}: no {lang} alternate"
    switcher = re.search(r'<a href="([^"]+)" lang="en-GB" hreflang="en-GB">English</a>', page)
    assert switcher, f"{name}: no switcher to English"
    english_address = address.removeprefix("/cy")
    assert switcher.group(1).replace("&amp;", "&") == english_address, name
    english = client.get(switcher.group(1).replace("&amp;", "&"))
    assert english.status_code == expected_status, f"{name}: the English page does not answer"
    assert '<html lang="en-GB">' in english.content.decode()

    place_names = (
        *Place.objects.values_list("name", flat=True),
        *(hexagon.name for hexagon in uk_layout().hexes),
    )
    untranslated = english_texts(page, proper_names=place_names)
    assert not untranslated, f"{name} ({address}) has English interface text:\n" + "\n".join(
        untranslated
    )


def test_the_walker_finds_english_interface_text():
    page = (
        '<html lang="cy"><head><title>Tudalen</title></head><body>'
        '<p>Dyma destun Cymraeg.</p><p lang="en">The English summary, kept.</p>'
        "<code>for the record</code>"
        '<button aria-label="Search the Hub">Chwilio</button><p>Page 2 of 3</p></body></html>'
    )

    found = english_texts(page)

    assert found == ["'Search the Hub' (the)", "'Page 2 of 3' (of)"]


def test_server_error_page_is_in_welsh_on_welsh_addresses(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr("lpip_hub.views.HomeView.get_context_data", broken)
    client.raise_request_exception = False

    response = client.get("/cy/")

    assert response.status_code == 500
    page = response.content.decode()
    assert '<html lang="cy">' in page
    assert "Mae’n ddrwg gennym" in page or "Mae'n ddrwg gennym" in page
    assert not english_texts(page)
    assert '<html lang="en-GB">' in client.get("/").content.decode()


def test_welsh_dates_and_numbers(client, welsh_site):
    page = client.get(welsh_site["partnership"]).content.decode()

    assert "Chwefror 2024 – Mawrth 2028" in page
    assert "cam 2" in page, "the phase, a choice label, in Welsh"

    former = PlaceFactory(
        name="Cyngor Sir Gwent",
        slug="gwent",
        start_date=datetime.date(1974, 4, 1),
        end_date=datetime.date(1996, 3, 31),
    )
    place = client.get(f"/cy/places/{former.slug}/").content.decode()
    assert "1 Ebrill 1974" in place and "31 Mawrth 1996" in place
    assert "Cyngor Sir Gwent (blaenorol)" in place


# Welsh pages of a Hub whose content is still all in English.
ENGLISH_CONTENT_PAGES = [
    "home", "theme", "theme-without-review", "review", "concept-list", "concept", "policy-list",
    "policy", "intervention", "partnership-list", "partnership", "place-list", "place",
    "what-works", "what-works-place", "what-works-kind", "gap-map", "gap-map-kinds", "output-list",
    "output", "theme-list", "review-list", "place-with-similar-places", "evidence-map",
    "evidence-map-by-evidence", "finder", "finder-filtered", "search",
]  # fmt: skip


@pytest.fixture
def english_hub(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return small_hub() | {
        "finder": "/interventions/",
        "finder-filtered": "/interventions/?place=north-west&theme=inclusive&kind=community-led",
        "search": "/search/?q=anchor",
    }


@pytest.mark.parametrize("name", ENGLISH_CONTENT_PAGES)
def test_english_content_on_welsh_pages_is_marked_english(client, english_hub, name):
    """Content not yet written in Welsh is shown in English inside lang="en", so screen readers
    read it as English (WCAG 3.1.2). Names of places, organisations, partnerships and cited
    works are proper names and stay as they are."""
    address = "/cy" + english_hub[name]
    response = client.get(address)
    assert response.status_code == 200, address

    proper_names = (
        *Place.objects.values_list("name", flat=True),
        *Place.objects.exclude(official_name="").values_list("official_name", flat=True),
        *Organisation.objects.values_list("name", flat=True),
        *Partnership.objects.values_list("name", flat=True),
        *Reference.objects.values_list("title", flat=True),
        *RelatedInitiative.objects.values_list("organisation", flat=True),
        *EvidenceReview.objects.values_list("authors", flat=True),
        *Output.objects.values_list("authors", flat=True),
        *(hexagon.name for hexagon in uk_layout().hexes),
    )
    # A <title> cannot mark part of itself as English.
    page = re.sub(r"<title>.*?</title>", "", response.content.decode(), flags=re.DOTALL)
    unmarked = english_texts(page, proper_names=proper_names)
    assert not unmarked, f"{name} ({address}) shows English not marked as English:\n" + "\n".join(
        unmarked
    )

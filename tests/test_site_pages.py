"""Site-wide pages: home, about pages, errors, feed, sitemap and robots.txt."""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template

from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    KeyConceptFactory,
    OutcomeFactory,
    PartnershipFactory,
    PlaceFactory,
    PolicyFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def text(response) -> str:
    return response.content.decode()


def _published_and_hidden():
    published = [
        EvidenceReviewFactory(title="Live review"),
        KeyConceptFactory(term="Live concept"),
        PolicyFactory(name="Live policy"),
        InterventionFactory(name="Live intervention"),
        PartnershipFactory(name="Live partnership"),
    ]
    hidden = [
        EvidenceReviewFactory(title="Draft review", draft=True),
        KeyConceptFactory(term="Reviewed concept", in_review=True),
        PolicyFactory(name="Draft policy", draft=True),
        InterventionFactory(name="Draft intervention", in_review=True),
        PartnershipFactory(name="Draft partnership", draft=True),
    ]
    return published, hidden


def test_home_shows_themes_search_form_and_recent_published_items_only(client):
    ThemeFactory(name="Skills", summary="How people gain skills.")
    _published_and_hidden()
    page = text(client.get("/"))
    assert "Skills" in page and "How people gain skills." in page
    assert 'action="/search/"' in page and 'name="q"' in page
    assert "Live intervention" in page
    for hidden in (
        "Draft review",
        "Reviewed concept",
        "Draft policy",
        "Draft intervention",
        "Draft partnership",
    ):
        assert hidden not in page


@pytest.mark.parametrize("count", [1, 50])
def test_home_queries_are_bounded(client, django_assert_max_num_queries, count):
    ThemeFactory.create_batch(7)
    InterventionFactory.create_batch(count)
    PolicyFactory.create_batch(count)
    # 7: the themes and one query for each kind of item in the latest list (outputs included);
    # 4 for the evidence map (councils, located interventions, their evidence, the hierarchy).
    with django_assert_max_num_queries(11):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/about/", "About the LPIP Evidence Hub"),
        ("/accessibility/", "Accessibility statement"),
        ("/privacy/", "Privacy"),
    ],
)
def test_site_pages_render_with_their_heading(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in text(response)


def test_about_page_names_the_hub_partners_and_funders(client):
    page = text(client.get("/about/"))
    for fact in (
        "City-REDI",
        "University of Birmingham",
        "NCCPE",
        "Involve",
        "ESRC",
        "AHRC",
        "Innovate UK",
    ):
        assert fact in page


def test_missing_page_is_a_helpful_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    page = text(response)
    assert "Page not found" in page
    assert 'href="/"' in page


def test_500_template_renders_without_request_or_database():
    html = get_template("500.html").render({})
    assert "Sorry, there is a problem with the service" in html


def test_feed_lists_published_items_only(client):
    _published_and_hidden()
    response = client.get("/feeds/latest/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    titles = [e.text for e in ET.fromstring(response.content).iter(f"{ATOM}title")]
    assert "Intervention: Live intervention" in titles
    assert "Evidence review: Live review" in titles
    assert not [t for t in titles if "Draft" in t or "Reviewed" in t]


def test_sitemap_lists_published_items_themes_and_places_only(client):
    published, hidden = _published_and_hidden()
    theme = ThemeFactory()
    place = PlaceFactory()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {e.text for e in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    for item in [*published, theme, place]:
        assert f"http://testserver{item.get_absolute_url()}" in locations
    for item in hidden:
        assert f"http://testserver{item.get_absolute_url()}" not in locations
    assert "http://testserver/accessibility/" in locations


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Sitemap: http://testserver/sitemap.xml" in text(response)


def test_pages_carry_description_canonical_and_open_graph_tags(client):
    policy = PolicyFactory(name="Towns Fund", summary="Up to £25m per Town Deal.")
    page = text(client.get(policy.get_absolute_url()))
    assert '<meta name="description" content="Up to £25m per Town Deal.">' in page
    assert f'<link rel="canonical" href="http://testserver{policy.get_absolute_url()}">' in page
    assert '<meta property="og:title" content="Towns Fund">' in page


def test_no_page_uses_inline_styles_or_scripts(client):
    policy = PolicyFactory()
    for url in ("/", "/about/", "/policies/", policy.get_absolute_url()):
        page = text(client.get(url))
        assert "style=" not in page
        assert "<style" not in page
        assert "<script>" not in page


@pytest.mark.django_db
def test_favicon_ico_points_browsers_at_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("images/favicon.svg")


@pytest.mark.django_db
def test_each_page_loads_at_most_100_kb_of_css_and_javascript(client):
    intervention = OutcomeFactory().intervention
    static_root = Path(settings.BASE_DIR) / "static"
    asset = re.compile(r'(?:href|src)="/static/([^"]+\.(?:css|js))"')
    for url in [
        "/",
        "/interventions/",
        "/search/?q=skills",
        "/map/",
        intervention.get_absolute_url(),
    ]:
        files = set(asset.findall(client.get(url).content.decode()))
        assert files, url
        total = sum((static_root / name).stat().st_size for name in files)
        assert total <= 100 * 1024, (url, total)

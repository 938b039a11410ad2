"""Small things a reader notices: index pages, navigation, dates, full stops, compression."""

import datetime
import gzip
import re

import pytest
from django.utils import timezone

from tests.factories import EvidenceReviewFactory, InterventionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_themes_index_lists_the_themes_in_order_with_their_reviews(client):
    skills = ThemeFactory(name="Skills", slug="skills", order=4)
    ThemeFactory(name="Innovation", slug="innovation", order=3)
    EvidenceReviewFactory(title="Skills evidence review", theme=skills)
    EvidenceReviewFactory(title="Draft review", theme=skills, draft=True)
    InterventionFactory(themes=[skills])
    InterventionFactory(themes=[skills], draft=True)
    page = client.get("/themes/").content.decode()
    assert page.index("Innovation") < page.index("Skills</a>")
    assert "Skills evidence review" in page and "Draft review" not in page
    assert "1 intervention<" in page


def test_reviews_index_lists_published_reviews_only(client):
    EvidenceReviewFactory(title="Published review", authors="Pugh, A.")
    EvidenceReviewFactory(title="Hidden review", draft=True)
    page = client.get("/reviews/").content.decode()
    assert "Published review" in page and "Hidden review" not in page
    assert "By Pugh, A. " in page and "A.." not in page


def test_main_navigation_offers_themes_and_the_gap_map(client):
    nav = client.get("/").content.decode().split('aria-label="Main"')[1].split("</nav>")[0]
    assert 'href="/themes/"' in nav and 'href="/gap-map/"' in nav


def test_home_page_spells_out_lpip_above_the_fold(client):
    hero = client.get("/").content.decode().split('class="hero"')[1].split("</div>")[0]
    assert "Local Policy Innovation Partnerships (LPIPs)" in hero


def test_authors_ending_in_an_initial_get_one_full_stop(client):
    theme = ThemeFactory()
    EvidenceReviewFactory(theme=theme, authors="Synthetic, A.")
    page = client.get(theme.get_absolute_url()).content.decode()
    assert "By Synthetic, A. " in page and "A.." not in page


def test_recent_items_are_dated_when_published_in_valid_html_times(client):
    published = timezone.now() - datetime.timedelta(days=30)
    InterventionFactory(name="Older item", published_at=published)
    page = client.get("/").content.decode()
    assert f'Published <time datetime="{published:%Y-%m-%dT%H:%M:%S}+0000">' in page
    for value in re.findall(r'<time datetime="([^"]+)"', page):
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{4})?", value), value


def test_html_is_sent_compressed_to_browsers_that_accept_it(client):
    ThemeFactory.create_batch(3)
    response = client.get("/themes/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    assert b"<h1>Themes</h1>" in gzip.decompress(response.content)

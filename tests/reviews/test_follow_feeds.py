"""Following a place, theme or search: Atom feeds of published evidence matching it."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from partnerships.models import PlaceKind
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    OutcomeFactory,
    OutputFactory,
    PlaceFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def parse_atom(response) -> ET.Element:
    """The feed, checked for the elements RFC 4287 requires of a feed and of each entry."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    for entry in feed.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    return feed


def titles(feed: ET.Element) -> list[str]:
    return [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]


@pytest.fixture
def glasgow():
    scotland = PlaceFactory(name="Scotland", slug="scotland", kind=PlaceKind.NATION)
    city = PlaceFactory(name="Glasgow", slug="glasgow", gss_code="S12000049", parents=[scotland])
    ward = PlaceFactory(name="Govan", kind=PlaceKind.NEIGHBOURHOOD, parents=[city])
    return city, ward


def test_a_followed_search_is_valid_atom_and_holds_no_draft(client, glasgow):
    city, ward = glasgow
    theme = ThemeFactory(slug="skills")
    OutcomeFactory(
        intervention=InterventionFactory(name="Skills hub", places=[ward], themes=[theme])
    )
    InterventionFactory(name="Draft skills pilot", draft=True, places=[city], themes=[theme])
    InterventionFactory(name="In review", in_review=True, places=[city], themes=[theme])
    InterventionFactory(name="Other theme", places=[city])
    InterventionFactory(name="Elsewhere", places=[PlaceFactory()], themes=[theme])

    finder = client.get(reverse("intervention-list"), {"place": "Glasgow", "theme": "skills"})
    follow = finder.context["follow_url"]
    assert f'href="{follow.replace("&", "&amp;")}"' in finder.content.decode()
    feed = parse_atom(client.get(follow))
    assert titles(feed) == ["Skills hub"]
    assert "Level 3" in feed.find(f"{ATOM}entry/{ATOM}summary").text


def test_the_followed_address_ignores_paging_and_order(client, glasgow):
    first = client.get(
        reverse("intervention-list"), {"theme": "", "place": "glasgow", "page": 2}, follow=True
    )
    second = client.get(reverse("intervention-list"), {"sort": "name", "place": "glasgow"})
    assert first.context["follow_url"] == second.context["follow_url"]
    assert first.context["follow_url"] == reverse("feed-interventions") + "?place=glasgow"
    response = client.get(first.context["follow_url"])
    assert "max-age" in response["Cache-Control"] and "public" in response["Cache-Control"]


def test_place_and_theme_pages_offer_their_feed(client, glasgow):
    city, ward = glasgow
    theme = ThemeFactory(name="Skills", slug="skills")
    InterventionFactory(name="Govan skills", places=[ward], themes=[theme])
    InterventionFactory(name="Draft", draft=True, places=[ward], themes=[theme])

    page = client.get(city.get_absolute_url()).content.decode()
    assert "Follow new evidence for Glasgow" in page
    feed = parse_atom(client.get(reverse("feed-place", args=["glasgow"])))
    assert titles(feed) == ["Govan skills"]
    assert "Glasgow" in feed.findtext(f"{ATOM}title")

    assert "Follow new evidence on Skills" in client.get(theme.get_absolute_url()).content.decode()
    assert titles(parse_atom(client.get(reverse("feed-theme", args=["skills"])))) == [
        "Govan skills"
    ]


def test_bad_filters_and_unknown_places_are_refused_not_failed(client):
    assert client.get(reverse("feed-interventions"), {"place": "Nowhere-at-all"}).status_code == 400
    assert client.get(reverse("feed-interventions"), {"min_evidence": "9"}).status_code == 400
    assert client.get(reverse("feed-place", args=["nowhere"])).status_code == 404
    assert client.get(reverse("feed-theme", args=["nothing"])).status_code == 404


def test_theme_and_place_feeds_carry_published_reviews_and_outputs_too(client, glasgow):
    city, ward = glasgow
    theme = ThemeFactory(name="Skills", slug="skills")
    InterventionFactory(name="Govan skills", places=[ward], themes=[theme])
    EvidenceReviewFactory(title="Skills and places", theme=theme)
    EvidenceReviewFactory(title="Draft review", theme=theme, draft=True)
    briefing = OutputFactory(title="Briefing on Govan", themes=[theme], places=[ward])
    briefing = f"{briefing.get_kind_display()}: Briefing on Govan"
    OutputFactory(title="Draft briefing", themes=[theme], places=[ward], draft=True)
    OutputFactory(title="Elsewhere", places=[PlaceFactory()])

    on_theme = titles(parse_atom(client.get(reverse("feed-theme", args=["skills"]))))
    assert sorted(on_theme) == sorted(
        [briefing, "Evidence review: Skills and places", "Govan skills"]
    )
    in_place = titles(parse_atom(client.get(reverse("feed-place", args=["glasgow"]))))
    assert sorted(in_place) == sorted([briefing, "Govan skills"])
    # A followed search is a finder search: interventions only.
    searched = parse_atom(client.get(reverse("feed-interventions"), {"theme": "skills"}))
    assert titles(searched) == ["Govan skills"]


@pytest.mark.parametrize("size", [2, 15])
def test_feed_queries_do_not_grow(client, django_assert_max_num_queries, glasgow, size):
    city, ward = glasgow
    theme = ThemeFactory(slug="skills")
    for _ in range(size):
        OutcomeFactory(intervention=InterventionFactory(places=[ward, PlaceFactory()]))
        OutputFactory(places=[ward], themes=[theme])
        EvidenceReviewFactory(theme=theme)
    client.get(reverse("feed-place", args=["glasgow"]))
    with django_assert_max_num_queries(7):
        feed = parse_atom(client.get(reverse("feed-place", args=["glasgow"]) + "?x=1"))
    assert len(titles(feed)) == 2 * size
    with django_assert_max_num_queries(8):
        feed = parse_atom(client.get(reverse("feed-theme", args=["skills"]) + "?x=1"))
    assert len(titles(feed)) == 2 * size

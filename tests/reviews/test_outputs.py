"""Outputs: the list, a page each, the panels on theme, partnership and place pages, search,
sitemap and feed. Nothing unpublished appears anywhere; audio and video are linked, not embedded.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from reviews.models import OutputKind
from tests.factories import (
    OutputFactory,
    PartnershipFactory,
    PlaceFactory,
    ThemeFactory,
    UserFactory,
    editor,
    publisher,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def outputs():
    """A published output and a draft and an in-review one, on the same theme, partnership and
    place."""
    theme = ThemeFactory(slug="skills")
    partnership = PartnershipFactory(slug="ypip")
    region = PlaceFactory(name="Yorkshire", slug="yorkshire", gss_code="E12000003", kind="region")
    leeds = PlaceFactory(name="Leeds", slug="leeds", gss_code="E08000035", parents=[region])
    links = {"themes": [theme], "partnerships": [partnership], "places": [leeds]}
    published = OutputFactory(
        title="Skills gaps in Yorkshire", summary="Where the gaps are widest.", **links
    )
    OutputFactory(title="Unreviewed blog draft", summary="zzdraft words", draft=True, **links)
    OutputFactory(title="Episode in review", summary="zzreview words", in_review=True, **links)
    return {
        "published": published,
        "theme": theme,
        "partnership": partnership,
        "region": region,
        "leeds": leeds,
    }


HIDDEN = ("Unreviewed blog draft", "zzdraft", "Episode in review", "zzreview")


def assert_hides_unpublished(page: str) -> None:
    for words in HIDDEN:
        assert words not in page


# The list


def test_output_list_shows_published_outputs_only(client, outputs):
    page = text(client.get(reverse("output-list")))
    assert "Skills gaps in Yorkshire" in page
    assert "1 output" in page
    assert_hides_unpublished(page)


def test_output_list_reads_well_with_no_outputs(client):
    response = client.get(reverse("output-list"))
    assert response.status_code == 200
    assert "No outputs published yet" in text(response)


def test_output_list_filters_by_kind(client):
    OutputFactory(title="A PlaceCast episode", kind=OutputKind.PODCAST)
    OutputFactory(title="A briefing paper", kind=OutputKind.BRIEFING)
    page = text(client.get(reverse("output-list"), {"kind": "podcast"}))
    assert "A PlaceCast episode" in page
    assert "A briefing paper" not in page


def test_output_list_filters_by_theme(client):
    skills, culture = ThemeFactory(slug="skills"), ThemeFactory(slug="culture")
    OutputFactory(title="On skills", themes=[skills])
    OutputFactory(title="On culture", themes=[culture])
    page = text(client.get(reverse("output-list"), {"theme": "skills"}))
    assert "On skills" in page
    assert "On culture" not in page


def test_output_list_filters_by_partnership_and_by_place_including_places_within(client, outputs):
    OutputFactory(title="Elsewhere", places=[PlaceFactory()], partnerships=[PartnershipFactory()])
    by_partnership = text(client.get(reverse("output-list"), {"partnership": "ypip"}))
    by_region = text(client.get(reverse("output-list"), {"place": "E12000003"}))
    for page in (by_partnership, by_region):
        assert "Skills gaps in Yorkshire" in page
        assert "Elsewhere" not in page
        assert_hides_unpublished(page)


@pytest.mark.parametrize(
    "query", [{"kind": "galactic"}, {"theme": "no-such-theme"}, {"place": "Atlantis"}]
)
def test_output_list_reports_a_bad_filter_value_as_a_form_error_not_a_server_error(
    client, outputs, query
):
    response = client.get(reverse("output-list"), query)
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert "Skills gaps in Yorkshire" in text(response)  # the bad filter is ignored


@pytest.mark.parametrize("count", [1, 50])
def test_output_list_costs_the_same_number_of_queries_for_1_or_50_outputs(
    client, django_assert_max_num_queries, count
):
    themes = [ThemeFactory() for _ in range(3)]
    for _ in range(count):
        OutputFactory(themes=themes, places=[PlaceFactory()])
    with django_assert_max_num_queries(5):
        response = client.get(reverse("output-list"))
    assert response.status_code == 200
    assert text(response).count('class="item__title"') == min(count, 20)


# A page per output


def test_output_page_links_to_where_it_is_hosted_and_embeds_nothing(client):
    output = OutputFactory(
        kind=OutputKind.PODCAST,
        title="PlaceCast: skills in coastal towns",
        url="https://www.example.org/placecast/1",
        duration_minutes=65,
        authors="Kollydas, K.",
    )
    page = text(client.get(output.get_absolute_url()))
    assert 'href="https://www.example.org/placecast/1"' in page
    assert "Listen to the episode" in page
    assert "on example.org" in page
    assert "1 hour 5 minutes" in page
    assert "Speakers" in page
    for tag in ("<iframe", "<audio", "<video", "<embed", "<object"):
        assert tag not in page


def test_output_page_renders_its_transcript_from_markdown_without_scripts(client):
    output = OutputFactory(
        kind=OutputKind.WEBINAR,
        transcript="**Chair:** Welcome.<script>alert(1)</script>",
    )
    page = text(client.get(output.get_absolute_url()))
    assert "<strong>Chair:</strong> Welcome." in page
    assert "<script>alert(1)" not in page


def test_output_page_says_when_a_webinar_has_no_transcript_yet(client):
    output = OutputFactory(kind=OutputKind.WEBINAR, transcript="")
    page = text(client.get(output.get_absolute_url()))
    assert "No transcript is available for this webinar yet" in page


def test_output_page_shows_only_published_partnerships(client):
    output = OutputFactory(
        partnerships=[
            PartnershipFactory(name="Stirling LPIP"),
            PartnershipFactory(name="zzdraft partnership", draft=True),
        ]
    )
    page = text(client.get(output.get_absolute_url()))
    assert "Stirling LPIP" in page
    assert "zzdraft partnership" not in page


def test_unpublished_output_pages_are_404_for_the_public(client):
    for output in (OutputFactory(draft=True), OutputFactory(in_review=True)):
        assert client.get(output.get_absolute_url()).status_code == 404


def test_editor_previews_a_draft_output_with_the_preview_banner(client):
    output = OutputFactory(title="Draft briefing", draft=True)
    client.force_login(editor())
    response = client.get(output.get_absolute_url())
    assert response.status_code == 200
    assert "Preview" in text(response)
    assert "Draft briefing" in text(response)


def test_staff_without_output_permissions_cannot_preview_a_draft(client):
    output = OutputFactory(draft=True)
    client.force_login(UserFactory(is_staff=True))
    assert client.get(output.get_absolute_url()).status_code == 404


# Panels on theme, partnership and place pages


def test_theme_partnership_and_place_pages_show_published_outputs_only(client, outputs):
    for url in (
        outputs["theme"].get_absolute_url(),
        outputs["partnership"].get_absolute_url(),
        outputs["region"].get_absolute_url(),  # Leeds lies within the region
    ):
        page = text(client.get(url))
        assert "Skills gaps in Yorkshire" in page, url
        assert_hides_unpublished(page)


def test_theme_panel_is_bounded_newest_first_and_links_to_the_filtered_list(client):
    theme = ThemeFactory(slug="skills")
    for day in range(1, 8):
        OutputFactory(
            title=f"Output of day {day}", date=datetime.date(2025, 3, day), themes=[theme]
        )
    page = text(client.get(theme.get_absolute_url()))
    assert "Output of day 7" in page
    assert "Output of day 3" in page
    assert "Output of day 2" not in page  # five shown
    assert page.index("Output of day 7") < page.index("Output of day 3")
    assert 'href="/outputs/?theme=skills"' in page


def test_partnership_and_place_panels_link_to_the_filtered_list(client, outputs):
    partnership_page = text(client.get(outputs["partnership"].get_absolute_url()))
    place_page = text(client.get(outputs["leeds"].get_absolute_url()))
    assert 'href="/outputs/?partnership=ypip"' in partnership_page
    assert 'href="/outputs/?place=E08000035"' in place_page


def test_pages_say_no_outputs_published_yet_when_only_drafts_exist(client):
    theme = ThemeFactory()
    OutputFactory(title="Unreviewed blog draft", themes=[theme], draft=True)
    page = text(client.get(theme.get_absolute_url()))
    assert "No outputs published yet" in page
    assert "Unreviewed blog draft" not in page


# Search, sitemap and feed


def test_site_search_finds_published_outputs_only(client, outputs):
    page = text(client.get(reverse("search"), {"q": "skills gaps"}))
    assert "Skills gaps in Yorkshire" in page
    assert f'href="{outputs["published"].get_absolute_url()}"' in page
    for query in ("Unreviewed blog", "zzdraft", "zzreview", "Episode"):
        page = text(client.get(reverse("search"), {"q": query}))
        assert "Nothing published matches" in page, query
        assert 'href="/outputs/' not in page.replace('href="/outputs/"', ""), query


def test_sitemap_lists_published_outputs_and_the_list_only(client, outputs):
    page = text(client.get("/sitemap.xml"))
    assert outputs["published"].get_absolute_url() in page
    assert "/outputs/</loc>" in page
    assert "unreviewed-blog-draft" not in page
    assert "output-" not in page.replace(outputs["published"].slug, "")


def test_feed_lists_published_outputs_only(client, outputs):
    page = text(client.get(reverse("feed-latest")))
    assert "Output: Skills gaps in Yorkshire" in page
    assert_hides_unpublished(page)


# Admin


def test_editors_may_write_outputs_and_only_publishers_may_publish_them():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(
        Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True)
    )
    for kind in ("output", "relatedinitiative"):
        assert {f"add_{kind}", f"change_{kind}", f"view_{kind}"} <= editors
        assert f"publish_{kind}" not in editors
        assert {f"delete_{kind}", f"publish_{kind}"} <= publishers


def test_publisher_adds_and_publishes_an_output_in_the_admin(client):
    theme = ThemeFactory()
    client.force_login(publisher())
    assert client.get(reverse("admin:reviews_output_add")).status_code == 200
    response = client.post(
        reverse("admin:reviews_output_add"),
        {
            "kind": "podcast",
            "title": "PlaceCast episode 1",
            "slug": "placecast-episode-1",
            "status": "draft",
            "date": "2025-05-01",
            "summary": "The first episode.",
            "url": "https://example.org/placecast/1",
            "duration_minutes": "40",
            "transcript": "Hello.",
            "themes": [theme.pk],
            "tags": "",
            "_publish": "Publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    page = text(client.get(reverse("output-list")))
    assert "PlaceCast episode 1" in page


def test_output_and_initiative_admin_lists_load_for_an_editor(client):
    OutputFactory()
    client.force_login(editor())
    for name in ("output", "relatedinitiative"):
        assert client.get(reverse(f"admin:reviews_{name}_changelist")).status_code == 200
        assert client.get(reverse(f"admin:reviews_{name}_add")).status_code == 200

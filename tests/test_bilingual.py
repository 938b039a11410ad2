"""Content in Welsh on /cy/: the Welsh where written, the English marked as English otherwise."""

import re

import pytest
import reversion
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lpip_hub.reference_sync import UPDATED, sync_record
from partnerships.models import PlaceName, PlaceNameKind
from reviews.models import Theme
from reviews.resources import InterventionResource
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    InterventionKindFactory,
    KeyConceptFactory,
    OutcomeFactory,
    PartnershipFactory,
    PlaceFactory,
    PolicyFactory,
    ThemeFactory,
    editor,
    publisher,
)
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db
NOTICE = "ar gael yn Gymraeg eto"
NOTICE_CLASS = 'class="inset welsh-notice"'


def page(client, address: str) -> str:
    response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode()


def english(obj) -> str:
    with translation.override("en-gb"):
        return obj.get_absolute_url()


def welsh(obj) -> str:
    return "/cy" + english(obj)


def main_content(html: str) -> str:
    return html.split('<main id="main-content"', 1)[1].split("</main>", 1)[0]


# Editing the Welsh beside the English


def test_an_editor_writes_the_welsh_beside_the_english_and_it_shows_once_approved(
    client, django_capture_on_commit_callbacks
):
    with reversion.create_revision():
        item = InterventionFactory(name="Jobs pilot", summary="The reviewed text.")
    change = reverse("admin:reviews_intervention_change", args=[item.pk])
    client.force_login(editor())
    form = client.get(change)
    adminform = form.context["adminform"]
    named = [
        field.field["name"] if isinstance(field.field, dict) else field.field.name
        for fieldset in adminform
        for line in fieldset
        for field in line
    ]
    assert named.index("summary_cy") == named.index("summary") + 1
    assert named.index("name_cy") == named.index("name") + 1
    assert "Welsh pages (/cy/) show the English" in form.content.decode()

    data = form_data(form.context)
    data["summary_cy"] = "Y testun Cymraeg."
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change, data).status_code == 302
    client.logout()
    before = page(client, welsh(item))
    assert "Y testun Cymraeg." not in before, "a live item's edit waits for a publisher"
    assert '<span lang="en">The reviewed text.</span>' in before

    client.force_login(publisher())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:reviews_intervention_review", args=[item.pk]), {"decision": "approve"}
        )
    client.logout()
    after = page(client, welsh(item))
    assert '<p class="lead">Y testun Cymraeg.</p>' in after
    assert "The reviewed text." in page(client, english(item))
    assert "Y testun Cymraeg." not in page(client, english(item))


# The fallback and its one notice


def test_missing_welsh_shows_the_english_marked_with_one_notice_per_page(client):
    PolicyFactory.create_batch(3, summary="An English summary.")
    html = page(client, "/cy/policies/")

    assert main_content(html).count('<span lang="en">An English summary.</span>') == 3
    assert html.count(NOTICE_CLASS) == 1
    assert html.count(NOTICE) == 1
    assert html.index(NOTICE_CLASS) < html.index("An English summary.")


def test_a_page_all_in_welsh_has_no_notice_and_english_pages_never_do(client):
    policy = PolicyFactory(
        name="Growth deal", name_cy="Bargen twf", summary="Money.", summary_cy="Arian."
    )
    policy.themes.set([ThemeFactory(name="Skills", name_cy="Sgiliau")])
    html = page(client, welsh(policy))
    assert "<h1>Bargen twf</h1>" in html
    assert "Sgiliau" in html
    assert NOTICE not in html
    assert 'lang="en">' not in main_content(html)

    english_html = page(client, english(policy))
    assert "<h1>Growth deal</h1>" in english_html
    assert NOTICE not in english_html and "welsh-notice" not in english_html


def test_the_title_and_attributes_take_the_fallback_without_markup(client):
    theme = ThemeFactory(name="Skills", summary="Work and training.")
    html = page(client, welsh(theme))
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert "Skills" in title and "<span" not in title
    assert "<span" not in html.split("<body")[0], "nothing in the head carries markup"
    assert '<h1><span lang="en">Skills</span></h1>' in html
    assert html.count(NOTICE_CLASS) == 1


def test_the_finder_names_themes_and_kinds_in_welsh_or_marks_them_english(client):
    theme = ThemeFactory(name="Skills", name_cy="Sgiliau", slug="skills")
    kind = InterventionKindFactory(name="Business support", slug="business-support")
    InterventionFactory(
        name="Apprenticeships",
        name_cy="Prentisiaethau",
        summary="Paid training.",
        summary_cy="Hyfforddiant â thâl.",
        themes=[theme],
        kinds=[kind],
    )

    html = page(client, "/cy/interventions/?theme=skills")

    assert re.search(r'<label for="id_theme_\d+">Sgiliau <span', html), "Welsh theme name"
    assert re.search(r'<option value="business-support" lang="en"[^>]*>Business support', html)
    assert "Thema: Sgiliau" in html, "the filter in use, named in Welsh"
    assert html.count(NOTICE_CLASS) == 1

    kind.name_cy = "Cymorth busnes"
    kind.save()
    cache.clear()
    html = page(client, "/cy/interventions/?theme=skills")
    assert '<option value="business-support">Cymorth busnes (1)</option>' in html
    assert NOTICE not in html
    assert "Business support (1)" in page(client, "/interventions/?theme=skills")


def test_text_kept_only_in_english_is_marked_english(client):
    outcome = OutcomeFactory(description="Jobs rose.", evaluation_design="Before and after.")

    html = page(client, welsh(outcome.intervention))

    assert '<span lang="en">Jobs rose.</span>' in html
    assert '<span lang="en">Before and after.</span>' in html
    assert html.count(NOTICE_CLASS) == 1


def test_a_review_shows_each_welsh_section_and_marks_the_english_ones(client):
    review = EvidenceReviewFactory(
        title="Skills review",
        title_cy="Adolygiad sgiliau",
        summary="English findings.",
        summary_cy="Canfyddiadau Cymraeg.",
        capacity_text="English capacity.",
    )
    html = page(client, welsh(review))
    assert "<h1>Adolygiad sgiliau</h1>" in html
    assert "Canfyddiadau Cymraeg." in html and "English findings." not in html, "nor in its data"
    assert '<div lang="en"><p>English capacity.</p></div>' in html
    assert html.count(NOTICE_CLASS) == 1


def test_welsh_search_results_and_feeds_use_the_welsh(client):
    InterventionFactory(name="Skills hub", name_cy="Canolfan sgiliau", summary="Training.")
    results = page(client, "/cy/search/?q=sgiliau")
    assert "Canolfan sgiliau" in results
    assert ">Canolfan sgiliau</a>" in page(client, "/cy/")
    feed = client.get("/cy/feeds/latest/").content.decode()
    assert "Canolfan sgiliau" in feed
    assert "Canolfan sgiliau" not in client.get("/feeds/latest/").content.decode()


# Place names


def test_places_go_by_their_ons_welsh_names_on_welsh_pages_only(client):
    anglesey = PlaceFactory(name="Isle of Anglesey", gss_code="W06000001", slug="anglesey")
    PlaceName.objects.create(place=anglesey, name="Ynys Môn", kind=PlaceNameKind.WELSH)
    InterventionFactory(name="Port jobs", places=[anglesey])

    assert "<h1>Ynys Môn</h1>" in page(client, welsh(anglesey))
    assert "<h1>Isle of Anglesey</h1>" in page(client, english(anglesey))
    assert ">Ynys Môn</a>" in page(client, "/cy/places/")
    assert ">Isle of Anglesey</a>" in page(client, "/places/")


# Search in Welsh, on whichever database runs the tests


def test_welsh_search_finds_welsh_without_its_accents_and_still_finds_english(client):
    welsh_item = InterventionFactory(
        name="Harbour skills",
        name_cy="Sgiliau'r harbwr",
        summary="Training at the port.",
        summary_cy="Prosiect ymchwil a hyfforddiant ym mhorthladd Ynys Môn.",
    )
    english_item = InterventionFactory(name="Apprenticeship levy transfer", summary="Firms.")
    concept = KeyConceptFactory(term="Capacity", term_cy="Gallu", definition_cy="Gallu lleoedd.")

    def found(query: str) -> str:
        return main_content(page(client, f"/cy/search/?q={query}"))

    assert english(welsh_item) in found("ymchwil")
    assert english(welsh_item) in found("Ynys Mon")  # Môn typed without its circumflex
    assert english(welsh_item) in found("Ynys Môn")
    assert english(concept) in found("lleoedd")
    assert english(english_item) in found("apprenticeships")
    assert english(welsh_item) not in found("ymchwil -harbwr")


def test_a_partnership_in_welsh_where_written(client):
    partnership = PartnershipFactory(
        slug="rural-wales",
        summary="Rural policy research.",
        summary_cy="Ymchwil i bolisi gwledig.",
        focus="Rural economies.",
        description="Working with *councils*.",
        description_cy="Gweithio gyda *chynghorau*.",
    )

    html = main_content(page(client, welsh(partnership)))

    assert "Ymchwil i bolisi gwledig." in html and "Rural policy research." not in html
    assert "<em>chynghorau</em>" in html
    assert '<span lang="en">Rural economies.</span>' in html, "focus not yet in Welsh"
    assert "Ymchwil i bolisi gwledig." in main_content(page(client, "/cy/partnerships/"))
    assert "Rural policy research." in page(client, english(partnership))


def test_site_search_finds_places_by_their_welsh_names(client):
    wrexham = PlaceFactory(
        name="Wrexham",
        slug="wrexham",
        gss_code="W06000006",
        official_name="Wrexham County Borough Council",
    )
    PlaceName.objects.create(place=wrexham, name="Wrecsam", kind=PlaceNameKind.WELSH)
    PlaceFactory(name="Wigan", slug="wigan", gss_code="E08000010")

    welsh_page = page(client, "/cy/search/?q=Wrecsam")
    assert NOTICE not in welsh_page, "a place's official name and code are not English text"
    welsh_results = main_content(welsh_page)
    assert 'lang="en"' not in welsh_results
    english_results = main_content(page(client, "/search/?q=Wrecsam"))

    assert 'href="/cy/places/wrexham/"' in welsh_results and "Wrecsam" in welsh_results
    assert 'href="/places/wrexham/"' in english_results, "the Welsh name finds it in English too"
    assert "wigan" not in welsh_results


# Everything else that reads fields


def test_reference_loading_never_overwrites_a_persons_welsh():
    fields = {"name": "Skills", "summary": "As loaded."}
    theme = sync_record(Theme, {"slug": "skills"}, fields).obj
    theme.name_cy = "Sgiliau"
    theme.save()

    result = sync_record(Theme, {"slug": "skills"}, {**fields, "summary": "Updated source."})
    theme.refresh_from_db()
    assert result.action == UPDATED
    assert (theme.summary, theme.name_cy) == ("Updated source.", "Sgiliau")


def test_the_api_and_the_spreadsheets_carry_the_welsh(client):
    InterventionFactory(slug="jobs", summary="English.", summary_cy="Cymraeg.")
    body = client.get("/api/interventions/jobs/").json()
    assert (body["summary"], body["summary_cy"]) == ("English.", "Cymraeg.")
    headers = InterventionResource().get_export_headers()
    assert headers.index("summary_cy") == headers.index("summary") + 1


# No query per item on Welsh pages


def _queries(client, address: str) -> int:
    cache.clear()  # each page rendered afresh, with every cache cold
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "address, make",
    [
        ("/policies/", lambda n: PolicyFactory.create_batch(n)),
        ("/concepts/", lambda n: KeyConceptFactory.create_batch(n)),
        ("/interventions/", lambda n: InterventionFactory.create_batch(n)),
        ("/places/", lambda n: PlaceFactory.create_batch(n)),
        ("/search/?q=policy", lambda n: PolicyFactory.create_batch(n, name="Policy")),
    ],
)
def test_welsh_pages_cost_no_query_per_item(client, address, make):
    make(1)
    english, welsh_page = _queries(client, address), _queries(client, "/cy" + address)
    make(30)
    assert _queries(client, "/cy" + address) <= welsh_page
    assert welsh_page <= english + 1  # at most the one cached read of the Welsh place names

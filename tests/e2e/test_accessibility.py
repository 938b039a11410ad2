"""Every page type passes axe-core's WCAG 2.2 AA and best-practice rules, at 1280 and 320 wide.

Each page is also saved as a full-page screenshot in tests/e2e/screenshots/ to be looked at.
"""

import datetime
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partnerships.models import PlaceKind
from reviews.models import (
    Direction,
    EvidenceStrength,
    Figure,
    OutputKind,
    PolicyLevel,
    Scale,
    Setting,
)
from tests.factories import (
    EvidenceReviewFactory,
    InterventionFactory,
    InterventionKindFactory,
    KeyConceptFactory,
    OrganisationFactory,
    OutcomeFactory,
    OutputFactory,
    PartnershipFactory,
    PlaceFactory,
    PlaceNeighbourFactory,
    PolicyFactory,
    ReferenceFactory,
    RelatedInitiativeFactory,
    ThemeFactory,
)

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).parent / "screenshots"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = [1280, 320]

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture
def site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    """A small, realistic site: one theme with a review, one without, and linked evidence."""
    uk = PlaceFactory(
        name="United Kingdom", slug="united-kingdom", kind=PlaceKind.UK, gss_code="K02000001"
    )
    england = PlaceFactory(
        name="England", slug="england", kind=PlaceKind.NATION, gss_code="E92000001", parents=[uk]
    )
    region = PlaceFactory(
        name="North West",
        slug="north-west",
        kind=PlaceKind.REGION,
        gss_code="E12000002",
        parents=[england],
    )
    preston = PlaceFactory(
        name="Preston",
        slug="preston",
        gss_code="E07000123",
        official_name="Preston City Council",
        parents=[region],
    )
    lancaster = PlaceFactory(
        name="Lancaster", slug="lancaster", gss_code="E07000121", parents=[region]
    )
    PlaceNeighbourFactory(place=preston, neighbour=lancaster, rank=1)

    report = ReferenceFactory(
        authors="Pugh, A.",
        year=2024,
        title="Inclusive and Sustainable Local Economic Performance Evidence Review",
        url="https://example.org/review",
    )
    theme = ThemeFactory(
        name="Inclusive and Sustainable Local Economic Performance",
        slug="inclusive",
        summary="How local economies perform.",
        description="Growth that is *shared* and *lasts*.",
        full_report=report,
    )
    no_review = ThemeFactory(
        name="Felt experience",
        slug="felt-experience",
        summary="How people experience change in their places.",
    )
    partnership = PartnershipFactory(
        name="Yorkshire and the Humber Policy Innovation Partnership",
        short_name="YPIP",
        slug="ypip",
        summary="Researchers and councils working on policy for the region.",
        lead_organisation=OrganisationFactory(name="University of Leeds"),
        partner_organisations=[OrganisationFactory(name="Y-PERN")],
        places=[region],
        grant_reference="ES/Z50239X/1",
    )
    theme.partnerships.set([partnership])
    no_review.partnerships.set([partnership])
    concept = KeyConceptFactory(
        term="Community wealth building",
        slug="community-wealth",
        definition="Keeping wealth in a place through its *anchor* institutions.",
        themes=[theme],
    )
    concept.references.set([ReferenceFactory(title="What is community wealth building?")])
    KeyConceptFactory(term="Anchor institution", slug="anchor", themes=[theme])
    policy = PolicyFactory(
        name="Towns Fund",
        slug="towns-fund",
        level=PolicyLevel.NATION,
        summary="Up to £25m for each Town Deal.",
        places=[england],
        start_year=2019,
        lead_body="MHCLG",
        themes=[theme],
    )
    policy.references.set([ReferenceFactory(title="Towns Fund briefing")])
    intervention = InterventionFactory(
        name="Preston Model",
        slug="preston-model",
        places=[preston],
        themes=[theme],
        summary="Anchor institutions spent more of their budgets locally.",
        scale=Scale.LOCAL,
        setting=Setting.URBAN,
        start_year=2013,
        budget=1250000,
        policies=[policy],
        partnerships=[partnership],
    )
    intervention.organisations.set([OrganisationFactory(name="Preston City Council")])
    kind = InterventionKindFactory(
        name="Community-led and community wealth building",
        slug="community-led",
        description="Residents or local institutions decide what is done.",
    )
    intervention.kinds.set([kind])
    intervention.references.set([ReferenceFactory(title="The Preston Model")])
    OutcomeFactory(
        intervention=intervention,
        description="Local spend rose by £74m.",
        evaluation_design="Spending compared before and after.",
        direction=Direction.POSITIVE,
        evidence_strength=EvidenceStrength.LEVEL_1,
        reference=ReferenceFactory(authors="CLES", year=2019),
    )
    OutcomeFactory(
        intervention=intervention,
        outcome_type="community",
        description="Not yet evaluated.",
        direction=Direction.NOT_KNOWN,
        evidence_strength=EvidenceStrength.NOT_EVALUATED,
    )
    review = EvidenceReviewFactory(
        theme=theme,
        title="Inclusive and Sustainable Local Economic Performance Evidence Review",
        slug="inclusive-review",
        authors="Pugh, A.",
        edition="First edition",
        publication_date=datetime.date(2024, 11, 6),
        last_reviewed=datetime.date(2025, 6, 1),
        summary="Growth has been uneven across the UK.\n\n- Productivity gaps persist.",
        key_concepts_text="Inclusive growth means growth whose benefits are widely shared.",
        policies_text="Successive funds have targeted places.",
        burning_issues_text="How to measure inclusion.",
        full_report=report,
    )
    chart = io.BytesIO()
    Image.new("RGB", (320, 160), (0, 90, 160)).save(chart, "PNG")
    Figure.objects.create(
        review=review,
        key="jobs-chart",
        image=SimpleUploadedFile("jobs.png", chart.getvalue()),
        alt_text="Employment rose from 70% to 74% between 2013 and 2019.",
        caption="Employment rate. Source: ONS.",
    )
    review.interventions_text = (
        "## What changed\n\nSpending stayed local[^1] and the ~~old~~ new figure is £74m."
        "\n\n[[figure:jobs-chart]]\n\n[^1]: CLES (2019)."
    )
    review.save()
    review.concepts.set([concept])
    review.policies.set([policy])
    review.interventions.set([intervention])
    review.references.set([report])
    output = OutputFactory(
        kind=OutputKind.PODCAST,
        title="PlaceCast: what anchor institutions can do",
        slug="placecast-anchors",
        summary="How councils and hospitals in Preston changed what they buy, and what followed.",
        authors="Pugh, A. and Billing, C.",
        url="https://example.org/placecast/anchors",
        duration_minutes=42,
        transcript="**Host:** Welcome to PlaceCast.\n\n**Guest:** Thank you for having me.",
        themes=[theme],
        partnerships=[partnership],
        places=[preston],
    )
    OutputFactory(kind=OutputKind.BRIEFING, title="Briefing: inclusive growth", themes=[theme])
    RelatedInitiativeFactory(
        name="Community wealth network",
        organisation="A research centre",
        summary="Councils sharing what they learn about local spending.",
        themes=[theme],
        partnerships=[partnership],
        outputs=[output],
    )
    english = {
        "home": "/",
        "theme": theme.get_absolute_url(),
        "theme-without-review": no_review.get_absolute_url(),
        "review": review.get_absolute_url(),
        "concept-list": "/concepts/",
        "concept": concept.get_absolute_url(),
        "policy-list": "/policies/",
        "policy-list-error": "/policies/?level=galactic",
        "policy": policy.get_absolute_url(),
        "intervention": intervention.get_absolute_url(),
        "partnership-list": "/partnerships/",
        "partnership": partnership.get_absolute_url(),
        "place-list": "/places/",
        "place": region.get_absolute_url(),
        "what-works": "/what-works/",
        "what-works-place": "/what-works/?place=E07000123&nation=england",
        "what-works-kind": kind.get_absolute_url(),
        "gap-map": "/gap-map/",
        "gap-map-kinds": "/gap-map/?rows=kinds&min_evidence=1",
        "output-list": "/outputs/",
        "output-list-error": "/outputs/?kind=galactic",
        "output": output.get_absolute_url(),
        "suggest": "/interventions/suggest/",
        "suggest-thanks": "/interventions/suggest/thank-you/",
        "about": "/about/",
        "accessibility": "/accessibility/",
        "privacy": "/privacy/",
        "api-docs": "/api/docs/",
        "theme-list": "/themes/",
        "review-list": "/reviews/",
        "not-found": "/no-such-page/",
        "place-with-similar-places": preston.get_absolute_url(),
        "similar-places-method": "/about/similar-places/",
        "evidence-map": "/map/",
        "evidence-map-by-evidence": f"/map/?shade=evidence&theme={theme.slug}",
    }
    # Every page again in Welsh, under /cy/.
    return english | {f"cy-{name}": f"/cy{path}" for name, path in english.items()}


def _violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        ".then(r => r.violations.map(v => ({id: v.id, help: v.help,"
        " targets: v.nodes.map(n => n.target.join(' '))})))",
        TAGS,
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_has_no_axe_violations(browser, live_server, site, width, settings):
    settings.SECURE_SSL_REDIRECT = False
    assert AXE.exists(), "Run `npm install` in the project root to fetch axe-core."
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    failures = {}
    for name, path in site.items():
        response = page.goto(live_server.url + path)
        expected = 404 if name.endswith("not-found") else 200
        assert response.status == expected, f"{name}: {path} answered {response.status}"
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        if violations := _violations(page):
            failures[name] = violations
    context.close()
    report = "\n".join(
        f"{name}: {v['id']}: {v['help']} at {v['targets']}"
        for name, violations in failures.items()
        for v in violations
    )
    assert not failures, report


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser, live_server, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    overflowing = []
    for name, path in site.items():
        page.goto(live_server.url + path)
        # Wide tables scroll inside their own region; the page itself must not.
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            overflowing.append(name)
    context.close()
    assert not overflowing, f"Pages wider than {width}px: {overflowing}"


def test_keyboard_user_can_skip_to_main_content(browser, live_server, site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + site["policy"])
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"
    context.close()


def test_keyboard_user_can_reach_a_council_on_the_map_and_open_its_page(browser, live_server, site):
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + site["evidence-map"])
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('.hexmap svg')"):
            break
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label and ": " in label, "no hexagon took the keyboard focus"
    page.keyboard.press("Enter")
    page.wait_for_url("**/places/**")
    context.close()


MAP_PAGES = {
    "map": "/map/",
    "map-by-evidence-and-kind": "/map/?shade=evidence&kind={kind}",
    "map-from-the-finder": "/map/?place=E12000002&theme={theme}",
    "finder-map": "/interventions/",
    "finder-map-filtered": "/interventions/?theme={theme}&outcome_type=employment",
}


@pytest.mark.parametrize("width", WIDTHS)
def test_maps_have_no_axe_violations_and_fit_the_screen(browser, live_server, site, width):
    theme, kind = site["theme"].rstrip("/").rsplit("/", 1)[1], site["what-works-kind"]
    kind = kind.rstrip("/").rsplit("/", 1)[1]
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    failures, overflowing = {}, []
    for name, path in MAP_PAGES.items():
        response = page.goto(live_server.url + path.format(theme=theme, kind=kind))
        assert response.status == 200, f"{name}: {path} answered {response.status}"
        assert page.locator(".hexmap svg use").count() == 361, name
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            overflowing.append(name)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        if violations := _violations(page):
            failures[name] = violations
    context.close()
    assert not overflowing, f"Pages wider than {width}px: {overflowing}"
    assert not failures, failures


def test_keyboard_user_can_narrow_the_finder_to_a_council_on_its_map(browser, live_server, site):
    context = browser.new_context(viewport={"width": 320, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/interventions/")
    page.locator('a[href="#finder-map-table"]').focus()
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.hexmap svg')")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert label and ": " in label, "no hexagon took the keyboard focus"
    page.keyboard.press("Enter")
    page.wait_for_url("**/interventions/?place=*")
    assert page.locator("#results").is_visible()
    # The skip link passes the 361 hexagons to the table link.
    page.goto(live_server.url + "/interventions/")
    page.locator('a[href="#finder-map-table"]').focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("See these figures")
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_suggest_form_with_errors_and_after_sending_has_no_axe_violations(
    browser, live_server, site, width
):
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.goto(live_server.url + site["suggest"])
    page.fill("#id_name", "Community energy in Preston")
    page.get_by_role("button", name="Send suggestion").click()

    # The errors: summary focused, what was typed still there, every field reachable.
    assert page.title().startswith("Error:")
    # The summary takes focus (autofocus: no script needed), so it is read out first.
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    assert page.input_value("#id_name") == "Community energy in Preston"
    page.screenshot(path=str(SCREENSHOTS / f"suggest-errors-{width}.png"), full_page=True)
    errors = _violations(page)

    page.fill("#id_place", "Preston")
    page.get_by_label("Inclusive and Sustainable Local Economic Performance").check()
    page.fill("#id_what_was_done", "The council and a co-operative put solar panels on schools.")
    page.fill("#id_organisation", "Preston Community Energy")
    page.get_by_role("button", name="Send suggestion").click()
    assert page.url.endswith(site["suggest-thanks"])
    page.screenshot(path=str(SCREENSHOTS / f"suggest-sent-{width}.png"), full_page=True)
    sent = _violations(page)
    context.close()
    assert not errors, errors
    assert not sent, sent

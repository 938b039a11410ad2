"""Every page type passes axe-core's WCAG 2.2 AA and best-practice rules, at 1280 and 320 wide.

Each page is also saved as a full-page screenshot in tests/e2e/screenshots/ to be looked at.
"""

from pathlib import Path

import pytest

from tests.small_hub import small_hub

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path(__file__).parent / "screenshots"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
WIDTHS = [1280, 320]

pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("transactional_db")]


@pytest.fixture
def site(settings, tmp_path):
    """Every page type of a small, realistic Hub, in English and again in Welsh under /cy/."""
    settings.MEDIA_ROOT = tmp_path
    english = small_hub()
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

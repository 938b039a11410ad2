"""The finder on a phone: after a search the first result is on the first screen, and the
finder's answers and questions pass axe."""

import pytest

from tests.e2e.test_accessibility import SCREENSHOTS, _violations, site  # noqa: F401
from tests.factories import PlaceFactory

# The shared small site (Preston and its evidence) is set up for every test here.
pytestmark = [pytest.mark.e2e, pytest.mark.usefixtures("transactional_db", "site")]
PHONE = {"width": 375, "height": 667}


def test_first_result_is_on_the_first_screen_after_a_search_at_375px(browser, live_server):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/interventions/")
    page.fill("#id_place", "Preston")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**/interventions/?*")
    page.wait_for_function("document.activeElement.id === 'results'")
    page.screenshot(path=str(SCREENSHOTS / "finder-after-search-375.png"))
    first = page.locator(".item").first
    box = first.bounding_box()
    title = page.locator(".item__title").first.bounding_box()
    context.close()
    # Scrolled to the results: the first result's title is within the first screen.
    assert box is not None and title is not None
    assert title["y"] >= 0 and title["y"] + title["height"] <= PHONE["height"]


@pytest.mark.parametrize("width", [1280, 320])
def test_finder_answers_and_place_questions_have_no_axe_violations(browser, live_server, width):
    PlaceFactory(name="Newcastle upon Tyne", slug="newcastle-upon-tyne", gss_code="E08000021")
    PlaceFactory(name="Newcastle-under-Lyme", slug="newcastle-under-lyme", gss_code="E07000195")
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    failures = {}
    for name, query in {
        "finder": "",
        "finder-place": "?place=Preston",
        "finder-question": "?place=Newcastle",
        "finder-did-you-mean": "?place=Prestn",
        "finder-outcome": "?outcome_type=community",
    }.items():
        response = page.goto(live_server.url + "/interventions/" + query)
        assert response.status in (200, 400), name
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        if violations := _violations(page):
            failures[name] = violations
    context.close()
    assert not failures, failures

"""Accessibility and page hygiene in real Chromium: zero axe-core violations,
zero console errors, zero CSP violations, and the page usable from the keyboard.

The checks themselves live in tests/browser_helpers.py so that every page's
browser test can make them."""

import re

import pytest
from playwright.sync_api import expect

from .browser_helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    pytest.param("/", "The race to film in orbit", id="timeline"),
    pytest.param("/events/soyuz-ms-19-launch/", "Soyuz MS-19 lifts off with the film crew", id="event"),
    pytest.param("/events/no-such-event/", "Page not found", id="not-found"),
    pytest.param("/race/", "Who got there first", id="race"),
    pytest.param("/embed/", re.compile(r"\S"), id="embed"),
    # The Russian edition, its interface in Russian.
    pytest.param("/ru/", "Гонка за первый фильм на орбите", id="timeline-ru"),
    pytest.param("/ru/events/soyuz-ms-19-launch/", "«Союз МС-19» стартовал со съёмочной группой", id="event-ru"),
    pytest.param("/ru/events/no-such-event/", "Страница не найдена", id="not-found-ru"),
    pytest.param("/ru/race/", "Кто успел первым", id="race-ru"),
    pytest.param("/ru/embed/", re.compile(r"\S"), id="embed-ru"),
]


@pytest.mark.parametrize(("path", "heading"), PUBLIC_PAGES)
def test_public_page_is_accessible_and_clean(page, live_server, seeded, page_problems, path, heading):
    response = page.goto(live_server.url + path)
    expect(page.locator("html")).to_have_attribute("lang", "ru" if path.startswith("/ru/") else "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    if page.locator("#chart").count():  # drawn, in the page's language (Plotly's locale)
        expect(page.locator("#chart")).to_have_attribute("data-chart-ready", "")
    assert_no_axe_violations(page)
    if response.status == 404:
        # Chromium logs the page's own 404 status as a console error.
        page_problems.console_errors[:] = [e for e in page_problems.console_errors if "404" not in e]
    page_problems.assert_none()


def test_admin_login_is_accessible_and_clean(page, live_server, page_problems):
    page.goto(live_server.url + "/admin/login/")
    expect(page.get_by_label("Username")).to_be_visible()
    assert_no_axe_violations(page)
    page_problems.assert_none()


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_server, seeded):
    page.goto(live_server.url + "/events/soyuz-ms-19-launch/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_the_recorder_catches_csp_violations_and_console_errors(page, live_server, seeded, page_problems):
    """The guard itself: a style injected at run time is blocked and reported."""
    page.goto(live_server.url + "/")
    page.evaluate("""() => {
        const style = document.createElement("style");
        style.textContent = "body { color: red; }";
        document.head.append(style);
        console.error("deliberate error");
    }""")
    with pytest.raises(AssertionError, match="CSP violation: style-src-elem blocked inline"):
        page_problems.assert_none()
    assert "deliberate error" in page_problems.describe()

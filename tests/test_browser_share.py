"""The first screen and the share controls in real Chromium, on a laptop
(1366×800) and a phone (390×844): the lede's verdict is on the first screen,
the phone's filters fold behind one control that names them, the race
table's links open the panel, a page's share image loads, and axe, the
console and the CSP find nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .browser_helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}


def wait_for_chart(page: Page, marks: bool = True) -> None:
    """Until Plotly has drawn the chart (with its marks, unless the day had none)."""
    page.wait_for_function(f"() => document.querySelector('#chart .main-svg{' g.trace' if marks else ''}')")


def assert_on_first_screen(page: Page, selector: str, viewport: dict) -> None:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= viewport["height"], (selector, box)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("as_of", ["", "2021-10-06", "2020-01-01"])
def test_the_verdict_is_on_the_first_screen(page, live_server, seeded, page_problems, viewport, as_of):
    page.set_viewport_size(viewport)
    page.goto(live_server.url + "/" + (f"?as_of={as_of}" if as_of else ""))
    wait_for_chart(page, marks=as_of != "2020-01-01")  # nothing had been published by then
    verdict = page.locator("#lede-verdict")
    expect(verdict).to_be_visible()
    assert_on_first_screen(page, "#lede-verdict", viewport)
    assert_no_axe_violations(page)
    page_problems.assert_none()


def test_on_a_phone_the_filters_fold_behind_one_control(page, live_server, seeded, page_problems):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/?side=russia")
    wait_for_chart(page)
    control = page.locator(".filters-fold > summary")
    expect(control).to_be_visible()
    expect(control).to_have_text("Filters: Russia")
    expect(page.get_by_label("Side")).to_be_hidden()
    assert_on_first_screen(page, "#lede-verdict", PHONE)
    control.click()
    side = page.get_by_label("Side")
    expect(side).to_be_visible()
    side.select_option("united-states")
    expect(page).to_have_url(re.compile(r"/\?side=united-states$"))
    expect(control).to_have_text("Filters: United States")
    assert_no_axe_violations(page)
    page_problems.assert_none()


def test_on_a_laptop_the_filters_are_open(page, live_server, seeded, page_problems):
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    expect(page.get_by_label("Side")).to_be_visible()
    expect(page.locator(".filters-fold > summary")).to_be_hidden()
    page_problems.assert_none()


def test_a_race_table_link_opens_the_panel(page, live_server, seeded, page_problems):
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    page.locator("#race-table a.race-event[href='/events/soyuz-ms-19-launch/']").click()
    expect(page.locator("#panel #event-title")).to_have_text("Soyuz MS-19 lifts off with the film crew")
    expect(page).to_have_url(re.compile(r"/events/soyuz-ms-19-launch/$"))
    page_problems.assert_none()


def test_the_lede_changes_with_the_race_date(page, live_server, seeded, page_problems):
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    page.locator("#race-preset-article").click()
    expect(page.locator("#lede-verdict")).to_have_text("Russia was first to launch a film crew to orbit")
    expect(page).to_have_url(re.compile(r"as_of=2021-10-06"))
    page_problems.assert_none()


@pytest.mark.parametrize("path", ["/", "/race/", "/events/soyuz-ms-19-launch/"])
def test_the_share_image_loads_and_the_link_can_be_copied(page, live_server, seeded, page_problems, path):
    page.set_viewport_size(LAPTOP)
    page.goto(live_server.url + path)
    image = page.locator('meta[property="og:image"]').get_attribute("content")
    assert image.startswith(live_server.url + "/")
    size = page.evaluate(
        """(src) => new Promise((done, fail) => {
            const img = new Image(); img.onload = () => done([img.naturalWidth, img.naturalHeight]);
            img.onerror = fail; img.src = src; })""",
        image,
    )
    assert size == [1200, 630]
    copy = page.get_by_role("button", name="Copy link")
    expect(copy).to_be_visible()
    assert_no_axe_violations(page)
    page_problems.assert_none()

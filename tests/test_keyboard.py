"""The timeline from the keyboard alone, in real Chromium: Tab reaches the
filters, filter changes are announced, the chart can be skipped, Enter on an
event opens the panel with focus inside it, the arrows walk the events and
Escape closes the panel, giving focus back to the link that opened it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const e = document.activeElement;
  return e === document.body ? 'body' : (e.id ? '#' + e.id : e.tagName.toLowerCase()) + ' ' + e.textContent.trim();
}"""


def wait_for_chart(page: Page) -> None:
    page.wait_for_function("() => document.querySelector('#chart .main-svg g.trace')")


def tab_until(page: Page, locator, *, limit: int = 40) -> int:
    """Press Tab until `locator` has focus; the number of presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if locator.evaluate("el => el === document.activeElement"):
            return presses
    raise AssertionError(f"{limit} presses of Tab never reached {locator}; focus is on {page.evaluate(FOCUSED)}")


def test_tab_reaches_the_filters_and_changes_are_announced(page, live_server, seeded, page_problems):
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Space Film Race")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Русский")).to_be_focused()  # the language switch
    # The lede's links to the key milestones come next, then the filters.
    side = page.get_by_label("Side")
    tab_until(page, side, limit=20)

    # Choose a side with the arrow key: the results change and are announced.
    page.keyboard.press("ArrowDown")
    expect(page).to_have_url(re.compile(r"/\?side=russia$"))
    status = page.get_by_role("status")
    expect(status).to_have_text("21 of 34 events match these filters · Russia: 21")
    expect(side).to_be_focused()  # the form is not swapped: focus stays put

    # The kinds: open the disclosure with Enter, tick one with Space.
    summary = page.locator(".kinds-details summary")
    tab_until(page, summary)
    page.keyboard.press("Enter")
    launch = page.get_by_label("Launch", exact=True)
    tab_until(page, launch)
    page.keyboard.press("Space")
    expect(launch).to_be_checked()
    expect(page).to_have_url(re.compile(r"/\?side=russia&kind=launch$"))
    expect(status).to_have_text("1 of 34 events matches these filters · Russia: 1")
    expect(launch).to_be_focused()

    # The search box: typing filters after a pause, and no match is announced too.
    page.get_by_label("Search").focus()
    page.keyboard.type("nothing like this")
    expect(status).to_have_text("0 of 34 events match these filters · Russia: 0")
    expect(page.locator("#results .empty")).to_be_visible()
    page_problems.assert_none()


def test_the_chart_can_be_skipped_and_its_buttons_show_when_focused(page, live_server, seeded, page_problems):
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    page.get_by_role("link", name="Clear filters").focus()

    # The first stop after the filters is the way past the chart, shown when focused.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip the chart to the list of events")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert skip.bounding_box()["width"] > 100

    # Not skipping: the range buttons are next, then the chart's own, visible while they have focus.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="All", exact=True)).to_be_focused()
    button = page.locator("#chart .modebar-btn").first
    tab_until(page, button, limit=6)
    expect(button).to_be_focused()
    expect(button.locator("xpath=ancestor::*[contains(@class, 'modebar-group')]")).to_have_css("opacity", "1")

    # Skipping: focus lands on the list's heading, and the next stop is the first event.
    skip.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Events, year by year")).to_be_focused()
    expect(page).to_have_url(re.compile(r"/$"))  # no "#..." entry in the history
    page.keyboard.press("Tab")
    expect(page.locator("#results .event-link").first).to_be_focused()
    page_problems.assert_none()


def test_enter_opens_the_panel_arrows_walk_and_escape_gives_focus_back(page, live_server, seeded, page_problems):
    page.goto(live_server.url + "/?side=russia")
    wait_for_chart(page)
    links = page.locator("#results .event-link")
    titles = links.all_inner_texts()
    link = page.locator(".event-list").get_by_role("link", name="Soyuz MS-19 lifts off with the film crew", exact=True)
    index = titles.index("Soyuz MS-19 lifts off with the film crew")

    # Reach the link from the keyboard, by way of the chart's skip link.
    tab_until(page, page.get_by_role("link", name="Skip the chart to the list of events"))
    page.keyboard.press("Enter")
    presses = tab_until(page, link)
    assert presses == index + 1  # the list in order, one stop per event

    # Enter opens the panel, focus moves to its title.
    page.keyboard.press("Enter")
    panel = page.locator("#panel")
    title = panel.locator("#event-title")
    expect(title).to_have_text(titles[index])
    expect(title).to_be_focused()
    expect(page).to_have_url(re.compile(r"/events/soyuz-ms-19-launch/\?side=russia$"))
    expect(panel.get_by_role("link", name=re.compile("Close the event panel"))).to_be_visible()

    # Right and Left walk the events of this filter, in the list's order; focus follows.
    page.keyboard.press("ArrowRight")
    expect(title).to_have_text(titles[index + 1])
    expect(title).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(title).to_have_text(titles[index + 2])
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    expect(title).to_have_text(titles[index])
    expect(title).to_be_focused()

    # Escape closes it, back to the timeline view, focus on the link that opened it.
    page.keyboard.press("Escape")
    expect(panel.locator("#event")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/\?side=russia$"))
    expect(link).to_be_focused()
    # ...and Tab carries on from there.
    page.keyboard.press("Tab")
    expect(links.nth(index + 1)).to_be_focused()
    page_problems.assert_none()


def test_the_close_link_works_from_the_keyboard_and_gives_focus_back(page, live_server, seeded, page_problems):
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    link = page.locator(".event-list").get_by_role(
        "link", name="Shkaplerov docks Soyuz MS-19 manually at the ISS", exact=True
    )
    link.focus()
    page.keyboard.press("Enter")
    title = page.locator("#panel #event-title")
    expect(title).to_be_focused()

    # Back from the title: "Open as a page", then the close link.
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("link", name="Open as a page")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    close = page.get_by_role("link", name="Close the event panel (Escape)")
    expect(close).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#panel #event")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(link).to_be_focused()

    # Keys pressed while typing in a filter are the field's, not the panel's.
    link.focus()
    page.keyboard.press("Enter")
    expect(title).to_be_focused()
    page.get_by_label("Search").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Escape")
    expect(title).to_have_text("Shkaplerov docks Soyuz MS-19 manually at the ISS")
    expect(page).to_have_url(re.compile(r"/events/soyuz-ms-19-docks/$"))
    page_problems.assert_none()

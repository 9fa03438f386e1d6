"""What only a browser can show: the chart draws, filters swap in place and
move the URL, back restores, a click on a point opens the panel, and the
strict Content Security Policy holds (no console errors, no violations).

Real Chromium (Debian's, see conftest.browser_type_launch_args) against the
live server, with the seed events loaded in a transactional database."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from timeline.filters import TimelineFilter
from timeline.selectors import events_for_timeline

from .browser_helpers import DRAWN_TRACES, POINT_CENTRE

pytestmark = pytest.mark.browser

LANE_LABELS = """() => [...document.querySelectorAll('#chart .yaxislayer-above .ytick text')]
  .map(t => t.textContent)"""


def drawn(page: Page) -> dict[tuple[str, str], int]:
    return {(t["role"], t["lane"]): t["marks"] for t in page.evaluate(DRAWN_TRACES)}


def wait_for_chart(page: Page) -> None:
    page.wait_for_function("() => document.querySelector('#chart g.subplot.xy .overplot g.trace')")


def list_count(page: Page) -> int:
    return page.locator("#results li.event-item").count()


def test_chart_draws_both_lanes_with_every_event(live_server, transactional_db, seeded, watched_page):
    page, _ = watched_page
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    assert page.evaluate(LANE_LABELS) == ["Russia", "UnitedStates"]  # "United<br>States" on two lines
    # Russia: 21 events, of which two are spans (training, filming); United States: 13 points.
    assert drawn(page) == {
        ("spans", "russia"): 2,
        ("points", "russia"): 19,
        ("points", "united-states"): 13,
    }
    expect(page.locator("#counts")).to_contain_text("All 34 events")
    assert list_count(page) == 34
    # Plotly's own CSS applied (the CSSOM-filled <style> is allowed by its hash).
    assert page.evaluate("() => getComputedStyle(document.querySelector('#chart .modebar-container')).position") == (
        "absolute"
    )
    # No Plotly logo, no cloud button.
    assert page.locator("#chart .modebar-btn[data-title*='Plotly']").count() == 0
    assert page.locator("#chart [data-title*='Chart Studio'], #chart [data-title*='cloud']").count() == 0


def test_side_filter_swaps_chart_and_list_and_back_restores(live_server, transactional_db, seeded, watched_page):
    page, _ = watched_page
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    first_chart = page.locator("#chart").element_handle()

    page.select_option("#id_side", "russia")
    expect(page).to_have_url(re.compile(r"/\?side=russia$"))
    expect(page.locator("#counts")).to_contain_text("21 of 34 events match")
    assert list_count(page) == 21
    sides = page.locator("#results li.event-item").evaluate_all("els => els.map(e => e.dataset.side)")
    assert set(sides) == {"russia"}
    wait_for_chart(page)
    assert drawn(page) == {("spans", "russia"): 2, ("points", "russia"): 19}
    assert page.evaluate(LANE_LABELS) == ["Russia"]
    # Swapped in place: no page load, a new chart element.
    assert page.evaluate("(old) => !old.isConnected", first_chart)
    expect(page.locator("#results-status")).to_contain_text("21 of 34 events match")

    # A kind as well: the URL carries both.
    page.locator(".kinds-details summary").click()
    page.get_by_label("Launch", exact=True).check()
    expect(page).to_have_url(re.compile(r"/\?side=russia&kind=launch$"))
    expect(page.locator("#results li.event-item")).to_have_count(1)

    page.go_back()
    expect(page).to_have_url(re.compile(r"/\?side=russia$"))
    expect(page.locator("#results li.event-item")).to_have_count(21)
    expect(page.get_by_label("Launch", exact=True)).not_to_be_checked()

    page.go_back()
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#results li.event-item")).to_have_count(34)
    expect(page.locator("#id_side")).to_have_value("")
    wait_for_chart(page)
    assert drawn(page) == {("spans", "russia"): 2, ("points", "russia"): 19, ("points", "united-states"): 13}

    # Forward again, then a reload: the URL alone gives the same view.
    page.go_forward()
    expect(page.locator("#results li.event-item")).to_have_count(21)
    page.reload()
    expect(page.locator("#results li.event-item")).to_have_count(21)
    expect(page.locator("#id_side")).to_have_value("russia")


def test_bad_filters_show_the_message_in_place(live_server, transactional_db, seeded, watched_page):
    page, problems = watched_page
    page.goto(live_server.url + "/?from=2022-01-01")
    wait_for_chart(page)
    page.fill("#id_to", "2021-01-01")
    alert = page.locator("#results [role=alert]")
    expect(alert).to_contain_text("“From” must be on or before “To”.")
    assert list_count(page) == 0
    page.fill("#id_to", "2022-12-31")
    expect(page.locator("#counts")).to_contain_text("events match these filters")
    # Chromium logs the (expected) 400 response itself; nothing else may appear.
    expected = [p for p in problems if "status of 400 (Bad Request)" in p]
    assert expected
    problems[:] = [p for p in problems if p not in expected]


def test_clicking_a_point_opens_the_panel_with_sources(live_server, transactional_db, seeded, watched_page):
    page, _ = watched_page
    page.goto(live_server.url + "/?side=united-states")
    wait_for_chart(page)
    page.locator("#chart").scroll_into_view_if_needed()  # below the lede on a short screen
    centre = page.evaluate(POINT_CENTRE, "see-1-studio-module-announced")
    assert centre is not None
    page.mouse.move(centre["x"], centre["y"])
    expect(page.locator("#chart .hoverlayer .hovertext")).to_contain_text("20 Jan 2022")
    page.mouse.click(centre["x"], centre["y"])

    panel = page.locator("#panel")
    expect(panel.locator("h2#event-title")).to_have_text(
        "Cruise film's co-producers announce an Axiom-built studio module for the ISS"
    )
    expect(page).to_have_url(re.compile(r"/events/see-1-studio-module-announced/\?side=united-states$"))
    sources = panel.locator("ul.sources a")
    assert sources.count() >= 1
    assert all(href.startswith("https://") for href in sources.evaluate_all("els => els.map(a => a.href)"))
    expect(panel.locator(".publisher").first).not_to_be_empty()
    expect(panel.locator("#event-title")).to_be_focused()

    # Arrow keys walk the filter's events; the URL follows (replaced, not pushed).
    page.keyboard.press("ArrowRight")
    expect(panel.locator("#event-title")).to_have_text("Universal chief says the plan now includes a Cruise spacewalk")
    expect(page).to_have_url(re.compile(r"/events/universal-plans-cruise-spacewalk/\?side=united-states$"))
    page.keyboard.press("ArrowLeft")
    expect(panel.locator("#event-title")).to_contain_text("Axiom-built studio module")

    # Escape closes: back to the filtered timeline, as it was.
    page.keyboard.press("Escape")
    expect(page).to_have_url(re.compile(r"/\?side=united-states$"))
    expect(panel.locator("#event")).to_have_count(0)
    expect(page.locator("#results li.event-item")).to_have_count(13)
    wait_for_chart(page)
    expect(page.locator("#chart")).to_be_focused()  # focus goes back to what opened the panel

    # Forward reopens it; a filter change closes it and moves on.
    page.go_forward()
    expect(panel.locator("#event-title")).to_contain_text("Axiom-built studio module")
    page.select_option("#id_side", "russia")
    expect(page).to_have_url(re.compile(r"/\?side=russia$"))
    expect(panel.locator("#event")).to_have_count(0)
    page.go_back()
    expect(panel.locator("#event-title")).to_contain_text("Axiom-built studio module")


def test_list_link_opens_the_panel_and_the_url_is_a_page_of_its_own(
    live_server, transactional_db, seeded, watched_page
):
    page, _ = watched_page
    page.goto(live_server.url + "/?side=russia&kind=return")
    wait_for_chart(page)
    # The list's link (the race table under the chart links to the same event).
    page.locator(".event-list").get_by_role(
        "link", name="Soyuz MS-18 lands in Kazakhstan, ending the first film-crew spaceflight"
    ).click()
    panel = page.locator("#panel")
    expect(panel.locator("#event-title")).to_be_focused()
    expect(panel).to_contain_text("as planned")
    expect(panel).to_contain_text("16 Oct 2021")  # what the seed article expected
    url = page.url
    assert url.endswith("/events/soyuz-ms-18-lands/?side=russia&kind=return")

    page.locator("[data-panel-close]").click()
    expect(panel.locator("#event")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/\?side=russia&kind=return$"))

    # The shared link: a full page, with previous/next inside the filter.
    page.goto(url)
    expect(page.locator("h1#event-title")).to_contain_text("Soyuz MS-18 lands")
    expect(page.locator("a.pager-prev")).to_contain_text("Soyuz MS-18 undocks")
    page.keyboard.press("ArrowLeft")
    expect(page).to_have_url(re.compile(r"/events/soyuz-ms-18-undocks/\?side=russia&kind=return$"))


def test_phone_width_keeps_the_chart_readable(live_server, transactional_db, seeded, watched_page):
    page, _ = watched_page
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    width = page.evaluate("() => document.querySelector('#chart .main-svg').getBoundingClientRect().width")
    assert width <= 375
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    assert page.locator(".chart-key li").count() > 1  # the key, under the chart
    buttons = page.locator("button.chart-range")
    expect(buttons).to_have_count(5)
    right = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('button.chart-range')]"
        ".map(b => b.getBoundingClientRect().right))"
    )
    assert right <= 375


def test_without_javascript_the_form_list_and_event_pages_work(live_server, transactional_db, seeded, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.locator(".chart-figure svg.chart-svg")).to_be_visible()  # the server's chart (test_browser_chart_svg)
    expect(page.locator("#results li.event-item")).to_have_count(34)
    page.select_option("#id_side", "russia")
    page.get_by_label("Search").fill("Soyuz")
    page.get_by_role("button", name="Show events").click()
    expect(page.locator("#counts")).to_contain_text("of 34 events match these filters")
    assert "side=russia" in page.url
    assert "q=Soyuz" in page.url
    titles = page.locator("#results li.event-item .event-link").all_inner_texts()
    expected = [e.title for e in events_for_timeline(TimelineFilter(side="russia", q="Soyuz"))]
    assert len(expected) >= 5
    assert titles == expected
    page.locator("#results li.event-item .event-link").first.click()
    expect(page.locator("h1#event-title")).to_have_text(titles[0])
    expect(page.locator("ul.sources a").first).to_be_visible()
    context.close()

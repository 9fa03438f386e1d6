"""The language switch in real Chromium: it keeps the view (filters, the open
event, ?as_of=, the chart's range) when htmx or the chart change the address
without a new page, and after Back; the Russian timeline's chart speaks
Russian (Plotly's mode bar, the range's live region), with no axe violation
and no console error."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .browser_helpers import assert_no_axe_violations

pytestmark = pytest.mark.browser


def wait_for_chart(page: Page) -> None:
    expect(page.locator("#chart")).to_have_attribute("data-chart-ready", "")


def here(page: Page) -> str:
    """The address bar's path and query."""
    parts = urlsplit(page.url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def expect_switch_to_follow(page: Page, base: str) -> None:
    """The switch and the Russian alternate name this very view under /ru/."""
    twin = "/ru" + here(page)
    expect(page.locator(".language-switch a[hreflang=ru]")).to_have_attribute("href", twin)
    expect(page.locator('link[rel=alternate][hreflang="ru"]')).to_have_attribute("href", base + twin)
    expect(page.locator('link[rel=alternate][hreflang="en"]')).to_have_attribute("href", base + here(page))


def test_the_switch_keeps_the_view_through_htmx_changes_and_back(live_server, transactional_db, seeded, watched_page):
    page, problems = watched_page
    page.goto(live_server.url + "/?as_of=2021-10-17")
    wait_for_chart(page)
    expect(page.locator(".language-switch a[hreflang=ru]")).to_have_attribute("href", "/ru/?as_of=2021-10-17")

    # A filter change: htmx swaps the results and pushes the new address.
    page.select_option("#id_side", "russia")
    expect(page).to_have_url(re.compile(r"side=russia"))
    assert "as_of=2021-10-17" in page.url
    expect_switch_to_follow(page, live_server.url)
    filtered = here(page)

    # The chart's range: chart_range.js pushes it.
    wait_for_chart(page)
    page.locator("button.chart-range[data-range='2021']").click()
    expect(page).to_have_url(re.compile(r"range=2021"))
    expect_switch_to_follow(page, live_server.url)
    ranged = here(page)

    # An event opened in the panel: its address, the filters kept.
    page.locator("#results .event-link").first.click()
    expect(page.locator("#panel #event")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/events/[^/]+/\?"))
    expect_switch_to_follow(page, live_server.url)

    # Back: the ranged view, then the filtered one.
    page.go_back()
    expect(page).to_have_url(live_server.url + ranged)
    expect_switch_to_follow(page, live_server.url)
    page.go_back()
    expect(page).to_have_url(live_server.url + filtered)
    expect_switch_to_follow(page, live_server.url)

    # Forward to the range, then the switch: the same view, in Russian.
    page.go_forward()
    expect(page).to_have_url(live_server.url + ranged)
    page.locator(".language-switch a[hreflang=ru]").click()
    expect(page).to_have_url(live_server.url + "/ru" + ranged)
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.locator("#id_side")).to_have_value("russia")
    expect(page.locator("#as-of")).to_have_value("2021-10-17")
    expect(page.locator("button.chart-range[data-range='2021']")).to_have_attribute("aria-pressed", "true")
    # The list as it stood on 17 Oct 2021: the Russian events known by the end of that day.
    expect(page.locator("#counts")).to_contain_text("18 из 34 событий подходят под эти фильтры")
    # And back to English from there, the view still kept.
    expect(page.locator(".language-switch a[hreflang=en]")).to_have_attribute("href", ranged)
    assert problems == []


def test_the_switch_on_an_event_page_keeps_the_event(live_server, transactional_db, seeded, watched_page):
    page, problems = watched_page
    page.goto(live_server.url + "/ru/events/soyuz-ms-19-launch/?side=russia")
    page.locator(".language-switch a[hreflang=en]").click()
    expect(page).to_have_url(live_server.url + "/events/soyuz-ms-19-launch/?side=russia")
    expect(page.locator("h1")).to_have_text("Soyuz MS-19 lifts off with the film crew")
    assert problems == []


def test_the_russian_chart_speaks_russian_and_stays_clean(live_server, transactional_db, seeded, watched_page):
    page, problems = watched_page
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(live_server.url + "/ru/")
    wait_for_chart(page)
    # Plotly's mode bar in Russian (the locale registered from #page-messages).
    expect(page.locator("#chart .modebar-btn[data-title='Сбросить оси']")).to_have_count(1)
    expect(page.locator("#chart .modebar-btn[data-title='Reset axes']")).to_have_count(0)
    # The range's live region.
    page.locator("button.chart-range[data-range='2021']").click()
    expect(page.locator("#chart-range-status")).to_have_text(re.compile(r"^На графике — "))
    # A filter change in place, then axe on what the reader is left with.
    page.select_option("#id_side", "russia")
    expect(page.locator("#counts")).to_contain_text("21 из 34 событий подходит под эти фильтры")
    expect(page.locator("#results-status")).to_contain_text("21 из 34 событий")
    page.wait_for_function("() => !document.querySelector('.htmx-request')")
    wait_for_chart(page)
    page.wait_for_function("() => getComputedStyle(document.getElementById('results')).opacity === '1'")
    assert_no_axe_violations(page)
    assert problems == []


def test_the_english_chart_keeps_plotlys_english(live_server, transactional_db, seeded, watched_page):
    page, problems = watched_page
    page.set_viewport_size({"width": 1366, "height": 800})
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    expect(page.locator("#chart .modebar-btn[data-title='Reset axes']")).to_have_count(1)
    page.locator("button.chart-range[data-range='2021']").click()
    expect(page.locator("#chart-range-status")).to_have_text(re.compile(r"^The chart shows "))
    assert problems == []

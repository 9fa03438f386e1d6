"""The chart at first paint, in real Chromium: the server's SVG without
JavaScript (named marks that are links, the labels written), and with it
Plotly taking over in the same box, with no layout shift, no console error
and no CSP violation, again after an htmx swap of the results."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(os.environ.get("TMPDIR", "/tmp"))

# Sums the layout shifts (as Core Web Vitals counts them) that the chart can
# cause: of the chart itself or of what follows it in the page.  Nothing the
# chart does can move what is above it; the filters' grid there, in Chromium's
# folding <details>, sometimes reflows once on a loaded machine, which is no
# part of the chart (the benchmark reports the whole page's figure).
RECORD_LAYOUT_SHIFT = """
window.__layoutShift = 0;
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    const region = document.querySelector('.chart-region');
    const ours = entry.sources.some((s) => s.node && region && (region.contains(s.node)
      || (region.compareDocumentPosition(s.node) & Node.DOCUMENT_POSITION_FOLLOWING)));
    const sources = entry.sources.map((s) => ({
      node: s.node && (s.node.id || s.node.className || s.node.nodeName),
      from: [s.previousRect.x, s.previousRect.y, s.previousRect.width, s.previousRect.height],
      to: [s.currentRect.x, s.currentRect.y, s.currentRect.width, s.currentRect.height]}));
    window.__shifts.push({at: Math.round(entry.startTime), value: entry.value, ours, sources});
    if (ours) window.__layoutShift += entry.value;
  }
}).observe({type: 'layout-shift', buffered: true});
"""


def test_without_javascript_the_chart_is_there_with_named_linked_marks(live_server, transactional_db, seeded, browser):
    context = browser.new_context(java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    page.goto(live_server.url + "/")
    chart = page.locator("#chart svg.chart-svg")
    expect(chart).to_be_visible()
    expect(page.get_by_role("img", name="Chart of the timeline")).to_be_visible()
    box = chart.bounding_box()
    assert box["height"] == 364  # the figure's height: 64 px and 150 px per lane
    marks = page.locator("#chart a.chart-svg-mark")
    assert marks.count() == 34
    launch = page.locator('#chart a[data-event="soyuz-ms-19-launch"]')
    expect(launch).to_have_attribute("href", "/events/soyuz-ms-19-launch/")
    assert re.match(r"Soyuz MS-19 .*Russia · Launch\. 5 Oct 2021, 08:55 UTC", launch.locator("title").text_content())
    cancelled = page.locator('#chart a[data-event="axiom-flight-with-cruise-never-flew"]')
    assert "Status: Cancelled" in cancelled.locator("title").text_content()
    expect(cancelled.locator("use")).to_have_attribute("fill", "#ffffff")  # hollow
    # The key milestones' labels, as the interactive chart writes them, and the key.
    labels = page.locator("#chart .chart-svg-label:not(.only-narrow) text").evaluate_all(
        "(texts) => texts.map((text) => text.textContent)"
    )
    assert {"Launch", "Back on Earth", "Premiere"} <= set(labels)
    expect(page.locator(".chart-key")).to_contain_text("Approximate date")  # the key, HTML under the chart
    expect(page.locator("#chart .chart-svg-phases text").first).to_be_visible()
    # A mark opens its event's page.
    chart.screenshot(path=SCREENSHOTS / "chart-svg-desktop.png")
    page.locator('#chart a[data-event="first-trailer-airs"] use').click()  # a mark on its own
    expect(page.locator("h1#event-title")).to_contain_text("trailer")
    context.close()


def test_without_javascript_a_phone_sees_fewer_labels_and_the_key_below(live_server, transactional_db, seeded, browser):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/")
    chart = page.locator("#chart svg.chart-svg")
    assert chart.bounding_box()["height"] == 364  # Plotly's phone figure, the same box as on a wide screen
    key = page.locator(".chart-key")
    expect(key).to_be_visible()
    assert key.bounding_box()["y"] >= chart.bounding_box()["y"] + 364  # under the chart, not over it
    narrow = page.locator("#chart .chart-svg-label:not(.only-wide)").count()
    wide = page.locator("#chart .chart-svg-label:not(.only-narrow)").count()
    assert 0 < narrow < wide
    chart.screenshot(path=SCREENSHOTS / "chart-svg-phone.png")
    context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_plotly_takes_over_in_place_without_a_layout_shift(
    live_server, transactional_db, seeded, watched_page, viewport
):
    page, _ = watched_page
    page.set_viewport_size(viewport)
    page.add_init_script(RECORD_LAYOUT_SHIFT)
    page.goto(live_server.url + "/")
    expect(page.locator("#chart")).to_have_attribute("data-chart-ready", "")
    expect(page.locator("#chart svg.chart-svg")).to_have_count(0)  # the SVG gave way
    expect(page.locator("#chart .main-svg").first).to_be_visible()
    page.wait_for_timeout(300)  # any late shift is counted
    shift = page.evaluate("() => window.__layoutShift")
    assert shift <= 0.01, page.evaluate("() => window.__shifts")
    # Hover works once Plotly is there.
    point = page.locator("#chart g.subplot.xy .overplot g.trace.scatter g.points path.point").first
    point.hover(force=True)
    expect(page.locator("#chart .hoverlayer .hovertext").first).to_be_attached()


def test_plotly_loads_after_the_first_paint(live_server, transactional_db, seeded, page: Page):
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/", wait_until="domcontentloaded")
    # No script tag of plotly.js in the HTML: the page asks for it once painted.
    html = page.evaluate("() => document.documentElement.outerHTML")
    assert "plotly.min.js" in page.locator("#chart").get_attribute("data-plotly")
    assert not re.search(
        r"<script[^>]+plotly\.min\.js[^>]*></script>\s*<script[^>]+chart_labels", html.split("<body")[0]
    )
    expect(page.locator("#chart")).to_have_attribute("data-chart-ready", "")


def test_a_filter_swap_brings_a_new_svg_that_plotly_draws(live_server, transactional_db, seeded, watched_page):
    page, _ = watched_page
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + "/")
    expect(page.locator("#chart")).to_have_attribute("data-chart-ready", "")
    with page.expect_response(re.compile(r"side=russia")) as response:
        page.select_option("#id_side", "russia")
    assert 'class="chart-svg" role="img"' in response.value.text()
    expect(page.locator("#counts")).to_contain_text("21 of 34")
    expect(page.locator("#chart")).to_have_attribute("data-chart-ready", "")
    expect(page.locator("#chart svg.chart-svg")).to_have_count(0)
    expect(page.locator("#chart .main-svg").first).to_be_visible()

"""The timeline page's race, exports and embed snippet, and the embedded
chart inside another page's <iframe>, in real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .browser_helpers import DRAWN_TRACES, POINT_CENTRE

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A newsroom's article</title></head>
<body><h1>Our story</h1>{frame}<p>More text.</p></body></html>"""


def host(page: Page, url: str, embed_src: str) -> None:
    """Serve a host page at `url` (intercepted: it never reaches the server) that frames `embed_src`."""
    snippet = f'<iframe id="embedded" src="{embed_src}" title="The chart" width="100%" height="400"></iframe>'
    page.route(url, lambda route: route.fulfill(content_type="text/html", body=HOST_PAGE.format(frame=snippet)))
    page.goto(url)


def test_the_embed_draws_its_chart_inside_an_iframe(live_server, transactional_db, seeded, watched_page):
    page, _ = watched_page
    host(page, f"{live_server.url}/newsroom-article.html", "/embed/?side=russia")
    frame = page.frame_locator("#embedded")
    expect(frame.locator("#chart .main-svg").first).to_be_attached()
    embedded = next(f for f in page.frames if "/embed/" in f.url)
    embedded.wait_for_function("() => document.querySelector('#chart g.subplot.xy .overplot g.trace')")
    drawn = {(t["role"], t["lane"]): t["marks"] for t in embedded.evaluate(DRAWN_TRACES)}
    assert drawn == {("spans", "russia"): 2, ("points", "russia"): 19}
    expect(frame.locator(".site-header")).to_have_count(0)
    expect(frame.get_by_role("link", name=re.compile("the timeline with these filters"))).to_have_attribute(
        "href", "/?side=russia"
    )

    # A click on a point opens the event's page in a new tab; the host page stays.
    centre = embedded.evaluate(POINT_CENTRE, "first-trailer-airs")  # a mark on its own at this range
    box = page.locator("#embedded").bounding_box()
    with page.context.expect_page() as opened:
        page.mouse.click(box["x"] + centre["x"], box["y"] + centre["y"])
    event_page = opened.value
    event_page.wait_for_load_state()
    assert re.search(r"/events/first-trailer-airs/\?side=russia$", event_page.url)
    expect(event_page.locator("h1#event-title")).to_contain_text("trailer")
    assert page.url.endswith("/newsroom-article.html")
    event_page.close()


def test_the_timeline_page_itself_refuses_to_be_framed(live_server, transactional_db, seeded, page: Page):
    refused: list[str] = []
    page.on("console", lambda message: message.type == "error" and refused.append(message.text))
    host(page, f"{live_server.url}/newsroom-article.html", "/?side=russia")
    expect(page.locator("#embedded")).to_be_attached()
    page.wait_for_timeout(500)
    framed = next(f for f in page.frames if f != page.main_frame)
    assert framed.evaluate("() => document.querySelector('#filters')") is None
    assert any("frame" in text.lower() for text in refused), refused


def test_the_race_on_the_timeline_page_follows_its_date_and_keeps_the_filters(
    live_server, transactional_db, seeded, watched_page
):
    page, _ = watched_page
    page.goto(live_server.url + "/?side=russia")
    expect(page.locator("#milestone-return")).to_contain_text("17 Oct 2021")
    page.evaluate("() => { window.sameDocument = true; }")

    # The date field swaps only the race table; the URL keeps the filter.
    page.fill("#as-of", "2021-10-06")
    expect(page).to_have_url(re.compile(r"/\?side=russia&as_of=2021-10-06$"))
    expect(page.locator("#race-table h2")).to_contain_text("6 Oct 2021")
    expect(page.locator("#milestone-return")).to_contain_text("planned: 17 Oct 2021")
    # The list follows the day: Russia's events known by its end (the landing then a plan).
    expect(page.locator("#results li.event-item")).to_have_count(15)
    expect(page.locator("#lede-verdict")).not_to_contain_text("first to shoot")
    expect(page.locator("#as-of")).to_be_focused()

    # A filter change keeps the day; the race still compares both sides.
    page.select_option("#id_side", "")
    expect(page).to_have_url(re.compile(r"/\?as_of=2021-10-06$"))
    expect(page.locator("#results li.event-item")).to_have_count(24)
    expect(page.locator("#race-table h2")).to_contain_text("6 Oct 2021")
    expect(page.locator("#as-of")).to_have_value("2021-10-06")

    # A preset: the table and the date field follow.
    page.click("#race-preset-launch")
    expect(page).to_have_url(re.compile(r"/\?as_of=2021-10-05$"))
    expect(page.locator("#race-table h2")).to_contain_text("5 Oct 2021")
    expect(page.locator("#as-of")).to_have_value("2021-10-05")
    assert page.evaluate("() => window.sameDocument") is True

    # Back: the previous day, as it was.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/\?as_of=2021-10-06$"))
    expect(page.locator("#race-table h2")).to_contain_text("6 Oct 2021")

    # Today: the day leaves the URL.
    page.click("#race-preset-today")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("#race-table h2")).to_contain_text("(today)")


def test_export_links_and_the_embed_snippet_follow_the_filter(live_server, transactional_db, seeded, watched_page):
    page, _ = watched_page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + "/")
    page.select_option("#id_side", "united-states")
    expect(page).to_have_url(re.compile(r"/\?side=united-states$"))
    expect(page.locator("[data-export=csv]")).to_have_attribute("href", "/export/events.csv?side=united-states")
    snippet = page.locator("#embed-code")
    expect(snippet).to_have_value(re.compile(r'^<iframe src="http://[^"]+/embed/\?side=united-states" '))
    copy = page.locator("button[data-copy=embed-code]")
    expect(copy).to_be_visible()
    copy.click()
    expect(copy).to_have_text("Copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == snippet.input_value()


def test_without_javascript_the_race_date_and_filters_give_clean_urls(live_server, transactional_db, seeded, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.select_option("#id_side", "russia")
    page.get_by_role("button", name="Show events").click()
    expect(page).to_have_url(re.compile(r"/\?side=russia$"))  # no empty parameters
    page.fill("#as-of", "2021-10-06")
    page.locator("#race-controls").get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"/\?side=russia&as_of=2021-10-06$"))
    expect(page.locator("#milestone-return")).to_contain_text("planned: 17 Oct 2021")
    expect(page.locator("#results li.event-item")).to_have_count(15)
    page.locator("#race-preset-launch").click()
    expect(page).to_have_url(re.compile(r"/\?side=russia&as_of=2021-10-05$"))
    context.close()

"""The TimelineJS export opens in TimelineJS itself (real Chromium).

TimelineJS 3 comes from npm (package.json, installed by `make test`); it is a
test tool only, never served by the site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TIMELINEJS = Path(__file__).resolve().parent.parent / "node_modules" / "@knight-lab" / "timelinejs" / "dist"

pytestmark = pytest.mark.browser


@pytest.fixture
def timelinejs_page(page):
    if not (TIMELINEJS / "js" / "timeline.js").exists():
        pytest.fail("TimelineJS is missing: run `npm ci` (make test does).")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1200, "height": 800})
    page.set_content('<!doctype html><html><body><div id="timeline" style="height:700px"></div></body></html>')
    page.add_style_tag(path=str(TIMELINEJS / "css" / "timeline.css"))
    page.add_script_tag(path=str(TIMELINEJS / "js" / "timeline.js"))
    page.errors = errors
    return page


def test_the_export_opens_in_timelinejs(client, seeded, timelinejs_page):
    page = timelinejs_page
    document = json.loads(client.get("/export/timelinejs.json").content)
    page.evaluate("data => { window.timeline = new TL.Timeline('timeline', data); }", document)
    page.locator(".tl-timemarker").first.wait_for(state="attached")

    assert page.errors == []
    assert page.locator(".tl-timemarker").count() == 33
    assert page.locator(".tl-slide").count() == 34  # the title slide and one per event
    assert page.locator(".tl-timeera").count() == 4
    groups = page.locator(".tl-timegroup-message").all_text_contents()
    assert sorted(groups) == ["Russia", "United States"]

    # Each event is a slide with its slug as id, its date at precision, plan and sources.
    landing = page.locator("#soyuz-ms-18-lands")
    text = landing.inner_text()
    assert "Soyuz MS-18 lands in Kazakhstan" in text
    assert "17 Oct 2021, 04:35 UTC" in text
    assert "Planned: 17 Oct 2021, 04:36 UTC" in text
    assert landing.locator("a", has_text="Full record").get_attribute("href") == (
        "http://testserver/events/soyuz-ms-18-lands/"
    )
    page.evaluate("() => window.timeline.goToId('soyuz-ms-18-lands')")
    assert page.evaluate("() => window.timeline.current_id") == "soyuz-ms-18-lands"

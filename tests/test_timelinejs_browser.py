"""The TimelineJS export opens in TimelineJS itself (real Chromium).

TimelineJS 3 comes from npm (package.json, installed by `make test`); it is a
test tool only, never served by the site."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


def test_the_export_opens_in_timelinejs(client, seeded, timelinejs_page):
    page = timelinejs_page
    document = json.loads(client.get("/export/timelinejs.json").content)
    page.evaluate("data => { window.timeline = new TL.Timeline('timeline', data); }", document)
    page.locator(".tl-timemarker").first.wait_for(state="attached")

    assert page.errors == []
    assert page.locator(".tl-timemarker").count() == 34
    assert page.locator(".tl-slide").count() == 35  # the title slide and one per event
    assert page.locator(".tl-timeera").count() == 4
    groups = page.locator(".tl-timegroup-message").all_text_contents()
    assert sorted(groups) == ["Russia", "United States"]

    # Each event is a slide with its slug as id, its date at precision, plan and sources.
    landing = page.locator("#soyuz-ms-18-lands")
    text = landing.inner_text()
    assert "Soyuz MS-18 lands in Kazakhstan" in text
    assert "17 Oct 2021, 04:35 UTC" in text
    assert "Planned:" not in text  # the last plan (revised on 16 Oct) was met
    docking = page.locator("#soyuz-ms-19-docks").inner_text()
    assert "Planned: 5 Oct 2021, 12:12 UTC (NASA, 5 Oct 2021" in docking
    assert landing.locator("a", has_text="Full record").get_attribute("href") == (
        "http://testserver/events/soyuz-ms-18-lands/"
    )
    page.evaluate("() => window.timeline.goToId('soyuz-ms-18-lands')")
    assert page.evaluate("() => window.timeline.current_id") == "soyuz-ms-18-lands"

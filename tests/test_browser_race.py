"""The race page in real Chromium: the as-of control swaps the table through
htmx, the URL follows, and nothing trips the Content Security Policy."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def seeded_live(transactional_db):
    call_command("seed_events", verbosity=0)


def watch(page: Page) -> list[str]:
    """Console errors (CSP violations are reported there) and uncaught
    exceptions.  The browser's own favicon probe is not the page's doing."""
    problems: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_moving_the_as_of_date_swaps_the_table_and_updates_the_url(page: Page, live_server, seeded_live):
    problems = watch(page)
    page.goto(f"{live_server.url}/race/?as_of=2021-10-06")
    expect(page.locator("#milestone-return")).to_contain_text("planned: 17 Oct 2021")
    page.evaluate("() => { window.sameDocument = true; }")

    # Pick a day in the date field: the table is swapped, the URL pushed.
    page.fill("#as-of", "2021-10-20")
    expect(page).to_have_url(re.compile(r"/race/\?as_of=2021-10-20$"))
    expect(page.locator("#race-table h2")).to_contain_text("20 Oct 2021")
    expect(page).to_have_title(re.compile(r"as of 20 Oct 2021"))
    expect(page.locator("#milestone-return")).to_contain_text("17 Oct 2021, 04:35 UTC")
    expect(page.locator("#milestone-return")).to_contain_text("only Russia so far")
    assert page.evaluate("() => window.sameDocument") is True  # swapped, not reloaded

    # A preset: the table follows and so does the date field.
    page.click("#race-preset-launch")
    expect(page).to_have_url(re.compile(r"/race/\?as_of=2021-10-05$"))
    expect(page.locator("#race-table h2")).to_contain_text("5 Oct 2021")
    expect(page.locator("#as-of")).to_have_value("2021-10-05")
    expect(page.locator("#race-preset-launch")).to_have_attribute("aria-current", "true")
    assert page.evaluate("() => window.sameDocument") is True

    # Back returns to the previous day.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/race/\?as_of=2021-10-20$"))
    expect(page.locator("#race-table h2")).to_contain_text("20 Oct 2021")

    assert problems == []


def test_race_table_fits_a_phone(page: Page, live_server, seeded_live):
    problems = watch(page)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/race/")
    expect(page.locator("#milestone-launch")).to_contain_text("planned Oct 2021, cancelled")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 375
    # Each cell names its column, since the header row is out of sight.
    label = page.evaluate(
        "() => getComputedStyle(document.querySelector('#milestone-launch td[data-side=russia]'), '::before').content"
    )
    assert label == '"Russia"'
    assert problems == []


def test_back_onto_a_date_that_cannot_be_shown_shows_its_message(page: Page, live_server, seeded_live):
    problems = watch(page)
    page.goto(f"{live_server.url}/race/?as_of=1900-01-01")  # a shared link with a mistyped year
    expect(page.locator("#race-errors")).to_contain_text("That date cannot be shown")
    page.fill("#as-of", "2021-10-20")
    expect(page).to_have_url(re.compile(r"/race/\?as_of=2021-10-20$"))
    expect(page.locator("#race-table h2")).to_contain_text("20 Oct 2021")

    # Back: the server answers that address with a 400 and its message, shown like any page.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/race/\?as_of=1900-01-01$"))
    expect(page.locator("#race-errors")).to_contain_text("That date cannot be shown")
    page.go_forward()
    expect(page.locator("#race-table h2")).to_contain_text("20 Oct 2021")

    # Chromium logs each 400 response itself (the first load, then Back): nothing else.
    assert [text for text in problems if "status of 400 (Bad Request)" not in text] == []
    assert len(problems) == 2


def test_each_side_wears_the_colour_its_editors_chose(page: Page, live_server, seeded_live):
    """Side colours come from Effort.colour (an SVG rule, within the strict
    CSP), so a changed colour reaches the race at once, on desktop and phone."""
    from timeline.models import Effort

    Effort.objects.filter(slug="russia").update(colour="#7a1fa2")
    Effort.objects.get(slug="russia").save()  # a real save: the data version moves
    problems = watch(page)
    for width, height in ((1366, 800), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{live_server.url}/race/")
        cell = page.locator('#milestone-launch td[data-side="russia"]')
        rule = cell.locator(".side-rule rect")
        fills = page.locator('.race-figure-side[data-side="russia"] .side-rule rect')
        assert fills.first.get_attribute("fill") == "#7a1fa2"
        box = page.locator('.race-figure-side[data-side="russia"] .side-rule').first.bounding_box()
        assert box is not None
        assert (box["width"], box["height"] > 10) == (4, True)
        if width < 500:  # each cell is a card with its side's rule
            assert rule.get_attribute("fill") == "#7a1fa2"
            assert cell.locator(".side-rule").bounding_box()["height"] > 10
        else:
            assert not cell.locator(".side-rule").is_visible()
    assert problems == []

"""Every state a reader can reach on the interactive pages, in real Chromium:
zero axe-core violations, zero console errors, zero CSP violations.

tests/test_a11y.py covers the pages as first loaded; this module covers what
filters, the event panel, bad input and a phone-sized screen turn them into,
and the chart's labelled region with its text alternative (the list)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from .browser_helpers import assert_no_axe_violations
from .conftest import make_event, utc

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


def wait_for_chart(page: Page) -> None:
    # A function, not an expression: the CSP has no unsafe-eval.
    page.wait_for_function("() => document.querySelector('#chart .main-svg g.trace')")


def wait_for_results(page: Page) -> None:
    """Until no request is out and the results have faded back in: axe
    measures colours as painted, mid-fade is not what a reader is left with."""
    page.wait_for_function(
        """() => !document.querySelector('.htmx-request')
            && getComputedStyle(document.getElementById('results')).opacity === '1'
            && getComputedStyle(document.getElementById('filters-busy')).opacity === '0'"""
    )


def forget_expected_status(page_problems, status: int) -> None:
    """Chromium logs a response's 4xx status as a console error; when the
    test asked for that status, that one line is not a problem."""
    expected = [e for e in page_problems.console_errors if f"status of {status}" in e]
    assert expected, f"the {status} response was not seen"
    page_problems.console_errors[:] = [e for e in page_problems.console_errors if e not in expected]


# --- the timeline, filtered ----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "counts"),
    [
        pytest.param("?side=russia&kind=launch", "1 of 34 events matches these filters", id="side-and-kind"),
        pytest.param("?side=united-states", "13 of 34 events match these filters", id="one-side"),
        pytest.param("?from=2021-10-01&to=2021-10-31&q=Soyuz", "events match these filters", id="dates-and-search"),
        pytest.param("?q=no-such-thing-anywhere", "0 of 34 events match these filters", id="no-results"),
    ],
)
def test_filtered_timeline_is_accessible_and_clean(page, live_server, seeded, page_problems, query, counts):
    page.goto(live_server.url + "/" + query)
    expect(page.locator("#counts")).to_contain_text(counts)
    if "no-such-thing" in query:
        expect(page.locator("#results .empty")).to_contain_text("No published event matches these filters")
    else:
        wait_for_chart(page)
    assert_no_axe_violations(page)
    page_problems.assert_none()


def test_bad_filter_page_is_accessible_and_clean(page, live_server, seeded, page_problems):
    response = page.goto(live_server.url + "/?from=2022-01-01&to=2021-01-01&side=atlantis")
    assert response.status == 400
    alert = page.locator("#results [role=alert]")
    expect(alert).to_contain_text("These filters cannot be applied")
    expect(alert).to_contain_text("Unknown side")
    # Each message links to its field, and the field is marked as wrong.
    expect(alert.get_by_role("link", name="Side")).to_have_attribute("href", "#id_side")
    expect(page.locator("#id_side")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    forget_expected_status(page_problems, 400)
    page_problems.assert_none()


def test_filters_changed_in_place_stay_accessible_and_are_announced(page, live_server, seeded, page_problems):
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    page.select_option("#id_side", "russia")
    expect(page).to_have_url(re.compile(r"/\?side=russia$"))
    status = page.locator("#results-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text("21 of 34 events match these filters · Russia: 21")
    wait_for_chart(page)
    wait_for_results(page)
    assert_no_axe_violations(page)

    # A search with no match: the announcement says so.
    page.get_by_label("Search").fill("no-such-thing-anywhere")
    expect(status).to_have_text(re.compile(r"^0 of 34 events match these filters"))
    wait_for_results(page)
    assert_no_axe_violations(page)

    # Bad dates swapped in through htmx: the alert is announced too.
    page.get_by_label("Search").fill("")
    page.fill("#id_from", "2022-01-01")
    page.fill("#id_to", "2021-01-01")
    expect(page.locator("#results [role=alert]")).to_contain_text("“From” must be on or before “To”.")
    expect(status).to_have_text("These filters cannot be applied")
    wait_for_results(page)
    assert_no_axe_violations(page)
    forget_expected_status(page_problems, 400)
    page_problems.assert_none()


def test_every_status_badge_is_legible(page, live_server, seeded, russia, page_problems):
    """Each status's colours, in the list and in the panel, pass axe's contrast
    check; the seed has no planned event, so one is added."""
    make_event(russia, title="A planned reshoot", slug="planned-reshoot", status="planned", start=utc(2025, 6, 1))
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    for status, label in [
        ("planned", "Planned"),
        ("cancelled", "Cancelled (never happened)"),
        ("unconfirmed", "Unconfirmed"),
    ]:
        expect(page.locator(f"#results .status-{status}").first).to_have_text(label)
    assert_no_axe_violations(page)

    page.locator("#results .is-cancelled .event-link").first.click()
    expect(page.locator("#panel .event-meta .status-cancelled")).to_be_visible()
    assert_no_axe_violations(page)
    page_problems.assert_none()


# --- the event panel -------------------------------------------------------------------


def test_event_panel_opened_by_a_click_is_accessible_and_clean(page, live_server, seeded, page_problems):
    page.goto(live_server.url + "/?side=russia")
    wait_for_chart(page)
    page.locator(".event-list").get_by_role("link", name="Soyuz MS-19 lifts off with the film crew").click()
    panel = page.locator("#panel")
    expect(panel.locator("#event-title")).to_be_focused()
    expect(panel.locator("ul.sources a").first).to_be_visible()
    assert_no_axe_violations(page)
    page_problems.assert_none()


def test_event_panel_opened_from_the_keyboard_is_accessible_and_clean(page, live_server, seeded, page_problems):
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    page.locator(".event-list").get_by_role("link", name="Soyuz MS-19 lifts off with the film crew").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#panel #event-title")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page).to_have_url(re.compile(r"/events/[\w-]+/$"))
    expect(page.locator("#panel #event-title")).not_to_have_text("Soyuz MS-19 lifts off with the film crew")
    assert_no_axe_violations(page)
    page_problems.assert_none()


# --- the race page -------------------------------------------------------------------


def test_race_as_of_a_day_is_accessible_and_clean(page, live_server, seeded, page_problems):
    page.goto(live_server.url + "/race/?as_of=2021-10-06")
    expect(page.locator("#race-table h2")).to_contain_text("6 Oct 2021")
    expect(page.locator("#milestone-return")).to_contain_text("planned: 17 Oct 2021")
    assert_no_axe_violations(page)
    page_problems.assert_none()


@pytest.mark.parametrize("as_of", ["yesterday", "1957-10-03", "2999-01-01"])
def test_race_bad_date_page_is_accessible_and_clean(page, live_server, seeded, page_problems, as_of):
    response = page.goto(live_server.url + f"/race/?as_of={as_of}")
    assert response.status == 400
    expect(page.locator("#race-errors")).to_contain_text("That date cannot be shown")
    expect(page.locator("#as-of")).to_have_attribute("aria-invalid", "true")
    assert_no_axe_violations(page)
    forget_expected_status(page_problems, 400)
    page_problems.assert_none()


# --- a phone ----------------------------------------------------------------------------


def test_timeline_on_a_phone_is_accessible_and_clean(page, live_server, seeded, page_problems):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    wait_for_chart(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)

    # The panel covers the screen; it is still clean, and closes back to the list.
    link = page.locator(".event-list").get_by_role("link", name="Soyuz MS-19 lifts off with the film crew")
    link.click()
    expect(page.locator("#panel #event-title")).to_be_focused()
    assert_no_axe_violations(page)
    page.keyboard.press("Escape")
    expect(page.locator("#panel #event")).to_have_count(0)
    expect(link).to_be_focused()
    page_problems.assert_none()


def test_race_on_a_phone_is_accessible_and_clean(page, live_server, seeded, page_problems):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/race/?as_of=2021-10-06")
    expect(page.locator("#milestone-launch")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_axe_violations(page)
    page_problems.assert_none()


# --- the chart's region and its text alternative ------------------------------------------


def test_chart_is_a_labelled_region_that_points_to_the_list(page, live_server, seeded, page_problems):
    page.goto(live_server.url + "/?side=russia")
    wait_for_chart(page)
    region = page.get_by_role("region", name="Chart of the timeline")
    expect(region).to_have_count(1)
    expect(region.locator("#chart .main-svg").first).to_be_attached()
    # Its description says the list holds the same events as text...
    expect(region).to_have_accessible_description(
        "Chart of the 21 events listed below, one lane per side; "
        "the list of events gives the same dates and sources as text."
    )
    expect(page.locator("#results li.event-item")).to_have_count(21)
    # ...and its first stop is a way past it, to that list (hidden until focused).
    skip = region.get_by_role("link", name="Skip the chart to the list of events")
    expect(skip).to_have_attribute("href", "#list-heading")
    assert skip.bounding_box()["width"] <= 1
    skip.focus()
    assert skip.bounding_box()["width"] > 100
    assert_no_axe_violations(page)
    page_problems.assert_none()

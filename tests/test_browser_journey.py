"""A reader's whole journey through the timeline in real Chromium, under the
strict Content Security Policy: the window resized (a phone turned), filters
changed, an event opened in the panel and closed, Back and Forward many
times.  Every step of the history must show what its URL says, and nothing
may log a console error, an uncaught exception or a CSP violation.

Plotly sets inline styles through the CSSOM once it has laid the chart out
again (after a resize): any step that turns them into markup (copying
attributes, re-parsing saved HTML) is refused by `style-src`.  That is why
the journey resizes before it does anything else, and in between."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

import pytest
from playwright.sync_api import Page, expect

from timeline.filters import TimelineFilter
from timeline.models import Event
from timeline.selectors import events_for_timeline

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}

# The chart's drawing has been laid out (again) to the width of its box.
CHART_FITS = """() => {
  const chart = document.querySelector('#chart[data-chart-ready]');
  const svg = chart && chart.querySelector('.main-svg');
  return !!svg && Math.abs(svg.getBoundingClientRect().width - chart.clientWidth) < 2;
}"""


@dataclass(frozen=True)
class View:
    """One entry of the reader's history: the filters shown, and the event
    open in the panel, if any."""

    side: str = ""
    kinds: tuple[str, ...] = ()
    q: str = ""
    date_from: str = ""
    date_to: str = ""
    event: str = ""

    @property
    def filters(self) -> TimelineFilter:
        return TimelineFilter(
            side=self.side or None,
            kinds=self.kinds,
            q=self.q,
            date_from=dt.date.fromisoformat(self.date_from) if self.date_from else None,
            date_to=dt.date.fromisoformat(self.date_to) if self.date_to else None,
        )

    @property
    def url(self) -> str:
        query = self.filters.querystring()
        path = f"/events/{self.event}/" if self.event else "/"
        return f"{path}?{query}" if query else path


def resize(page: Page, size: dict) -> None:
    """Resize the window and wait until Plotly has laid the chart out again."""
    page.set_viewport_size(size)
    page.wait_for_function(CHART_FITS)


def turn_the_phone(page: Page) -> None:
    resize(page, PHONE)
    resize(page, DESKTOP)


def expect_view(page: Page, live_server, view: View) -> None:
    """The page shows `view`: its URL, the form's values, the list and the chart
    for those filters, and the panel open on its event or closed."""
    expect(page).to_have_url(live_server.url + view.url)
    expect(page.locator("#id_side")).to_have_value(view.side)
    checked = page.locator("#filters input[name=kind]:checked")
    expect(checked).to_have_count(len(view.kinds))
    assert sorted(checked.evaluate_all("els => els.map(e => e.value)")) == sorted(view.kinds)
    expect(page.locator("#id_q")).to_have_value(view.q)
    expect(page.locator("#id_from")).to_have_value(view.date_from)
    expect(page.locator("#id_to")).to_have_value(view.date_to)
    expected = list(events_for_timeline(view.filters).values_list("slug", flat=True))
    expect(page.locator("#results li.event-item")).to_have_count(len(expected))
    assert page.locator("#results li.event-item").evaluate_all("els => els.map(e => e.dataset.slug)") == expected
    page.wait_for_function(CHART_FITS)
    panel = page.locator("#panel")
    if view.event:
        expect(panel.locator("#event-title")).to_have_text(Event.objects.get(slug=view.event).title)
        expect(panel).to_be_visible()
    else:
        expect(panel.locator("#event")).to_have_count(0)
        expect(panel).to_be_hidden()


def test_a_readers_journey_shows_each_url_and_keeps_the_csp(page, live_server, transactional_db, seeded, page_problems):
    page.set_default_timeout(15_000)
    page.set_viewport_size(DESKTOP)
    home = View()
    page.goto(live_server.url + home.url)
    expect_view(page, live_server, home)
    turn_the_phone(page)

    # Filters, one after another, each a new entry in the history.
    russia = View(side="russia")
    page.select_option("#id_side", "russia")
    expect_view(page, live_server, russia)
    page.screenshot(full_page=True)

    crews = View(side="russia", kinds=("crew_selection",))
    page.locator(".kinds-details summary").click()
    page.locator("#filters input[name=kind][value=crew_selection]").check()
    expect_view(page, live_server, crews)
    turn_the_phone(page)

    searched = View(side="russia", kinds=("crew_selection",), q="crew")
    page.locator("#id_q").fill("crew")
    expect_view(page, live_server, searched)
    assert 0 < events_for_timeline(searched.filters).count() < events_for_timeline(crews.filters).count()

    # Dates, typed at phone width.
    resize(page, PHONE)
    since = View(side="russia", kinds=("crew_selection",), q="crew", date_from="2021-01-01")
    # On a phone the filters fold behind one control that names them: open it.
    fold = page.locator(".filters-fold")
    expect(fold.locator("> summary")).to_contain_text("Russia · 1 kind · “crew”")
    if not fold.evaluate("details => details.open"):
        fold.locator("> summary").click()
    page.fill("#id_from", "2021-01-01")
    expect_view(page, live_server, since)
    resize(page, DESKTOP)
    between = View(side="russia", kinds=("crew_selection",), q="crew", date_from="2021-01-01", date_to="2021-12-31")
    page.fill("#id_to", "2021-12-31")
    expect_view(page, live_server, between)
    page.screenshot(full_page=True)

    # An event in the panel; Escape closes it.
    first = events_for_timeline(between.filters).first()
    opened = replace(between, event=first.slug)
    page.locator("#results .event-link").first.click()
    expect_view(page, live_server, opened)
    expect(page.locator("#panel #event-title")).to_be_focused()
    page.screenshot(full_page=True)
    turn_the_phone(page)
    page.keyboard.press("Escape")
    expect_view(page, live_server, between)

    # Back through every filter, then Forward again to the panel.
    history = [home, russia, crews, searched, since, between, opened]
    position = history.index(between)
    for _ in range(4):
        page.go_back()
        position -= 1
        expect_view(page, live_server, history[position])
        if position == history.index(crews):
            page.screenshot(full_page=True)
    while history[position] != opened:
        page.go_forward()
        position += 1
        expect_view(page, live_server, history[position])

    # A filter changed with the panel open closes it; Back opens it again.
    turn_the_phone(page)
    widened = View(side="russia", q="crew", date_from="2021-01-01", date_to="2021-12-31")
    page.locator("#filters input[name=kind][value=crew_selection]").uncheck()
    expect_view(page, live_server, widened)
    page.go_back()
    expect_view(page, live_server, opened)
    page.go_back()
    expect_view(page, live_server, between)
    page.go_forward()
    expect_view(page, live_server, opened)
    page.go_forward()
    expect_view(page, live_server, widened)
    page.screenshot(full_page=True)

    page_problems.assert_none()


def expected_400s(page_problems, count: int) -> None:
    """Chromium logs each 400 response itself (the page shows its messages):
    take exactly `count` of those out; anything else still fails the test."""
    page_problems.settle()
    logged = [text for text in page_problems.console_errors if "status of 400 (Bad Request)" in text]
    assert len(logged) == count, page_problems.describe()
    page_problems.console_errors[:] = [text for text in page_problems.console_errors if text not in logged]


def test_back_and_forward_onto_bad_filters_show_their_messages(
    page, live_server, transactional_db, seeded, page_problems
):
    page.goto(live_server.url + "/?from=2022-01-01")
    page.wait_for_function(CHART_FITS)
    turn_the_phone(page)
    alert = page.locator("#results [role=alert]")
    page.fill("#id_to", "2021-01-01")
    expect(alert).to_contain_text("“From” must be on or before “To”.")
    bad_url = page.url
    assert "from=2022-01-01&to=2021-01-01" in bad_url
    page.fill("#id_to", "2022-12-31")
    fixed = View(date_from="2022-01-01", date_to="2022-12-31")
    expect_view(page, live_server, fixed)

    # Back: the server answers the bad filters with a 400 and their messages, shown as any page.
    page.go_back()
    expect(page).to_have_url(bad_url)
    expect(alert).to_contain_text("“From” must be on or before “To”.")
    expect(page.locator("#id_to")).to_have_value("2021-01-01")
    expect(page.locator("#results li.event-item")).to_have_count(0)
    expect(page).to_have_title(re.compile(r"^Filters need fixing"))
    page.go_forward()
    expect_view(page, live_server, fixed)
    page.go_back()
    expect(alert).to_be_visible()

    expected_400s(page_problems, 3)  # the filter, then Back twice onto it
    page_problems.assert_none()

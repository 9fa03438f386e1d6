"""`/?as_of=`: the timeline's list and chart as the record stood on that day (`timeline.known`)."""

from __future__ import annotations

import html as html_module
import re

import pytest

from timeline import known
from timeline.models import Statement

from .conftest import chart_slugs, html_of, make_event, utc


def listed(html: str) -> dict[str, tuple[str, str, str]]:
    """slug -> (status, <time datetime>, the note of who published the plan) of the list's items."""
    items = re.findall(r'<li class="event-item is-(\w+)"[^>]*data-slug="([^"]+)">(.*?)</li>', html, re.S)
    found = {}
    for status, slug, body in items:
        when = re.search(r'<time datetime="([^"]+)"', body).group(1)
        note = re.search(r'class="known-by muted">([^<]*)<', body)
        found[slug] = (status, when, html_module.unescape(note.group(1)) if note else "")
    return found


@pytest.mark.parametrize("page", ["/", "/ru/"])
def test_as_of_the_announcement_the_list_and_chart_hold_only_what_was_public(client, seeded, page):
    html = html_of(client.get(page, {"as_of": "2020-09-22"}))
    shown = listed(html)
    assert "soyuz-ms-18-lands" not in shown
    assert "soyuz-ms-18-lands" not in chart_slugs(html)
    assert "axiom-crew-without-cruise" not in shown
    # The launch was a plan then: "in autumn 2021", as Roscosmos said that day, not the minute it flew.
    status, when, note = shown["soyuz-ms-19-launch"]
    assert (status, when) == ("planned", "2021")
    assert ("Roscosmos, 22 Sep 2020" if page == "/" else "22 сентября 2020") in note
    assert "autumn 2021" in note
    assert "soyuz-ms-19-launch" in chart_slugs(html)
    assert "only the events known by the end of that day" in html_module.unescape(html) or page == "/ru/"


def test_a_cancelled_plan_shows_as_cancelled_once_the_cancellation_was_public(client, seeded):
    before = listed(html_of(client.get("/", {"as_of": "2021-01-25"})))
    after = listed(html_of(client.get("/", {"as_of": "2021-01-26"})))
    slug = "axiom-flight-with-cruise-never-flew"
    assert before[slug][0] == "planned"
    assert after[slug][0] == "cancelled"
    assert "cancelled: Axiom Space" in after[slug][2]


def test_a_span_still_running_on_the_day_shows_only_its_start(client, seeded):
    shown = listed(html_of(client.get("/", {"as_of": "2021-10-06"})))
    status, when, _ = shown["filming-aboard-the-iss"]
    assert status == "happened"
    assert when == "2021-10-05"
    page = html_module.unescape(html_of(client.get("/", {"as_of": "2021-10-06"})))
    assert "5 Oct – 17 Oct 2021" not in page
    assert "5–17 Oct 2021" not in page


def test_without_a_day_the_list_is_the_whole_record(client, seeded):
    html = html_of(client.get("/"))
    assert 'id="as-of-note"' not in html
    shown = listed(html)
    assert shown["soyuz-ms-19-launch"][:2] == ("happened", "2021-10-05T08:55Z")
    assert shown["soyuz-ms-18-lands"][0] == "happened"


def test_a_statement_published_after_the_day_leaves_the_days_timeline_as_it_was(client, russia):
    make_event(russia, kind="announcement", start=utc(2020, 9, 22), slug="announced")
    launch = make_event(russia, kind="launch", start=utc(2021, 10, 5), slug="launch", created=utc(2020, 1, 1))
    days = ["2020-10-01", "2021-05-13", "2021-10-04"]
    before = {day: html_of(client.get("/", {"as_of": day})) for day in days}
    assert all("launch" not in listed(html) for html in before.values())
    Statement.objects.create(event=launch, kind="plan", date=utc(2021, 10, 5), date_precision="day",
                             announced=utc(2021, 10, 7), announced_precision="day", publisher="Late")  # fmt: skip
    for day in days:
        assert listed(html_of(client.get("/", {"as_of": day}))) == listed(before[day])
    Statement.objects.create(event=launch, kind="plan", date=utc(2021, 10, 5), date_precision="day",
                             announced=utc(2021, 5, 13), announced_precision="day", publisher="Roscosmos")  # fmt: skip
    assert listed(html_of(client.get("/", {"as_of": "2021-05-13"})))["launch"][2] == "Roscosmos, 13 May 2021"


def test_a_planned_event_with_no_statement_shows_from_the_day_it_was_entered(client, russia):
    make_event(russia, kind="premiere", status="planned", start=utc(2027, 3, 1), slug="premiere",
               created=utc(2026, 6, 1, 12))  # fmt: skip
    assert "premiere" not in listed(html_of(client.get("/", {"as_of": "2026-05-31"})))
    assert listed(html_of(client.get("/", {"as_of": "2026-06-01"})))["premiere"][:2] == ("planned", "2027-03-01")


def test_links_from_the_day_keep_the_day_and_the_event_pages_pager_too(client, seeded):
    html = html_of(client.get("/", {"as_of": "2021-10-06", "side": "russia"}))
    assert 'href="/events/soyuz-ms-19-launch/?side=russia&amp;as_of=2021-10-06"' in html
    assert 'data-filter-query="side=russia&amp;as_of=2021-10-06"' in html
    page = html_of(client.get("/events/soyuz-ms-19-launch/", {"as_of": "2021-10-06", "side": "russia"}))
    pager = page[page.index('class="event-pager"') :]
    assert re.search(r'rel="prev" data-key="ArrowLeft" href="/events/[^"?]+/\?side=russia&amp;as_of=2021-10-06"', pager)
    assert re.search(
        r'rel="next" data-key="ArrowRight" href="/events/[^"?]+/\?side=russia&amp;as_of=2021-10-06"', pager
    )


def test_row_as_known_leaves_out_what_was_not_yet_known():
    row = {
        "pk": 1, "start": utc(2021, 10, 5), "start_precision": "day", "end": None, "end_precision": "",
        "status": "happened", "created": utc(2020, 1, 1), "planned": None, "planned_precision": "",
    }  # fmt: skip
    assert known.row_as_known(row, (), utc(2021, 10, 5, 23)) is None  # the day is not over: not known as done
    assert known.row_as_known(row, (), utc(2021, 10, 6))["status"] == "happened"


def test_the_event_page_on_a_day_says_how_the_record_stood_then(client, seeded):
    def notice(slug, day):
        page = html_module.unescape(html_of(client.get(f"/events/{slug}/", {"as_of": day})))
        found = re.search(r'class="notice as-of-notice" role="note">(.*?)</p>', page, re.S)
        return found.group(1) if found else ""

    assert notice("soyuz-ms-18-lands", "2020-09-22").startswith("Nothing of this had been published by the end of")
    launch = notice("soyuz-ms-19-launch", "2020-09-22")
    assert launch.startswith("On 22 Sep 2020 this was planned for 2021 (Roscosmos, 22 Sep 2020")
    assert notice("axiom-flight-with-cruise-never-flew", "2020-10-01").startswith(
        "On 1 Oct 2020 this was planned for October 2021 (Space Shuttle Almanac"
    )
    assert notice("axiom-flight-with-cruise-never-flew", "2021-02-01") == ""  # cancelled then, as it is now
    filming = notice("filming-aboard-the-iss", "2021-10-06")
    assert filming.startswith("On 6 Oct 2021 this was under way since 5 Oct 2021.")
    assert notice("soyuz-ms-19-launch", "2021-10-06") == ""  # known then as it is now


def test_the_date_field_on_the_timeline_swaps_the_results_and_the_lede_follows(client, seeded):
    html = html_of(client.get("/", {"as_of": "2021-10-06"}, headers={"HX-Request": "true", "HX-Target": "results"}))
    assert html.lstrip().startswith('<section id="results"')
    assert 'id="race-lede"' in html
    assert 'hx-swap-oob="true"' in html[html.index('id="race-lede"') - 200 : html.index('id="race-lede"') + 200]
    assert "soyuz-ms-18-lands" in listed(html)
    assert "challenge-premieres-in-kremlin" not in listed(html)
    page = html_of(client.get("/"))
    assert 'id="index-race" class="index-race" hx-target="#results"' in page


def test_a_day_before_anything_was_published_says_so(client, seeded):
    html = html_module.unescape(html_of(client.get("/", {"as_of": "2020-01-01"})))
    assert listed(html) == {}
    assert "Nothing on this timeline had been published by the end of 1 Jan 2020." in html

"""?range=: the chart's visible range in the URL, read by the server into the
first paint, kept in the page's one canonical query, refused with a message
(never a 500); and the range buttons the page draws above the chart."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.http import QueryDict

from timeline.charts import parse_view, view_value
from timeline.forms import TimelineQueryForm

from .conftest import chart_of, html_of

HX = {"HX-Request": "true"}
TODAY = dt.date(2026, 1, 1)


def timeline_query(query: str) -> TimelineQueryForm:
    form = TimelineQueryForm(QueryDict(query), today=TODAY)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("text", "view", "value"),
    [
        ("all", None, "all"),
        ("ALL", None, "all"),
        ("2021", (dt.date(2021, 1, 1), dt.date(2022, 1, 1)), "2021"),
        ("2021-10", (dt.date(2021, 10, 1), dt.date(2021, 11, 1)), "2021-10"),
        ("2021-12", (dt.date(2021, 12, 1), dt.date(2022, 1, 1)), "2021-12"),
        ("2021-10-01..2021-10-20", (dt.date(2021, 10, 1), dt.date(2021, 10, 21)), "2021-10-01..2021-10-20"),
        ("2021-10-05..2021-10-05", (dt.date(2021, 10, 5), dt.date(2021, 10, 6)), "2021-10-05..2021-10-05"),
        # Two days that make a whole month or year are written as one.
        ("2021-10-01..2021-10-31", (dt.date(2021, 10, 1), dt.date(2021, 11, 1)), "2021-10"),
        ("2020-01-01..2020-12-31", (dt.date(2020, 1, 1), dt.date(2021, 1, 1)), "2020"),
    ],
)
def test_a_range_value_names_a_view_and_back(text, view, value):
    assert parse_view(text) == view
    assert view_value(view) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2021-13", "is not a date"),
        ("2021-02-30..2021-03-01", "is not a date"),
        ("last week", "Give the range as all, a year (2021)"),
        ("2021-10-20..2021-10-01", "must end on or after the day it starts"),
        ("1900", "Choose a range between 1957-10-04 and 2100-12-31"),
        ("2101-01", "Choose a range between"),
        ("0000", "is not a date"),
    ],
)
def test_a_bad_range_says_what_is_wrong(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_view(text)


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("range=all", ""),
        ("range=2021&side=russia", "side=russia&range=2021"),
        ("page=2&range=2021-10-01..2021-10-31&as_of=2021-10-06", "as_of=2021-10-06&page=2&range=2021-10"),
        ("range=2021-13&side=russia", "side=russia"),  # a refused range is left out, the rest kept
    ],
)
def test_the_range_has_its_place_in_the_canonical_query(seeded, query, canonical):
    assert timeline_query(query).canonical().urlencode() == canonical


def test_a_bad_range_leaves_the_rest_of_the_query_standing(seeded):
    form = timeline_query("side=russia&range=soon")
    assert not form.is_valid()
    assert form.chart_view is None
    assert form.filters is not None  # the list and the chart are still shown
    assert form.range_errors == [
        "Give the range as all, a year (2021), a month (2021-10) or two days (2021-10-01..2021-10-20)."
    ]
    assert timeline_query("range=" + "9" * 31).range_errors == ["Give the chart's range in at most 30 characters."]
    assert timeline_query("range=").has_blank_fields()


def test_the_first_paint_shows_the_range_of_the_url(client, seeded):
    html = html_of(client.get("/", {"range": "2021-10"}))
    figure = chart_of(html)
    assert figure["layout"]["xaxis"]["range"] == ["2021-10-01 00:00", "2021-11-01 00:00"]
    assert figure["ranges"][0]["range"][0] < "2020-06-01"  # "All" still shows it all
    assert figure["range"] == "2021-10"
    assert 'data-range="2021-10" aria-pressed="true">Oct 2021</button>' in html
    assert 'data-range="all" aria-pressed="false">All</button>' in html
    assert 'name="range" form="filters" value="2021-10"' in html

    everything = html_of(client.get("/"))
    assert 'data-range="all" aria-pressed="true">All</button>' in everything
    assert 'name="range" form="filters" value=""' in everything
    whole = chart_of(everything)["layout"]["xaxis"]
    assert whole["range"] == chart_of(everything)["ranges"][0]["range"]


def test_a_custom_range_presses_no_button(client, seeded):
    html = html_of(client.get("/", {"range": "2021-09-20..2021-10-20"}))
    assert chart_of(html)["layout"]["xaxis"]["range"] == ["2021-09-20 00:00", "2021-10-21 00:00"]
    assert 'aria-pressed="true"' not in html


def test_the_filters_keep_the_range_and_the_history_gets_it(client, seeded):
    response = client.get("/", {"side": "russia", "range": "2021"}, headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "/?side=russia&range=2021"
    assert chart_of(html_of(response))["layout"]["xaxis"]["range"][0] == "2021-01-01 00:00"


@pytest.mark.parametrize("headers", [{}, HX], ids=["page", "results"])
def test_a_bad_range_is_a_400_with_the_message_and_the_whole_chart(client, seeded, headers):
    response = client.get("/", {"side": "russia", "range": "2021-13"}, headers=headers)
    assert response.status_code == 400
    html = html_of(response)
    assert 'id="range-errors"' in html
    assert "Chart range: “2021-13” is not a date." in html
    figure = chart_of(html)
    assert figure["range"] == "all"
    assert figure["layout"]["xaxis"]["range"] == figure["ranges"][0]["range"]
    assert html.count('class="event-item') == 21  # the list is still shown


@pytest.mark.parametrize("value", ["%00", "2021-10-01..", "..", "2021-1", "٢٠٢١", "2021-10-01..9999-12-31"])
def test_odd_ranges_never_break_the_page(client, seeded, value):
    response = client.get("/?range=" + value)
    assert response.status_code == 400
    assert "Chart range:" in html_of(response)


def test_exports_leave_the_range_out_and_event_links_keep_it(client, seeded):
    html = html_of(client.get("/", {"side": "russia", "range": "2021"}))
    assert 'href="/export/events.csv?side=russia"' in html
    assert 'href="/events/soyuz-ms-19-launch/?side=russia&amp;range=2021"' in html  # the panel's timeline keeps it

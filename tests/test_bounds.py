"""The one accepted range of dates (timeline.bounds): the model refuses every
date outside it, and every page stays up at both ends of it, and beyond it
for rows that reached the database some other way (a shell, an old row,
`QuerySet.update`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.core.exceptions import ValidationError

from timeline import charts
from timeline.bounds import DATE_MAX, DATE_MIN, DATETIME_MAX, DATETIME_MIN
from timeline.models import Event, Phase, Source, Statement

from .conftest import make_event, make_phase

ONE_DAY = dt.timedelta(days=1)
FIRST_INSTANT = dt.datetime.min.replace(tzinfo=dt.UTC)  # the first and last instants Python can hold
LAST_INSTANT = dt.datetime.max.replace(tzinfo=dt.UTC)


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def range_message(label: str, day: dt.date) -> str:
    return f"The {label} must lie between 1957-10-04 and 2100-12-31 (got {day.isoformat()})."


def event_with(effort, **values) -> Event:
    return Event(
        effort=effort,
        **{
            "title": "T",
            "slug": "t",
            "kind": "launch",
            "start": midnight(dt.date(2021, 10, 5)),
            "start_precision": "day",
            "summary": "S",
            "published": True,
            **values,
        },
    )


def instance_with(field: str, day: dt.date, effort):
    """A row that is valid except, perhaps, for `field` set to `day`."""
    fallback = day if DATE_MIN <= day <= DATE_MAX else dt.date(2021, 10, 5)
    model, name = field.split(".")
    if model == "Phase":
        return Phase(name="P", slug="p", **{"start": fallback, "end": fallback, name: day})
    if model == "Source":
        parent = event_with(effort)
        parent.save()
        return Source(event=parent, publisher="P", published=day)
    if model == "Statement":
        parent = event_with(effort)
        parent.save()
        values = {
            "date": midnight(fallback),
            "date_precision": "day",
            f"{name}": midnight(day),
            f"{name}_precision": "day",
        }
        return Statement(event=parent, kind="plan", publisher="P", **values)
    values = {"start": midnight(fallback), f"{name}": midnight(day), f"{name}_precision": "day"}
    if name == "end":
        values["start"] = midnight(fallback if day >= fallback else DATE_MIN)
    return event_with(effort, status="planned", **values)  # "happened" cannot lie in the future


FIELDS = {
    "Event.start": "start",
    "Event.end": "end",
    "Source.published": "publication date",
    "Statement.date": "stated date",
    "Statement.announced": "publication date",
    "Phase.start": "start",
    "Phase.end": "end",
}
OUTSIDE = [dt.date.min, dt.date(21, 11, 3), DATE_MIN - ONE_DAY, DATE_MAX + ONE_DAY, dt.date.max]


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("day", OUTSIDE, ids=str)
def test_every_date_outside_the_range_is_refused_naming_the_field(russia, field, day):
    instance = instance_with(field, day, russia)
    with pytest.raises(ValidationError) as info:
        instance.full_clean()
    assert range_message(FIELDS[field], day) in info.value.message_dict[field.split(".")[1]]


@pytest.mark.parametrize("field", [field for field in FIELDS if field != "Statement.announced"])
@pytest.mark.parametrize("day", [DATE_MIN, DATE_MAX], ids=str)
def test_both_ends_of_the_range_are_accepted(russia, field, day):
    """(A statement's publication date cannot lie in the future: its last day is today.)"""
    instance_with(field, day, russia).full_clean()


@pytest.mark.parametrize(
    "value",
    [FIRST_INSTANT, LAST_INSTANT, midnight(dt.date.max), dt.datetime(9999, 12, 1, tzinfo=dt.UTC)],
    ids=str,
)
@pytest.mark.parametrize("precision", ["year", "month", "day", "minute"])
def test_clean_never_crashes_on_the_ends_of_pythons_calendar(russia, value, precision):
    # clean() runs even when the field's own validator has failed: it must
    # compare such dates, not overflow on them.
    instance = event_with(
        russia,
        start=value,
        start_precision=precision,
        end=value,
        end_precision=precision,
    )
    with pytest.raises(ValidationError) as info:
        instance.full_clean()
    errors = info.value.message_dict
    assert range_message("start", value.date()) in errors["start"]
    parent = event_with(russia)
    parent.save()
    said = Statement(
        event=parent, kind="plan", publisher="P", date=value, date_precision=precision,
        announced=value, announced_precision=precision,
    )  # fmt: skip
    with pytest.raises(ValidationError) as info:
        said.full_clean()
    errors = info.value.message_dict
    assert range_message("stated date", value.date()) in errors["date"]
    assert range_message("publication date", value.date()) in errors["announced"]


def test_save_without_validation_at_the_end_of_pythons_calendar_does_not_crash(russia):
    event = make_event(russia, start=dt.datetime(9999, 1, 1, tzinfo=dt.UTC), start_precision="year", sources=0)
    assert event.covers_until == LAST_INSTANT


# --- pages at both ends of the range ---------------------------------------------


def valid(instance):
    instance.full_clean()
    instance.save()
    return instance


@pytest.fixture
def events_at_both_ends(russia, united_states):
    """Events, plans, sources and a phase at the first and last moments the range allows."""
    first = valid(
        event_with(
            russia,
            slug="first-day",
            title="On the first day",
            start=DATETIME_MIN,
            start_precision="minute",
        )
    )
    last = valid(
        event_with(
            united_states,
            slug="last-minute",
            title="In the last minute",
            status="planned",
            start=DATETIME_MAX,
            start_precision="minute",
        )
    )
    year = valid(
        event_with(
            russia,
            slug="last-year",
            title="In the last year",
            kind="return",
            status="planned",
            start=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
            start_precision="year",
        )
    )
    span = valid(
        event_with(
            united_states,
            slug="whole-range",
            title="Across the whole range",
            kind="training",
            start=midnight(DATE_MIN),
            start_precision="day",
            end=dt.datetime(2100, 12, 1, tzinfo=dt.UTC),
            end_precision="month",
        )
    )
    for event in (first, last, year, span):
        valid(Source(event=event, publisher="Archive", url="https://example.org/", published=DATE_MIN))
        valid(Source(event=event, publisher="Forecast", published=DATE_MAX))
        valid(
            Statement(
                event=event, kind="claim", publisher="Forecast", date=DATETIME_MAX, date_precision="minute",
                announced=midnight(DATE_MIN), announced_precision="day",
            )
        )  # fmt: skip
    valid(Statement(event=first, kind="plan", publisher="P", date=midnight(DATE_MIN), date_precision="day"))
    valid(
        Statement(event=last, kind="plan", publisher="P", date=dt.datetime(2100, 1, 1, tzinfo=dt.UTC),
                  date_precision="year")
    )  # fmt: skip
    valid(Phase(name="Everything", slug="everything", start=DATE_MIN, end=DATE_MAX))
    return [first, last, year, span]


def chart_range_of(html: str) -> list[str]:
    match = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no chart data in the page"
    return json.loads(match.group(1))["layout"]["xaxis"]["range"]


@pytest.mark.parametrize("url", ["/", "/embed/", f"/?from={DATE_MIN}&to={DATE_MAX}", "/?side=russia"])
def test_the_chart_spans_both_ends_of_the_range(client, events_at_both_ends, url):
    response = client.get(url)
    assert response.status_code == 200
    low, high = chart_range_of(response.content.decode())
    assert low < "1957-10-04"
    assert high > "2100-12-31 23:59"


def test_every_page_and_export_answers_at_both_ends_of_the_range(client, events_at_both_ends):
    titles = {event.title for event in events_at_both_ends}
    home = client.get("/").content.decode()
    assert "On the first day" in home
    assert "4 Oct 1957, 00:00 UTC" in home
    assert "In the last minute" in home
    assert "31 Dec 2100, 23:59 UTC" in home

    race = client.get("/race/")
    assert race.status_code == 200
    for event in events_at_both_ends:
        page = client.get(event.get_absolute_url())
        assert page.status_code == 200
        assert event.title in page.content.decode()

    exported = client.get("/export/events.json")
    assert exported.status_code == 200
    assert {row["title"] for row in json.loads(exported.content)["events"]} == titles

    rows = list(csv.DictReader(io.StringIO(client.get("/export/events.csv").content.decode("utf-8-sig"))))
    assert {row["title"] for row in rows} == titles
    assert {row["start"] for row in rows} >= {"1957-10-04T00:00Z", "2100-12-31T23:59Z", "2100"}

    timelinejs = client.get("/export/timelinejs.json")
    assert timelinejs.status_code == 200
    assert len(json.loads(timelinejs.content)["events"]) == len(titles)

    calendar = icalendar.Calendar.from_ical(client.get("/export/events.ics").content)
    summaries = " | ".join(str(entry["SUMMARY"]) for entry in calendar.walk("VEVENT"))
    assert all(title in summaries for title in titles)

    feed = client.get("/feed/")
    assert feed.status_code == 200
    assert len(ET.fromstring(feed.content).findall("{http://www.w3.org/2005/Atom}entry")) == len(titles)


# --- rows that bypassed validation ---------------------------------------------


@pytest.mark.parametrize("start", [midnight(dt.date.min), midnight(dt.date.max)], ids=str)
@pytest.mark.parametrize("precision", ["year", "month", "day", "minute"])
def test_a_row_forced_outside_the_range_does_not_take_the_chart_down(client, russia, start, precision):
    event = make_event(russia, title="Forced", slug="forced")
    make_event(russia, title="Ordinary", slug="ordinary")
    Event.objects.filter(pk=event.pk).update(start=start, start_precision=precision)
    for url in ("/", "/embed/"):
        response = client.get(url)
        assert response.status_code == 200, url
        low, high = chart_range_of(response.content.decode())
        assert "0001-01-01 00:00" <= low < high <= "9999-12-31 23:59"
    assert client.get("/race/").status_code == 200
    assert "Forced" in client.get(event.get_absolute_url()).content.decode()
    calendar = icalendar.Calendar.from_ical(client.get("/export/events.ics").content)
    # A month or a year says so in the title: "Russia: Forced (9999, month not known)".
    titles = {str(entry["SUMMARY"]).split(" (")[0] for entry in calendar.walk("VEVENT")}
    assert titles == {"Russia: Forced", "Russia: Ordinary"}


def test_a_phase_forced_outside_the_range_does_not_take_the_chart_down(client, russia):
    phase = make_phase(name="Forever")
    Phase.objects.filter(pk=phase.pk).update(start=dt.date.min, end=dt.date.max)
    response = client.get("/")  # no events: the phases set the range
    assert response.status_code == 200
    assert chart_range_of(response.content.decode()) == ["0001-01-01 00:00", "9999-12-31 23:59"]
    make_event(russia)
    assert client.get("/embed/").status_code == 200


# --- the chart's own arithmetic, at the ends of Python's calendar -------------------


def chart_event(slug: str, start: dt.datetime, precision: str, **values) -> charts.ChartEvent:
    return charts.ChartEvent(slug, "russia", slug, "launch", "Launch", start, precision, **values)


LANE = charts.ChartLane("russia", "Russia", "#b3261e")


@pytest.mark.parametrize("detail_limit", [None, 0], ids=["each event", "overview"])
def test_the_figure_is_clamped_to_pythons_calendar(detail_limit):
    events = (
        chart_event("first", FIRST_INSTANT, "minute"),
        chart_event(
            "last",
            midnight(dt.date.max),
            "day",
            planned=dt.datetime(9999, 1, 1, tzinfo=dt.UTC),
            planned_precision="year",
        ),
        chart_event(
            "span", dt.datetime(9999, 12, 1, tzinfo=dt.UTC), "month", end=midnight(dt.date.max), end_precision="day"
        ),
    )
    phases = (charts.ChartPhase("Forever", dt.date.min, dt.date.max),)
    figure = charts.build_figure(charts.ChartInput((LANE,), events, phases), detail_limit=detail_limit)
    assert figure["layout"]["xaxis"]["range"] == ["0001-01-01 00:00", "9999-12-31 23:59"]
    assert [shape["x1"] for shape in figure["layout"]["shapes"] if shape["type"] == "rect"] == ["9999-12-31 23:59"]


@pytest.mark.parametrize(
    ("day", "bucket", "expected"),
    [
        (dt.date(9999, 12, 31), "week", (dt.date(9999, 12, 27), dt.date.max)),
        (dt.date(9999, 12, 5), "month", (dt.date(9999, 12, 1), dt.date.max)),
        (dt.date(9999, 11, 5), "quarter", (dt.date(9999, 10, 1), dt.date.max)),
        (dt.date(1, 1, 1), "week", (dt.date(1, 1, 1), dt.date(1, 1, 7))),
        (dt.date(2021, 12, 5), "month", (dt.date(2021, 12, 1), dt.date(2021, 12, 31))),
    ],
)
def test_overview_periods_stop_at_the_end_of_pythons_calendar(day, bucket, expected):
    assert charts.bucket_range(midnight(day), bucket) == expected


def test_plotly_reads_early_years_with_four_digits():
    assert charts.plotly_date(midnight(dt.date(21, 11, 3))) == "0021-11-03 00:00"
    assert charts.plotly_date(dt.date(21, 11, 3)) == "0021-11-03"

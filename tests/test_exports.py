"""Exports of the published timeline: JSON, CSV, TimelineJS, iCalendar."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timeline import exports, ics
from timeline.interchange import import_file
from timeline.models import Effort, Event, Phase, Source
from timeline.precision import Precision

from .conftest import make_event, make_phase, utc

EXPORTS = ["/export/events.json", "/export/events.csv", "/export/timelinejs.json", "/export/events.ics"]


def empty_the_database():
    Source.objects.all().delete()
    Event.objects.all().delete()
    Effort.objects.all().delete()
    Phase.objects.all().delete()


def json_slugs(response) -> list[str]:
    return [event["slug"] for event in json.loads(response.content)["events"]]


def csv_records(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def ics_events(response) -> list[icalendar.Event]:
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


# --- Round trip ------------------------------------------------------------------


def test_json_round_trip_through_an_empty_database(client, seeded):
    first = client.get("/export/events.json").content
    empty_the_database()
    result = import_file(first)
    assert len(result.created) == 34
    assert client.get("/export/events.json").content == first


def test_csv_round_trip_through_an_empty_database(client, seeded):
    first_csv = client.get("/export/events.csv").content
    first_json = client.get("/export/events.json").content
    empty_the_database()
    # A CSV holds events only: the sides (and phases) come first, from the JSON export without its events.
    sides_only = {**json.loads(first_json), "events": []}
    import_file(json.dumps(sides_only).encode())
    assert not Event.objects.exists()

    result = import_file(first_csv)
    assert len(result.created) == 34
    assert client.get("/export/events.csv").content == first_csv
    assert client.get("/export/events.json").content == first_json


# --- JSON --------------------------------------------------------------------------


def test_json_export_is_the_documented_schema(client, seeded):
    response = client.get("/export/events.json")
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="space-film-race-events.json"'
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    assert list(document) == ["schema", "efforts", "phases", "events", "statements"]
    assert document["schema"] == "spacefilm.events/2"
    assert [e["slug"] for e in document["efforts"]] == ["russia", "united-states"]
    assert len(document["events"]) == Event.objects.filter(published=True).count() == 34
    landing = next(e for e in document["events"] if e["slug"] == "soyuz-ms-18-lands")
    assert list(landing) == [
        "slug", "effort", "title", "kind", "status", "start", "end",
        "place", "people", "summary", "notes", "image", "published", "sources", "statements",
        "title_ru", "place_ru", "people_ru", "summary_ru", "notes_ru",
    ]  # fmt: skip
    assert landing["start"] == "2021-10-17T04:35Z"
    first = landing["statements"][0]
    assert list(first) == ["kind", "date", "approximate", "wording", "announced", "publisher", "url", "title"]
    assert (first["kind"], first["date"], first["announced"]) == ("plan", "2021-10-17", "2021-04-25")
    article = next(s for s in landing["statements"] if s["publisher"] == "Unattributed news article")
    assert (article["kind"], article["date"], article["announced"]) == ("claim", "2021-10-16", "2021-10-06")
    training = next(e for e in document["events"] if e["slug"] == "film-crew-training")
    assert (training["start"], training["end"]) == ("2021-05", "2021-10-04")


# --- CSV ---------------------------------------------------------------------------


def test_csv_export_opens_in_a_spreadsheet(client, seeded):
    response = client.get("/export/events.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    assert response["Content-Disposition"] == 'attachment; filename="space-film-race-events.csv"'
    records = csv_records(response)
    assert len(records) == 34
    launch = next(r for r in records if r["slug"] == "soyuz-ms-19-launch")
    assert launch["start"] == "2021-10-05T08:55Z"
    assert launch["published"] == "true"
    assert launch["source_1_publisher"]
    assert "Yulia Peresild" in launch["people"].split("; ")
    # Four sources at most in the seed: four groups of four columns; eight statements at most, of eight.
    assert "source_4_published" in list(records[0])
    assert "source_5_url" not in list(records[0])
    assert list(records[0])[-1] == "statement_8_title"
    assert (launch["statement_2_kind"], launch["statement_2_date"], launch["statement_2_announced"]) == (
        "revision",
        "2021-10-05",
        "2021-05-13",
    )
    assert b"\r\n" in response.content


# --- TimelineJS --------------------------------------------------------------------


def assert_timelinejs_date(parts: dict):
    """A TimelineJS3 date object: a year, then optional parts in range."""
    assert isinstance(parts["year"], int)
    assert set(parts) <= {"year", "month", "day", "hour", "minute", "second", "millisecond", "display_date"}
    assert 1 <= parts.get("month", 1) <= 12
    assert 1 <= parts.get("day", 1) <= 31
    assert 0 <= parts.get("hour", 0) <= 23
    assert 0 <= parts.get("minute", 0) <= 59
    if "day" in parts:
        assert "month" in parts
    if "hour" in parts:
        assert "day" in parts


def test_timelinejs_export_has_what_timelinejs3_requires(client, seeded):
    response = client.get("/export/timelinejs.json")
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = json.loads(response.content)
    slides = document["events"]
    assert len(slides) == 34
    ids = [slide["unique_id"] for slide in slides]
    assert len(set(ids)) == len(ids)
    for slide in slides:
        assert_timelinejs_date(slide["start_date"])
        if "end_date" in slide:
            assert_timelinejs_date(slide["end_date"])
        assert slide["text"]["headline"] or slide["text"]["text"]
        assert slide["group"] in {"Russia", "United States"}
        assert "media" not in slide  # the seed has no images
    assert [era["text"]["headline"] for era in document["eras"]] == [
        "Announcements",
        "Casting &amp; training",
        "Flight",
        "Release &amp; aftermath",
    ]
    for era in document["eras"]:
        assert_timelinejs_date(era["start_date"])
        assert_timelinejs_date(era["end_date"])
    assert document["title"]["text"]["headline"] == "Space Film Race"

    by_id = {slide["unique_id"]: slide for slide in slides}
    assert by_id["soyuz-ms-19-launch"]["start_date"] == {"year": 2021, "month": 10, "day": 5, "hour": 8, "minute": 55}
    assert by_id["film-crew-training"]["start_date"] == {"year": 2021, "month": 5}
    assert by_id["film-crew-training"]["end_date"] == {"year": 2021, "month": 10, "day": 4}
    assert by_id["film-crew-training"]["display_date"] == "May – 4 Oct 2021"
    cancelled = by_id["axiom-flight-with-cruise-never-flew"]
    assert "<strong>Status:</strong> Cancelled (never happened)" in cancelled["text"]["text"]
    assert 'href="http://testserver/events/axiom-flight-with-cruise-never-flew/"' in cancelled["text"]["text"]


@pytest.mark.parametrize(
    ("precision", "parts"),
    [
        (Precision.YEAR, {"year": 2021}),
        (Precision.MONTH, {"year": 2021, "month": 10}),
        (Precision.DAY, {"year": 2021, "month": 10, "day": 5}),
        (Precision.MINUTE, {"year": 2021, "month": 10, "day": 5, "hour": 8, "minute": 55}),
    ],
)
def test_timelinejs_dates_stop_at_their_precision(precision, parts):
    from timeline.precision import truncate

    assert exports.timelinejs_date(truncate(utc(2021, 10, 5, 8, 55), precision), precision) == parts


def test_timelinejs_media_and_escaping(client, russia, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = make_event(
        russia,
        slug="with-image",
        title="Crew <on> board",
        image_caption="Peresild & Shipenko",
        image_credit="Roscosmos",
        image_alt="Two people in a capsule",
    )
    event.image.name = "events/crew.jpg"
    event.save()
    slide = json.loads(client.get("/export/timelinejs.json").content)["events"][0]
    assert slide["text"]["headline"] == "Crew &lt;on&gt; board"
    assert slide["media"] == {
        "url": "http://testserver/media/events/crew.jpg",
        "caption": "Peresild &amp; Shipenko",
        "credit": "Roscosmos",
        "alt": "Two people in a capsule",
    }
    record = json.loads(client.get("/export/events.json").content)["events"][0]
    assert record["image"]["url"] == "http://testserver/media/events/crew.jpg"


# --- iCalendar ---------------------------------------------------------------------


def test_ics_parses_and_has_one_event_per_published_event(client, seeded):
    response = client.get("/export/events.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="space-film-race.ics"'
    vevents = ics_events(response)
    assert len(vevents) == Event.objects.filter(published=True).count() == 34
    uids = [str(v["UID"]) for v in vevents]
    assert len(set(uids)) == 34
    assert "soyuz-ms-19-launch@space-film-race" in uids
    by_uid = {str(v["UID"]).split("@")[0]: v for v in vevents}

    launch = by_uid["soyuz-ms-19-launch"]
    assert launch.decoded("DTSTART") == utc(2021, 10, 5, 8, 55)
    assert "DTEND" not in launch
    assert str(launch["SUMMARY"]) == "Russia: Soyuz MS-19 lifts off with the film crew"
    assert str(launch["STATUS"]) == "CONFIRMED"
    assert str(launch["URL"]) == "http://testserver/events/soyuz-ms-19-launch/"

    filming = by_uid["filming-aboard-the-iss"]  # 5–16 Oct: all day, DTEND exclusive
    assert (filming.decoded("DTSTART"), filming.decoded("DTEND")) == (dt.date(2021, 10, 5), dt.date(2021, 10, 17))
    training = by_uid["film-crew-training"]  # May – 4 Oct 2021: from the last day it can have begun
    assert (training.decoded("DTSTART"), training.decoded("DTEND")) == (dt.date(2021, 5, 31), dt.date(2021, 10, 5))
    assert str(training["SUMMARY"]).endswith("(from May 2021, day not known)")
    never = by_uid["axiom-flight-with-cruise-never-flew"]  # October 2021, cancelled: one day, saying so
    assert (never.decoded("DTSTART"), never.decoded("DTEND")) == (dt.date(2021, 10, 1), dt.date(2021, 10, 2))
    assert str(never["SUMMARY"]).endswith("(never flew) (October 2021, day not known)")
    assert str(never["STATUS"]) == "CANCELLED"
    assert "When: October 2021 (known to the month)" in str(never["DESCRIPTION"])
    day = by_uid["deadline-reveals-cruise-space-film"]
    assert (day.decoded("DTSTART"), day.decoded("DTEND")) == (dt.date(2020, 5, 4), dt.date(2020, 5, 5))


def test_ics_uids_and_stamps_are_stable(client, seeded):
    first = client.get("/export/events.ics").content
    assert client.get("/export/events.ics").content == first


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision", "expected"),
    [
        (utc(2021, 10, 5, 8, 55), "minute", None, None, (utc(2021, 10, 5, 8, 55), None)),
        (
            utc(2021, 10, 5, 8, 55),
            "minute",
            utc(2021, 10, 17, 4, 35),
            "minute",
            (utc(2021, 10, 5, 8, 55), utc(2021, 10, 17, 4, 35)),
        ),
        # A time keeps its time; the other end falls on a day's boundary (UTC).
        (utc(2021, 10, 5, 8, 55), "minute", utc(2021, 10, 16), "day", (utc(2021, 10, 5, 8, 55), utc(2021, 10, 17))),
        (utc(2021, 10, 5), "day", utc(2021, 10, 17, 4, 35), "minute", (utc(2021, 10, 5), utc(2021, 10, 17, 4, 35))),
        (utc(2021, 10, 5), "day", None, None, (dt.date(2021, 10, 5), dt.date(2021, 10, 6))),
        # A month or a year alone: its first day only, never the whole period.
        (utc(2021, 12, 1), "month", None, None, (dt.date(2021, 12, 1), dt.date(2021, 12, 2))),
        (utc(2020, 1, 1), "year", None, None, (dt.date(2020, 1, 1), dt.date(2020, 1, 2))),
        # A span: from the last day it can have begun to the first day it can have ended.
        (utc(2020, 1, 1), "year", utc(2021, 5, 1), "month", (dt.date(2020, 12, 31), dt.date(2021, 5, 2))),
    ],
)
def test_ics_times_at_every_precision(start, start_precision, end, end_precision, expected):
    assert ics.ics_times(start, start_precision, end, end_precision) == expected


# --- Drafts, filters, errors, queries ----------------------------------------------


def test_drafts_are_in_no_export(client, russia):
    make_event(russia, title="Secret draft title", slug="secret-draft", published=False)
    make_event(russia, title="Public title", slug="public-event")
    for url in EXPORTS:
        body = client.get(url).content.decode()
        assert "Public title" in body, url
        assert "Secret draft title" not in body, url
        assert "secret-draft" not in body, url


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("side=united-states&kind=launch", {"axiom-flight-with-cruise-never-flew"}),
        ("kind=return", {"soyuz-ms-18-undocks", "soyuz-ms-18-lands"}),
        (
            "side=russia&from=2023-01-01",
            {"first-trailer-airs", "challenge-premieres-in-kremlin", "challenge-nationwide-release"},
        ),
        ("from=2021-10-05&to=2021-10-05&kind=filming", {"filming-aboard-the-iss"}),
        ("kind=training&from=2021-06-01&to=2021-06-30", {"film-crew-training"}),
        ("q=Kremlin", {"challenge-premieres-in-kremlin"}),
    ],
)
def test_exports_honour_the_timeline_filters(client, seeded, query, expected):
    assert set(json_slugs(client.get(f"/export/events.json?{query}"))) == expected
    assert {r["slug"] for r in csv_records(client.get(f"/export/events.csv?{query}"))} == expected
    slides = json.loads(client.get(f"/export/timelinejs.json?{query}").content)["events"]
    assert {s["unique_id"] for s in slides} == expected
    uids = {
        str(v["UID"]).removesuffix("@space-film-race") for v in ics_events(client.get(f"/export/events.ics?{query}"))
    }
    assert uids == expected


def test_side_filter_keeps_only_that_side(client, seeded):
    records = json.loads(client.get("/export/events.json?side=russia").content)["events"]
    assert len(records) == 21
    assert {r["effort"] for r in records} == {"russia"}


@pytest.mark.parametrize("url", ["/export/events.csv", "/export/events.ics"])
def test_an_invalid_filter_is_a_plain_400(client, seeded, url):
    response = client.get(f"{url}?side=mars&from=2021-13-01")
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "Invalid filter.\n"
        "side: Unknown side: choose one of the sides listed.\n"
        "from: Enter a date as YYYY-MM-DD (for example 2021-10-05).\n"
    )


@pytest.mark.parametrize("url", ["/export/events.json", "/export/timelinejs.json"])
def test_an_invalid_filter_is_a_json_400_for_json(client, seeded, url):
    response = client.get(f"{url}?from=2022-01-01&to=2021-01-01")
    assert response.status_code == 400
    assert response.json() == {"error": "invalid filter", "errors": {"filter": ["“From” must be on or before “To”."]}}


@pytest.mark.parametrize("url", EXPORTS)
def test_exports_are_read_only(client, db, url):
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


@pytest.mark.parametrize("url", [*EXPORTS, "/feed/"])
def test_query_count_does_not_grow_with_the_events(client, russia, united_states, url):
    make_phase()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{url}?side=russia" if url != "/feed/" else url).status_code == 200
        return len(queries)

    for _ in range(3):
        make_event(russia, sources=2)
        make_event(united_states, sources=1)
    few = count()
    for _ in range(6):
        make_event(russia, sources=3)
    assert count() == few


# --- iCalendar: only as long as the dates allow -----------------------------------------

STARTS = {
    "minute": utc(2021, 10, 5, 8, 55),
    "day": utc(2021, 10, 5),
    "month": utc(2021, 5, 1),
    "year": utc(2020, 1, 1),
}
ENDS = {
    "minute": utc(2021, 10, 17, 4, 35),
    "day": utc(2021, 10, 16),
    "month": utc(2021, 11, 1),
    "year": utc(2022, 1, 1),
}
D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "dtstart", "dtend", "note"),
    [
        # Single dates: a moment, a day, or the first day of a month or a year, saying so.
        ("minute", None, utc(2021, 10, 5, 8, 55), None, ""),
        ("day", None, D(2021, 10, 5), D(2021, 10, 6), ""),
        ("month", None, D(2021, 5, 1), D(2021, 5, 2), " (May 2021, day not known)"),
        ("year", None, D(2020, 1, 1), D(2020, 1, 2), " (2020, month not known)"),
        # A time keeps its time whatever the other end; a day falls on 00:00 or 24:00 UTC.
        ("minute", "minute", utc(2021, 10, 5, 8, 55), utc(2021, 10, 17, 4, 35), ""),
        ("minute", "day", utc(2021, 10, 5, 8, 55), utc(2021, 10, 17), ""),
        ("minute", "month", utc(2021, 10, 5, 8, 55), utc(2021, 11, 2), " (until November 2021, day not known)"),
        ("minute", "year", utc(2021, 10, 5, 8, 55), utc(2022, 1, 2), " (until 2022, month not known)"),
        ("day", "minute", utc(2021, 10, 5), utc(2021, 10, 17, 4, 35), ""),
        ("month", "minute", utc(2021, 5, 31), utc(2021, 10, 17, 4, 35), " (from May 2021, day not known)"),
        ("year", "minute", utc(2020, 12, 31), utc(2021, 10, 17, 4, 35), " (from 2020, month not known)"),
        # All-day spans: from the last day it can have begun to the first day it can have ended.
        ("day", "day", D(2021, 10, 5), D(2021, 10, 17), ""),
        ("day", "month", D(2021, 10, 5), D(2021, 11, 2), " (until November 2021, day not known)"),
        ("day", "year", D(2021, 10, 5), D(2022, 1, 2), " (until 2022, month not known)"),
        ("month", "day", D(2021, 5, 31), D(2021, 10, 17), " (from May 2021, day not known)"),
        ("month", "month", D(2021, 5, 31), D(2021, 11, 2),
         " (from May 2021, day not known; until November 2021, day not known)"),
        ("month", "year", D(2021, 5, 31), D(2022, 1, 2),
         " (from May 2021, day not known; until 2022, month not known)"),
        ("year", "day", D(2020, 12, 31), D(2021, 10, 17), " (from 2020, month not known)"),
        ("year", "month", D(2020, 12, 31), D(2021, 11, 2),
         " (from 2020, month not known; until November 2021, day not known)"),
        ("year", "year", D(2020, 12, 31), D(2022, 1, 2), " (from 2020, month not known; until 2022, month not known)"),
    ],
)  # fmt: skip
def test_ics_at_every_pair_of_precisions(client, russia, start, end, dtstart, dtend, note):
    values = {"start": STARTS[start], "start_precision": start, "title": "Crew at work", "slug": "crew-at-work"}
    if end:
        values |= {"end": ENDS[end], "end_precision": end}
    make_event(russia, **values)
    (vevent,) = ics_events(client.get("/export/events.ics"))
    assert vevent.decoded("DTSTART") == dtstart
    assert (vevent.decoded("DTEND") if "DTEND" in vevent else None) == dtend
    assert str(vevent["SUMMARY"]) == f"Russia: Crew at work{note}"
    description = str(vevent["DESCRIPTION"])
    for part in note.strip(" ()").split("; ") if note else []:
        assert f"{part[0].upper()}{part[1:]}: shown" in description


def test_ics_description_says_how_a_day_without_its_time_was_placed(client, russia):
    make_event(russia, start=STARTS["minute"], start_precision="minute", end=ENDS["day"], end_precision="day")
    (vevent,) = ics_events(client.get("/export/events.ics"))
    description = str(vevent["DESCRIPTION"])
    assert "When: 5 Oct 2021, 08:55 UTC – 16 Oct 2021\n" in description
    assert "In this calendar: Until 16 Oct 2021, time not known: shown until 24:00 UTC." in description


def test_ics_description_notes_a_coarse_end(client, russia):
    make_event(russia, start=STARTS["day"], start_precision="day", end=ENDS["month"], end_precision="month")
    (vevent,) = ics_events(client.get("/export/events.ics"))
    description = str(vevent["DESCRIPTION"])
    assert "When: 5 Oct 2021 – November 2021 (end known to the month)" in description
    assert "Until November 2021, day not known: shown until the end of its first day, 1 Nov 2021." in description


@pytest.mark.parametrize(
    ("start", "sp", "end", "ep", "dtstart", "dtend", "note"),
    [
        # No day it certainly covered: its more precise end alone.
        (utc(2021, 10, 1), "month", utc(2021, 10, 5), "day", D(2021, 10, 5), D(2021, 10, 6),
         " (from October 2021, day not known)"),
        (utc(2021, 10, 1), "month", utc(2021, 10, 1), "month", D(2021, 10, 1), D(2021, 10, 2),
         " (from October 2021, day not known; until October 2021, day not known)"),
        (utc(2021, 1, 1), "year", utc(2021, 10, 20, 4, 35), "minute", utc(2021, 10, 20, 4, 35), None,
         " (from 2021, month not known)"),
    ],
)  # fmt: skip
def test_ics_span_the_dates_cannot_place_is_its_more_precise_end(
    client, russia, start, sp, end, ep, dtstart, dtend, note
):
    make_event(russia, title="Crew at work", start=start, start_precision=sp, end=end, end_precision=ep)
    (vevent,) = ics_events(client.get("/export/events.ics"))
    assert vevent.decoded("DTSTART") == dtstart
    assert (vevent.decoded("DTEND") if "DTEND" in vevent else None) == dtend
    assert str(vevent["SUMMARY"]) == f"Russia: Crew at work{note}"
    assert "only: its dates allow no day it certainly covered." in str(vevent["DESCRIPTION"])


def _instant(value: dt.datetime | dt.date) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time.min, tzinfo=dt.UTC)


def _random_dates(rng) -> tuple[dt.datetime, str, dt.datetime | None, str | None]:
    from timeline.precision import covered_interval, truncate

    precisions = ["minute", "day", "month", "year"]
    sp = rng.choice(precisions)
    start = truncate(utc(2020, 1, 1) + dt.timedelta(days=rng.randrange(900), minutes=rng.randrange(1440)), sp)
    if rng.random() < 0.2:
        return start, sp, None, None
    ep = rng.choice(precisions)
    end = truncate(start + dt.timedelta(days=rng.randrange(0, 500), minutes=rng.randrange(1440)), ep)
    if end < start:  # what the model accepts: an end no earlier than the start
        end = covered_interval(start, ep)[1]
    return start, sp, end, ep


def test_no_calendar_event_lasts_longer_than_the_event_can_have():
    """Over random dates and spans: a VEVENT stays inside what the dates
    allow, a single date never lasts more than a day, and a span never
    lasts more than the shortest it can have been, plus its two end days."""
    import random

    from timeline.precision import covered_interval

    rng = random.Random(12)
    for _ in range(2000):
        start, sp, end, ep = _random_dates(rng)
        dates = ics.ics_dates(start, sp, end, ep)
        first, last = _instant(dates.start), _instant(dates.end) if dates.end is not None else _instant(dates.start)
        start_from, start_until = covered_interval(start, sp)
        end_from, end_until = covered_interval(end, ep) if end is not None else (start_from, start_until)
        case = (start, sp, end, ep, dates)
        assert start_from <= first <= last <= end_until, case
        if end is None:
            assert last - first <= dt.timedelta(days=1), case
        elif sp == ep == "minute":
            assert (first, last) == (start, end), case
        else:
            shortest = max(end_from - start_until, dt.timedelta(0))
            assert last - first <= max(shortest + dt.timedelta(days=2), dt.timedelta(days=1)), case
        coarse = {sp, ep} & {"month", "year"}
        assert bool(dates.title_note) is bool(coarse), case
        assert isinstance(dates.start, dt.datetime) is ("minute" in {sp, ep}), case

"""The published timeline as files: JSON, CSV, TimelineJS JSON and iCalendar.

Plain functions over prefetched rows (events with `effort` selected and
`sources` prefetched) and plain values; no requests, no queries of their own.
`absolute` turns a site path ("/events/x/") into a full URL; the views pass
`request.build_absolute_uri`.

- JSON: the interchange schema ("spacefilm.events/1", see timeline.interchange),
  so an export imports back unchanged.
- CSV: the same fields, one row per event (columns in interchange.CSV_EVENT_COLUMNS
  plus five per source), UTF-8 with a byte-order mark so spreadsheets pick
  the encoding, and formula-like cells defused with a leading apostrophe.
- TimelineJS: the TimelineJS3 JSON format, dates at their precision.
- iCalendar: one VEVENT per event, drawn only over what its dates make
  certain, so a calendar never shows a month- or a year-long bar for a date
  known only to the month or the year (`ics_dates`):

  * A single date: known to the minute, a timed UTC moment (no DTEND); to
    the day, an all-day event on that day; to the month or the year, an
    all-day event on the period's first day only, its SUMMARY ending
    "(October 2021, day not known)" or "(2021, month not known)".
  * A span runs from the last day it can have begun to the first day it can
    have ended, both included: a start known only to May 2021 is drawn from
    31 May, an end known only to November 2021 until 1 November, and the
    SUMMARY says "(from May 2021, day not known)" / "(until November 2021,
    day not known)".  When its dates allow no day it certainly covered (a
    span from October 2021 to 5 October), it is drawn as its more precise
    end alone.
  * A span with either end known to the minute is timed (iCalendar wants
    DTSTART and DTEND of one kind): that end keeps its time, and an end
    known only to a day, a month or a year falls on a day's boundary in UTC
    (from 00:00, until 24:00 of the day chosen above).
  * The DESCRIPTION's "When" line gives the dates as known, and one line
    per end the calendar had to place says where it placed it.
  DTEND is exclusive, as iCalendar wants it.

Rows can reach the database without the model's checks (a shell, a migration,
an old row, `QuerySet.update`), so every export asks again what it prints:
text goes through `text.clean_text` (an XML or iCalendar reader refuses a
vertical tab), a source URL that is not absolute http(s) (`links.safe_url`) is
exported as "" (no link; the JSON and CSV stay importable), and every string
TimelineJS puts into HTML is escaped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import icalendar
from django.utils.html import escape, format_html, format_html_join

from . import interchange, vocabulary
from . import precision as prec
from .links import safe_url
from .models import Effort, Event, Phase
from .precision import Precision
from .text import clean_text

Absolute = Callable[[str], str]

CALENDAR_NAME = "Space Film Race"
UID_DOMAIN = "space-film-race"  # UIDs are "<slug>@space-film-race": stable across hosts and exports


def _same(path: str) -> str:
    return path


def _cleaned(value: Any) -> Any:
    """`value` (JSON-like: dicts, lists, strings, numbers) with every string through `clean_text`."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: _cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    return value


def _people(event: Event) -> list[str]:
    """The event's people as printed: clean, and none left empty by the cleaning."""
    return [name for name in (clean_text(person).strip() for person in event.people_list) if name]


# --- links -------------------------------------------------------------------

# (label, URL name) of every export, in the order the timeline offers them;
# the page links each with its filter.
EXPORTS = [
    ("JSON", "timeline:export-json"),
    ("CSV", "timeline:export-csv"),
    ("TimelineJS", "timeline:export-timelinejs"),
    ("iCalendar", "timeline:export-ics"),
]


# --- JSON --------------------------------------------------------------------


def _record(event: Event, absolute: Absolute) -> dict[str, Any]:
    """The interchange record as an export prints it: clean text, only http(s) source URLs."""
    record = _cleaned(interchange.event_to_record(event))
    record["people"] = _people(event)
    for source in record["sources"]:
        source["url"] = safe_url(source["url"])
    if record["image"]:
        record["image"]["url"] = absolute(record["image"]["url"])
    return record


def events_payload(
    events: Iterable[Event], efforts: Iterable[Effort], phases: Iterable[Phase], *, absolute: Absolute = _same
) -> dict[str, Any]:
    """The interchange document: every side and phase, and the given events."""
    return {
        "schema": interchange.SCHEMA,
        "efforts": [_cleaned(interchange.effort_to_record(effort)) for effort in efforts],
        "phases": [_cleaned(interchange.phase_to_record(phase)) for phase in phases],
        "events": [_record(event, absolute) for event in events],
    }


def to_json(document: dict[str, Any]) -> str:
    """Indented, UTF-8 friendly, keys in their documented order."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- CSV ---------------------------------------------------------------------


def events_csv(events: Iterable[Event], *, absolute: Absolute = _same) -> str:
    """A spreadsheet of the events, starting with a byte-order mark."""
    records = [_record(event, absolute) for event in events]
    groups = max([len(record["sources"]) for record in records] + [1])
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(interchange.csv_header(groups))
    writer.writerows(interchange.record_to_csv_row(record, groups) for record in records)
    return out.getvalue()


# --- TimelineJS --------------------------------------------------------------


def timelinejs_date(value: dt.datetime, precision: Precision | str) -> dict[str, int]:
    """TimelineJS3 date parts, only as far as the date is known."""
    value = prec.as_utc(value)
    precision = Precision(precision)
    parts = {"year": value.year}
    if precision is not Precision.YEAR:
        parts["month"] = value.month
    if precision in (Precision.DAY, Precision.MINUTE):
        parts["day"] = value.day
    if precision is Precision.MINUTE:
        parts["hour"] = value.hour
        parts["minute"] = value.minute
    return parts


def _source_html(source) -> str:
    """A source named, linked only when its URL is http(s)."""
    url = safe_url(source.url)
    return format_html('<a href="{}">{}</a>', url, str(source)) if url else escape(str(source))


def _timelinejs_text(event: Event, absolute: Absolute) -> str:
    paragraphs = [format_html("<p>{}</p>", p.strip()) for p in clean_text(event.summary).split("\n\n") if p.strip()]
    facts = []
    if event.status != Event.Status.HAPPENED:
        facts.append(("Status", event.get_status_display()))
    if event.planned_differs:
        planned = event.planned_display + (f" ({event.planned_by})" if event.planned_by else "")
        facts.append(("Planned", planned))
    if event.place:
        facts.append(("Where", event.place))
    if people := _people(event):
        facts.append(("Who", ", ".join(people)))
    paragraphs += [format_html("<p><strong>{}:</strong> {}</p>", label, text) for label, text in facts]
    sources = list(event.sources.all())
    if sources:
        items = format_html_join("", "<li>{}</li>", ((_source_html(s),) for s in sources))
        paragraphs.append(format_html("<p>Sources:</p><ul>{}</ul>", items))
    paragraphs.append(format_html('<p><a href="{}">Full record</a></p>', absolute(event.get_absolute_url())))
    return "".join(paragraphs)


def _timelinejs_label(text: str) -> str:
    """`group` and `display_date` escaped twice: TimelineJS 3 parses them as
    HTML, keeps only the text (decoding the entities) and sets that text as
    `innerHTML`, so escaping once would hand it the markup back."""
    return escape(escape(text))


def timelinejs_event(event: Event, *, absolute: Absolute = _same) -> dict[str, Any]:
    """One slide.  TimelineJS puts the headline, text, caption and credit
    into the page as HTML, so each is escaped here (group and display date
    see `_timelinejs_label`); `alt` it assigns as a DOM property, plain
    text, so escaping it would make a screen reader read "&amp;" aloud."""
    slide: dict[str, Any] = {
        "unique_id": event.slug,
        "start_date": timelinejs_date(event.start, event.start_precision),
    }
    if event.end and event.end_precision:
        slide["end_date"] = timelinejs_date(event.end, event.end_precision)
    slide["display_date"] = _timelinejs_label(event.date_display)
    slide["text"] = {"headline": escape(event.title), "text": _timelinejs_text(event, absolute)}
    slide["group"] = _timelinejs_label(event.effort.name)
    if event.image:
        slide["media"] = {
            "url": absolute(event.image.url),
            "caption": escape(event.image_caption),
            "credit": escape(event.image_credit),
            # Without an alt TimelineJS strips tags from the (escaped) caption, leaving entities: give the plain one.
            "alt": event.image_alt or event.image_caption,
        }
    return _cleaned(slide)


def timelinejs(events: Iterable[Event], phases: Iterable[Phase], *, absolute: Absolute = _same) -> dict[str, Any]:
    """The TimelineJS3 JSON document: a title slide, the events, phases as eras."""
    return {
        "title": {
            "text": {
                "headline": "Space Film Race",
                "text": "<p>The race to shoot the first feature film in orbit: Russia’s “Challenge” against the "
                "Tom Cruise, Doug Liman and NASA project. Dates are UTC and only as precise as they are known.</p>",
            }
        },
        "scale": "human",
        "events": [timelinejs_event(event, absolute=absolute) for event in events],
        "eras": [
            {
                "start_date": {"year": p.start.year, "month": p.start.month, "day": p.start.day},
                "end_date": {"year": p.end.year, "month": p.end.month, "day": p.end.day},
                "text": {"headline": escape(clean_text(p.name))},
            }
            for p in phases
        ],
    }


# --- iCalendar ---------------------------------------------------------------

PRECISION_NOTE = {Precision.YEAR: " (known to the year)", Precision.MONTH: " (known to the month)"}
COARSE = (Precision.MONTH, Precision.YEAR)
UNKNOWN_PART = {Precision.YEAR: "month not known", Precision.MONTH: "day not known"}
_FINER = [Precision.MINUTE, Precision.DAY, Precision.MONTH, Precision.YEAR]
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class IcsDates:
    """Where a calendar is told an event is (DTSTART and DTEND: dates for
    all-day events, UTC datetimes for timed ones; no DTEND for a moment),
    the note its SUMMARY ends with, and the DESCRIPTION lines that say how
    what is not known was placed."""

    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None = None
    title_note: str = ""
    placed: tuple[str, ...] = ()


def ics_dates(
    start: dt.datetime,
    start_precision: Precision | str,
    end: dt.datetime | None = None,
    end_precision: Precision | str | None = None,
) -> IcsDates:
    """How an event's date or span is drawn in a calendar (the rule is in the module docstring)."""
    sp = Precision(start_precision)
    ep = Precision(end_precision) if end is not None and end_precision else None
    if ep is None:
        return _ics_single(start, sp)
    start, end = prec.as_utc(start), prec.as_utc(end)
    if sp is ep is Precision.MINUTE:
        return IcsDates(start, end)
    title = _ics_title_note([words for words in (_unknown("from", start, sp), _unknown("until", end, ep)) if words])
    begin, finish = _ics_begin(start, sp), _ics_finish(end, ep)
    if finish <= begin:  # no day it certainly covered: its more precise end alone
        moment, precision = (start, sp) if _FINER.index(sp) <= _FINER.index(ep) else (end, ep)
        alone = _ics_single(moment, precision)
        if precision is Precision.MINUTE:
            where = f"at {prec.format_date(moment, precision)}"
        else:
            where = f"on {prec.format_date(prec.covered_interval(moment, precision)[0], Precision.DAY)}"
        line = f"Shown {where} only: its dates allow no day it certainly covered."
        return IcsDates(alone.start, alone.end, title, (line,))
    timed = Precision.MINUTE in (sp, ep)
    placed = tuple(line for line in (_ics_start_line(start, sp, begin, timed), _ics_end_line(end, ep, timed)) if line)
    if timed:
        return IcsDates(begin, finish, title, placed)
    return IcsDates(begin.date(), finish.date(), title, placed)


def ics_times(
    start: dt.datetime,
    start_precision: Precision | str,
    end: dt.datetime | None = None,
    end_precision: Precision | str | None = None,
) -> tuple[dt.datetime | dt.date, dt.datetime | dt.date | None]:
    """DTSTART and DTEND for a date or span at their precisions (see `ics_dates`)."""
    dates = ics_dates(start, start_precision, end, end_precision)
    return dates.start, dates.end


def _ics_single(value: dt.datetime, precision: Precision) -> IcsDates:
    if precision is Precision.MINUTE:
        return IcsDates(prec.as_utc(value))
    first, _ = prec.covered_interval(value, precision)
    if precision is Precision.DAY:
        return IcsDates(first.date(), _next_day(first).date())
    known = _unknown("", first, precision)
    placed = f"{_capital(known)}: shown on its first day, {prec.format_date(first, Precision.DAY)}."
    return IcsDates(first.date(), _next_day(first).date(), _ics_title_note([known]), (placed,))


def _ics_begin(start: dt.datetime, precision: Precision) -> dt.datetime:
    """The last instant-on-a-day-boundary it can have begun by: the time
    itself, the day's 00:00 UTC, or the period's last day."""
    if precision is Precision.MINUTE:
        return start
    first, until = prec.covered_interval(start, precision)
    return first if precision is Precision.DAY else prec.shifted(until, -_ONE_DAY)


def _ics_finish(end: dt.datetime, precision: Precision) -> dt.datetime:
    """The first it can have ended by, exclusive: the time itself, the end
    of the day (24:00 UTC), or the end of the period's first day."""
    if precision is Precision.MINUTE:
        return end
    return _next_day(prec.covered_interval(end, precision)[0])


def _next_day(value: dt.datetime) -> dt.datetime:
    return prec.shifted(value, _ONE_DAY)


def _unknown(which: str, value: dt.datetime, precision: Precision) -> str:
    """ "October 2021, day not known", "from 2021, month not known"; "" when the day is known."""
    if precision not in COARSE:
        return ""
    return f"{which} {prec.format_date(value, precision)}, {UNKNOWN_PART[precision]}".strip()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ics_start_line(start: dt.datetime, precision: Precision, begin: dt.datetime, timed: bool) -> str:
    """The DESCRIPTION line saying where a start not known to the minute was placed ("" when it was)."""
    if precision in COARSE:
        shown = prec.format_date(begin, Precision.DAY)
        return f"{_capital(_unknown('from', start, precision))}: shown from its last day, {shown}."
    if precision is Precision.DAY and timed:
        return f"From {prec.format_date(start, precision)}, time not known: shown from 00:00 UTC."
    return ""


def _ics_end_line(end: dt.datetime, precision: Precision, timed: bool) -> str:
    if precision in COARSE:
        shown = prec.format_date(prec.covered_interval(end, precision)[0], Precision.DAY)
        return f"{_capital(_unknown('until', end, precision))}: shown until the end of its first day, {shown}."
    if precision is Precision.DAY and timed:
        return f"Until {prec.format_date(end, precision)}, time not known: shown until 24:00 UTC."
    return ""


def _ics_title_note(parts: list[str]) -> str:
    return f" ({'; '.join(parts)})" if parts else ""


def _when_note(event: Event) -> str:
    """ "(known to the month)", or for a span each coarse end: "(end known to the month)"."""
    sp = Precision(event.start_precision)
    ep = Precision(event.end_precision) if event.end and event.end_precision else None
    if ep is None or sp is ep:
        return PRECISION_NOTE.get(sp, "")
    parts = [f"{which} {PRECISION_NOTE[p].strip(' ()')}" for which, p in (("start", sp), ("end", ep)) if p in COARSE]
    return f" ({', '.join(parts)})" if parts else ""


def _ics_source(source) -> str:
    url = safe_url(source.url)
    return f"- {source}" + (f" <{url}>" if url else "")


def _ics_description(event: Event, url: str) -> str:
    lines = [event.summary.strip(), ""]
    lines.append(f"When: {event.date_display}{_when_note(event)}")
    dates = ics_dates(event.start, event.start_precision, event.end, event.end_precision or None)
    lines += [f"In this calendar: {line}" for line in dates.placed]
    if event.status != Event.Status.HAPPENED:
        lines.append(f"Status: {event.get_status_display()}")
    if event.planned_differs:
        lines.append(f"Planned: {event.planned_display}" + (f" ({event.planned_by})" if event.planned_by else ""))
    if people := _people(event):
        lines.append("Who: " + ", ".join(people))
    sources = list(event.sources.all())
    if sources:
        lines += ["", "Sources:"] + [_ics_source(s) for s in sources]
    lines += ["", url]
    return clean_text("\n".join(lines))


def ics_event(event: Event, *, absolute: Absolute = _same) -> icalendar.Event:
    url = absolute(event.get_absolute_url())
    dates = ics_dates(event.start, event.start_precision, event.end, event.end_precision or None)
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.slug}@{UID_DOMAIN}")
    vevent.add("dtstamp", prec.as_utc(event.updated))
    vevent.add("created", prec.as_utc(event.created))
    vevent.add("last-modified", prec.as_utc(event.updated))
    vevent.add("dtstart", dates.start)
    if dates.end is not None:
        vevent.add("dtend", dates.end)
    vevent.add("summary", clean_text(f"{event.effort.name}: {event.title}{dates.title_note}"))
    vevent.add("description", _ics_description(event, url))
    if event.place:
        vevent.add("location", clean_text(event.place))
    vevent.add("url", url)
    vevent.add("categories", [clean_text(event.effort.name), event.get_kind_display()])
    vevent.add("status", vocabulary.status_of(event.status).ics)
    vevent.add("transp", "TRANSPARENT")  # a history, not appointments: never "busy"
    vevent.add("class", "PUBLIC")
    return vevent


def events_ics(events: Iterable[Event], *, absolute: Absolute = _same) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Space Film Race//Timeline export//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", CALENDAR_NAME)
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add(
        "description", "The race to shoot the first feature film in orbit, event by sourced event. Times are UTC."
    )
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for event in events:
        calendar.add_component(ics_event(event, absolute=absolute))
    return calendar.to_ical()

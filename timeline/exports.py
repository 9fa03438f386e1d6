"""The published timeline as files: JSON, CSV, TimelineJS JSON and iCalendar.

Plain functions over prefetched rows (events with `effort` selected and
`sources` and `statements` prefetched) and plain values; no requests, no queries of their own.
`absolute` turns a site path ("/events/x/") into a full URL; the views pass
`request.build_absolute_uri`.

- JSON: the interchange schema ("spacefilm.events/2", see timeline.interchange),
  so an export imports back unchanged.
- CSV: the same fields, one row per event (columns in interchange.CSV_EVENT_COLUMNS
  plus four per source and eight per statement), UTF-8 with a byte-order mark so spreadsheets pick
  the encoding, and formula-like cells defused with a leading apostrophe.
- TimelineJS: the TimelineJS3 JSON format, dates at their precision.
- iCalendar: `timeline.ics`, which shares the helpers below.

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
from typing import Any

from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext, pgettext

from . import interchange
from . import precision as prec
from .links import safe_url
from .models import Effort, Event, Phase, Statement
from .precision import Precision
from .text import clean_text

Absolute = Callable[[str], str]


def same(path: str) -> str:
    return path


def cleaned(value: Any) -> Any:
    """`value` (JSON-like: dicts, lists, strings, numbers) with every string through `clean_text`."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: cleaned(item) for key, item in value.items()}
    if isinstance(value, list):
        return [cleaned(item) for item in value]
    return value


def people_of(event: Event) -> list[str]:
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
    record = cleaned(interchange.event_to_record(event))
    for key in ("people", "people_ru"):  # none left empty by the cleaning
        record[key] = [name for name in (person.strip() for person in record[key]) if name]
    for part in (*record["sources"], *record["statements"]):
        part["url"] = safe_url(part["url"])
    if record["image"]:
        record["image"]["url"] = absolute(record["image"]["url"])
    return record


def events_payload(
    events: Iterable[Event],
    efforts: Iterable[Effort],
    phases: Iterable[Phase],
    *,
    absolute: Absolute = same,
    side_statements: Iterable[Statement] = (),
) -> dict[str, Any]:
    """The interchange document: every side and phase, the given events, and
    every side's plans for milestones with no event yet (`side_statements`,
    with `effort` selected)."""
    said = [cleaned(interchange.side_statement_to_record(s, effort_slug=s.effort.slug)) for s in side_statements]
    for record in said:
        record["url"] = safe_url(record["url"])
    return {
        "schema": interchange.SCHEMA,
        "efforts": [cleaned(interchange.effort_to_record(effort)) for effort in efforts],
        "phases": [cleaned(interchange.phase_to_record(phase)) for phase in phases],
        "events": [_record(event, absolute) for event in events],
        "statements": said,
    }


def to_json(document: dict[str, Any]) -> str:
    """Indented, UTF-8 friendly, keys in their documented order."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --- CSV ---------------------------------------------------------------------


def events_csv(events: Iterable[Event], *, absolute: Absolute = same) -> str:
    """A spreadsheet of the events, starting with a byte-order mark."""
    records = [_record(event, absolute) for event in events]
    groups = max([len(record["sources"]) for record in records] + [1])
    said = max([len(record["statements"]) for record in records] + [1])
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(interchange.csv_header(groups, said))
    writer.writerows(interchange.record_to_csv_row(record, groups, said) for record in records)
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
        facts.append((pgettext("an event's facts", "Status"), event.get_status_display()))
    if planned := event.plan_summary(timezone.now()):
        facts.append((pgettext("an event's facts", "Planned"), planned))
    if event.place:
        facts.append((pgettext("an event's facts", "Where"), event.place))
    if people := people_of(event):
        facts.append((pgettext("an event's facts", "Who"), ", ".join(people)))
    paragraphs += [format_html("<p><strong>{}:</strong> {}</p>", label, text) for label, text in facts]
    sources = list(event.sources.all())
    if sources:
        items = format_html_join("", "<li>{}</li>", ((_source_html(s),) for s in sources))
        paragraphs.append(format_html("<p>{}</p><ul>{}</ul>", pgettext("an event's facts", "Sources:"), items))
    paragraphs.append(
        format_html('<p><a href="{}">{}</a></p>', absolute(event.get_absolute_url()), gettext("Full record"))
    )
    return "".join(paragraphs)


def _timelinejs_label(text: str) -> str:
    """`group` and `display_date` escaped twice: TimelineJS 3 parses them as
    HTML, keeps only the text (decoding the entities) and sets that text as
    `innerHTML`, so escaping once would hand it the markup back."""
    return escape(escape(text))


def timelinejs_event(event: Event, *, absolute: Absolute = same) -> dict[str, Any]:
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
    return cleaned(slide)


def timelinejs(events: Iterable[Event], phases: Iterable[Phase], *, absolute: Absolute = same) -> dict[str, Any]:
    """The TimelineJS3 JSON document: a title slide, the events, phases as eras."""
    return {
        "title": {
            "text": {
                "headline": "Space Film Race",
                "text": format_html(
                    "<p>{}</p>",
                    gettext(
                        "The race to shoot the first feature film in orbit: Russia’s “Challenge” against the "
                        "Tom Cruise, Doug Liman and NASA project. Dates are UTC and only as precise as they are known."
                    ),
                ),
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

"""Records out: sides, phases and events as interchange records and CSV rows.

The JSON export, the CSV export and the import's change detection all read
rows through these functions, so what is exported is what an import compares.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.conf import settings
from django.utils import translation

from .. import precision as prec
from ..models import Effort, Event, Phase, Source, Statement
from .formulas import csv_safe
from .schema import CSV_EVENT_COLUMNS, PEOPLE_SEPARATOR, SOURCE_FIELDS, STATEMENT_FIELDS


def at_precision(value: dt.datetime | None, precision: str) -> str | None:
    """A date written only as far as it is known ("2020-05"), or None."""
    return prec.to_iso(value, precision) if value is not None and precision else None


def _lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def in_english(function):
    """A record's unsuffixed texts are the English ones, whichever language
    the request that exports them is in (an export from /ru/ imports back
    the same).  A new override each call: one shared instance would keep one
    call's previous language for another's."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


@in_english
def effort_to_record(effort: Effort) -> dict[str, Any]:
    return {
        "slug": effort.slug,
        "name": effort.name,
        "country": effort.country,
        "film_title": effort.film_title,
        "organisations": effort.organisation_list,
        "colour": effort.colour,
        "order": effort.order,
        "name_ru": effort.name_ru or "",
        "film_title_ru": effort.film_title_ru or "",
    }


@in_english
def phase_to_record(phase: Phase) -> dict[str, Any]:
    return {
        "slug": phase.slug,
        "name": phase.name,
        "start": phase.start.isoformat(),
        "end": phase.end.isoformat(),
        "order": phase.order,
        "name_ru": phase.name_ru or "",
    }


def source_to_record(source: Source) -> dict[str, Any]:
    return {
        "url": source.url,
        "publisher": source.publisher,
        "title": source.title,
        "published": source.published.isoformat() if source.published else None,
    }


def side_statement_to_record(statement: Statement, *, effort_slug: str) -> dict[str, Any]:
    """A side's statement about a milestone with no event yet."""
    return {"effort": effort_slug, "milestone": statement.milestone, **statement_to_record(statement)}


def statement_to_record(statement: Statement) -> dict[str, Any]:
    return {
        "kind": statement.kind,
        "date": at_precision(statement.date, statement.date_precision),
        "approximate": statement.approximate,
        "wording": statement.wording,
        "announced": at_precision(statement.announced, statement.announced_precision),
        "publisher": statement.publisher,
        "url": statement.url,
        "title": statement.title,
    }


@in_english
def event_to_record(event: Event, *, effort_slug: str | None = None) -> dict[str, Any]:
    """`event.sources` and `event.statements` should be prefetched; `effort_slug` saves a join."""
    image = None
    if event.image:
        image = {
            "url": event.image.url,
            "alt": event.image_alt,
            "caption": event.image_caption,
            "credit": event.image_credit,
        }
    return {
        "slug": event.slug,
        "effort": effort_slug or event.effort.slug,
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "start": at_precision(event.start, event.start_precision),
        "end": at_precision(event.end, event.end_precision),
        "place": event.place,
        "people": event.people_list,
        "summary": event.summary,
        "notes": event.notes,
        "image": image,
        "published": event.published,
        "sources": [source_to_record(s) for s in event.sources.all()],
        "statements": [statement_to_record(s) for s in event.statements.all()],
        "title_ru": event.title_ru or "",
        "place_ru": event.place_ru or "",
        "people_ru": _lines(event.people_ru),
        "summary_ru": event.summary_ru or "",
        "notes_ru": event.notes_ru or "",
    }


def csv_header(source_groups: int, statement_groups: int = 0) -> list[str]:
    columns = list(CSV_EVENT_COLUMNS)
    for n in range(1, source_groups + 1):
        columns += [f"source_{n}_{name}" for name in SOURCE_FIELDS]
    for n in range(1, statement_groups + 1):
        columns += [f"statement_{n}_{name}" for name in STATEMENT_FIELDS]
    return columns


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_safe(str(value))


def record_to_csv_row(record: dict[str, Any], source_groups: int, statement_groups: int = 0) -> list[str]:
    """One event record (see `event_to_record`) as the cells of a CSV row."""
    image = record.get("image") or {}
    flat = {
        **record,
        "people": PEOPLE_SEPARATOR.join(record.get("people") or []),
        "people_ru": PEOPLE_SEPARATOR.join(record.get("people_ru") or []),
        "image_url": image.get("url"),
        "image_alt": image.get("alt"),
        "image_caption": image.get("caption"),
        "image_credit": image.get("credit"),
    }
    cells = [_csv_cell(flat.get(name)) for name in CSV_EVENT_COLUMNS]
    sources = record.get("sources") or []
    for n in range(source_groups):
        source = sources[n] if n < len(sources) else {}
        cells += [_csv_cell(source.get(name)) for name in SOURCE_FIELDS]
    statements = record.get("statements") or []
    for n in range(statement_groups):
        statement = statements[n] if n < len(statements) else {}
        cells += (
            [_csv_cell(statement.get(name)) for name in STATEMENT_FIELDS] if statement else [""] * len(STATEMENT_FIELDS)
        )
    return cells

"""The events' interchange format (schema "spacefilm.events/1").

One shape for the seed file, the JSON export and the JSON import:

    {"schema": "spacefilm.events/1",
     "efforts": [{slug, name, country, film_title, organisations: [..], colour, order}],
     "phases":  [{slug, name, start: "YYYY-MM-DD", end: "YYYY-MM-DD", order}],
     "events":  [{slug, effort: <effort slug>, title, kind, status,
                  start, end, planned: <date at precision or null>, planned_by,
                  place, people: [..], summary, notes,
                  image: {url, alt, caption, credit} | null, published,
                  sources: [{url, publisher, title, published: "YYYY-MM-DD" | null,
                             claimed: <date at precision or null>}]}]}

A "date at precision" is written only as far as it is known, and its precision
is read from its length: "2020", "2020-05", "2020-05-04", "2021-10-05T08:55Z".

CSV carries the same event fields, one row per event (see "CSV layout" below
and the README's "Data in and out").

Import validates every row with the models' own rules before writing anything
and then creates or updates by slug inside one transaction: a file with any bad
row changes nothing (every problem is reported as "row N, column X: message"),
and importing the same file twice changes nothing.  Files are bounded
(MAX_IMPORT_BYTES, MAX_IMPORT_ROWS) and must be UTF-8.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from . import precision as prec
from .models import Effort, Event, Phase, Source

SCHEMA = "spacefilm.events/1"

EFFORT_FIELDS = ["slug", "name", "country", "film_title", "organisations", "colour", "order"]
PHASE_FIELDS = ["slug", "name", "start", "end", "order"]
EVENT_FIELDS = [
    "slug", "effort", "title", "kind", "status", "start", "end", "planned", "planned_by",
    "place", "people", "summary", "notes", "image", "published", "sources",
]  # fmt: skip
SOURCE_FIELDS = ["url", "publisher", "title", "published", "claimed"]


# --- out -------------------------------------------------------------------


def _at_precision(value: dt.datetime | None, precision: str) -> str | None:
    return prec.to_iso(value, precision) if value is not None and precision else None


def effort_to_record(effort: Effort) -> dict[str, Any]:
    return {
        "slug": effort.slug,
        "name": effort.name,
        "country": effort.country,
        "film_title": effort.film_title,
        "organisations": effort.organisation_list,
        "colour": effort.colour,
        "order": effort.order,
    }


def phase_to_record(phase: Phase) -> dict[str, Any]:
    return {
        "slug": phase.slug,
        "name": phase.name,
        "start": phase.start.isoformat(),
        "end": phase.end.isoformat(),
        "order": phase.order,
    }


def source_to_record(source: Source) -> dict[str, Any]:
    return {
        "url": source.url,
        "publisher": source.publisher,
        "title": source.title,
        "published": source.published.isoformat() if source.published else None,
        "claimed": _at_precision(source.claimed, source.claimed_precision),
    }


def event_to_record(event: Event, *, effort_slug: str | None = None) -> dict[str, Any]:
    """`event.sources` should be prefetched; `effort_slug` saves a join."""
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
        "start": _at_precision(event.start, event.start_precision),
        "end": _at_precision(event.end, event.end_precision),
        "planned": _at_precision(event.planned, event.planned_precision),
        "planned_by": event.planned_by,
        "place": event.place,
        "people": event.people_list,
        "summary": event.summary,
        "notes": event.notes,
        "image": image,
        "published": event.published,
        "sources": [source_to_record(s) for s in event.sources.all()],
    }


# --- CSV layout --------------------------------------------------------------
#
# One row per event.  The columns mirror the JSON event fields; the image's
# fields are flattened (image_url, image_alt, ...), people are "; "-separated,
# and each source takes five numbered columns, source_1_url ... source_1_claimed,
# source_2_url ... as many groups as the events need.

CSV_EVENT_COLUMNS = [
    "slug", "effort", "title", "kind", "status", "start", "end", "planned", "planned_by",
    "place", "people", "summary", "notes", "image_url", "image_alt", "image_caption",
    "image_credit", "published",
]  # fmt: skip
CSV_OPTIONAL_COLUMNS = {"image_url"}  # informational: images are uploaded in admin
PEOPLE_SEPARATOR = "; "
_SOURCE_COLUMN = re.compile(r"^source_(?P<n>[1-9]\d{0,2})_(?P<field>url|publisher|title|published|claimed)$")
# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_header(source_groups: int) -> list[str]:
    columns = list(CSV_EVENT_COLUMNS)
    for n in range(1, source_groups + 1):
        columns += [f"source_{n}_{name}" for name in SOURCE_FIELDS]
    return columns


def csv_safe(text: str) -> str:
    """Defuse spreadsheet formulas: a cell that would start with = + - @, a tab
    or a carriage return gets a leading apostrophe.  A cell that already starts
    with apostrophes before such a character gets one more, so `csv_unsafe`
    restores every value exactly."""
    if text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_unsafe(text: str) -> str:
    """The inverse of `csv_safe`."""
    if text.startswith("'") and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return text[1:]
    return text


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return csv_safe(str(value))


def record_to_csv_row(record: dict[str, Any], source_groups: int) -> list[str]:
    """One event record (see `event_to_record`) as the cells of a CSV row."""
    image = record.get("image") or {}
    flat = {
        **record,
        "people": PEOPLE_SEPARATOR.join(record.get("people") or []),
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
    return cells


# --- in --------------------------------------------------------------------

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 10_000
FORMATS = ("json", "csv")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported file, located for the editor.

    `row` is the event's row: for CSV the spreadsheet row (the header is row
    1), for JSON the event's position in "events" (the first is row 1).
    `column` names the CSV column or JSON field; for a problem with the file as
    a whole, `row` is None and `column` says what ("file", "header", ...)."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.column}: {self.message}"
        if not self.column:
            return f"row {self.row}: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _reject(column: str, message: str) -> ImportRejected:
    return ImportRejected([Problem(None, column, message)])


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changes: dict[str, list[str]] = field(default_factory=dict)  # updated slug -> fields that change
    efforts_created: list[str] = field(default_factory=list)
    efforts_updated: list[str] = field(default_factory=list)
    phases_created: list[str] = field(default_factory=list)
    phases_updated: list[str] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        lists = (self.created, self.updated, self.efforts_created, self.efforts_updated)
        return any(lists) or any((self.phases_created, self.phases_updated))

    def summary(self) -> str:
        verb = "would be " if self.dry_run else ""
        parts = [
            f"{len(self.created)} {verb}created",
            f"{len(self.updated)} {verb}updated",
            f"{len(self.unchanged)} unchanged",
        ]
        text = "Events: " + ", ".join(parts) + "."
        for label, created, updated in (
            ("Sides", self.efforts_created, self.efforts_updated),
            ("Phases", self.phases_created, self.phases_updated),
        ):
            if created or updated:
                text += f" {label}: {len(created)} {verb}created, {len(updated)} {verb}updated."
        return text


# Column names: the same model rule is reported in the file's own terms.


class _JsonNames:
    FIELDS = {"image_alt": "image.alt", "image_caption": "image.caption", "image_credit": "image.credit"}

    def field(self, name: str) -> str:
        return self.FIELDS.get(name, name)

    def source(self, index: int, name: str = "") -> str:
        return f"sources[{index}].{name}" if name else f"sources[{index}]"


class _CsvNames:
    def __init__(self, groups: list[int]):
        self.groups = groups  # the CSV source group number of each source, in order

    def field(self, name: str) -> str:
        return "source columns" if name == "sources" else name

    def source(self, index: int, name: str = "") -> str:
        n = self.groups[index - 1] if index <= len(self.groups) else index
        return f"source_{n}_{name}" if name else f"source_{n}_*"


@dataclass
class ParsedFile:
    """A file read into JSON-shaped records, each with the row number and
    column names to report problems in."""

    format: str
    events: list[Any]
    rows: list[int]
    names: list[Any]
    efforts: list[Any] = field(default_factory=list)
    phases: list[Any] = field(default_factory=list)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def size_problem(size: int | None = None) -> Problem:
    """The file is over the limit (`size` in bytes when known)."""
    limit = f"{MAX_IMPORT_BYTES // (1024 * 1024)} MB ({MAX_IMPORT_BYTES:,} bytes)"
    what = f"the file is {_megabytes(size)}" if size else "the file is larger than the limit"
    return Problem(None, "file", f"{what}; imports are limited to {limit}. Split it into smaller files.")


def check_size(size: int) -> None:
    """Refuse a file over the limit before reading it."""
    if size > MAX_IMPORT_BYTES:
        raise ImportRejected([size_problem(size)])


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a located error."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _reject(
            "file",
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}). "
            "Save it as UTF-8 (in Excel: “CSV UTF-8”) and try again.",
        ) from None
    if not text.strip():
        raise _reject("file", "the file is empty.")
    return text


def detect_format(text: str, filename: str = "") -> str:
    name = filename.lower()
    for fmt in FORMATS:
        if name.endswith(f".{fmt}"):
            return fmt
    return "json" if text.lstrip()[:1] in ("{", "[") else "csv"


def parse_json(text: str) -> ParsedFile:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _reject("file", f"not valid JSON: {exc.msg} (line {exc.lineno}, character {exc.colno}).") from None
    except RecursionError:
        raise _reject("file", "the JSON is nested too deeply.") from None
    return parse_payload(payload)


def parse_payload(payload: Any) -> ParsedFile:
    """A decoded JSON document in the interchange shape."""
    if not isinstance(payload, dict):
        raise _reject("file", f"expected a JSON object with “schema” and “events”, as {SCHEMA} exports are.")
    problems = [
        Problem(None, "file", f"unknown key “{str(key)[:40]}”: the keys are schema, efforts, phases and events.")
        for key in payload
        if key not in ("schema", "efforts", "phases", "events")
    ]
    schema = payload.get("schema", SCHEMA)
    if schema != SCHEMA:
        problems.append(Problem(None, "schema", f"unsupported schema “{str(schema)[:40]}”; expected {SCHEMA}."))
    records = payload.get("events")
    if not isinstance(records, list):
        problems.append(Problem(None, "events", "expected a list of events."))
    for key in ("efforts", "phases"):
        if not isinstance(payload.get(key) or [], list):
            problems.append(Problem(None, key, "expected a list."))
    if problems:
        raise ImportRejected(problems)
    if not records and not payload.get("efforts") and not payload.get("phases"):
        raise _reject("events", "the file holds no events.")
    if len(records) > MAX_IMPORT_ROWS:
        raise _reject("events", f"{len(records):,} events; an import holds at most {MAX_IMPORT_ROWS:,}.")

    names = _JsonNames()
    for row, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            problems.append(Problem(row, "", "each event must be an object with named fields."))
            continue
        for key in record:
            if key not in EVENT_FIELDS:
                problems.append(
                    Problem(row, str(key)[:40], f"unknown field; the fields are {', '.join(EVENT_FIELDS)}.")
                )
        for key in EVENT_FIELDS:
            if key not in record:
                problems.append(Problem(row, key, 'missing field (write "", [] or null for none).'))
        for index, source in enumerate(record.get("sources") or [], start=1):
            if isinstance(source, dict):
                for key in source:
                    if key not in SOURCE_FIELDS:
                        problems.append(
                            Problem(
                                row,
                                names.source(index, str(key)[:40]),
                                f"unknown field; the fields are {', '.join(SOURCE_FIELDS)}.",
                            )
                        )
    if problems:
        raise ImportRejected(problems)
    return ParsedFile(
        format="json",
        events=records,
        rows=list(range(1, len(records) + 1)),
        names=[names] * len(records),
        efforts=payload.get("efforts") or [],
        phases=payload.get("phases") or [],
    )


def _csv_header(cells: list[str]) -> tuple[dict[str, int], int]:
    """Column name -> index, and the header's width; or every problem with it."""
    header = [cell.strip().lower() for cell in cells]
    while header and not header[-1]:
        header.pop()  # empty columns a spreadsheet may leave at the end
    if not any(header):
        raise _reject("header", "the first row must name the columns (slug, effort, title, ...).")
    problems = []
    seen: set[str] = set()
    unknown = []
    for name in header:
        if name in seen and name:
            problems.append(Problem(None, "header", f"column “{name[:40]}” appears twice."))
        seen.add(name)
        if name not in CSV_EVENT_COLUMNS and not _SOURCE_COLUMN.match(name):
            unknown.append(name)
    if unknown:
        listed = ", ".join(f"“{name[:40]}”" for name in unknown[:10])
        hint = " This looks like a JSON file: give it a .json name or --format json." if header[0][:1] in "{[" else ""
        problems.append(
            Problem(
                None,
                "header",
                f"unknown column{'s' if len(unknown) > 1 else ''} {listed}. The columns are "
                f"{', '.join(CSV_EVENT_COLUMNS)}, then source_1_url, source_1_publisher, source_1_title, "
                f"source_1_published, source_1_claimed, source_2_url, ... as many sources as needed.{hint}",
            )
        )
    missing = [name for name in CSV_EVENT_COLUMNS if name not in seen and name not in CSV_OPTIONAL_COLUMNS]
    if missing:
        listed = ", ".join(f"“{name}”" for name in missing)
        problems.append(Problem(None, "header", f"missing column{'s' if len(missing) > 1 else ''} {listed}."))
    if problems:
        raise ImportRejected(problems)
    return {name: index for index, name in enumerate(header)}, len(header)


def parse_csv(text: str) -> ParsedFile:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[list[str]] = []
    try:
        for cells in reader:
            rows.append(cells)
            if len(rows) > MAX_IMPORT_ROWS + 1:
                raise _reject("file", f"more than {MAX_IMPORT_ROWS:,} events; an import holds at most that many.")
    except csv.Error as exc:
        raise _reject("file", f"row {len(rows) + 1} is not valid CSV ({exc}).") from None
    columns, width = _csv_header(rows[0])
    groups: dict[int, dict[str, int]] = {}
    for name, index in columns.items():
        if match := _SOURCE_COLUMN.match(name):
            groups.setdefault(int(match["n"]), {})[match["field"]] = index

    problems: list[Problem] = []
    records, numbers, names = [], [], []
    for row, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines spreadsheets leave behind
        if len(cells) < width or any(cell.strip() for cell in cells[width:]):
            problems.append(Problem(row, "", f"{len(cells)} cells, but the header has {width} columns."))
            continue

        def cell(name: str, cells=cells) -> str:
            return csv_unsafe(cells[columns[name]]) if name in columns else ""

        image = {"alt": cell("image_alt"), "caption": cell("image_caption"), "credit": cell("image_credit")}
        sources, source_groups = [], []
        for n in sorted(groups):
            values = {name: csv_unsafe(cells[index]) for name, index in groups[n].items()}
            if not any(value.strip() for value in values.values()):
                continue
            sources.append({name: values.get(name) or None for name in SOURCE_FIELDS})
            source_groups.append(n)
        records.append(
            {
                **{name: cell(name) for name in EVENT_FIELDS if name in columns},
                "end": cell("end") or None,
                "planned": cell("planned") or None,
                "people": [p.strip() for p in re.split(r"[;\n]", cell("people")) if p.strip()],
                "image": image if any(image.values()) else None,
                "sources": sources,
            }
        )
        numbers.append(row)
        names.append(_CsvNames(source_groups))
    if problems:
        raise ImportRejected(problems)
    if not records:
        raise _reject("file", "the file has a header row but no events.")
    return ParsedFile(format="csv", events=records, rows=numbers, names=names)


def read_file(data: bytes, *, fmt: str | None = None, filename: str = "") -> ParsedFile:
    """Bytes of a JSON or CSV file, bounded and decoded, as records."""
    check_size(len(data))
    text = decode(data)
    fmt = fmt or detect_format(text, filename)
    if fmt not in FORMATS:
        raise _reject("format", f"unknown format “{fmt[:20]}”; choose json or csv.")
    return parse_json(text) if fmt == "json" else parse_csv(text)


def import_file(data: bytes, *, fmt: str | None = None, filename: str = "", dry_run: bool = False, progress=None):
    """Validate a whole JSON or CSV file, then create or update by slug.
    Raises ImportRejected listing every problem; writes nothing then."""
    return apply(read_file(data, fmt=fmt, filename=filename), dry_run=dry_run, progress=progress)


def import_payload(payload: Any, *, dry_run: bool = False, progress=None) -> ImportResult:
    """The same for an already decoded JSON document (the seed file)."""
    return apply(parse_payload(payload), dry_run=dry_run, progress=progress)


# --- validation --------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()


def _date_at_precision(value: Any) -> tuple[dt.datetime | None, str]:
    if value in (None, ""):
        return None, ""
    moment, precision = prec.parse_iso(str(value))
    return moment, precision.value


def _plain_date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"“{str(value)[:40]}” is not a date: write YYYY-MM-DD.") from None


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text in {"true", "1", "yes"}:
        return True
    if text in {"false", "0", "no", ""}:
        return False
    raise ValueError(f"“{text[:20]}” is not true or false.")


def _integer(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        raise ValueError(f"“{str(value)[:20]}” is not a whole number.") from None


def _validation_problems(row: int | None, exc: ValidationError, name_of) -> list[Problem]:
    problems = []
    for name, messages in exc.message_dict.items():
        column = "" if name == "__all__" else name_of(name.removesuffix("_precision"))
        for message in messages:
            problems.append(Problem(row, column, message))
    return problems


def _choice(value: str, choices, label: str) -> None:
    if value not in choices.values:
        raise ValueError(f"unknown {label} “{value[:40]}”; choose one of {', '.join(choices.values)}.")


def _build_event(row: int, record: dict, names, efforts: dict[str, Effort], problems: list[Problem]):
    """An unsaved Event and its unsaved Sources from one record, or None when
    the record has problems (appended to `problems`, every one of them)."""
    before = len(problems)
    bad: set[str] = set()

    def problem(name: str, message: str) -> None:
        bad.add(name)
        problems.append(Problem(row, names.field(name), message))

    event = Event(slug=_text(record.get("slug")))
    effort_slug = _text(record.get("effort"))
    known = ", ".join(sorted(efforts)) or "none yet: import the sides first (JSON “efforts”) or add them in admin"
    if not effort_slug:
        problem("effort", f"a side is required (known: {known}).")
    elif effort_slug not in efforts:
        problem("effort", f"unknown side “{effort_slug[:40]}” (known: {known}).")
    else:
        event.effort = efforts[effort_slug]
    for name in ("title", "kind", "status", "place", "people", "summary", "notes", "planned_by"):
        setattr(event, name, _text(record.get(name)))
    if not event.status:
        event.status = Event.Status.HAPPENED
    for name, choices in (("kind", Event.Kind), ("status", Event.Status)):
        if getattr(event, name):
            try:
                _choice(getattr(event, name), choices, name)
            except ValueError as exc:
                problem(name, str(exc))
    for name in ("start", "end", "planned"):
        try:
            moment, precision = _date_at_precision(record.get(name))
        except ValueError as exc:
            problem(name, str(exc))
            continue
        setattr(event, name, moment)
        setattr(event, f"{name}_precision", precision)
    if event.start is None and "start" not in bad:
        problem("start", "a start date is required (2020, 2020-05, 2020-05-04 or 2021-10-05T08:55Z).")
    try:
        event.published = _bool(record.get("published", False))
    except ValueError as exc:
        problem("published", str(exc))
    image = record.get("image") or {}
    if isinstance(image, dict):
        event.image_alt = _text(image.get("alt"))
        event.image_caption = _text(image.get("caption"))
        event.image_credit = _text(image.get("credit"))
    else:
        problem("image", "expected an object {url, alt, caption, credit} or null.")

    sources = []
    raw_sources = record.get("sources") or []
    if not isinstance(raw_sources, list):
        problem("sources", "sources must be a list.")
        raw_sources = []
    for index, raw in enumerate(raw_sources, start=1):
        if not isinstance(raw, dict):
            problems.append(Problem(row, names.source(index), "each source must be an object."))
            continue
        source = Source(
            url=_text(raw.get("url")), publisher=_text(raw.get("publisher")), title=_text(raw.get("title")), order=index
        )
        source_bad = set()
        try:
            source.published = _plain_date(raw.get("published"))
        except ValueError as exc:
            source_bad.add("published")
            problems.append(Problem(row, names.source(index, "published"), str(exc)))
        try:
            source.claimed, source.claimed_precision = _date_at_precision(raw.get("claimed"))
        except ValueError as exc:
            source_bad |= {"claimed", "claimed_precision"}
            problems.append(Problem(row, names.source(index, "claimed"), str(exc)))
        try:
            source.full_clean(exclude=["event", *source_bad])
        except ValidationError as exc:
            problems.extend(_validation_problems(row, exc, lambda name, i=index: names.source(i, name)))
        sources.append(source)

    # The model's own rules, for every field not already reported.
    exclude = {"slug", "image", "effort", *bad, *(f"{name}_precision" for name in bad)}
    try:
        event.full_clean(exclude=sorted(exclude), validate_unique=False)
    except ValidationError as exc:
        problems.extend(_validation_problems(row, exc, names.field))
    try:
        if not event.slug:
            raise ValidationError("a slug is required.")
        Event._meta.get_field("slug").run_validators(event.slug)
    except ValidationError as exc:
        problems.extend(Problem(row, names.field("slug"), m) for m in exc.messages)
    if len(problems) != before:
        return None
    return event, sources


def _effort_state(effort: Effort) -> dict[str, Any]:
    return {**{name: getattr(effort, name) for name in EFFORT_FIELDS}, "organisations": effort.organisation_list}


def _phase_state(phase: Phase) -> dict[str, Any]:
    return {name: getattr(phase, name) for name in PHASE_FIELDS}


def _event_state(event: Event, effort_slug: str) -> dict[str, Any]:
    """What an event says, keyed by interchange field, for comparison."""
    return {
        "effort": effort_slug,
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "start": (event.start, event.start_precision),
        "end": (event.end, event.end_precision or ""),
        "planned": (event.planned, event.planned_precision or ""),
        "planned_by": event.planned_by,
        "place": event.place,
        "people": event.people_list,
        "summary": event.summary,
        "notes": event.notes,
        "image": (event.image_alt, event.image_caption, event.image_credit),
        "published": event.published,
    }


def _sources_state(sources) -> list[tuple]:
    return [(s.url, s.publisher, s.title, s.published, s.claimed, s.claimed_precision or "") for s in sources]


EVENT_MODEL_FIELDS = [
    "effort", "title", "kind", "status", "start", "start_precision", "end", "end_precision",
    "planned", "planned_precision", "planned_by", "place", "people", "summary", "notes",
    "image_alt", "image_caption", "image_credit", "published",
]  # fmt: skip


def _plan_efforts(raws: list[Any], efforts: dict[str, Effort], problems: list[Problem]) -> list[Effort]:
    """The sides the file creates or changes, as unsaved instances."""
    plan = []
    for index, raw in enumerate(raws, start=1):
        where = f"efforts[{index}]"
        if not isinstance(raw, dict):
            problems.append(Problem(None, where, "each side must be an object."))
            continue
        current = efforts.get(_text(raw.get("slug")))
        effort = Effort(pk=current.pk if current else None)
        effort._state.adding = current is None  # an update: unique checks skip this row itself
        try:
            for name in EFFORT_FIELDS:
                setattr(effort, name, _integer(raw.get(name)) if name == "order" else _text(raw.get(name)))
            effort.full_clean()
        except ValueError as exc:
            problems.append(Problem(None, f"{where}.order", str(exc)))
            continue
        except ValidationError as exc:
            problems.extend(_validation_problems(None, exc, lambda name, w=where: f"{w}.{name}"))
            continue
        if current is None or _effort_state(current) != _effort_state(effort):
            plan.append(effort)
        efforts[effort.slug] = effort
    return plan


def _plan_phases(raws: list[Any], problems: list[Problem]) -> list[Phase]:
    """The phases the file creates or changes, as unsaved instances."""
    phases = {p.slug: p for p in Phase.objects.all()}
    plan = []
    for index, raw in enumerate(raws, start=1):
        where = f"phases[{index}]"
        if not isinstance(raw, dict):
            problems.append(Problem(None, where, "each phase must be an object."))
            continue
        current = phases.get(_text(raw.get("slug")))
        phase = Phase(pk=current.pk if current else None, slug=_text(raw.get("slug")), name=_text(raw.get("name")))
        phase._state.adding = current is None
        try:
            phase.order = _integer(raw.get("order"))
            for name in ("start", "end"):
                try:
                    setattr(phase, name, _plain_date(raw.get(name)))
                except ValueError as exc:
                    raise ValueError(f"{name}: {exc}") from None
            phase.full_clean()
        except ValueError as exc:
            problems.append(Problem(None, where, str(exc)))
            continue
        except ValidationError as exc:
            problems.extend(_validation_problems(None, exc, lambda name, w=where: f"{w}.{name}"))
            continue
        if current is None or _phase_state(current) != _phase_state(phase):
            plan.append(phase)
    return plan


def _existing_events(slugs: list[str]) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for start in range(0, len(slugs), 500):
        chunk = Event.objects.filter(slug__in=slugs[start : start + 500]).prefetch_related("sources")
        found.update((event.slug, event) for event in chunk)
    return found


def apply(parsed: ParsedFile, *, dry_run: bool = False, progress=None) -> ImportResult:
    """Validate every record, then (unless `dry_run`) create or update by slug
    in one transaction.  Raises ImportRejected listing every problem, having
    written nothing.  `progress(stage, done, total)` is called as rows are
    validated ("validate") and saved ("save")."""
    problems: list[Problem] = []
    efforts = {e.slug: e for e in Effort.objects.all()}
    effort_slugs = {e.pk: e.slug for e in efforts.values()}
    effort_plan = _plan_efforts(parsed.efforts, efforts, problems)
    phase_plan = _plan_phases(parsed.phases, problems)

    built = []
    seen: dict[str, int] = {}
    total = len(parsed.events)
    for position, (row, record, names) in enumerate(zip(parsed.rows, parsed.events, parsed.names, strict=True), 1):
        slug = _text(record.get("slug"))
        if slug and slug in seen:
            problems.append(
                Problem(row, names.field("slug"), f"duplicate slug “{slug[:60]}”: also on row {seen[slug]}.")
            )
        elif slug:
            seen[slug] = row
        result = _build_event(row, record, names, efforts, problems)
        if result is not None:
            built.append(result)
        if progress:
            progress("validate", position, total)
    if problems:
        raise ImportRejected(problems)

    result = ImportResult(dry_run=dry_run)
    try:
        with transaction.atomic():
            for effort in effort_plan:
                (result.efforts_created if effort._state.adding else result.efforts_updated).append(effort.slug)
                if not dry_run:
                    effort.save()
            for phase in phase_plan:
                (result.phases_created if phase._state.adding else result.phases_updated).append(phase.slug)
                if not dry_run:
                    phase.save()
            existing = _existing_events([event.slug for event, _ in built])
            for position, (event, sources) in enumerate(built, start=1):
                _save_event(event, sources, existing.get(event.slug), effort_slugs, result, dry_run)
                if progress:
                    progress("save", position, total)
    except IntegrityError as exc:
        raise _reject("file", f"the database refused the import, nothing was saved ({exc}).") from exc
    return result


def _save_event(event, sources, current, effort_slugs, result: ImportResult, dry_run: bool) -> None:
    if current is None:
        result.created.append(event.slug)
        if not dry_run:
            event.save()  # a side created above by this import has its pk by now
            for source in sources:
                source.event = event
            Source.objects.bulk_create(sources)
            result.created_ids.append(event.pk)
        return
    before = _event_state(current, effort_slugs.get(current.effort_id, ""))
    after = _event_state(event, event.effort.slug)
    changed = [name for name in before if before[name] != after[name]]
    same_sources = _sources_state(current.sources.all()) == _sources_state(sources)
    if not same_sources:
        changed.append("sources")
    if not changed:
        result.unchanged.append(event.slug)
        return
    result.updated.append(event.slug)
    result.changes[event.slug] = changed
    if dry_run:
        return
    for name in EVENT_MODEL_FIELDS:
        setattr(current, name, getattr(event, name))
    current.save()
    if not same_sources:
        current.sources.all().delete()
        for source in sources:
            source.event = current
        Source.objects.bulk_create(sources)
    result.updated_ids.append(current.pk)

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

Import validates every row with the models' own rules before writing anything
and then creates or updates by slug inside one transaction: a file with any bad
row changes nothing, and importing the same file twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

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


# --- in --------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported file, located for the editor."""

    row: int | None  # 1-based row (event) number; None for the file as a whole
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.row is not None else f"{self.column}"
        return f"{where}: {self.message}"


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


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


def _validation_problems(row: int | None, exc: ValidationError, prefix: str = "") -> list[Problem]:
    problems = []
    for name, messages in exc.message_dict.items():
        column = name.removesuffix("_precision") if name != "__all__" else "row"
        for message in messages:
            problems.append(Problem(row, prefix + column, message))
    return problems


def _field_values(instance: Any, names: list[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


EVENT_MODEL_FIELDS = [
    "effort_id", "title", "kind", "status", "start", "start_precision", "end", "end_precision",
    "planned", "planned_precision", "planned_by", "place", "people", "summary", "notes",
    "image_alt", "image_caption", "image_credit", "published",
]  # fmt: skip
SOURCE_MODEL_FIELDS = ["url", "publisher", "title", "published", "claimed", "claimed_precision", "order"]


def _build_event(row: int, record: dict, efforts: dict[str, Effort], problems: list[Problem]):
    """A model instance (unsaved) and its sources from one record, or None."""
    before = len(problems)
    if not isinstance(record, dict):
        problems.append(Problem(row, "row", "each event must be an object with named fields."))
        return None
    event = Event(slug=_text(record.get("slug")))
    effort_slug = _text(record.get("effort"))
    if effort_slug not in efforts:
        known = ", ".join(sorted(efforts)) or "none yet"
        problems.append(Problem(row, "effort", f"unknown side “{effort_slug[:40]}” (known: {known})."))
    else:
        event.effort = efforts[effort_slug]
    for name in ("title", "kind", "status", "place", "people", "summary", "notes", "planned_by"):
        setattr(event, name, _text(record.get(name)))
    if not event.status:
        event.status = Event.Status.HAPPENED
    for name in ("start", "end", "planned"):
        try:
            moment, precision = _date_at_precision(record.get(name))
        except ValueError as exc:
            problems.append(Problem(row, name, str(exc)))
            continue
        setattr(event, name, moment)
        setattr(event, f"{name}_precision", precision)
    if event.start is None and not any(p.row == row and p.column == "start" for p in problems):
        problems.append(Problem(row, "start", "a start date is required."))
    try:
        event.published = _bool(record.get("published", False))
    except ValueError as exc:
        problems.append(Problem(row, "published", str(exc)))
    image = record.get("image") or {}
    if isinstance(image, dict):
        event.image_alt = _text(image.get("alt"))
        event.image_caption = _text(image.get("caption"))
        event.image_credit = _text(image.get("credit"))

    sources = []
    raw_sources = record.get("sources") or []
    if not isinstance(raw_sources, list):
        problems.append(Problem(row, "sources", "sources must be a list."))
        raw_sources = []
    for index, raw in enumerate(raw_sources, start=1):
        column = f"sources[{index}]."
        if not isinstance(raw, dict):
            problems.append(Problem(row, f"sources[{index}]", "each source must be an object."))
            continue
        source = Source(
            url=_text(raw.get("url")),
            publisher=_text(raw.get("publisher")),
            title=_text(raw.get("title")),
            order=index,
        )
        try:
            source.published = _plain_date(raw.get("published"))
        except ValueError as exc:
            problems.append(Problem(row, column + "published", str(exc)))
        try:
            source.claimed, source.claimed_precision = _date_at_precision(raw.get("claimed"))
        except ValueError as exc:
            problems.append(Problem(row, column + "claimed", str(exc)))
        try:
            source.full_clean(exclude=["event"])
        except ValidationError as exc:
            problems.extend(_validation_problems(row, exc, prefix=column))
        sources.append(source)

    if len(problems) == before:
        try:
            event.full_clean(exclude=["slug", "image", "effort"], validate_unique=False)
        except ValidationError as exc:
            problems.extend(_validation_problems(row, exc))
        try:
            Event._meta.get_field("slug").run_validators(event.slug)
            if not event.slug:
                raise ValidationError("a slug is required.")
        except ValidationError as exc:
            problems.extend(Problem(row, "slug", m) for m in exc.messages)
    if len(problems) != before:
        return None
    return event, sources


def import_payload(payload: Any, *, dry_run: bool = False, progress=None) -> ImportResult:
    """Validate a whole payload, then create or update by slug in one
    transaction.  Raises ImportRejected listing every problem; writes nothing
    then.  `progress(done, total)` is called as rows are processed."""
    problems: list[Problem] = []
    if not isinstance(payload, dict):
        raise ImportRejected([Problem(None, "file", "expected a JSON object with an “events” list.")])
    schema = payload.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise ImportRejected([Problem(None, "schema", f"unsupported schema “{str(schema)[:40]}”; expected {SCHEMA}.")])
    records = payload.get("events")
    if not isinstance(records, list):
        raise ImportRejected([Problem(None, "events", "expected a list of events.")])

    efforts = {e.slug: e for e in Effort.objects.all()}
    new_efforts = []
    for index, raw in enumerate(payload.get("efforts") or [], start=1):
        effort = efforts.get(_text(raw.get("slug"))) or Effort()
        for name in EFFORT_FIELDS:
            value = raw.get(name)
            setattr(effort, name, _text(value) if name != "order" else int(value or 0))
        try:
            effort.full_clean(validate_unique=effort.pk is None)
        except ValidationError as exc:
            problems.extend(_validation_problems(index, exc, prefix="efforts."))
        efforts[effort.slug] = effort
        new_efforts.append(effort)

    phases = {p.slug: p for p in Phase.objects.all()}
    new_phases = []
    for index, raw in enumerate(payload.get("phases") or [], start=1):
        phase = phases.get(_text(raw.get("slug"))) or Phase()
        phase.slug, phase.name, phase.order = _text(raw.get("slug")), _text(raw.get("name")), int(raw.get("order") or 0)
        try:
            phase.start, phase.end = _plain_date(raw.get("start")), _plain_date(raw.get("end"))
            phase.full_clean(validate_unique=phase.pk is None)
        except ValueError as exc:
            problems.append(Problem(index, "phases.start", str(exc)))
        except ValidationError as exc:
            problems.extend(_validation_problems(index, exc, prefix="phases."))
        new_phases.append(phase)

    built = []
    seen: dict[str, int] = {}
    total = len(records)
    for row, record in enumerate(records, start=1):
        result = _build_event(row, record, efforts, problems)
        if result is not None:
            slug = result[0].slug
            if slug in seen:
                problems.append(Problem(row, "slug", f"duplicate slug “{slug}”: also on row {seen[slug]}."))
            else:
                seen[slug] = row
                built.append(result)
        if progress:
            progress(row, total)
    if problems:
        raise ImportRejected(problems)

    result = ImportResult(dry_run=dry_run)
    existing = {e.slug: e for e in Event.objects.filter(slug__in=list(seen)).prefetch_related("sources")}
    with transaction.atomic():
        for effort in new_efforts:
            effort.save()
        for phase in new_phases:
            phase.save()
        for event, sources in built:
            event.effort_id = event.effort.pk
            current = existing.get(event.slug)
            source_values = [_field_values(s, SOURCE_MODEL_FIELDS) for s in sources]
            if current is None:
                event.save()
                for source in sources:
                    source.event = event
                Source.objects.bulk_create(sources)
                result.created.append(event.slug)
                continue
            same_event = _field_values(current, EVENT_MODEL_FIELDS) == _field_values(event, EVENT_MODEL_FIELDS)
            same_sources = [_field_values(s, SOURCE_MODEL_FIELDS) for s in current.sources.all()] == source_values
            if same_event and same_sources:
                result.unchanged.append(event.slug)
                continue
            for name in EVENT_MODEL_FIELDS:
                setattr(current, name, getattr(event, name))
            current.save()
            if not same_sources:
                current.sources.all().delete()
                for source in sources:
                    source.event = current
                Source.objects.bulk_create(sources)
            result.updated.append(event.slug)
        if dry_run:
            transaction.set_rollback(True)
    return result

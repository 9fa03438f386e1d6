"""Writing a validated plan: create or update by slug, and say what changed.

The preview runs this same code, inside a transaction that is then rolled
back, so anything the database would refuse is found by the preview too; a
refusal names the row (or the side or phase) being saved.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import DataError, IntegrityError

from ..history import bulk_create_recorded
from ..models import Event, Source, Statement
from .planning import ImportPlan, PlannedEvent
from .problems import ImportRejected, Problem
from .schema import EVENT_TRANSLATIONS

EVENT_MODEL_FIELDS = [
    "effort", "title", "kind", "status", "start", "start_precision", "end", "end_precision",
    "place", "people", "summary", "notes", "internal_notes", "image_alt", "image_caption", "image_credit", "published",
]  # fmt: skip


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
    side_statements_changed: bool = False  # the sides' plans for milestones with no event were replaced
    created_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    dry_run: bool = False

    @property
    def changed(self) -> bool:
        lists = (self.created, self.updated, self.efforts_created, self.efforts_updated)
        return any(lists) or any((self.phases_created, self.phases_updated)) or self.side_statements_changed

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
        if self.side_statements_changed:
            text += f" The sides' plans for milestones with no event {verb or 'were '}replaced."
        return text


@contextmanager
def _refusal_at(row: int | None, column: str, what: str):
    """A database refusal, reported where it happened (the caller's transaction rolls back)."""
    try:
        yield
    except (IntegrityError, DataError) as exc:
        message = f"the database refused {what}, nothing was saved ({exc})."
        raise ImportRejected([Problem(row, column, message)]) from exc


def _event_state(event: Event, effort_slug: str) -> dict[str, Any]:
    """What an event says, keyed by interchange field, for comparison."""
    return {
        "effort": effort_slug,
        "title": event.title,
        "kind": event.kind,
        "status": event.status,
        "start": (event.start, event.start_precision),
        "end": (event.end, event.end_precision or ""),
        "place": event.place,
        "people": event.people_list,
        "summary": event.summary,
        "notes": event.notes,
        "internal_notes": event.internal_notes,
        "image": (event.image_alt, event.image_caption, event.image_credit),
        "published": event.published,
        **{name: getattr(event, name) or "" for name in EVENT_TRANSLATIONS},
    }


def _sources_state(sources) -> list[tuple]:
    return [(s.url, s.publisher, s.title, s.published) for s in sources]


def _statements_state(statements) -> list[tuple]:
    """What an import compares of an event's statements, in their order."""
    return [
        (
            s.kind,
            s.date,
            s.date_precision or "",
            s.approximate,
            s.wording,
            s.announced,
            s.announced_precision or "",
            s.publisher,
            s.url,
            s.title,
        )
        for s in statements
    ]


def _stored_events(slugs: list[str]) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for start in range(0, len(slugs), 500):
        chunk = Event.objects.filter(slug__in=slugs[start : start + 500]).prefetch_related("sources", "statements")
        found.update((event.slug, event) for event in chunk)
    return found


def _save_parts(event: Event, sources: list[Source], statements: list[Statement]) -> None:
    for part in (*sources, *statements):
        part.event = event
    bulk_create_recorded(sources, Source)  # in the history, as every other write
    bulk_create_recorded(statements, Statement)


def _save_event(planned: PlannedEvent, current: Event | None, side_slugs: dict[int, str], result: ImportResult):
    event, sources, statements = planned.event, planned.sources, planned.statements
    if current is None:
        result.created.append(event.slug)
        event.save()  # a side created by this import has its key by now
        _save_parts(event, sources, statements)
        result.created_ids.append(event.pk)
        return
    given = getattr(event, "translations_given", frozenset(EVENT_TRANSLATIONS))
    for name in EVENT_TRANSLATIONS:
        if name not in given:
            setattr(event, name, getattr(current, name))
    if not event.internal_notes:
        # Exports never carry internal notes: importing one back keeps the editors' notes.
        event.internal_notes = current.internal_notes
    before = _event_state(current, side_slugs.get(current.effort_id, ""))
    after = _event_state(event, event.effort.slug)
    changed = [name for name in before if before[name] != after[name]]
    same_sources = _sources_state(current.sources.all()) == _sources_state(sources)
    if not same_sources:
        changed.append("sources")
    same_statements = _statements_state(current.statements.all()) == _statements_state(statements)
    if not same_statements:
        changed.append("statements")
    if not changed:
        result.unchanged.append(event.slug)
        return
    result.updated.append(event.slug)
    result.changes[event.slug] = changed
    for name in EVENT_MODEL_FIELDS + EVENT_TRANSLATIONS:
        setattr(current, name, getattr(event, name))
    current.save()
    if not same_sources:
        current.sources.all().delete()
        _save_parts(current, sources, [])
    if not same_statements:
        current.statements.all().delete()
        _save_parts(current, [], statements)
    result.updated_ids.append(current.pk)


def _save_side_statements(statements: list[Statement]) -> bool:
    """The file's statements about milestones with no event replace the
    stored ones when they differ (the file lists them all, as the export
    does); whether anything changed."""
    stored = Statement.objects.filter(event__isnull=True).select_related("effort").order_by("order", "pk")

    def state(rows) -> list[tuple]:
        return [(s.effort.slug, s.milestone, *row) for s, row in zip(rows, _statements_state(rows), strict=True)]

    if state(list(stored)) == state(statements):
        return False
    stored.delete()
    bulk_create_recorded(statements, Statement)
    return True


def write(plan: ImportPlan, *, progress=None) -> ImportResult:
    """Save the plan; call it inside a transaction, which an ImportRejected
    (a refusal by the database) leaves to roll back."""
    result = ImportResult()
    for planned_list, created, updated, what in (
        (plan.sides, result.efforts_created, result.efforts_updated, "this side"),
        (plan.phases, result.phases_created, result.phases_updated, "this phase"),
    ):
        for planned in planned_list:
            (created if planned.instance._state.adding else updated).append(planned.instance.slug)
            with _refusal_at(None, planned.where, what):
                planned.instance.save()
    if plan.side_statements is not None:
        with _refusal_at(None, "statements", "the sides' statements"):
            result.side_statements_changed = _save_side_statements(plan.side_statements)
    stored = _stored_events([planned.event.slug for planned in plan.events])
    for position, planned in enumerate(plan.events, start=1):
        with _refusal_at(planned.row, "", "this row"):
            _save_event(planned, stored.get(planned.event.slug), plan.side_slugs, result)
        if progress:
            progress("save", position, len(plan.events))
    return result

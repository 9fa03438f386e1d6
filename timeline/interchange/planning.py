"""Planning an import: every record of a file validated, nothing written.

Sides and phases (which only JSON files carry) are planned by one planner,
matched by slug; events are matched by slug too, with their sources.  Any
problem anywhere is collected and the whole file refused.  Duplicates within
the file are refused here, since the database checks only against what it
already holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from ..models import Effort, Event, Phase, Source, Statement
from .forms import (
    EffortForm,
    EventForm,
    PhaseForm,
    RecordForm,
    SideStatementForm,
    SourceForm,
    StatementForm,
    form_problems,
)
from .parsed import ParsedFile
from .problems import ImportRejected, Problem
from .records import effort_to_record, phase_to_record
from .schema import EFFORT_TRANSLATIONS, PHASE_TRANSLATIONS


@dataclass(frozen=True)
class Catalogue:
    """A kind of record a file may bring beside its events, matched by slug."""

    key: str  # the document's key, which also locates problems: "efforts[2].name"
    noun: str
    form: type[RecordForm]
    unique: tuple[str, ...]  # fields no two records may share
    to_record: Callable[[Any], dict]  # what an export would say: compared to tell a change
    translations: tuple[str, ...] = ()  # optional keys: a record without one keeps the stored text


SIDES = Catalogue("efforts", "side", EffortForm, ("slug", "name"), effort_to_record, tuple(EFFORT_TRANSLATIONS))
PHASES = Catalogue("phases", "phase", PhaseForm, ("slug",), phase_to_record, tuple(PHASE_TRANSLATIONS))


@dataclass
class Planned:
    where: str  # "efforts[2]": where a refusal by the database is reported
    instance: models.Model


@dataclass
class PlannedEvent:
    row: int
    event: Event  # unsaved; an update's values are copied onto the stored event
    sources: list[Source]
    statements: list[Statement] = field(default_factory=list)


@dataclass
class ImportPlan:
    sides: list[Planned]  # to create or change
    phases: list[Planned]
    events: list[PlannedEvent]
    side_slugs: dict[int, str]  # the stored sides' slugs by primary key
    side_statements: list[Statement] | None = None  # None: the file says nothing of them


def _fresh(model: type[models.Model], current: models.Model | None) -> models.Model:
    """An instance to validate a record on: the stored row's key but none of
    its values, so that no model rule compares a new value with a stale one."""
    instance = model(pk=current.pk if current else None)
    instance._state.adding = current is None  # an update: unique checks skip the row itself
    return instance


def _repeats(instance: models.Model, catalogue: Catalogue, seen: dict, where: str) -> list[Problem]:
    problems = []
    for name in catalogue.unique:
        value = getattr(instance, name)
        first = seen.setdefault((name, value), where)
        if first != where:
            problems.append(Problem(None, f"{where}.{name}", f"duplicate {name} “{value[:60]}”: also in {first}."))
    return problems


def plan_catalogue(raws: list[Any], catalogue: Catalogue, stored: dict[str, Any], problems: list[Problem]):
    """The records the file creates or changes, as unsaved instances.  `stored`
    (slug -> instance) gains every valid record, changed or not."""
    plan = []
    seen: dict[tuple[str, Any], str] = {}
    in_database = dict(stored)
    for index, raw in enumerate(raws, start=1):
        where = f"{catalogue.key}[{index}]"
        if not isinstance(raw, dict):
            problems.append(Problem(None, where, f"each {catalogue.noun} must be an object."))
            continue
        slug = raw.get("slug")
        current = in_database.get(slug.strip()) if isinstance(slug, str) else None
        if current is not None:
            raw = {**{name: getattr(current, name) for name in catalogue.translations}, **raw}
        form = catalogue.form(raw, instance=_fresh(catalogue.form._meta.model, current))
        if not form.is_valid():
            problems += form_problems(form, None, lambda name, where=where: f"{where}.{name}")
            continue
        if repeats := _repeats(form.instance, catalogue, seen, where):
            problems += repeats
            continue
        if current is None or catalogue.to_record(current) != catalogue.to_record(form.instance):
            plan.append(Planned(where, form.instance))
        stored[form.instance.slug] = form.instance
    return plan


def _plan_event(row: int, record: dict, names, sides: dict[str, Effort]) -> PlannedEvent | list[Problem]:
    """One event, its sources and its statements, validated; or every problem with them."""
    form = EventForm(record, sides=sides)
    problems = [] if form.is_valid() else form_problems(form, row, names.field)
    parts: dict[str, list] = {"sources": [], "statements": []}
    for key, noun, part_form, name_of in (
        ("sources", "source", SourceForm, names.source),
        ("statements", "statement", StatementForm, names.statement),
    ):
        raws = record.get(key)
        for index, raw in enumerate(raws if isinstance(raws, list) else [], start=1):
            if not isinstance(raw, dict):
                problems.append(Problem(row, name_of(index), f"each {noun} must be an object."))
                continue
            part = part_form(raw, order=index)
            if part.is_valid():
                parts[key].append(part.instance)
            else:
                problems += form_problems(part, row, lambda name, index=index, name_of=name_of: name_of(index, name))
    return problems or PlannedEvent(row, form.instance, parts["sources"], parts["statements"])


def plan_events(parsed: ParsedFile, sides: dict[str, Effort], problems: list[Problem], progress=None):
    plan = []
    seen: dict[str, int] = {}
    total = len(parsed.events)
    for position, (row, record, names) in enumerate(zip(parsed.rows, parsed.events, parsed.names, strict=True), 1):
        slug = record.get("slug")
        slug = slug.strip() if isinstance(slug, str) else ""
        if slug in seen:
            message = f"duplicate slug “{slug[:60]}”: also on row {seen[slug]}."
            problems.append(Problem(row, names.field("slug"), message))
        elif slug:
            seen[slug] = row
        planned = _plan_event(row, record, names, sides)
        if isinstance(planned, list):
            problems += planned
        else:
            plan.append(planned)
        if progress:
            progress("validate", position, total)
    return plan


def plan_side_statements(raws: list[Any] | None, sides: dict[str, Effort], problems: list[Problem]):
    """A side's statements about milestones with no event yet, validated; None when the file has none."""
    if raws is None:
        return None
    planned = []
    for index, raw in enumerate(raws, start=1):
        where = f"statements[{index}]"
        if not isinstance(raw, dict):
            problems.append(Problem(None, where, "each statement must be an object."))
            continue
        form = SideStatementForm(raw, order=index, sides=sides)
        if form.is_valid():
            planned.append(form.instance)
        else:
            problems += form_problems(form, None, lambda name, where=where: f"{where}.{name}")
    return planned


def plan_import(parsed: ParsedFile, *, progress=None) -> ImportPlan:
    """Every record of the file validated; raises ImportRejected with every problem."""
    problems: list[Problem] = []
    sides = {effort.slug: effort for effort in Effort.objects.all()}
    side_slugs = {effort.pk: effort.slug for effort in sides.values()}
    side_plan = plan_catalogue(parsed.efforts, SIDES, sides, problems)
    phase_plan = plan_catalogue(parsed.phases, PHASES, {phase.slug: phase for phase in Phase.objects.all()}, problems)
    events = plan_events(parsed, sides, problems, progress)
    side_statements = plan_side_statements(parsed.statements, sides, problems)
    if problems:
        raise ImportRejected(problems)
    return ImportPlan(side_plan, phase_plan, events, side_slugs, side_statements)

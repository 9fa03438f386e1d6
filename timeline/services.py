"""Every write to the record goes through here, as the admin, the import
page and the management commands ask for it.

Keyword-only and typed, named `<entity>_<action>`.  The reads are in
`timeline.selectors` (and the race's read model in `timeline.standings`); the
data version that keys every cache moves by itself after each committed write
(`timeline.signals`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from . import history, interchange
from .interchange import ImportResult, ParsedFile, Problem
from .models import ChangeSet, Correction, Effort, Event, Phase

SEED_FILE = Path(__file__).resolve().parent / "seed" / "events.json"
SEEDED = {"efforts": Effort, "phases": Phase, "events": Event}  # the seed file's keys, in the order they load
# The seed's Russian texts, keyed by slug: {"efforts": {slug: {"name", "film_title"}},
# "phases": {slug: {"name"}}, "events": {slug: {"title", "summary", "place", "people", "notes"}}}.
SEED_RUSSIAN_FILE = SEED_FILE.with_name("events.ru.json")


def events_import(
    *,
    parsed: ParsedFile,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    refuse: Callable[[ImportResult], list[Problem]] | None = None,
    label: str = "",
) -> ImportResult:
    """Create or update the file's sides, phases and events by slug, all or
    nothing (`dry_run`: the same run, rolled back).  Raises
    `interchange.ImportRejected` listing every problem, having written nothing.
    A real import is one change set in the history (`label`: the file's
    name, say), which admin can undo as a whole."""
    if dry_run:
        return interchange.apply(parsed, dry_run=True, progress=progress, refuse=refuse)
    with history.change_set(ChangeSet.Kind.IMPORT, label) as change_set:
        result = interchange.apply(parsed, progress=progress, refuse=refuse)
        change_set.label = " ".join(filter(None, [label, result.summary()]))
    return result


def _seed_payload(seed_file: Path, russian_file: Path | None) -> dict[str, Any]:
    """The seed file with its Russian texts merged in (`with_translations`)."""
    payload = json.loads(seed_file.read_text(encoding="utf-8"))
    if russian_file is not None and russian_file.exists():
        payload = with_translations(payload, json.loads(russian_file.read_text(encoding="utf-8")), "ru")
    return payload


def _stored_slugs() -> dict[str, set[str]]:
    return {key: set(model.objects.values_list("slug", flat=True)) for key, model in SEEDED.items()}


def events_seed(
    *, seed_file: Path = SEED_FILE, russian_file: Path | None = SEED_RUSSIAN_FILE, update: bool = False
) -> ImportResult:
    """Load the sourced seed events with their Russian texts.  By default only the sides, phases and
    events the database lacks are added: a stored row is never changed, so
    what editors did to a seeded event stays.  `update` also brings stored
    rows back to the seed (see `events_seed_differences` first)."""
    payload = _seed_payload(seed_file, russian_file)
    if update:
        return interchange.import_payload(payload)
    stored = _stored_slugs()
    missing = {
        key: [r for r in payload.get(key) or [] if not (isinstance(r, dict) and r.get("slug") in stored[key])]
        for key in SEEDED
    }
    left = [
        r.get("slug") for r in payload.get("events") or [] if isinstance(r, dict) and r.get("slug") in stored["events"]
    ]
    if not missing["events"]:  # every seed event is stored: nothing to add
        return ImportResult(unchanged=left)
    result = interchange.import_payload({**payload, **missing})
    result.unchanged += left  # stored, so not even compared
    return result


@dataclass(frozen=True)
class SeedDifference:
    """One field of a stored row that `events_seed(update=True)` would change."""

    noun: str  # "event", "side", "phase"
    slug: str
    field: str
    stored: str
    seed: str


def _shown(value: Any) -> str:
    if isinstance(value, list):
        value = "; ".join(_shown(v) for v in value) if value else "(none)"
    elif isinstance(value, dict) and "publisher" in value:  # a source: who, and what
        value = ": ".join(str(value[k]) for k in ("publisher", "title") if value.get(k))
    elif isinstance(value, dict):
        value = ", ".join(str(v) for v in value.values() if v not in (None, "", []))
    elif value in (None, ""):
        value = "(empty)"
    text = " ".join(str(value).split())
    return text if len(text) <= 100 else text[:99] + "…"


def events_seed_differences(
    *, seed_file: Path = SEED_FILE, russian_file: Path | None = SEED_RUSSIAN_FILE
) -> list[SeedDifference]:
    """What `events_seed(update=True)` would change in stored rows, field by
    field, with the stored and the seed's value; nothing is written."""
    payload = _seed_payload(seed_file, russian_file)
    result = interchange.import_payload(payload, dry_run=True)
    changed = {
        "efforts": set(result.efforts_updated),
        "phases": set(result.phases_updated),
        "events": set(result.changes),
    }
    nouns = {"efforts": "side", "phases": "phase", "events": "event"}
    to_record = {
        "efforts": interchange.effort_to_record,
        "phases": interchange.phase_to_record,
        "events": interchange.event_to_record,
    }
    differences = []
    for key, model in SEEDED.items():
        queryset = model.objects.filter(slug__in=changed[key])
        if model is Event:
            queryset = queryset.select_related("effort").prefetch_related("sources")
        stored = {row.slug: to_record[key](row) for row in queryset}
        for record in payload.get(key) or []:
            slug = record.get("slug")
            if slug not in stored:
                continue
            names = result.changes.get(slug) if key == "events" else [n for n in record if n != "slug"]
            for name in names:
                old, new = stored[slug].get(name), record.get(name)
                if key != "events" and old == new:
                    continue
                differences.append(SeedDifference(nouns[key], slug, name, _shown(old), _shown(new)))
    return differences


def event_correct(*, event: Event, note: str) -> Correction:
    """Tell readers a published event was corrected, and why (shown on its page and in the feed)."""
    return Correction.objects.create(event=event, note=note)


def with_translations(payload: dict, translations: dict, language: str) -> dict:
    """The interchange `payload` with each record's texts in `language` from
    `translations` (keyed by the records' slugs) as its `<field>_<language>`
    keys.  A slug the payload does not hold is an error: a translation of
    nothing is a typo."""
    merged = dict(payload)
    for key in ("efforts", "phases", "events"):
        texts = translations.get(key, {})
        records = payload.get(key, [])
        unknown = set(texts) - {record.get("slug") for record in records}
        if unknown:
            raise ValueError(f"{key} in the {language} translations that the seed does not hold: {sorted(unknown)}")
        merged[key] = [
            {**record, **{f"{name}_{language}": text for name, text in texts.get(record.get("slug"), {}).items()}}
            for record in records
        ]
    return merged


@transaction.atomic
def events_publish(*, events: QuerySet[Event], published: bool) -> list[Event]:
    """Publish (or send back to draft) the given events; returns those that changed."""
    changed = list(events.exclude(published=published))
    for event in changed:
        event.published = published
        event.save(update_fields=["published", "updated"])
    return changed

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
from pathlib import Path

from django.db import transaction
from django.db.models import QuerySet

from . import interchange
from .interchange import ImportResult, ParsedFile, Problem
from .models import Event

SEED_FILE = Path(__file__).resolve().parent / "seed" / "events.json"
# The seed's Russian texts, keyed by slug: {"efforts": {slug: {"name", "film_title"}},
# "phases": {slug: {"name"}}, "events": {slug: {"title", "summary", "place", "people", "notes"}}}.
SEED_RUSSIAN_FILE = SEED_FILE.with_name("events.ru.json")


def events_import(
    *,
    parsed: ParsedFile,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    refuse: Callable[[ImportResult], list[Problem]] | None = None,
) -> ImportResult:
    """Create or update the file's sides, phases and events by slug, all or
    nothing (`dry_run`: the same run, rolled back).  Raises
    `interchange.ImportRejected` listing every problem, having written nothing."""
    return interchange.apply(parsed, dry_run=dry_run, progress=progress, refuse=refuse)


def events_seed(*, seed_file: Path = SEED_FILE, russian_file: Path | None = SEED_RUSSIAN_FILE) -> ImportResult:
    """Load the sourced seed events with their Russian texts (create or
    update by slug: twice changes nothing)."""
    payload = json.loads(seed_file.read_text(encoding="utf-8"))
    if russian_file is not None and russian_file.exists():
        payload = with_translations(payload, json.loads(russian_file.read_text(encoding="utf-8")), "ru")
    return interchange.import_payload(payload)


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

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


def events_seed(*, seed_file: Path = SEED_FILE) -> ImportResult:
    """Load the sourced seed events (create or update by slug: twice changes nothing)."""
    return interchange.import_payload(json.loads(seed_file.read_text(encoding="utf-8")))


@transaction.atomic
def events_publish(*, events: QuerySet[Event], published: bool) -> list[Event]:
    """Publish (or send back to draft) the given events; returns those that changed."""
    changed = list(events.exclude(published=published))
    for event in changed:
        event.published = published
        event.save(update_fields=["published", "updated"])
    return changed

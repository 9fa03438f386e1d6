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

from . import history, interchange
from .interchange import ImportResult, ParsedFile, Problem
from .models import ChangeSet, Correction, Event

SEED_FILE = Path(__file__).resolve().parent / "seed" / "events.json"


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


def events_seed(*, seed_file: Path = SEED_FILE) -> ImportResult:
    """Load the sourced seed events (create or update by slug: twice changes nothing)."""
    return interchange.import_payload(json.loads(seed_file.read_text(encoding="utf-8")))


def event_correct(*, event: Event, note: str) -> Correction:
    """Tell readers a published event was corrected, and why (shown on its page and in the feed)."""
    return Correction.objects.create(event=event, note=note)


@transaction.atomic
def events_publish(*, events: QuerySet[Event], published: bool) -> list[Event]:
    """Publish (or send back to draft) the given events; returns those that changed."""
    changed = list(events.exclude(published=published))
    for event in changed:
        event.published = published
        event.save(update_fields=["published", "updated"])
    return changed

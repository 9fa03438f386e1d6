"""Load the sourced seed events (timeline/seed/events.json), idempotently.

Events are created or updated by slug, so running it twice changes nothing.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.interchange import ImportRejected, import_payload

SEED_FILE = Path(__file__).resolve().parents[2] / "seed" / "events.json"


class Command(BaseCommand):
    help = "Load the seed events with their sources, efforts and phases (idempotent)."

    def handle(self, *args, **options):
        payload = json.loads(SEED_FILE.read_text(encoding="utf-8"))
        try:
            result = import_payload(payload)
        except ImportRejected as exc:
            raise CommandError(f"The seed file is invalid:\n{exc}") from exc
        self.stdout.write(
            f"Seed events: {len(result.created)} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged."
        )

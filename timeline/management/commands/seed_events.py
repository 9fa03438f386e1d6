"""Load the sourced seed events (timeline/seed/events.json), idempotently.

Events are created or updated by slug, so running it twice changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from timeline import services
from timeline.interchange import ImportRejected


class Command(BaseCommand):
    help = "Load the seed events with their sources, efforts and phases (idempotent)."

    def handle(self, *args, **options):
        try:
            result = services.events_seed()
        except ImportRejected as exc:
            raise CommandError(f"The seed file is invalid:\n{exc}") from exc
        self.stdout.write(
            f"Seed events: {len(result.created)} created, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged."
        )

"""Load the sourced seed events (timeline/seed/events.json).

By default only what is missing is added (`make run` does this): a side,
phase or event already stored is left exactly as it is, so editors' changes
to seeded events survive.  `--update` also brings stored rows back to the
seed: it first lists every difference (per event, per field, stored → seed),
then writes only after a "yes" at the prompt, or with `--yes`.  Without a
terminal and without `--yes` it writes nothing.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from timeline import services
from timeline.interchange import ImportRejected


class Command(BaseCommand):
    help = "Add the seed events that are missing (never changing stored ones); --update shows, then applies, changes."
    stealth_options = ("stdin",)

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Also change stored sides, phases and events to match the seed, after listing the differences.",
        )
        parser.add_argument("--yes", action="store_true", help="With --update: write without asking.")

    def handle(self, *args, **options):
        try:
            if options["update"]:
                self._update(options)
            elif options["verbosity"] > 0:
                self._add_missing()
            else:
                services.events_seed()
        except ImportRejected as exc:
            raise CommandError(f"The seed file is invalid:\n{exc}") from exc

    def _add_missing(self) -> None:
        result = services.events_seed()
        extra = ""
        if result.efforts_created or result.phases_created:
            extra = f" Sides added: {len(result.efforts_created)}. Phases added: {len(result.phases_created)}."
        self.stdout.write(
            f"Seed events: {len(result.created)} added, {len(result.unchanged) + len(result.updated)} already "
            f"stored and left as they are.{extra}"
        )
        if result.unchanged:
            self.stdout.write("(manage.py seed_events --update lists what the seed would change in stored rows.)")

    def _update(self, options) -> None:
        differences = services.events_seed_differences()
        if not differences:
            self.stdout.write("Every stored seed row already matches the seed: nothing to update.")
        else:
            self.stdout.write(f"Updating from the seed would change {len(differences)} field(s):")
            current = None
            for difference in differences:
                if (difference.noun, difference.slug) != current:
                    current = (difference.noun, difference.slug)
                    self.stdout.write(f"  {difference.noun} {difference.slug}:")
                self.stdout.write(f"    {difference.field}: {difference.stored} → {difference.seed}")
            if not options["yes"] and not self._confirmed(options.get("stdin") or sys.stdin):
                raise CommandError(
                    "Nothing was written. Run `manage.py seed_events --update --yes` to write these changes."
                )
        result = services.events_seed(update=True)
        self.stdout.write(
            f"Seed events: {len(result.created)} added, {len(result.updated)} updated, "
            f"{len(result.unchanged)} unchanged."
        )

    def _confirmed(self, stdin) -> bool:
        if not stdin.isatty():
            return False
        self.stdout.write("Write these changes? Type yes to go on: ", ending="")
        self.stdout.flush()
        return stdin.readline().strip().lower() in {"y", "yes"}

"""Import events from a JSON or CSV file in the export's shape.

    manage.py import_events FILE [--dry-run] [--format json|csv]

The whole file is checked first with the models' own rules; any problem
rejects it, every problem is listed as "row N, column X: message", and
nothing is written.  A valid file creates or updates events by slug, so
importing the same file twice changes nothing.  --dry-run shows what would
change and writes nothing: it runs the import itself and rolls it back, so it
finds whatever the import would refuse.  "-" reads standard input.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline import interchange, services
from timeline.interchange import ImportRejected

PROGRESS_FROM = 200  # rows: smaller files finish before progress would help


class Command(BaseCommand):
    help = "Import events (create or update by slug) from a JSON or CSV file; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .json or .csv file, or - for standard input")
        parser.add_argument("--dry-run", action="store_true", help="show what would change; write nothing")
        parser.add_argument(
            "--format", choices=interchange.FORMATS, help="the file's format (default: from its name or content)"
        )

    def handle(self, *args, file, dry_run, format, verbosity, **options):
        data = self._read(file)
        self.dry_run = dry_run
        progress = self._progress if verbosity >= 1 else None
        try:
            parsed = interchange.read_file(data, fmt=format, filename="" if file == "-" else file)
            result = services.events_import(
                parsed=parsed, dry_run=dry_run, progress=progress, label="" if file == "-" else Path(file).name
            )
        except ImportRejected as exc:
            count = len(exc.problems)
            raise CommandError(
                f"{file}: nothing imported; {count} problem{'s' if count != 1 else ''} to fix:\n{exc}"
            ) from None
        if verbosity >= 1:
            self._report(result)

    def _read(self, file: str) -> bytes:
        if file == "-":
            data = sys.stdin.buffer.read(interchange.MAX_IMPORT_BYTES + 1)
        else:
            path = Path(file)
            try:
                interchange.check_size(path.stat().st_size)  # refuse a huge file before reading it
                data = path.read_bytes()
            except ImportRejected as exc:
                raise CommandError(f"{file}: nothing imported; {exc}") from None
            except OSError as exc:
                raise CommandError(f"{file}: cannot read the file ({exc.strerror}).") from None
        try:
            interchange.check_size(len(data))
        except ImportRejected as exc:
            raise CommandError(f"{file}: nothing imported; {exc}") from None
        return data

    def _progress(self, stage: str, done: int, total: int) -> None:
        """A line every tenth of the way through each stage, for large files."""
        step = max(total // 10, 1)
        if total < PROGRESS_FROM or (done % step and done != total):
            return
        label = "Checked" if stage == "validate" else "Tried saving" if self.dry_run else "Saved"
        self.stderr.write(f"{label} {done:,} of {total:,} rows ({done * 100 // total}%)")

    def _report(self, result: interchange.ImportResult) -> None:
        prefix = "Dry run, nothing written. " if result.dry_run else ""
        verb = "would " if result.dry_run else ""
        lines = [
            ("  side {}: {}create", result.efforts_created),
            ("  side {}: {}update", result.efforts_updated),
            ("  phase {}: {}create", result.phases_created),
            ("  phase {}: {}update", result.phases_updated),
            ("  + {}: {}create", result.created),
        ]
        for line, slugs in lines:
            for slug in slugs:
                self.stdout.write(line.format(slug, verb))
        for slug in result.updated:
            self.stdout.write(f"  ~ {slug}: {verb}update {', '.join(result.changes[slug])}")
        style = self.style.SUCCESS if result.changed or result.dry_run else self.style.NOTICE
        self.stdout.write(style(prefix + result.summary()))

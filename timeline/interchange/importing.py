"""Importing: a file's records validated, then written in one transaction.

A preview (`dry_run`) runs exactly the code an import runs, writes included,
inside a transaction that is rolled back: whatever the import would refuse,
the preview refuses too, with the same located problems.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from .json_reader import parse_payload
from .parsed import ParsedFile
from .planning import plan_import
from .problems import ImportRejected, Problem
from .reading import read_file
from .writing import ImportResult, write


def apply(
    parsed: ParsedFile,
    *,
    dry_run: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    refuse: Callable[[ImportResult], list[Problem]] | None = None,
) -> ImportResult:
    """Validate every record, then create or update by slug in one
    transaction, rolled back when `dry_run`.  Raises ImportRejected listing
    every problem, having written nothing.  `progress(stage, done, total)` is
    called as rows are validated ("validate") and saved ("save").
    `refuse(result)` may list problems with what the file would change (an
    account's permissions, say): the import is then rolled back and refused,
    so one run both checks and writes."""
    with translation.override(settings.LANGUAGE_CODE):  # a record's unsuffixed texts are the English ones
        return _apply(parsed, dry_run=dry_run, progress=progress, refuse=refuse)


def _apply(parsed: ParsedFile, *, dry_run: bool, progress, refuse) -> ImportResult:
    plan = plan_import(parsed, progress=progress)
    with transaction.atomic():
        result = write(plan, progress=progress)
        if refuse and (problems := refuse(result)):
            raise ImportRejected(problems)
        if dry_run:
            transaction.set_rollback(True)
    if dry_run:
        result.dry_run = True
        result.created_ids, result.updated_ids = [], []  # keys of rows that were rolled back
    return result


def import_file(data: bytes, *, fmt: str | None = None, filename: str = "", dry_run: bool = False, progress=None):
    """Validate a whole JSON or CSV file, then create or update by slug.
    Raises ImportRejected listing every problem; writes nothing then."""
    return apply(read_file(data, fmt=fmt, filename=filename), dry_run=dry_run, progress=progress)


def import_payload(payload: Any, *, dry_run: bool = False, progress=None) -> ImportResult:
    """The same for an already decoded JSON document (the seed file)."""
    return apply(parse_payload(payload), dry_run=dry_run, progress=progress)

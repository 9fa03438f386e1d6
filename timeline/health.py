"""What /healthz checks: that this process can read, quickly, the tables the
pages read.

`SELECT 1` is not enough: it never touches a SQLite file, so it succeeds while
another process holds the file locked, after the file was moved away or with
its header corrupted, and every page fails.  So the check reads the data
version row (every page reads it first) and one row of events, each within a
short timeout: SQLite's busy timeout, PostgreSQL's statement timeout, set for
these queries only.  Connecting to PostgreSQL is bounded by `connect_timeout`
(settings).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import Error, connections, transaction

logger = logging.getLogger(__name__)

QUERY_TIMEOUT_MS = 1000  # per query: two queries and a connection stay within about 3 s


def _read_data_version() -> None:
    from .models import DataVersion

    list(DataVersion.objects.filter(pk=1).values_list("token", flat=True))


def _read_events() -> None:
    from .models import Event

    list(Event.objects.values_list("pk", flat=True)[:1])


CHECKS = (("data version", _read_data_version), ("events", _read_events))
CHECK_NAMES = ("connection", *(name for name, _ in CHECKS))


def failed_check(alias: str = "default") -> str | None:
    """The name of the first check that fails ("connection", "data version",
    "events"), or None when the pages can read their data.  The error goes to
    the log, in one line, never to the response."""
    connection = connections[alias]
    check = "connection"
    try:
        connection.ensure_connection()
        with _bounded(connection, QUERY_TIMEOUT_MS):
            for name, read in CHECKS:
                check = name
                read()
    except Error as error:
        logger.error("Health check failed (%s): %s", check, " ".join(str(error).split()))
        return check
    return None


@contextmanager
def _bounded(connection, timeout_ms: int) -> Iterator[None]:
    """Queries inside give up after `timeout_ms` instead of waiting for a lock
    (or a stuck server) as long as the pages' own queries would."""
    if connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            # set_config(…, true) is SET LOCAL: it ends with this transaction,
            # or is put back here when the transaction is an outer one's savepoint.
            cursor.execute("SELECT current_setting('statement_timeout')")
            (previous,) = cursor.fetchone()
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [f"{timeout_ms}ms"])
            yield
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [previous])
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout")
            (previous,) = cursor.fetchone()
            cursor.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
            try:
                yield
            finally:
                cursor.execute(f"PRAGMA busy_timeout = {int(previous)}")
    else:
        yield

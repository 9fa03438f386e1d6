"""Logging filters for the settings' LOGGING."""

from __future__ import annotations

import logging

MAX_LINE = 200


def one_short_line(record: logging.LogRecord) -> bool:
    """Log `record` as its message alone, cut to MAX_LINE characters, without
    the traceback: for errors whose message says everything (a refused Host
    header) and whose text a client chooses (a Host header can be 8 kB)."""
    message = " ".join(record.getMessage().split())
    record.msg = message if len(message) <= MAX_LINE else message[: MAX_LINE - 1] + "…"
    record.args = ()
    record.exc_info = record.exc_text = record.stack_info = None
    return True

"""Reading a JSON file in the interchange shape into records.

Any JSON value is read without a crash: an integer too long for Python to
read (over 4,300 digits) is kept as a LongInteger, NaN and Infinity as
floats, so that each is refused later, at its row and field, by the field
that expected something else.  Only a document nested too deeply to read at
all is refused as a whole.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .parsed import JsonNames, ParsedFile
from .problems import ImportRejected, Problem, reject
from .schema import EVENT_FIELDS, EVENT_IMPORT_ONLY_FIELDS, MAX_IMPORT_ROWS, SCHEMA, SOURCE_FIELDS

LONGEST_INTEGER = 100  # digits: far beyond any number the format accepts
DOCUMENT_KEYS = ("schema", "efforts", "phases", "events")


class LongInteger(int):
    """An integer literal too long to read as written.  It stands in as
    ±10**100, outside every accepted range, and remembers its length for the
    message."""

    def __new__(cls, literal: str):
        bound = 10**LONGEST_INTEGER
        number = super().__new__(cls, -bound if literal.startswith("-") else bound)
        number.digits = len(literal.lstrip("-"))
        return number


def _integer(literal: str) -> int:
    return int(literal) if len(literal) <= LONGEST_INTEGER else LongInteger(literal)


def describe(value: Any) -> str:
    """A JSON value as the file has it, briefly, for a message: "1.5",
    "Infinity", "a list", "the text “3”"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, LongInteger):
        return f"a number {value.digits:,} digits long"
    if isinstance(value, int):
        return str(value) if value.bit_length() <= 332 else "a number over 100 digits long"  # 2**332 < 10**100
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return ("-Infinity" if value < 0 else "Infinity") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return f"the text “{value[:40]}”"
    return "a list" if isinstance(value, list) else "an object"


def parse_json(text: str) -> ParsedFile:
    try:
        payload = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise reject("file", f"not valid JSON: {exc.msg} (line {exc.lineno}, character {exc.colno}).") from None
    except RecursionError:
        raise reject("file", "the JSON is nested too deeply.") from None
    return parse_payload(payload)


def _document_problems(payload: dict) -> list[Problem]:
    problems = [
        Problem(None, "file", f"unknown key “{str(key)[:40]}”: the keys are schema, efforts, phases and events.")
        for key in payload
        if key not in DOCUMENT_KEYS
    ]
    schema = payload.get("schema", SCHEMA)
    if schema != SCHEMA:
        shown = schema[:40] if isinstance(schema, str) else describe(schema)
        problems.append(Problem(None, "schema", f"unsupported schema “{shown}”; expected {SCHEMA}."))
    if not isinstance(payload.get("events"), list):
        problems.append(Problem(None, "events", "expected a list of events."))
    for key in ("efforts", "phases"):
        if not isinstance(payload.get(key) or [], list):
            problems.append(Problem(None, key, "expected a list."))
    return problems


def _size_problem(payload: dict) -> ImportRejected | None:
    records = payload["events"]
    if not records and not payload.get("efforts") and not payload.get("phases"):
        return reject("events", "the file holds no events.")
    for key, what in (("events", "events"), ("efforts", "sides"), ("phases", "phases")):
        count = len(payload.get(key) or [])
        if count > MAX_IMPORT_ROWS:
            return reject(key, f"{count:,} {what}; an import holds at most {MAX_IMPORT_ROWS:,}.")
    return None


def _record_problems(row: int, record: Any, names: JsonNames) -> list[Problem]:
    """Fields unknown or missing in one event record (their values are checked later)."""
    if not isinstance(record, dict):
        return [Problem(row, "", "each event must be an object with named fields.")]
    fields, source_fields = ", ".join(EVENT_FIELDS), ", ".join(SOURCE_FIELDS)
    problems = [
        Problem(row, str(key)[:40], f"unknown field; the fields are {fields}.")
        for key in record
        if key not in EVENT_FIELDS and key not in EVENT_IMPORT_ONLY_FIELDS
    ]
    problems += [
        Problem(row, key, 'missing field (write "", [] or null for none).') for key in EVENT_FIELDS if key not in record
    ]
    sources = record.get("sources")
    for index, source in enumerate(sources if isinstance(sources, list) else [], start=1):
        if isinstance(source, dict):
            problems += [
                Problem(row, names.source(index, str(key)[:40]), f"unknown field; the fields are {source_fields}.")
                for key in source
                if key not in SOURCE_FIELDS
            ]
    return problems


def parse_payload(payload: Any) -> ParsedFile:
    """A decoded JSON document in the interchange shape."""
    if not isinstance(payload, dict):
        raise reject("file", f"expected a JSON object with “schema” and “events”, as {SCHEMA} exports are.")
    if problems := _document_problems(payload):
        raise ImportRejected(problems)
    if refusal := _size_problem(payload):
        raise refusal
    records = payload["events"]
    names = JsonNames()
    problems = [p for row, record in enumerate(records, start=1) for p in _record_problems(row, record, names)]
    if problems:
        raise ImportRejected(problems)
    return ParsedFile(
        format="json",
        events=records,
        rows=list(range(1, len(records) + 1)),
        names=[names] * len(records),
        efforts=payload.get("efforts") or [],
        phases=payload.get("phases") or [],
    )

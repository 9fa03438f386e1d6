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

from . import legacy
from .parsed import JsonNames, ParsedFile
from .problems import ImportRejected, Problem, reject
from .schema import (
    EVENT_FIELDS,
    EVENT_IMPORT_ONLY_FIELDS,
    EVENT_TRANSLATIONS,
    MAX_IMPORT_ROWS,
    SCHEMA,
    SCHEMA_V1,
    SCHEMAS,
    SOURCE_FIELDS,
    STATEMENT_FIELDS,
    V1_EVENT_FIELDS,
    V1_SOURCE_FIELDS,
)

LONGEST_INTEGER = 100  # digits: far beyond any number the format accepts
DOCUMENT_KEYS = ("schema", "efforts", "phases", "events", "statements")


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
        Problem(
            None, "file", f"unknown key “{str(key)[:40]}”: the keys are schema, efforts, phases, events and statements."
        )
        for key in payload
        if key not in DOCUMENT_KEYS or (key == "statements" and payload.get("schema") == SCHEMA_V1)
    ]
    schema = payload.get("schema", SCHEMA)
    if schema not in SCHEMAS:
        shown = schema[:40] if isinstance(schema, str) else describe(schema)
        problems.append(
            Problem(None, "schema", f"unsupported schema “{shown}”; expected {SCHEMA} (or the older {SCHEMA_V1}).")
        )
    if not isinstance(payload.get("events"), list):
        problems.append(Problem(None, "events", "expected a list of events."))
    for key in ("efforts", "phases", "statements"):
        if not isinstance(payload.get(key) or [], list):
            problems.append(Problem(None, key, "expected a list."))
    return problems


def _size_problem(payload: dict) -> ImportRejected | None:
    records = payload["events"]
    if not records and not any(payload.get(key) for key in ("efforts", "phases", "statements")):
        return reject("events", "the file holds no events.")
    for key, what in (("events", "events"), ("efforts", "sides"), ("phases", "phases"), ("statements", "statements")):
        count = len(payload.get(key) or [])
        if count > MAX_IMPORT_ROWS:
            return reject(key, f"{count:,} {what}; an import holds at most {MAX_IMPORT_ROWS:,}.")
    return None


def _record_problems(row: int, record: Any, names: JsonNames, v1: bool) -> list[Problem]:
    """Fields unknown or missing in one event record (their values are checked later)."""
    if not isinstance(record, dict):
        return [Problem(row, "", "each event must be an object with named fields.")]
    event_fields = V1_EVENT_FIELDS if v1 else EVENT_FIELDS
    fields = f"{', '.join(event_fields)}, and optionally {', '.join(EVENT_TRANSLATIONS)}"
    problems = [
        Problem(row, str(key)[:40], f"unknown field; the fields are {fields}.")
        for key in record
        if key not in event_fields and key not in EVENT_TRANSLATIONS and key not in EVENT_IMPORT_ONLY_FIELDS
    ]
    problems += [
        Problem(row, key, 'missing field (write "", [] or null for none).')
        for key in event_fields
        if key not in record and key != "statements"  # none is none
    ]
    parts = [("sources", V1_SOURCE_FIELDS if v1 else SOURCE_FIELDS, names.source)]
    if not v1:
        parts.append(("statements", STATEMENT_FIELDS, names.own_statement))
    for key, part_fields, name_of in parts:
        listed, values = ", ".join(part_fields), record.get(key)
        for index, value in enumerate(values if isinstance(values, list) else [], start=1):
            if isinstance(value, dict):
                problems += [
                    Problem(row, name_of(index, str(field)[:40]), f"unknown field; the fields are {listed}.")
                    for field in value
                    if field not in part_fields
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
    v1 = payload.get("schema") == SCHEMA_V1
    names = JsonNames()
    problems = [p for row, record in enumerate(records, start=1) for p in _record_problems(row, record, names, v1)]
    if problems:
        raise ImportRejected(problems)
    every_names = [names] * len(records)
    if v1:  # planned dates and claims as statements, reported where the file has them
        upgraded = [legacy.upgrade(record, source_name=names.source) for record in records]
        records = [record for record, _ in upgraded]
        every_names = [JsonNames(origins) for _, origins in upgraded]
    return ParsedFile(
        format="json",
        events=records,
        rows=list(range(1, len(records) + 1)),
        names=every_names,
        efforts=payload.get("efforts") or [],
        phases=payload.get("phases") or [],
        statements=payload.get("statements") if "statements" in payload else None,
    )

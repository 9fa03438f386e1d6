"""Reading a CSV file into the records a JSON file would hold.

Cells are text; each is read back through `csv_unsafe`, so a value the export
defused (a leading apostrophe before a formula sign) is exactly the value
that was exported.  The values themselves are checked later, by the forms,
as JSON values are.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from . import legacy
from .formulas import csv_unsafe
from .parsed import CsvNames, ParsedFile
from .problems import ImportRejected, Problem, reject
from .schema import (
    CSV_EVENT_COLUMNS,
    CSV_OPTIONAL_COLUMNS,
    CSV_V1_COLUMNS,
    EVENT_FIELDS,
    EVENT_TRANSLATIONS,
    MAX_IMPORT_ROWS,
    SOURCE_COLUMN,
    STATEMENT_COLUMN,
    STATEMENT_FIELDS,
    V1_SOURCE_FIELDS,
)


def _read_rows(text: str) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        for cells in csv.reader(io.StringIO(text, newline="")):
            rows.append(cells)
            if len(rows) > MAX_IMPORT_ROWS + 1:
                raise reject("file", f"more than {MAX_IMPORT_ROWS:,} events; an import holds at most that many.")
    except csv.Error as exc:
        raise reject("file", f"row {len(rows) + 1} is not valid CSV ({exc}).") from None
    return rows


def _unknown_columns_problem(header: list[str], unknown: list[str]) -> Problem:
    listed = ", ".join(f"“{name[:40]}”" for name in unknown[:10])
    hint = " This looks like a JSON file: give it a .json name or --format json." if header[0][:1] in "{[" else ""
    return Problem(
        None,
        "header",
        f"unknown column{'s' if len(unknown) > 1 else ''} {listed}. The columns are "
        f"{', '.join(CSV_EVENT_COLUMNS)}, then source_1_url, source_1_publisher, source_1_title, "
        f"source_1_published, source_2_url, ... as many sources as needed, and statement_1_kind, "
        f"statement_1_date, statement_1_approximate, statement_1_wording, statement_1_announced, "
        f"statement_1_publisher, statement_1_url, statement_1_title, statement_2_kind, ... as many "
        f"statements as needed.{hint}",
    )


def _columns(cells: list[str]) -> tuple[dict[str, int], int]:
    """Column name -> index, and the header's width; or every problem with it."""
    header = [cell.strip().lower() for cell in cells]
    while header and not header[-1]:
        header.pop()  # empty columns a spreadsheet may leave at the end
    if not any(header):
        raise reject("header", "the first row must name the columns (slug, effort, title, ...).")
    problems = []
    seen: set[str] = set()
    for name in header:
        if name in seen and name:
            problems.append(Problem(None, "header", f"column “{name[:40]}” appears twice."))
        seen.add(name)
    known = (*CSV_EVENT_COLUMNS, *CSV_V1_COLUMNS)
    unknown = [
        name
        for name in header
        if name not in known and not SOURCE_COLUMN.match(name) and not STATEMENT_COLUMN.match(name)
    ]
    if unknown:
        problems.append(_unknown_columns_problem(header, unknown))
    missing = [name for name in CSV_EVENT_COLUMNS if name not in seen and name not in CSV_OPTIONAL_COLUMNS]
    if missing:
        listed = ", ".join(f"“{name}”" for name in missing)
        problems.append(Problem(None, "header", f"missing column{'s' if len(missing) > 1 else ''} {listed}."))
    if problems:
        raise ImportRejected(problems)
    return {name: index for index, name in enumerate(header)}, len(header)


Groups = dict[int, dict[str, int]]


def _groups(columns: dict[str, int], pattern: re.Pattern) -> Groups:
    """Group number -> {field: column index}, for source_N_* or statement_N_* columns."""
    groups: Groups = {}
    for name, index in columns.items():
        if match := pattern.match(name):
            groups.setdefault(int(match["n"]), {})[match["field"]] = index
    return dict(sorted(groups.items()))


def _filled(cells: list[str], groups: Groups, fields: list[str]) -> tuple[list[dict[str, Any]], list[int]]:
    """The groups of a row with anything in them, as records, and their numbers."""
    found, numbers = [], []
    for n, columns in groups.items():
        values = {name: csv_unsafe(cells[index]) for name, index in columns.items()}
        if any(value.strip() for value in values.values()):
            found.append({name: values.get(name) or None for name in fields})
            numbers.append(n)
    return found, numbers


def _record(cells: list[str], columns: dict[str, int], sources: Groups, statements: Groups) -> tuple[dict, CsvNames]:
    """One row as the event record a JSON file would hold (the old layout's
    planned and claimed columns as statements, `legacy`)."""

    def cell(name: str) -> str:
        return csv_unsafe(cells[columns[name]]) if name in columns else ""

    image = {"alt": cell("image_alt"), "caption": cell("image_caption"), "credit": cell("image_credit")}
    source_records, source_numbers = _filled(cells, sources, V1_SOURCE_FIELDS)
    statement_records, statement_numbers = _filled(cells, statements, STATEMENT_FIELDS)
    for statement in statement_records:
        statement["approximate"] = statement["approximate"] or ""  # an empty cell is false
    record = {
        **{name: cell(name) for name in EVENT_FIELDS if name in columns},
        "end": cell("end") or None,
        "planned": cell("planned") or None,
        "planned_by": cell("planned_by"),
        "people": [p.strip() for p in re.split(r"[;\n]", cell("people")) if p.strip()],
        "image": image if any(image.values()) else None,
        "sources": source_records,
        "statements": statement_records,
    }
    for name in EVENT_TRANSLATIONS:  # only the columns the file has: the others keep their stored text
        if name in columns:
            record[name] = cell(name)
    if "people_ru" in record:
        record["people_ru"] = [p.strip() for p in re.split(r"[;\n]", record["people_ru"]) if p.strip()]
    names = CsvNames(source_numbers, statement_numbers)
    record, names.origins = legacy.upgrade(record, source_name=names.source)
    return record, names


def parse_csv(text: str) -> ParsedFile:
    rows = _read_rows(text)
    columns, width = _columns(rows[0])
    sources, statements = _groups(columns, SOURCE_COLUMN), _groups(columns, STATEMENT_COLUMN)
    problems: list[Problem] = []
    records, numbers, names = [], [], []
    for row, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines spreadsheets leave behind
        if len(cells) < width or any(cell.strip() for cell in cells[width:]):
            problems.append(Problem(row, "", f"{len(cells)} cells, but the header has {width} columns."))
            continue
        record, row_names = _record(cells, columns, sources, statements)
        records.append(record)
        numbers.append(row)
        names.append(row_names)
    if problems:
        raise ImportRejected(problems)
    if not records:
        raise reject("file", "the file has a header row but no events.")
    return ParsedFile(format="csv", events=records, rows=numbers, names=names)

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

from .formulas import csv_unsafe
from .parsed import CsvNames, ParsedFile
from .problems import ImportRejected, Problem, reject
from .schema import (
    CSV_EVENT_COLUMNS,
    CSV_OPTIONAL_COLUMNS,
    EVENT_FIELDS,
    EVENT_TRANSLATIONS,
    MAX_IMPORT_ROWS,
    SOURCE_COLUMN,
    SOURCE_FIELDS,
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
        f"source_1_published, source_1_claimed, source_2_url, ... as many sources as needed.{hint}",
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
    unknown = [name for name in header if name not in CSV_EVENT_COLUMNS and not SOURCE_COLUMN.match(name)]
    if unknown:
        problems.append(_unknown_columns_problem(header, unknown))
    missing = [name for name in CSV_EVENT_COLUMNS if name not in seen and name not in CSV_OPTIONAL_COLUMNS]
    if missing:
        listed = ", ".join(f"“{name}”" for name in missing)
        problems.append(Problem(None, "header", f"missing column{'s' if len(missing) > 1 else ''} {listed}."))
    if problems:
        raise ImportRejected(problems)
    return {name: index for index, name in enumerate(header)}, len(header)


def _source_groups(columns: dict[str, int]) -> dict[int, dict[str, int]]:
    """Source group number -> {field: column index}, for source_N_* columns."""
    groups: dict[int, dict[str, int]] = {}
    for name, index in columns.items():
        if match := SOURCE_COLUMN.match(name):
            groups.setdefault(int(match["n"]), {})[match["field"]] = index
    return dict(sorted(groups.items()))


def _record(cells: list[str], columns: dict[str, int], groups: dict[int, dict[str, int]]) -> tuple[dict, CsvNames]:
    """One row as the event record a JSON file would hold."""

    def cell(name: str) -> str:
        return csv_unsafe(cells[columns[name]]) if name in columns else ""

    image = {"alt": cell("image_alt"), "caption": cell("image_caption"), "credit": cell("image_credit")}
    sources: list[dict[str, Any]] = []
    numbers: list[int] = []
    for n, fields in groups.items():
        values = {name: csv_unsafe(cells[index]) for name, index in fields.items()}
        if any(value.strip() for value in values.values()):
            sources.append({name: values.get(name) or None for name in SOURCE_FIELDS})
            numbers.append(n)
    record = {
        **{name: cell(name) for name in EVENT_FIELDS if name in columns},
        "end": cell("end") or None,
        "planned": cell("planned") or None,
        "people": [p.strip() for p in re.split(r"[;\n]", cell("people")) if p.strip()],
        "image": image if any(image.values()) else None,
        "sources": sources,
    }
    for name in EVENT_TRANSLATIONS:  # only the columns the file has: the others keep their stored text
        if name in columns:
            record[name] = cell(name)
    if "people_ru" in record:
        record["people_ru"] = [p.strip() for p in re.split(r"[;\n]", record["people_ru"]) if p.strip()]
    return record, CsvNames(numbers)


def parse_csv(text: str) -> ParsedFile:
    rows = _read_rows(text)
    columns, width = _columns(rows[0])
    groups = _source_groups(columns)
    problems: list[Problem] = []
    records, numbers, names = [], [], []
    for row, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue  # blank lines spreadsheets leave behind
        if len(cells) < width or any(cell.strip() for cell in cells[width:]):
            problems.append(Problem(row, "", f"{len(cells)} cells, but the header has {width} columns."))
            continue
        record, row_names = _record(cells, columns, groups)
        records.append(record)
        numbers.append(row)
        names.append(row_names)
    if problems:
        raise ImportRejected(problems)
    if not records:
        raise reject("file", "the file has a header row but no events.")
    return ParsedFile(format="csv", events=records, rows=numbers, names=names)

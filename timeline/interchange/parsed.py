"""A file read into records: what the readers hand to the import.

JSON and CSV files become the same JSON-shaped records (a CSV row becomes the
event record the JSON would hold), each kept with its row number and with the
names its format gives to each field, so that one model rule is reported in
the file's own terms: "image.alt" in JSON, "image_alt" in CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class _Statements:
    """A statement's field as the file wrote it: a statement the old schema's
    fields became (`legacy`) is reported at those fields."""

    origins: dict[int, tuple[str, str]]

    def statement(self, index: int, name: str = "") -> str:
        if index in self.origins:
            date_field, other = self.origins[index]
            return date_field if name == "date" else other
        return self.own_statement(index, name)


class JsonNames(_Statements):
    """Field names as a JSON file writes them."""

    FIELDS = {"image_alt": "image.alt", "image_caption": "image.caption", "image_credit": "image.credit"}

    def __init__(self, origins: dict[int, tuple[str, str]] | None = None):
        self.origins = origins or {}

    def field(self, name: str) -> str:
        return self.FIELDS.get(name, name)

    def source(self, index: int, name: str = "") -> str:
        return f"sources[{index}].{name}" if name else f"sources[{index}]"

    def own_statement(self, index: int, name: str = "") -> str:
        return f"statements[{index}].{name}" if name else f"statements[{index}]"


class CsvNames(_Statements):
    """Column names as a CSV file writes them, for one row."""

    def __init__(self, groups: list[int], statement_groups: list[int] | None = None, origins=None):
        self.groups = groups  # the CSV source group number of each source, in order
        self.statement_groups = statement_groups or []  # and of each statement
        self.origins = origins or {}

    def field(self, name: str) -> str:
        return {"sources": "source columns", "statements": "statement columns"}.get(name, name)

    def source(self, index: int, name: str = "") -> str:
        n = self.groups[index - 1] if index <= len(self.groups) else index
        return f"source_{n}_{name}" if name else f"source_{n}_*"

    def own_statement(self, index: int, name: str = "") -> str:
        own = index - len(self.origins)  # the file's own statement groups follow the converted ones
        n = self.statement_groups[own - 1] if 0 < own <= len(self.statement_groups) else index
        return f"statement_{n}_{name}" if name else f"statement_{n}_*"


@dataclass
class ParsedFile:
    """A file read into JSON-shaped records, each with the row number and
    column names to report problems in."""

    format: str
    events: list[Any]
    rows: list[int]
    names: list[Any]
    efforts: list[Any] = field(default_factory=list)
    phases: list[Any] = field(default_factory=list)
    statements: list[Any] | None = None  # a side's plans for milestones with no event; None: the file has none

"""A file read into records: what the readers hand to the import.

JSON and CSV files become the same JSON-shaped records (a CSV row becomes the
event record the JSON would hold), each kept with its row number and with the
names its format gives to each field, so that one model rule is reported in
the file's own terms: "image.alt" in JSON, "image_alt" in CSV.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class JsonNames:
    """Field names as a JSON file writes them."""

    FIELDS = {"image_alt": "image.alt", "image_caption": "image.caption", "image_credit": "image.credit"}

    def field(self, name: str) -> str:
        return self.FIELDS.get(name, name)

    def source(self, index: int, name: str = "") -> str:
        return f"sources[{index}].{name}" if name else f"sources[{index}]"


class CsvNames:
    """Column names as a CSV file writes them, for one row."""

    def __init__(self, groups: list[int]):
        self.groups = groups  # the CSV source group number of each source, in order

    def field(self, name: str) -> str:
        return "source columns" if name == "sources" else name

    def source(self, index: int, name: str = "") -> str:
        n = self.groups[index - 1] if index <= len(self.groups) else index
        return f"source_{n}_{name}" if name else f"source_{n}_*"


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

"""What is wrong with an imported file, located for the editor who must fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an imported file.

    `row` is the event's row: for CSV the spreadsheet row (the header is row
    1), for JSON the event's position in "events" (the first is row 1).
    `column` names the CSV column or JSON field ("sources[2].url",
    "efforts[1].order"); for a problem with the file as a whole, `row` is None
    and `column` says what ("file", "header", ...)."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.column}: {self.message}"
        if not self.column:
            return f"row {self.row}: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"


class ImportRejected(Exception):
    """The file was refused, every problem listed, and nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def reject(column: str, message: str) -> ImportRejected:
    """A refusal for the file as a whole."""
    return ImportRejected([Problem(None, column, message)])

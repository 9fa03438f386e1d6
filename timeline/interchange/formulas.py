"""Spreadsheet formulas defused in CSV cells, losslessly.

A spreadsheet that opens a CSV runs a cell as a formula when it starts with
= + - or @ (OWASP, "CSV Injection"), and a tab or a carriage return at the
start can lead to the same.  Spreadsheets also skip leading spaces before
deciding ("  =1+1" is a formula in some of them), and East Asian input gives
the full-width signs ＝ ＋ － ＠, which some spreadsheets read as their ASCII
twins.  Such a cell is written with a leading apostrophe, which spreadsheets
take as "this is text" and do not show.

So that every string survives export and import exactly, a cell whose text
already starts with apostrophes before such a sign gets one more, and the
import takes exactly one away from any cell written that way.
"""

from __future__ import annotations

FORMULA_SIGNS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
FORMULA_TRIGGERS = (*FORMULA_SIGNS, "\t", "\r")  # what a cell may not start with, undefused


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula: it starts with a
    tab or a carriage return, or with a sign after any leading whitespace."""
    return text.startswith(("\t", "\r")) or text.lstrip().startswith(FORMULA_SIGNS)


def csv_safe(text: str) -> str:
    """`text` as a CSV cell no spreadsheet runs; `csv_unsafe` restores it exactly."""
    if looks_like_formula(text.lstrip("'")):
        return "'" + text
    return text


def csv_unsafe(text: str) -> str:
    """The inverse of `csv_safe`."""
    if text.startswith("'") and looks_like_formula(text.lstrip("'")):
        return text[1:]
    return text

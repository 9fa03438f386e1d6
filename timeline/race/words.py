"""The comparison's words: counts, dates short enough for a phone, durations as a reader says them.

The duration words themselves live with the dates they measure
(`timeline.precision`); they are named here too, for the race's readers."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import pgettext

from ..durations import add_months, clock_words, duration_words, plural, span_words, whole_months
from ..gaps import Window
from ..precision import MONTHS_SHORT, Precision, as_utc, covered_interval, format_date, format_span

__all__ = [
    "add_months",
    "at_most_day",
    "clock_words",
    "day_text",
    "duration_words",
    "plural",
    "short_date",
    "span_words",
    "when_words",
    "whole_months",
    "window_text",
]

_COARSER = (Precision.DAY, Precision.MONTH, Precision.YEAR)


def short_date(value: dt.datetime, precision: str) -> str:
    """Like precision.format_date, with short month names at month precision
    ("Oct 2021"), for a table that must fit a phone."""
    if Precision(precision) is Precision.MONTH:
        value = as_utc(value)
        return f"{MONTHS_SHORT[value.month - 1]} {value.year}"
    return format_date(value, precision)


def day_text(day: dt.date) -> str:
    """ "6 Oct 2021" """
    return format_date(dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC), Precision.DAY)


def at_most_day(precision: str) -> str:
    return Precision.DAY if Precision(precision) is Precision.MINUTE else precision


def _precision_of(window: Window) -> Precision | None:
    """The precision whose one date `window` is, if it is one."""
    if window.point:
        return Precision.MINUTE
    for precision in _COARSER:
        if covered_interval(window.start, precision) == (window.start, window.end):
            return precision
    return None


def window_text(window: Window) -> str:
    """A window as a date when it is one ("17 Oct 2021, 04:35 UTC", "Oct 2021"),
    else its first and last day ("16–31 Oct 2021")."""
    precision = _precision_of(window)
    if precision is not None:
        return short_date(window.start, precision)
    if _timed_start(window):
        return f"{format_date(window.start, Precision.MINUTE)} – {day_text(window.last_day)}"
    last = dt.datetime.combine(window.last_day, dt.time.min, tzinfo=dt.UTC)
    return format_span(window.start, Precision.DAY, last, Precision.DAY)


def when_words(window: Window) -> str:
    """The same said to the day at most, as the end of a sentence: "on 17 Oct
    2021", "in Oct 2021", "between 16 Oct 2021 and 31 Oct 2021"."""
    precision = _precision_of(window)
    if precision in (Precision.MINUTE, Precision.DAY):
        return pgettext("when, ending a sentence: on 17 Oct 2021", "on %(day)s") % {"day": day_text(window.first_day)}
    if precision is not None:
        return pgettext("when, ending a sentence: in Oct 2021", "in %(date)s") % {
            "date": short_date(window.start, precision)
        }
    start = format_date(window.start, Precision.MINUTE) if _timed_start(window) else day_text(window.first_day)
    return pgettext("when, ending a sentence", "between %(start)s and %(end)s") % {
        "start": start,
        "end": day_text(window.last_day),
    }


def _timed_start(window: Window) -> bool:
    return window.timed and window.start != covered_interval(window.start, Precision.DAY)[0]

"""Where things sit: dates as Plotly reads them, a marker's place in the
interval its date covers, the x range.  Every mark of a lane sits on the
lane's one line (its symbol says its kind), which leaves the room above and
below it to the marks' labels."""

from __future__ import annotations

import datetime as dt

from .. import precision as prec
from ..precision import Precision
from .inputs import ChartInput


def is_approximate(precision: str) -> bool:
    """A date known only to the month or year."""
    return Precision(precision) in (Precision.MONTH, Precision.YEAR)


def marker_position(value: dt.datetime, precision: str) -> dt.datetime:
    """Where a marker sits: the exact minute, or the middle of a day, month or year."""
    if Precision(precision) is Precision.MINUTE:
        return prec.as_utc(value)
    start, until = prec.covered_interval(value, precision)
    return start + (until - start) / 2


def plotly_date(value: dt.datetime | dt.date) -> str:
    """A UTC instant as Plotly reads it on a date axis (naive, UTC by convention)."""
    # isoformat, not strftime: strftime writes the year 21 as "21" on Linux, which Plotly misreads.
    if isinstance(value, dt.datetime):
        return prec.as_utc(value).replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    return value.isoformat()


def milliseconds(delta: dt.timedelta) -> int:
    return int(delta.total_seconds() * 1000)


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def day_after(day: dt.date) -> dt.datetime:
    """The first instant after `day` (the last instant Python holds, after 31 December 9999)."""
    return prec.shifted(midnight(day), dt.timedelta(days=1))


def chart_range(data: ChartInput) -> tuple[dt.datetime, dt.datetime] | None:
    """The x range: every event's covered interval and plan, padded a little.
    Phases count only when there are no events (a phase may run for years)."""
    bounds: list[dt.datetime] = []
    for event in data.events:
        bounds += event.interval
        if event.has_plan:
            bounds += prec.covered_interval(event.planned, event.planned_precision)
    if not bounds:
        for phase in data.phases:
            bounds += [midnight(phase.start), day_after(phase.end)]
    if not bounds:
        return None
    low, high = min(bounds), max(bounds)
    pad = max((high - low) * 0.03, dt.timedelta(days=2))
    # Clamped at the ends of Python's calendar: a row that bypassed the
    # model's date range (year 1, year 9999) must not take the page down.
    return prec.shifted(low, -pad), prec.shifted(high, pad)

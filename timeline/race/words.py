"""The comparison's words: counts, dates short enough for a phone, durations as a reader says them."""

from __future__ import annotations

import calendar
import datetime as dt

from ..precision import MONTHS_SHORT, Precision, as_utc, format_date


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


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


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from `start` to `end` (end >= start)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    return months


def duration_words(start: dt.date, end: dt.date) -> str:
    """A duration as a reader says it: days under two months, then months,
    then years and months.  "45 days", "4 months", "1 year 4 months"."""
    if end < start:
        start, end = end, start
    months = whole_months(start, end)
    if months < 2:
        return plural((end - start).days, "day")
    if months < 12:
        return plural(months, "month")
    years, rest = divmod(months, 12)
    return plural(years, "year") + (f" {plural(rest, 'month')}" if rest else "")


def clock_words(delta: dt.timedelta) -> str:
    """Under a day: "3 hours 27 minutes", "40 minutes"."""
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = ([plural(hours, "hour")] if hours else []) + ([plural(minutes, "minute")] if minutes or not hours else [])
    return " ".join(parts)


def span_words(delta: dt.timedelta) -> str:
    """A flight's length to the minute: "11 days 19 h 40 min"."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    text = plural(days, "day")
    if hours or minutes:
        text += f" {hours} h {minutes:02d} min"
    return text

"""The one accepted range of dates, for every date the site stores.

Nothing in this story is older than Sputnik (4 October 1957), and nothing is
planned past 2100.  The model refuses any date outside this range (event
start, end and planned dates, source dates, phases), so admin, import and any
later path refuse the same values; every date computation (chart padding,
ranges, gaps, calendars) can then rely on it, with room to spare at both ends
of Python's own calendar.

Plain values, no Django: the filters, the race and the chart read them too.
"""

from __future__ import annotations

import datetime as dt

DATE_MIN = dt.date(1957, 10, 4)  # Sputnik
DATE_MAX = dt.date(2100, 12, 31)

# The same bounds as instants (UTC): the first and the last minute of the range.
DATETIME_MIN = dt.datetime.combine(DATE_MIN, dt.time.min, tzinfo=dt.UTC)
DATETIME_MAX = dt.datetime.combine(DATE_MAX, dt.time(23, 59), tzinfo=dt.UTC)


def range_text() -> str:
    """The range as editors and readers read it: "1957-10-04 … 2100-12-31"."""
    return f"{DATE_MIN:%Y-%m-%d} … {DATE_MAX:%Y-%m-%d}"


def in_range(value: dt.date | dt.datetime) -> bool:
    """True when `value` (a date, or an instant taken in UTC) lies in the range."""
    if isinstance(value, dt.datetime):
        day = (value if value.tzinfo is None else value.astimezone(dt.UTC)).date()
    else:
        day = value
    return DATE_MIN <= day <= DATE_MAX

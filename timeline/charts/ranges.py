"""The chart's visible range as it travels in the URL (`?range=`), and the
range buttons above the chart.

    ?range=all                      everything (the default: left out of the URL)
    ?range=2021                     one year
    ?range=2021-10                  one month
    ?range=2021-10-01..2021-10-20   from one day to another, both included

A view is a pair of days: the first shown and the day after the last, so a
year is (1 Jan, 1 Jan of the next year).  Zooming or panning the chart
rewrites the value (a preset's own value when the view is one); a reload,
Back and Forward and a shared link show the same range again, because the
server draws the first paint with it.  Plain values; the words a reader
sees (button labels, errors) are in the request's language.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext, gettext_lazy, pgettext

from ..bounds import DATE_MAX, DATE_MIN
from ..precision import MONTHS_SHORT
from .positions import midnight, plotly_date

View = tuple[dt.date, dt.date]  # first day shown, day after the last

ALL = "all"
RANGE_HELP = gettext_lazy(
    "Give the range as all, a year (2021), a month (2021-10) or two days (2021-10-01..2021-10-20)."
)

# The range buttons above the chart after "All": (first day, day after the last).
DEFAULT_PERIODS: tuple[tuple[dt.date, dt.date], ...] = (
    (dt.date(2020, 1, 1), dt.date(2021, 1, 1)),
    (dt.date(2021, 1, 1), dt.date(2022, 1, 1)),
    (dt.date(2021, 10, 1), dt.date(2021, 11, 1)),
    (dt.date(2023, 1, 1), dt.date(2024, 1, 1)),
)

_YEAR = re.compile(r"(\d{4})", re.ASCII)  # ASCII: "٢٠٢١" is no year in a URL
_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_DAYS = re.compile(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", re.ASCII)


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def parse_view(text: str) -> View | None:
    """The view `text` names; None for "all".  Raises ValueError saying what is wrong."""
    text = text.strip().lower()
    if text == ALL:
        return None
    try:
        if match := _YEAR.fullmatch(text):
            first = dt.date(int(match[1]), 1, 1)
            view = first, dt.date(first.year + 1, 1, 1)
        elif match := _MONTH.fullmatch(text):
            first = dt.date(int(match[1]), int(match[2]), 1)
            view = first, _next_month(first)
        elif match := _DAYS.fullmatch(text):
            first, last = dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
            view = first, last + dt.timedelta(days=1)
        else:
            raise ValueError(str(RANGE_HELP))
    except (ValueError, OverflowError) as error:
        if str(error) == str(RANGE_HELP):
            raise
        raise ValueError(
            gettext("“%(text)s” is not a date. %(help)s") % {"text": text[:40], "help": RANGE_HELP}
        ) from None
    if view[1] <= view[0]:
        raise ValueError(gettext("The range must end on or after the day it starts."))
    if view[0] < DATE_MIN or view[1] > DATE_MAX + dt.timedelta(days=1):
        raise ValueError(
            gettext("Choose a range between %(first)s and %(last)s.")
            % {"first": f"{DATE_MIN:%Y-%m-%d}", "last": f"{DATE_MAX:%Y-%m-%d}"}
        )
    return view


def view_value(view: View | None) -> str:
    """The canonical `?range=` value of a view (the inverse of `parse_view`)."""
    if view is None:
        return ALL
    first, after = view
    if first.month == first.day == 1 and after == dt.date(first.year + 1, 1, 1):
        return f"{first.year:04d}"
    if first.day == 1 and after == _next_month(first):
        return f"{first:%Y-%m}"
    return f"{first.isoformat()}..{(after - dt.timedelta(days=1)).isoformat()}"


def range_buttons(low: dt.datetime, high: dt.datetime) -> list[dict[str, Any]]:
    """ "All" plus the preset periods that overlap the data: {label, value, range} each,
    `range` as Plotly's xaxis.range (the page draws them as buttons above the chart)."""
    buttons = [
        {"label": pgettext("the chart's range", "All"), "value": ALL, "range": [plotly_date(low), plotly_date(high)]}
    ]
    for first, after in DEFAULT_PERIODS:
        start, until = midnight(first), midnight(after)
        if until <= low or start >= high:
            continue
        view = (first, after)
        label = _period_label(view)
        buttons.append({"label": label, "value": view_value(view), "range": [plotly_date(start), plotly_date(until)]})
    return buttons


def _period_label(view: View) -> str:
    """A preset's button: "2021", or a month as a phone has room for it: "Oct 2021", "окт. 2021"."""
    first, after = view
    if after == dt.date(first.year + 1, 1, 1) and first.month == 1:
        return str(first.year)
    return f"{MONTHS_SHORT[first.month - 1]} {first.year}"

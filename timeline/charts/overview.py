"""The overview, for many events.

Thousands of markers, each with its hover text, make a figure of megabytes
that the browser takes seconds to draw.  Past DETAIL_LIMIT events (see
`build_figure`) the chart counts instead: per lane (on the lane's line, as
in the detailed chart), one circle per week, month or quarter whose area is
the number of events in it.  Hovering tells the count; a click asks for that
period (the page's From/To filter), which, narrower, is drawn event by event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext

from .. import precision as prec
from ..precision import Precision
from . import style
from .hover import count_text
from .inputs import ChartEvent, ChartLane
from .positions import day_after, midnight, plotly_date


def overview_bucket(events: Sequence[ChartEvent]) -> str:
    """The overview's period: "week" for events within about a year, "month"
    within three, else "quarter" (at most about 60 circles per kind and lane)."""
    if not events:
        return "month"
    low = min(event.start for event in events)
    high = max(event.start for event in events)
    if high - low <= dt.timedelta(days=400):
        return "week"
    return "month" if high - low <= dt.timedelta(days=3 * 366) else "quarter"


def bucket_range(value: dt.datetime, bucket: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the week (Monday to Sunday), month or quarter holding `value`."""
    day = prec.as_utc(value).date()
    if bucket == "week":
        first = day - dt.timedelta(days=day.weekday())  # 1 January of the year 1 was a Monday
        last = dt.date.max if first > dt.date.max - dt.timedelta(days=6) else first + dt.timedelta(days=6)
        return first, last
    first = day.replace(day=1)
    if bucket == "quarter":
        first = first.replace(month=3 * ((day.month - 1) // 3) + 1)
    year, month = divmod(first.year * 12 + first.month - 1 + (3 if bucket == "quarter" else 1), 12)
    if year > dt.MAXYEAR:
        return first, dt.date.max
    return first, dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _bucket_label(first: dt.date, last: dt.date, bucket: str) -> str:
    if bucket == "week":
        return gettext("week of %(day)s") % {"day": prec.format_date(midnight(first), Precision.DAY)}
    if bucket == "quarter":
        return gettext("Q%(quarter)s %(year)s") % {"quarter": (first.month - 1) // 3 + 1, "year": first.year}
    return prec.format_date(midnight(first), Precision.MONTH)


def overview_traces(lane: ChartLane, events: list[ChartEvent], lane_centre: float, bucket: str) -> list[dict]:
    """One trace for the lane: a circle per period, sized by its count, its
    hover text counting each kind."""
    counts: dict[dt.date, dict[str, int]] = {}
    ranges: dict[dt.date, dt.date] = {}
    for event in events:  # one pass: count per period and kind
        first, last = bucket_range(event.start, bucket)
        ranges[first] = last
        kinds = counts.setdefault(first, {})
        kinds[event.kind_label] = kinds.get(event.kind_label, 0) + 1
    circles: dict[str, list[Any]] = {"x": [], "y": [], "size": [], "customdata": []}
    for first, kinds in sorted(counts.items()):
        last = ranges[first]
        circles["x"].append(plotly_date(midnight(first) + (day_after(last) - midnight(first)) / 2))
        circles["y"].append(lane_centre)
        circles["size"].append(sum(kinds.values()))
        text = count_text(lane, kinds, _bucket_label(first, last, bucket))
        circles["customdata"].append(["", text, first.isoformat(), last.isoformat()])
    return [_overview_trace(lane, bucket, circles, max(circles["size"], default=1))]


def _overview_trace(lane: ChartLane, bucket: str, circles: dict[str, list[Any]], biggest: int) -> dict[str, Any]:
    return {
        **style.MARKERS,
        "name": lane.name,
        "meta": {"role": "overview", "lane": lane.slug, "bucket": bucket},
        "x": circles["x"],
        "y": circles["y"],
        "customdata": circles["customdata"],
        "hovertemplate": style.HOVER,
        "hoverlabel": style.hover_label(lane.colour),
        "marker": {
            "size": circles["size"],
            "sizemode": "area",
            "sizeref": 2 * biggest / style.OVERVIEW_MAX_PX**2,
            "sizemin": 4,
            "color": style.translucent(lane.colour, style.OVERVIEW_ALPHA),
            "line": {"color": lane.colour, "width": 1},
        },
        "legendgroup": lane.slug,
        "showlegend": False,
    }

"""The timeline chart: plain values in, a Plotly figure (plain dicts) out.

No ORM, no request, no templates.  `build_figure` takes lanes, events and
phases as the small frozen dataclasses below (see
`timeline.selectors.chart_input` for the adapter from database rows) and returns
``{"data": [...], "layout": {...}, "config": {...}, "narrow": {...}}``,
ready for ``Plotly.react(element, data, layout, config)``; ``narrow`` holds
the top-level layout keys to override on a narrow (phone) screen.

The figure is built as plain dicts rather than through
``plotly.graph_objects``: the validators cost milliseconds per request.  The
tests check the structure against ``plotly.graph_objects.Figure`` instead.

How the chart reads:
- one lane per side, top to bottom in the sides' own order, in the side's
  colour; within a lane each kind of event has its own row, so the two
  sides' launches (or returns) line up across the lanes;
- a point event is a marker whose symbol says its kind; a span (the days in
  orbit, the training) is a bar;
- a date known only to the month or year is drawn over the whole interval it
  covers (a pale band) with its marker in the middle, so it reads as
  approximate; a span's approximate ends are pale, its certain part solid;
- a status other than "happened" is a hollow marker (cancelled: faded);
- a planned date that differs from the record is a hollow marker joined to
  the actual one by a dotted line;
- phases are shaded bands labelled at the top; "today" is a dotted line when
  it falls inside the range;
- hover text is made here, from the same precision-aware helpers as the list,
  and handed to Plotly in `customdata` ([slug, text]) so a click can open the
  event's panel by its slug.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from . import precision as prec
from . import vocabulary
from .precision import Precision

# Marker symbols by kind, and by status the hollow variants and fading: the vocabulary's.
KIND_SYMBOLS = vocabulary.KIND_SYMBOLS
DEFAULT_SYMBOL = vocabulary.DEFAULT_SYMBOL
STATUS_SYMBOL_SUFFIX = {status.value: status.symbol_suffix for status in vocabulary.STATUSES}
STATUS_OPACITY = {status.value: status.opacity for status in vocabulary.STATUSES if status.opacity != 1.0}

# The range buttons above the chart: (label, first day, day after the last).
DEFAULT_PERIODS: tuple[tuple[str, dt.date, dt.date], ...] = (
    ("2020", dt.date(2020, 1, 1), dt.date(2021, 1, 1)),
    ("2021", dt.date(2021, 1, 1), dt.date(2022, 1, 1)),
    ("Oct 2021", dt.date(2021, 10, 1), dt.date(2021, 11, 1)),
    ("2023", dt.date(2023, 1, 1), dt.date(2024, 1, 1)),
)

# Plotly's options: no logo, no cloud ("share") or Chart Studio buttons, no
# selection tools a timeline has no use for, resizes with its container, and
# no scroll-wheel zoom (it would hijack scrolling the page, on phones too).
CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "responsive": True,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    "toImageButtonOptions": {"format": "png", "filename": "space-film-race", "scale": 2},
}

LANE_HEIGHT = 150  # px per lane
CHROME_HEIGHT = 170  # px for the buttons, axis and range slider
KIND_ROW_SPREAD = 0.33  # rows run from +spread (first kind) to -spread (last kind) around a lane's centre
BAR_WIDTH = 0.06
HOVER_WRAP = 42  # characters per hover line: readable on a 375 px phone
PHASE_FILLS = ("#eef1f5", "#f8f9fb")
INK, MUTED = "#1b1b1f", "#555a63"


@dataclass(frozen=True)
class ChartLane:
    """One side of the race, as the chart draws it."""

    slug: str
    name: str
    colour: str  # "#rrggbb"


@dataclass(frozen=True)
class ChartPhase:
    """A named era; `end` is the last day it includes."""

    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class ChartEvent:
    """One published event, as plain values.  Dates are aware UTC datetimes,
    stored as the first instant of their precision (see timeline.precision)."""

    slug: str
    lane: str  # the ChartLane's slug
    title: str
    kind: str
    kind_label: str
    start: dt.datetime
    start_precision: str
    end: dt.datetime | None = None
    end_precision: str = ""
    status: str = "happened"
    status_label: str = "Happened"
    planned: dt.datetime | None = None
    planned_precision: str = ""

    @property
    def is_span(self) -> bool:
        return self.end is not None and bool(self.end_precision)

    @property
    def has_plan(self) -> bool:
        return self.planned is not None and bool(self.planned_precision)

    @property
    def planned_differs(self) -> bool:
        return self.has_plan and (self.planned, self.planned_precision) != (self.start, self.start_precision)

    @property
    def interval(self) -> tuple[dt.datetime, dt.datetime]:
        """The whole half-open interval the event covers, at its precisions."""
        start = prec.covered_interval(self.start, self.start_precision)[0]
        if self.is_span:
            return start, prec.covered_interval(self.end, self.end_precision)[1]
        return start, prec.covered_interval(self.start, self.start_precision)[1]


@dataclass(frozen=True)
class ChartInput:
    """Everything the chart draws: lanes in their order, events, phases."""

    lanes: Sequence[ChartLane]
    events: Sequence[ChartEvent]
    phases: Sequence[ChartPhase] = field(default_factory=tuple)


# --- plain helpers ----------------------------------------------------------


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


def symbol_for(kind: str, status: str, *, hollow: bool = False) -> str:
    base = KIND_SYMBOLS.get(kind, DEFAULT_SYMBOL)
    suffix = "-open" if hollow else STATUS_SYMBOL_SUFFIX.get(status, "")
    return base + suffix


def kind_row_offset(kind: str) -> float:
    """The vertical offset of a kind's row inside a lane (first kind on top)."""
    kinds = list(KIND_SYMBOLS)
    if kind not in kinds:
        return 0.0
    step = 2 * KIND_ROW_SPREAD / (len(kinds) - 1)
    return round(KIND_ROW_SPREAD - kinds.index(kind) * step, 4)


def translucent(colour: str, alpha: float) -> str:
    """'#rrggbb' -> 'rgba(r,g,b,a)'."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


PRECISION_NOTES = {Precision(precision): note for precision, note in vocabulary.PRECISION_NOTES.items()}


def date_text(event: ChartEvent) -> str:
    """The event's date as the list shows it, plus a note when it is approximate."""
    text = prec.format_span(
        event.start, event.start_precision, event.end if event.is_span else None, event.end_precision or None
    )
    coarse = [p for p in (event.start_precision, event.end_precision if event.is_span else "") if p]
    notes = sorted({PRECISION_NOTES[Precision(p)] for p in coarse if is_approximate(p)})
    if notes:
        text += f" ({'; '.join(notes)})"
    return text


def planned_text(event: ChartEvent) -> str:
    return prec.format_date(event.planned, event.planned_precision) if event.has_plan else ""


def lane_label(name: str) -> str:
    """A lane's name for the axis, broken onto two lines when long ("United<br>States")."""
    if len(name) <= 8 or " " not in name:
        return html.escape(name)
    return "<br>".join(html.escape(part) for part in name.split(" ", 1))


def _wrap(text: str) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, HOVER_WRAP)) or html.escape(text)


def hover_text(event: ChartEvent, lane: ChartLane) -> str:
    """The hover label: title, side and kind, the date at its true precision,
    status when not "happened", and the plan when it differs.  Plotly reads
    a small subset of HTML, so every value is escaped; only <br> is used
    (Plotly styles <b>, <i> and <span> through style attributes, which the
    Content Security Policy refuses)."""
    lines = [
        _wrap(event.title),
        html.escape(f"{lane.name} · {event.kind_label}"),
        html.escape(date_text(event)),
    ]
    if event.status != "happened":
        lines.append(html.escape(f"Status: {event.status_label}"))
    if event.planned_differs:
        line = f"Planned: {planned_text(event)}"
        if event.status == "happened":
            difference = prec.describe_difference(
                event.start, event.start_precision, event.planned, event.planned_precision
            )
            line += f" ({difference})"
        lines.append(html.escape(line))
    return "<br>".join(lines)


def planned_hover_text(event: ChartEvent, lane: ChartLane) -> str:
    return "<br>".join(
        [
            _wrap(event.title),
            html.escape(f"{lane.name} · {event.kind_label}"),
            html.escape(f"Planned: {planned_text(event)}"),
            html.escape(f"Actual: {date_text(event)}"),
        ]
    )


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
            bounds += [_midnight(phase.start), _day_after(phase.end)]
    if not bounds:
        return None
    low, high = min(bounds), max(bounds)
    pad = max((high - low) * 0.03, dt.timedelta(days=2))
    # Clamped at the ends of Python's calendar: a row that bypassed the
    # model's date range (year 1, year 9999) must not take the page down.
    return prec.shifted(low, -pad), prec.shifted(high, pad)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)


def _day_after(day: dt.date) -> dt.datetime:
    """The first instant after `day` (the last instant Python holds, after 31 December 9999)."""
    return prec.shifted(_midnight(day), dt.timedelta(days=1))


# --- the figure -------------------------------------------------------------


def build_figure(data: ChartInput, *, today: dt.date | None = None, detail_limit: int | None = None) -> dict[str, Any]:
    """The Plotly figure for `data`, as plain dicts: {"data", "layout", "config"}.

    Up to `detail_limit` events (default DETAIL_LIMIT) each event is drawn;
    beyond it the chart is an overview (see `_overview_traces`) and the
    figure carries ``"overview": {"bucket": "month", "events": N}``."""
    lanes = list(data.lanes)
    centre = {lane.slug: -index for index, lane in enumerate(lanes)}
    by_lane: dict[str, list[ChartEvent]] = {lane.slug: [] for lane in lanes}
    events: list[ChartEvent] = []
    for event in data.events:  # one pass: each event to its lane
        lane_events = by_lane.get(event.lane)
        if lane_events is not None:
            lane_events.append(event)
            events.append(event)

    limit = DETAIL_LIMIT if detail_limit is None else detail_limit
    overview = len(events) > limit
    traces: list[dict[str, Any]] = []
    if overview:
        bucket = overview_bucket(events)
        for lane in lanes:
            traces += _overview_traces(lane, by_lane[lane.slug], centre[lane.slug], bucket)
        traces += _key_traces(events, overview=True)
    else:
        for lane in lanes:
            traces += _lane_traces(lane, by_lane[lane.slug], centre[lane.slug])
        traces += _key_traces(events)

    layout = _layout(data, lanes, events, today)
    figure = {"data": traces, "layout": layout, "config": dict(CONFIG), "narrow": _narrow(layout)}
    if overview:
        figure["overview"] = {"bucket": bucket, "events": len(events)}
    return figure


# --- the overview, for many events ---------------------------------------------
#
# Thousands of markers, each with its hover text, make a figure of megabytes
# that the browser takes seconds to draw.  Past DETAIL_LIMIT events the chart
# counts instead: per lane and kind (the same rows as the detailed chart), one
# circle per week, month or quarter whose area is the number of events in it.  Hovering
# tells the count; a click asks for that period (the page's From/To filter),
# which, narrower, is drawn event by event.

DETAIL_LIMIT = 1500
OVERVIEW_MAX_PX = 26  # diameter of the largest circle


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
        return f"week of {prec.format_date(_midnight(first), Precision.DAY)}"
    if bucket == "quarter":
        return f"Q{(first.month - 1) // 3 + 1} {first.year}"
    return prec.format_date(_midnight(first), Precision.MONTH)


def _overview_traces(lane: ChartLane, events: list[ChartEvent], lane_centre: float, bucket: str) -> list[dict]:
    counts: dict[tuple[str, dt.date], int] = {}
    ranges: dict[dt.date, dt.date] = {}
    labels: dict[str, str] = {}
    for event in events:  # one pass: count per (kind, period)
        first, last = bucket_range(event.start, bucket)
        ranges[first] = last
        labels[event.kind] = event.kind_label
        counts[event.kind, first] = counts.get((event.kind, first), 0) + 1
    biggest = max(counts.values(), default=1)
    x, y, size, custom, symbols = [], [], [], [], []
    for (kind, first), count in sorted(counts.items(), key=lambda item: (item[0][1], item[0][0])):
        last = ranges[first]
        middle = _midnight(first) + (_day_after(last) - _midnight(first)) / 2
        x.append(plotly_date(middle))
        y.append(lane_centre + kind_row_offset(kind))
        size.append(count)
        symbols.append(KIND_SYMBOLS.get(kind, DEFAULT_SYMBOL))
        text = "<br>".join(
            [
                html.escape(f"{lane.name} · {labels[kind]}"),
                html.escape(f"{_bucket_label(first, last, bucket)}: {count:,} event{'' if count == 1 else 's'}"),
                "Click to show them one by one",
            ]
        )
        custom.append(["", text, first.isoformat(), last.isoformat()])
    return [
        {
            "type": "scatter",
            "mode": "markers",
            "name": lane.name,
            "meta": {"role": "overview", "lane": lane.slug, "bucket": bucket},
            "x": x,
            "y": y,
            "customdata": custom,
            "hovertemplate": "%{customdata[1]}<extra></extra>",
            "hoverlabel": {
                "bgcolor": "#ffffff",
                "bordercolor": lane.colour,
                "font": {"color": INK, "size": 13},
                "align": "left",
            },
            "marker": {
                "symbol": symbols,
                "size": size,
                "sizemode": "area",
                "sizeref": 2 * biggest / OVERVIEW_MAX_PX**2,
                "sizemin": 4,
                "color": translucent(lane.colour, 0.55),
                "line": {"color": lane.colour, "width": 1},
            },
            "legendgroup": lane.slug,
            "showlegend": False,
        }
    ]


def _narrow(layout: dict[str, Any]) -> dict[str, Any]:
    """Overrides for a phone-sized screen: no legend (the list names the
    kinds), no phase labels (they would overlap), smaller buttons, and no
    drag-to-pan, so a swipe over the chart scrolls the page; the buttons and
    the range slider still zoom."""
    narrow: dict[str, Any] = {"showlegend": False, "dragmode": False}
    narrow["annotations"] = [
        {**annotation, "visible": False} if annotation.get("name") == "phase" else annotation
        for annotation in layout.get("annotations", [])
    ]
    if layout.get("updatemenus"):
        narrow["updatemenus"] = [
            {**menu, "font": {"size": 11}, "pad": {"t": 0, "b": 4, "l": 0, "r": 0}} for menu in layout["updatemenus"]
        ]
    return narrow


def _row(event: ChartEvent, lane_centre: float) -> float:
    return lane_centre + kind_row_offset(event.kind)


def _lane_traces(lane: ChartLane, events: list[ChartEvent], lane_centre: float) -> list[dict[str, Any]]:
    approx_x: list[str | None] = []
    approx_y: list[float | None] = []
    link_x: list[str | None] = []
    link_y: list[float | None] = []
    bars: dict[str, list[Any]] = {"base": [], "x": [], "y": [], "customdata": [], "opacity": [], "color": []}
    points: dict[str, list[Any]] = {"x": [], "y": [], "customdata": [], "symbol": [], "opacity": []}
    planned: dict[str, list[Any]] = {"x": [], "y": [], "customdata": [], "symbol": []}

    def approx(start: dt.datetime, until: dt.datetime, y: float) -> None:
        approx_x.extend([plotly_date(start), plotly_date(until), None])
        approx_y.extend([y, y, None])

    for event in events:
        y = _row(event, lane_centre)
        custom = [event.slug, hover_text(event, lane)]
        opacity = STATUS_OPACITY.get(event.status, 1.0)
        if event.is_span:
            start_from, start_until = prec.covered_interval(event.start, event.start_precision)
            end_from, end_until = prec.covered_interval(event.end, event.end_precision)
            certain_from = start_until if is_approximate(event.start_precision) else start_from
            certain_until = end_from if is_approximate(event.end_precision) else end_until
            if is_approximate(event.start_precision):
                approx(start_from, start_until, y)
            if is_approximate(event.end_precision):
                approx(end_from, end_until, y)
            if certain_until <= certain_from:  # nothing certain: the whole span is approximate
                certain_from, certain_until = start_from, end_until
                opacity = min(opacity, 0.5)
            hollow = event.status != "happened"
            bars["base"].append(plotly_date(certain_from))
            bars["x"].append(milliseconds(certain_until - certain_from))
            bars["y"].append(y)
            bars["customdata"].append(custom)
            bars["opacity"].append(0.45 if hollow else opacity)
            bars["color"].append(lane.colour)
            actual_x = plotly_date(certain_from)
        else:
            x = marker_position(event.start, event.start_precision)
            if is_approximate(event.start_precision):
                approx(*prec.covered_interval(event.start, event.start_precision), y)
            points["x"].append(plotly_date(x))
            points["y"].append(y)
            points["customdata"].append(custom)
            points["symbol"].append(symbol_for(event.kind, event.status))
            points["opacity"].append(opacity)
            actual_x = plotly_date(x)
        if event.planned_differs:
            plan_x = plotly_date(marker_position(event.planned, event.planned_precision))
            if is_approximate(event.planned_precision):
                approx(*prec.covered_interval(event.planned, event.planned_precision), y)
            planned["x"].append(plan_x)
            planned["y"].append(y)
            planned["customdata"].append([event.slug, planned_hover_text(event, lane)])
            planned["symbol"].append(symbol_for(event.kind, event.status, hollow=True))
            link_x.extend([plan_x, actual_x, None])
            link_y.extend([y, y, None])

    hover = "%{customdata[1]}<extra></extra>"
    hoverlabel = {"bgcolor": "#ffffff", "bordercolor": lane.colour, "font": {"color": INK, "size": 13}, "align": "left"}
    common = {"legendgroup": lane.slug, "showlegend": False}
    traces: list[dict[str, Any]] = []
    if approx_x:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{lane.name}: approximate dates",
                "meta": {"role": "approximate", "lane": lane.slug},
                "x": approx_x,
                "y": approx_y,
                "line": {"color": translucent(lane.colour, 0.28), "width": 9},
                "hoverinfo": "skip",
                **common,
            }
        )
    if link_x:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": f"{lane.name}: planned → actual",
                "meta": {"role": "planned-link", "lane": lane.slug},
                "x": link_x,
                "y": link_y,
                "line": {"color": lane.colour, "width": 1.5, "dash": "dot"},
                "hoverinfo": "skip",
                **common,
            }
        )
    if bars["x"]:
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": f"{lane.name}: spans",
                "meta": {"role": "spans", "lane": lane.slug},
                "base": bars["base"],
                "x": bars["x"],
                "y": bars["y"],
                "width": BAR_WIDTH,
                "customdata": bars["customdata"],
                "hovertemplate": hover,
                "hoverlabel": hoverlabel,
                "marker": {"color": bars["color"], "opacity": bars["opacity"], "line": {"width": 0}},
                **common,
            }
        )
    if planned["x"]:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"{lane.name}: planned dates",
                "meta": {"role": "planned", "lane": lane.slug},
                "x": planned["x"],
                "y": planned["y"],
                "customdata": planned["customdata"],
                "hovertemplate": hover,
                "hoverlabel": hoverlabel,
                "marker": {
                    "symbol": planned["symbol"],
                    "size": 11,
                    "color": lane.colour,
                    "opacity": 0.8,
                    "line": {"color": lane.colour, "width": 1.5},
                },
                **common,
            }
        )
    # The lane's own trace, always present (empty when the lane has no point
    # events) so each lane keeps its place and its legend entry.
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": lane.name,
            "meta": {"role": "points", "lane": lane.slug},
            "x": points["x"],
            "y": points["y"],
            "customdata": points["customdata"],
            "hovertemplate": hover,
            "hoverlabel": hoverlabel,
            "marker": {
                "symbol": points["symbol"],
                "size": 13,
                "color": lane.colour,
                "opacity": points["opacity"],
                "line": {"color": lane.colour, "width": 2},
            },
            "legendgroup": lane.slug,
            "showlegend": False,
        }
    )
    return traces


def _key_traces(events: list[ChartEvent], *, overview: bool = False) -> list[dict[str, Any]]:
    """Legend-only entries explaining the symbols: the kinds present, then
    the hollow planned marker and the pale approximate band (in the
    overview: what a circle's size means instead)."""
    present = {event.kind for event in events}
    labels = {event.kind: event.kind_label for event in events}
    key: list[dict[str, Any]] = []

    def entry(name: str, **style: Any) -> dict[str, Any]:
        return {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "name": name,
            "meta": {"role": "key"},
            "legendgroup": "key",
            "showlegend": True,
            "hoverinfo": "skip",
            **style,
        }

    for kind, symbol in KIND_SYMBOLS.items():
        if kind in present:
            key.append(entry(labels[kind], mode="markers", marker={"symbol": symbol, "size": 11, "color": MUTED}))
    if overview:
        key.append(
            entry("Size: number of events", mode="markers", marker={"symbol": "circle", "size": 15, "color": MUTED})
        )
        return key
    if any(event.status != "happened" for event in events):
        key.append(
            entry(
                "Not (yet) happened",
                mode="markers",
                marker={"symbol": "circle-open", "size": 11, "color": MUTED, "line": {"width": 2}},
            )
        )
    if any(event.planned_differs for event in events):
        key.append(
            entry(
                "Planned date",
                mode="lines+markers",
                marker={"symbol": "circle-open", "size": 11, "color": MUTED},
                line={"color": MUTED, "dash": "dot", "width": 1.5},
            )
        )
    if any(
        is_approximate(event.start_precision) or (event.is_span and is_approximate(event.end_precision))
        for event in events
    ):
        key.append(entry("Approximate date", mode="lines", line={"color": "rgba(85,90,99,0.3)", "width": 9}))
    return key


def _layout(
    data: ChartInput, lanes: list[ChartLane], events: list[ChartEvent], today: dt.date | None
) -> dict[str, Any]:
    span = chart_range(ChartInput(lanes, events, data.phases))
    shapes: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    layout: dict[str, Any] = {
        "autosize": True,
        "height": CHROME_HEIGHT + LANE_HEIGHT * max(len(lanes), 1),
        "margin": {"l": 8, "r": 8, "t": 56, "b": 24, "autoexpand": True},
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13, "color": INK},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "barmode": "overlay",
        "dragmode": "pan",
        "hovermode": "closest",
        "hoverdistance": 12,
        "showlegend": True,
        "legend": {
            "title": {"text": "Key"},
            "itemclick": False,
            "itemdoubleclick": False,
            "font": {"size": 12},
            "bgcolor": "rgba(255,255,255,0.85)",
        },
        "xaxis": {
            "type": "date",
            "showgrid": True,
            "gridcolor": "#e4e7eb",
            "linecolor": "#9aa1ab",
            "ticks": "outside",
            "tickfont": {"size": 12},
            "automargin": True,
            "rangeslider": {"visible": True, "thickness": 0.09, "bgcolor": "#f6f7f9", "bordercolor": "#d9dce1"},
        },
        "yaxis": {
            "tickmode": "array",
            "tickvals": [-index for index in range(len(lanes))],
            "ticktext": [lane_label(lane.name) for lane in lanes],
            "tickfont": {"size": 13},
            "range": [-(len(lanes) - 1) - 0.5, 0.5] if lanes else [-0.5, 0.5],
            "fixedrange": True,
            "showgrid": False,
            "zeroline": False,
            "automargin": True,
        },
        "shapes": shapes,
        "annotations": annotations,
    }
    # Lane separators.
    for index in range(1, len(lanes)):
        y = -index + 0.5
        shapes.append(
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "yref": "y",
                "y0": y,
                "y1": y,
                "line": {"color": "#c3c8cf", "width": 1},
                "layer": "below",
            }
        )

    if not events:
        annotations.append(_message("No events match these filters."))
        layout["xaxis"]["rangeslider"]["visible"] = False
        layout["showlegend"] = False
    if span is None:
        return layout

    low, high = span
    layout["xaxis"]["range"] = [plotly_date(low), plotly_date(high)]
    layout["xaxis"]["rangeslider"]["range"] = [plotly_date(low), plotly_date(high)]
    layout["xaxis"]["autorange"] = False

    for index, phase in enumerate(data.phases):
        start, until = _midnight(phase.start), _day_after(phase.end)
        if until <= low or start >= high:
            continue
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "x0": plotly_date(start),
                "x1": plotly_date(until),
                "yref": "paper",
                "y0": 0,
                "y1": 1,
                "fillcolor": PHASE_FILLS[index % 2],
                "line": {"width": 0},
                "layer": "below",
            }
        )
        annotations.append(
            {
                "name": "phase",
                "text": html.escape(phase.name),
                "xref": "x",
                "x": plotly_date(max(start, low)),
                "xanchor": "left",
                "yref": "paper",
                "y": 1,
                "yanchor": "top",
                "yshift": -2 - 15 * (index % 2),
                "showarrow": False,
                "font": {"size": 11, "color": MUTED},
            }
        )

    if today is not None:
        now = _midnight(today)
        if low <= now <= high:
            shapes.append(
                {
                    "type": "line",
                    "xref": "x",
                    "x0": plotly_date(now),
                    "x1": plotly_date(now),
                    "yref": "paper",
                    "y0": 0,
                    "y1": 1,
                    "line": {"color": INK, "width": 1.5, "dash": "dot"},
                }
            )
            annotations.append(
                {
                    "text": "Today",
                    "xref": "x",
                    "x": plotly_date(now),
                    "xanchor": "right",
                    "yref": "paper",
                    "y": 0,
                    "yanchor": "bottom",
                    "showarrow": False,
                    "font": {"size": 11, "color": INK},
                    "bgcolor": "rgba(255,255,255,0.8)",
                }
            )

    if events:
        layout["updatemenus"] = [_range_buttons(low, high)]
    return layout


def _range_buttons(low: dt.datetime, high: dt.datetime) -> dict[str, Any]:
    """ "All" plus the preset periods that overlap the data, as relayout buttons
    (Plotly's own range selector counts back from the end; these are fixed)."""
    whole = [plotly_date(low), plotly_date(high)]
    buttons = [{"label": "All", "method": "relayout", "args": [{"xaxis.range": whole}]}]
    for label, first, after in DEFAULT_PERIODS:
        start, until = _midnight(first), _midnight(after)
        if until <= low or start >= high:
            continue
        buttons.append(
            {"label": label, "method": "relayout", "args": [{"xaxis.range": [plotly_date(start), plotly_date(until)]}]}
        )
    return {
        "type": "buttons",
        "direction": "right",
        "showactive": True,
        "active": 0,
        "x": 0,
        "xanchor": "left",
        "y": 1.02,
        "yanchor": "bottom",
        "pad": {"t": 0, "b": 4, "l": 0, "r": 0},
        "bgcolor": "#f6f7f9",
        "bordercolor": "#c3c8cf",
        "font": {"size": 12},
        "buttons": buttons,
    }


def _message(text: str) -> dict[str, Any]:
    return {
        "text": html.escape(text),
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "font": {"size": 15, "color": MUTED},
    }

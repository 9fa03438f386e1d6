"""The timeline chart: plain values in, a Plotly figure (plain dicts) out.

No ORM, no request, no templates.  `build_figure` takes lanes, events and
phases as the small frozen dataclasses of `inputs` (see
`timeline.selectors.chart_input` for the adapter from database rows) and returns
``{"data": [...], "layout": {...}, "config": {...}, "narrow": {...}}``,
ready for ``Plotly.react(element, data, layout, config)``; ``narrow`` holds
the top-level layout keys to override on a narrow (phone) screen.

The figure is built as plain dicts rather than through
``plotly.graph_objects``: the validators cost milliseconds per request.  The
tests check the structure against ``plotly.graph_objects.Figure`` instead.

How the chart reads:
- one lane per side, top to bottom in the sides' own order, in the side's
  colour; a lane's marks sit on its one line, their symbols saying their kind,
  and the key milestones carry short labels (`labels`), which the page places
  clear of the marks and of each other for the range shown;
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
- hover text is made in `hover`, from the same precision-aware helpers as the list,
  and handed to Plotly in `customdata` ([slug, text]) so a click can open the
  event's panel by its slug.

The figure is assembled here; what is drawn comes from `lanes` (each
lane's traces), `overview` (many events, counted), `labels`,
`layout`, `ranges` (the range buttons and `?range=`) and `hover` (the
texts), placed by `positions` (dates on the axes); how it looks comes from
`style`.  `svg` draws the same values as SVG for the page's first paint, and `key`
the HTML key under the chart, the same for both.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .hover import date_text, hover_text
from .inputs import ChartEvent, ChartInput, ChartLane, ChartPhase
from .key import chart_key
from .labels import chart_label, chart_labels, default_label, label_style
from .lanes import lane_traces
from .layout import figure_layout, narrow
from .overview import bucket_range, overview_bucket, overview_traces
from .positions import chart_range, plotly_date
from .ranges import ALL, RANGE_HELP, View, parse_view, range_buttons, view_value
from .style import CONFIG, MARK_CLEARANCE, NARROW_CONFIG
from .svg import chart_svg

# Past this many events the chart is an overview that counts them.
DETAIL_LIMIT = 1500


def build_figure(
    data: ChartInput, *, today: dt.date | None = None, detail_limit: int | None = None, view: View | None = None
) -> dict[str, Any]:
    """The Plotly figure for `data`, as plain dicts: {"data", "layout", "config", ...}.

    Up to `detail_limit` events (default DETAIL_LIMIT) each event is drawn,
    with its label; beyond it the chart is an overview (see `overview`) and
    the figure carries ``"overview": {"bucket": "month", "events": N}``.
    The chart shows `view` (see `ranges`), or everything; ``ranges`` lists
    the range buttons and ``range`` names the one shown (`view_value`)."""
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
            traces += overview_traces(lane, by_lane[lane.slug], centre[lane.slug], bucket)
    else:
        for lane in lanes:
            traces += lane_traces(lane, by_lane[lane.slug], centre[lane.slug])

    layout = figure_layout(data, lanes, events, today, view)
    figure = {"data": traces, "layout": layout, "config": dict(CONFIG), "narrow": narrow(layout)}
    figure |= {"narrow_config": dict(NARROW_CONFIG), "range": view_value(view)}
    figure |= {"ranges": _ranges(data, lanes, events), "labels": [], "label_style": label_style()}
    figure["label_clearance"] = MARK_CLEARANCE
    if overview:
        figure["overview"] = {"bucket": bucket, "events": len(events)}
    elif events:
        figure["labels"] = chart_labels(lanes, by_lane, centre)
    return figure


def _ranges(data: ChartInput, lanes: list[ChartLane], events: list[ChartEvent]) -> list[dict[str, Any]]:
    """The range buttons: none for an empty chart."""
    span = chart_range(ChartInput(lanes, events, data.phases))
    return range_buttons(*span) if events and span else []


__all__ = [
    "ALL",
    "CONFIG",
    "RANGE_HELP",
    "View",
    "DETAIL_LIMIT",
    "ChartEvent",
    "ChartInput",
    "ChartLane",
    "ChartPhase",
    "bucket_range",
    "build_figure",
    "chart_range",
    "chart_key",
    "chart_svg",
    "date_text",
    "chart_label",
    "default_label",
    "hover_text",
    "overview_bucket",
    "parse_view",
    "plotly_date",
    "view_value",
]

"""The figure: each event to its lane, each lane's traces (or, past
DETAIL_LIMIT events, the overview's counts), the key, the layout."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .inputs import ChartEvent, ChartInput
from .key import key_traces
from .lanes import lane_traces
from .layout import figure_layout, narrow
from .overview import DETAIL_LIMIT, overview_bucket, overview_traces
from .style import CONFIG


def build_figure(data: ChartInput, *, today: dt.date | None = None, detail_limit: int | None = None) -> dict[str, Any]:
    """The Plotly figure for `data`, as plain dicts: {"data", "layout", "config"}.

    Up to `detail_limit` events (default DETAIL_LIMIT) each event is drawn;
    beyond it the chart is an overview (see `overview_traces`) and the
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
            traces += overview_traces(lane, by_lane[lane.slug], centre[lane.slug], bucket)
        traces += key_traces(events, overview=True)
    else:
        for lane in lanes:
            traces += lane_traces(lane, by_lane[lane.slug], centre[lane.slug])
        traces += key_traces(events)

    layout = figure_layout(data, lanes, events, today)
    figure = {"data": traces, "layout": layout, "config": dict(CONFIG), "narrow": narrow(layout)}
    if overview:
        figure["overview"] = {"bucket": bucket, "events": len(events)}
    return figure

"""A lane's marks, event by event: points, spans, the pale bands over
approximate dates, and planned dates joined to the actual ones.

One pass over the lane's events fills a column per trace property; each
trace is then one small dict, in the order Plotly draws them (bands and
links under the bars, the bars under the markers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import pgettext

from .. import precision as prec
from .. import vocabulary
from . import style
from .hover import hover_text, planned_hover_text
from .inputs import ChartEvent, ChartLane
from .positions import is_approximate, marker_position, milliseconds, plotly_date

Columns = dict[str, list[Any]]


def lane_traces(lane: ChartLane, events: list[ChartEvent], lane_centre: float) -> list[dict[str, Any]]:
    """The lane's traces; its points trace is always there (empty when the
    lane has no point events), so each lane keeps its place and its legend entry."""
    marks = _LaneMarks(lane)
    for event in events:
        marks.add(event, lane_centre)
    traces = []
    if marks.bands["x"]:
        traces.append(_band_trace(lane, marks.bands))
    if marks.links["x"]:
        traces.append(_link_trace(lane, marks.links))
    if marks.bars["x"]:
        traces.append(_span_trace(lane, marks.bars))
    if marks.planned["x"]:
        traces.append(_planned_trace(lane, marks.planned))
    traces.append(_points_trace(lane, marks.points))
    return traces


class _LaneMarks:
    """The columns of one lane's traces, filled event by event."""

    def __init__(self, lane: ChartLane) -> None:
        self.lane = lane
        self.bands: Columns = {"x": [], "y": []}  # approximate dates: segments broken by None
        self.links: Columns = {"x": [], "y": []}  # planned → actual: segments broken by None
        self.bars: Columns = {"base": [], "x": [], "y": [], "customdata": [], "opacity": [], "color": []}
        self.points: Columns = {"x": [], "y": [], "customdata": [], "symbol": [], "opacity": []}
        self.planned: Columns = {"x": [], "y": [], "customdata": [], "symbol": []}

    def add(self, event: ChartEvent, y: float) -> None:
        custom = [event.slug, hover_text(event, self.lane)]
        opacity = style.STATUS_OPACITY.get(event.status, 1.0)
        draw = self._span if event.is_span else self._point
        actual_x = draw(event, y, custom, opacity)
        if event.planned_differs:
            self._plan(event, y, actual_x)

    def _band(self, start: dt.datetime, until: dt.datetime, y: float) -> None:
        self.bands["x"].extend([plotly_date(start), plotly_date(until), None])
        self.bands["y"].extend([y, y, None])

    def _span(self, event: ChartEvent, y: float, custom: list[str], opacity: float) -> str:
        """A bar over the certain part of the span, pale bands over its approximate ends."""
        start_from, start_until = prec.covered_interval(event.start, event.start_precision)
        end_from, end_until = prec.covered_interval(event.end, event.end_precision)
        certain_from = start_until if is_approximate(event.start_precision) else start_from
        certain_until = end_from if is_approximate(event.end_precision) else end_until
        if is_approximate(event.start_precision):
            self._band(start_from, start_until, y)
        if is_approximate(event.end_precision):
            self._band(end_from, end_until, y)
        if certain_until <= certain_from:  # nothing certain: the whole span is approximate
            certain_from, certain_until = start_from, end_until
            opacity = min(opacity, style.VAGUE_BAR_OPACITY)
        hollow = event.status != vocabulary.HAPPENED
        self.bars["base"].append(plotly_date(certain_from))
        self.bars["x"].append(milliseconds(certain_until - certain_from))
        self.bars["y"].append(y)
        self.bars["customdata"].append(custom)
        self.bars["opacity"].append(style.HOLLOW_BAR_OPACITY if hollow else opacity)
        self.bars["color"].append(self.lane.colour)
        return plotly_date(certain_from)

    def _point(self, event: ChartEvent, y: float, custom: list[str], opacity: float) -> str:
        x = marker_position(event.start, event.start_precision)
        if is_approximate(event.start_precision):
            self._band(*prec.covered_interval(event.start, event.start_precision), y)
        self.points["x"].append(plotly_date(x))
        self.points["y"].append(y)
        self.points["customdata"].append(custom)
        self.points["symbol"].append(style.symbol_for(event.kind, event.status))
        self.points["opacity"].append(opacity)
        return plotly_date(x)

    def _plan(self, event: ChartEvent, y: float, actual_x: str) -> None:
        """A hollow marker on the planned date, dotted to the actual one."""
        plan_x = plotly_date(marker_position(event.planned, event.planned_precision))
        if is_approximate(event.planned_precision):
            self._band(*prec.covered_interval(event.planned, event.planned_precision), y)
        self.planned["x"].append(plan_x)
        self.planned["y"].append(y)
        self.planned["customdata"].append([event.slug, planned_hover_text(event, self.lane)])
        self.planned["symbol"].append(style.symbol_for(event.kind, event.status, hollow=True))
        self.links["x"].extend([plan_x, actual_x, None])
        self.links["y"].extend([y, y, None])


def _trace(head: dict[str, str], name: str, role: str, lane: ChartLane, body: dict[str, Any]) -> dict[str, Any]:
    """One of the lane's traces: kept out of the legend (the key explains
    the symbols) and grouped with the lane's other traces."""
    return {
        **head,
        "name": name,
        "meta": {"role": role, "lane": lane.slug},
        **body,
        "legendgroup": lane.slug,
        "showlegend": False,
    }


def _band_trace(lane: ChartLane, bands: Columns) -> dict[str, Any]:
    line = {"color": style.translucent(lane.colour, style.BAND_ALPHA), "width": style.BAND_WIDTH}
    body = {"x": bands["x"], "y": bands["y"], "line": line, "hoverinfo": "skip"}
    return _trace(
        style.LINES,
        pgettext("a chart trace", "%(side)s: approximate dates") % {"side": lane.name},
        "approximate",
        lane,
        body,
    )


def _link_trace(lane: ChartLane, links: Columns) -> dict[str, Any]:
    line = {"color": lane.colour, "width": style.PLAN_LINE_WIDTH, "dash": "dot"}
    body = {"x": links["x"], "y": links["y"], "line": line, "hoverinfo": "skip"}
    return _trace(
        style.LINES,
        pgettext("a chart trace", "%(side)s: planned → actual") % {"side": lane.name},
        "planned-link",
        lane,
        body,
    )


def _span_trace(lane: ChartLane, bars: Columns) -> dict[str, Any]:
    body = {
        "base": bars["base"],
        "x": bars["x"],
        "y": bars["y"],
        "width": style.BAR_WIDTH,
        "customdata": bars["customdata"],
        "hovertemplate": style.HOVER,
        "hoverlabel": style.hover_label(lane.colour),
        "marker": {"color": bars["color"], "opacity": bars["opacity"], "line": style.NO_LINE},
    }
    return _trace(style.BARS, pgettext("a chart trace", "%(side)s: spans") % {"side": lane.name}, "spans", lane, body)


def _planned_trace(lane: ChartLane, planned: Columns) -> dict[str, Any]:
    marker = {
        "symbol": planned["symbol"],
        "size": style.PLAN_SIZE,
        "color": lane.colour,
        "opacity": style.PLAN_OPACITY,
        "line": {"color": lane.colour, "width": style.PLAN_LINE_WIDTH},
    }
    return _trace(
        style.MARKERS,
        pgettext("a chart trace", "%(side)s: planned dates") % {"side": lane.name},
        "planned",
        lane,
        _marked(lane, planned, marker),
    )


def _points_trace(lane: ChartLane, points: Columns) -> dict[str, Any]:
    marker = {
        "symbol": points["symbol"],
        "size": style.POINT_SIZE,
        "color": lane.colour,
        "opacity": points["opacity"],
        "line": {"color": lane.colour, "width": style.POINT_LINE_WIDTH},
    }
    return _trace(style.MARKERS, lane.name, "points", lane, _marked(lane, points, marker))


def _marked(lane: ChartLane, columns: Columns, marker: dict[str, Any]) -> dict[str, Any]:
    """A markers trace's body: positions, hover (customdata is [slug, text]) and its markers."""
    return {
        "x": columns["x"],
        "y": columns["y"],
        "customdata": columns["customdata"],
        "hovertemplate": style.HOVER,
        "hoverlabel": style.hover_label(lane.colour),
        "marker": marker,
    }

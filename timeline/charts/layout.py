"""The layout round the traces: axes with a lane per side, phase bands,
the "today" line, the visible range, and the overrides for a phone."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from django.utils.translation import gettext, pgettext

from . import style
from .inputs import ChartEvent, ChartInput, ChartLane, ChartPhase
from .positions import chart_range, day_after, midnight, plotly_date
from .ranges import View


def figure_layout(
    data: ChartInput,
    lanes: list[ChartLane],
    events: list[ChartEvent],
    today: dt.date | None,
    view: View | None = None,
) -> dict[str, Any]:
    """The layout for the lanes and the events drawn in them (an empty chart
    says so); the range covers them, or the phases, and the chart shows
    `view` (first day, day after the last) or all of it.  No range slider:
    it cost Plotly a second, miniature plot of every trace to draw, and the
    range buttons and dragging already zoom."""
    span = chart_range(ChartInput(lanes, events, data.phases))
    shapes = _lane_separators(len(lanes))
    annotations = [] if events else [_message(gettext("No events match these filters."))]
    page = {
        "autosize": True,
        "height": style.CHROME_HEIGHT + style.LANE_HEIGHT * max(len(lanes), 1),
        **style.LAYOUT,
        "showlegend": False,  # the key is the page's HTML, under the chart (`key`)
        "xaxis": dict(style.XAXIS),
        "yaxis": _yaxis(lanes),
        "shapes": shapes,
        "annotations": annotations,
    }
    if span is None:
        return page
    low, high = span
    page["xaxis"]["range"] = [plotly_date(low), plotly_date(high)]
    if view is not None:
        page["xaxis"]["range"] = [plotly_date(midnight(view[0])), plotly_date(midnight(view[1]))]
    page["xaxis"]["autorange"] = False
    for index, phase in enumerate(data.phases):
        _add_phase(page, index, phase, low, high)
    if today is not None and low <= midnight(today) <= high:
        shapes.append(_today_line(midnight(today)))
        annotations.append(_today_label(midnight(today)))
    return page


def lane_label(name: str) -> str:
    """A lane's name for the axis, broken onto two lines when long ("United<br>States")."""
    if len(name) <= 8 or " " not in name:
        return html.escape(name)
    return "<br>".join(html.escape(part) for part in name.split(" ", 1))


def _yaxis(lanes: list[ChartLane]) -> dict[str, Any]:
    """A lane per side, the first on top at 0, the next at -1, …"""
    return {
        "tickmode": "array",
        "tickvals": [-index for index in range(len(lanes))],
        "ticktext": [lane_label(lane.name) for lane in lanes],
        "tickfont": style.LANE_LABEL_FONT,
        "range": [-(len(lanes) - 1) - 0.5, 0.5] if lanes else [-0.5, 0.5],
        **style.YAXIS,
    }


def _lane_separators(count: int) -> list[dict[str, Any]]:
    return [
        {
            "type": "line",
            "xref": "paper",
            "x0": 0,
            "x1": 1,
            "yref": "y",
            "y0": -index + 0.5,
            "y1": -index + 0.5,
            "line": style.SEPARATOR_LINE,
            "layer": "below",
        }
        for index in range(1, count)
    ]


def _add_phase(page: dict[str, Any], index: int, phase: ChartPhase, low: dt.datetime, high: dt.datetime) -> None:
    """A shaded band for a phase inside the range, labelled at the top
    (neighbours alternate in shade and height)."""
    start, until = midnight(phase.start), day_after(phase.end)
    if until <= low or start >= high:
        return
    page["shapes"].append(
        {
            "type": "rect",
            "xref": "x",
            "x0": plotly_date(start),
            "x1": plotly_date(until),
            "yref": "paper",
            "y0": 0,
            "y1": 1,
            "fillcolor": style.PHASE_FILLS[index % 2],
            "line": style.NO_LINE,
            "layer": "below",
        }
    )
    page["annotations"].append(
        {
            "name": "phase",
            "text": html.escape(phase.name),
            "xref": "x",
            "x": plotly_date(max(start, low)),
            "xanchor": "left",
            "yref": "paper",
            "y": 1,
            "yanchor": "top",
            "yshift": -2 - style.PHASE_LABEL_STEP * (index % 2),
            "showarrow": False,
            "font": style.PHASE_LABEL_FONT,
        }
    )


def _today_line(now: dt.datetime) -> dict[str, Any]:
    x = plotly_date(now)
    return {"type": "line", "xref": "x", "x0": x, "x1": x, "yref": "paper", "y0": 0, "y1": 1, "line": style.TODAY_LINE}


def _today_label(now: dt.datetime) -> dict[str, Any]:
    return {
        "text": pgettext("the chart's line at today's date", "Today"),
        "xref": "x",
        "x": plotly_date(now),
        "xanchor": "right",
        "yref": "paper",
        "y": 0,
        "yanchor": "bottom",
        **style.TODAY_LABEL,
    }


def _message(text: str) -> dict[str, Any]:
    return {
        "text": html.escape(text),
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "font": style.MESSAGE_FONT,
    }


def narrow(page: dict[str, Any]) -> dict[str, Any]:
    """Overrides for a phone-sized screen: no phase labels (they would crowd the marks' labels), and no
    drag-to-pan, so a swipe over the chart scrolls the page; the buttons and
    the range buttons still zoom."""
    overrides: dict[str, Any] = {"dragmode": False}
    overrides["annotations"] = [
        {**annotation, "visible": False} if annotation.get("name") == "phase" else annotation
        for annotation in page.get("annotations", [])
    ]
    return overrides

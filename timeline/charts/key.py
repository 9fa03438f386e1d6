"""The key: legend-only entries explaining the symbols the chart uses."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from .. import vocabulary
from . import style
from .inputs import ChartEvent
from .positions import is_approximate


def key_traces(events: list[ChartEvent], *, overview: bool = False) -> list[dict[str, Any]]:
    """The kinds present, then the hollow marker of what did not (yet)
    happen, the planned marker and the pale approximate band (in the
    overview, which counts, only what a circle's size means)."""
    if overview:  # one circle per period, whatever the kinds
        return [_entry(gettext("Size: number of events"), mode="markers", marker=style.KEY_SIZE_MARKER)]
    present = {event.kind for event in events}
    labels = {event.kind: event.kind_label for event in events}
    key = [
        _entry(labels[kind], mode="markers", marker={"symbol": symbol, "size": style.PLAN_SIZE, "color": style.MUTED})
        for kind, symbol in style.KIND_SYMBOLS.items()
        if kind in present
    ]
    if any(event.status != vocabulary.HAPPENED for event in events):
        key.append(_entry(gettext("Not (yet) happened"), mode="markers", marker=style.KEY_HOLLOW_MARKER))
    if any(event.planned_differs for event in events):
        key.append(
            _entry(
                gettext("Planned date"), mode="lines+markers", marker=style.KEY_PLAN_MARKER, line=style.KEY_PLAN_LINE
            )
        )
    if any(_is_vague(event) for event in events):
        key.append(_entry(gettext("Approximate date"), mode="lines", line=style.KEY_BAND_LINE))
    return key


def _is_vague(event: ChartEvent) -> bool:
    return is_approximate(event.start_precision) or (event.is_span and is_approximate(event.end_precision))


def _entry(name: str, **look: Any) -> dict[str, Any]:
    return {
        **style.KEY_ENTRY,
        "name": name,
        "meta": {"role": "key"},
        "showlegend": True,
        "hoverinfo": "skip",
        **look,
    }

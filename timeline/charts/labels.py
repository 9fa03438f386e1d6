"""The short labels written on the chart beside the key milestones.

A reader should see what the marks are without hovering.  Each event gets a
short label: the editors' own (`ChartEvent.label`), else one made from its
kind and status ("Launch", "Launch (cancelled)").  The chart cannot show them
all at every zoom, so the labels come in order of importance: the first of
each key kind in a lane (its launch, its return, its premiere) before the
rest, news and status updates last.  The page (static/timeline/timeline.js)
places them in that order wherever they fit in the visible range, beside
their mark and clear of the marks, the phase labels and each other, again
after every zoom; the ones that fit nowhere wait for a closer zoom.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import pgettext, pgettext_lazy

from .. import precision as prec
from .. import vocabulary
from . import style
from .inputs import ChartEvent, ChartLane
from .positions import is_approximate, marker_position, plotly_date

# The labels made from a kind, when the editors wrote none: short enough for a phone.
KIND_LABELS = {
    "announcement": pgettext_lazy("chart label", "Announced"),
    "partner_joins": pgettext_lazy("chart label", "Partner joins"),
    "crew_selection": pgettext_lazy("chart label", "Crew chosen"),
    "training": pgettext_lazy("chart label", "Training"),
    "launch": pgettext_lazy("chart label", "Launch"),
    "arrival": pgettext_lazy("chart label", "At the ISS"),
    "filming": pgettext_lazy("chart label", "Filming"),
    "return": pgettext_lazy("chart label", "Back on Earth"),
    "premiere": pgettext_lazy("chart label", "Premiere"),
    "status_update": pgettext_lazy("chart label", "Update"),
}
STATUS_NOTES = {
    vocabulary.PLANNED: pgettext_lazy("chart label, a status", "planned"),
    vocabulary.CANCELLED: pgettext_lazy("chart label, a status", "cancelled"),
    vocabulary.UNCONFIRMED: pgettext_lazy("chart label, a status", "unconfirmed"),
}

# Which kinds matter most at a glance, most important first.
KIND_PRIORITY = (
    "launch",
    "return",
    "premiere",
    "arrival",
    "filming",
    "announcement",
    "crew_selection",
    "training",
    "partner_joins",
    "status_update",
)


def default_label(event: ChartEvent) -> str:
    """The label made from the event's kind and, unless it happened, its status."""
    label = str(KIND_LABELS.get(event.kind) or event.kind_label)
    note = STATUS_NOTES.get(event.status)
    if not note:
        return label
    return pgettext("chart label: the kind (its status)", "%(kind)s (%(status)s)") % {"kind": label, "status": note}


def chart_label(event: ChartEvent) -> str:
    """What the chart writes beside the event: the editors' label, else the default."""
    return " ".join(event.label.split()) or default_label(event)


def label_anchor(event: ChartEvent) -> str:
    """Where the label points: the event's marker, or the middle of a span."""
    if not event.is_span:
        return plotly_date(marker_position(event.start, event.start_precision))
    start_from, start_until = prec.covered_interval(event.start, event.start_precision)
    end_from, end_until = prec.covered_interval(event.end, event.end_precision)
    low = start_until if is_approximate(event.start_precision) else start_from
    high = end_from if is_approximate(event.end_precision) else end_until
    if high <= low:
        low, high = start_from, end_until
    return plotly_date(low + (high - low) / 2)


def _rank(event: ChartEvent, first_of_kind: bool) -> tuple[int, bool, dt.datetime]:
    """Sort key: the first of a kind in its lane before later ones of any kind,
    an editor's own label before a made-up one, then the key kinds first."""
    kind = KIND_PRIORITY.index(event.kind) if event.kind in KIND_PRIORITY else len(KIND_PRIORITY)
    tier = kind if first_of_kind or event.label.strip() else len(KIND_PRIORITY) + 1 + kind
    return tier, not event.label.strip(), prec.as_utc(event.start)


def chart_labels(lanes: list[ChartLane], by_lane: dict[str, list[ChartEvent]], centre: dict[str, int]) -> list[list]:
    """Every event's label as [x, y, text, lane colour], most important first.
    `by_lane` holds each lane's events; `centre` its line's y."""
    ranked: list[tuple[tuple, list]] = []
    for lane in lanes:
        seen: set[str] = set()
        for event in sorted(by_lane[lane.slug], key=lambda e: prec.as_utc(e.start)):
            first = event.kind not in seen
            seen.add(event.kind)
            item = [label_anchor(event), centre[lane.slug], chart_label(event), lane.colour]
            ranked.append((_rank(event, first), item))
    ranked.sort(key=lambda pair: pair[0])
    return [item for _, item in ranked]


def label_style() -> dict[str, Any]:
    """What every label annotation shares (the page adds x, y, text and its place)."""
    return dict(style.CHART_LABEL)

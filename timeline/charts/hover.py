"""The words a point shows on hover, made from the same precision-aware
helpers as the list.

Plotly reads a small subset of HTML, so every value is escaped; only <br> is
used (Plotly styles <b>, <i> and <span> through style attributes, which the
Content Security Policy refuses)."""

from __future__ import annotations

import html
import textwrap

from django.utils.translation import gettext, ngettext, pgettext

from .. import gaps, vocabulary
from .. import precision as prec
from ..durations import number
from ..precision import Precision
from .inputs import ChartEvent, ChartLane
from .positions import is_approximate
from .style import HOVER_WRAP

PRECISION_NOTES = {Precision(precision): note for precision, note in vocabulary.PRECISION_NOTES.items()}


def date_text(event: ChartEvent) -> str:
    """The event's date as the list shows it, plus a note when it is approximate."""
    text = prec.format_span(
        event.start, event.start_precision, event.end if event.is_span else None, event.end_precision or None
    )
    coarse = [p for p in (event.start_precision, event.end_precision if event.is_span else "") if p]
    notes = sorted({str(PRECISION_NOTES[Precision(p)]) for p in coarse if is_approximate(p)})
    if notes:
        text += f" ({'; '.join(notes)})"
    return text


def planned_text(event: ChartEvent) -> str:
    return prec.format_date(event.planned, event.planned_precision) if event.has_plan else ""


def _wrap(text: str) -> str:
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, HOVER_WRAP)) or html.escape(text)


def hover_text(event: ChartEvent, lane: ChartLane) -> str:
    """The hover label: title, side and kind, the date at its true precision,
    status when not "happened", and the plan when it differs."""
    lines = [
        _wrap(event.title),
        html.escape(f"{lane.name} · {event.kind_label}"),
        html.escape(date_text(event)),
    ]
    if event.status != vocabulary.HAPPENED:
        lines.append(html.escape(_status_line(event.status_label)))
    if event.planned_differs:
        line = _planned_line(planned_text(event))
        if event.status == vocabulary.HAPPENED:
            difference = gaps.describe_difference(
                event.start, event.start_precision, event.planned, event.planned_precision
            )
            line = pgettext("a hover line and its note", "%(line)s (%(note)s)") % {"line": line, "note": difference}
        lines.append(html.escape(line))
    return "<br>".join(lines)


def planned_hover_text(event: ChartEvent, lane: ChartLane) -> str:
    return "<br>".join(
        [
            _wrap(event.title),
            html.escape(f"{lane.name} · {event.kind_label}"),
            html.escape(_planned_line(planned_text(event))),
            html.escape(pgettext("hover", "Actual: %(date)s") % {"date": date_text(event)}),
        ]
    )


def _status_line(status: str) -> str:
    return pgettext("hover", "Status: %(status)s") % {"status": status}


def _planned_line(date: str) -> str:
    return pgettext("hover", "Planned: %(date)s") % {"date": date}


def count_text(lane: ChartLane, kinds: dict[str, int], period: str) -> str:
    """An overview circle's label: "Russia<br>Q4 2021: 3 events (Launch 1, Return 2)<br>Click to …"."""
    count = sum(kinds.values())
    detail = ", ".join(
        f"{label} {number(n)}" for label, n in sorted(((str(k), n) for k, n in kinds.items()), key=lambda i: -i[1])
    )
    events = ngettext("%(period)s: %(n)s event", "%(period)s: %(n)s events", count) % {
        "period": period,
        "n": number(count),
    }
    return "<br>".join(
        [
            html.escape(lane.name),
            html.escape(events),
            _wrap(detail),
            html.escape(gettext("Click to show them one by one")),
        ]
    )

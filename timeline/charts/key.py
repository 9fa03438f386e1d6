"""The key: what the chart's symbols, bands and lines mean, as an HTML list.

One key for both states of the chart: it sits under the chart's box, so it
is the same whether the server's SVG or Plotly is drawing the chart, and
Plotly carries no legend traces (they cost it a trace and a legend group
each).  Each entry's swatch is a small SVG coloured by presentation
attributes (fill, stroke), which the Content Security Policy allows.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from .. import vocabulary
from . import style
from .inputs import ChartEvent, ChartInput
from .positions import is_approximate
from .svg import SYMBOL_PATHS


def key_entries(events: Sequence[ChartEvent], *, overview: bool = False) -> list[tuple[str, str]]:
    """(swatch, text) for what the chart draws: the kinds present, then the
    hollow marker of what did not (yet) happen, the planned date and the pale
    approximate band (in the overview, which counts, only what a circle's size means)."""
    if overview:  # one circle per period, whatever the kinds
        return [(_swatch('<circle cx="8" cy="0" r="7"/>'), gettext("Size: number of events"))]
    present = {event.kind: event.kind_label for event in events}
    entries = [
        (_swatch(f'<path d="{SYMBOL_PATHS.get(symbol, SYMBOL_PATHS["circle"])}" transform="translate(8 0)"/>'), label)
        for kind, symbol in style.KIND_SYMBOLS.items()
        if (label := present.get(kind)) is not None
    ]
    if any(event.status != vocabulary.HAPPENED for event in events):
        hollow = f'<path d="{SYMBOL_PATHS["circle"]}" transform="translate(8 0)" fill="{style.WHITE}"/>'
        entries.append((_swatch(hollow), gettext("Not (yet) happened")))
    if any(event.planned_differs for event in events):
        line = f'<line x1="0" x2="16" y1="0" y2="0" stroke-dasharray="2 3" stroke-width="{style.PLAN_LINE_WIDTH}"/>'
        entries.append((_swatch(line), gettext("Planned date")))
    if any(is_approximate(e.start_precision) or (e.is_span and is_approximate(e.end_precision)) for e in events):
        band = f'<rect x="0" y="-4.5" width="16" height="9" fill-opacity="{style.BAND_ALPHA}" stroke="none"/>'
        entries.append((_swatch(band), gettext("Approximate date")))
    return entries


def _swatch(mark: str) -> str:
    return (
        f'<svg class="chart-key-mark" width="20" height="18" viewBox="-2 -9 20 18" aria-hidden="true"'
        f' focusable="false" fill="{style.MUTED}" stroke="{style.MUTED}" stroke-width="1.5">{mark}</svg>'
    )


def chart_key(data: ChartInput, figure: dict) -> SafeString:
    """The key under the chart for `data` as `figure` draws it; nothing for an empty chart."""
    slugs = {lane.slug for lane in data.lanes}
    events = [event for event in data.events if event.lane in slugs]
    if not events:
        return mark_safe("")
    entries = key_entries(events, overview=bool(figure.get("overview")))
    items = "".join(f"<li>{swatch}{escape(text)}</li>" for swatch, text in entries)
    title = escape(pgettext("the chart's legend", "Key"))
    return mark_safe(  # every text above is escaped
        f'<div class="chart-key"><p class="chart-key-title" id="chart-key-title">{title}</p>'
        f'<ul aria-labelledby="chart-key-title">{items}</ul></div>'
    )

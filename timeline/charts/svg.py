"""The chart as SVG in the page's HTML: there at first paint, in print and
without JavaScript; Plotly takes over in the same box once it has drawn.

Pure: it draws the same `ChartInput` as `build_figure`, through the same
helpers (positions, precision bands, labels, symbols, colours), and reads
the range and the overview from the built figure, so the two agree.

Across, dates are percentages of the width (the SVG is as wide as its box
at any width, its text never scaled); down, pixels, laid out as Plotly lays
out the figure: `style.LAYOUT`'s top margin, `style.LANE_HEIGHT` per lane,
then the axis (the key is the page's HTML under the box, `key`, the same
for both).  The box's height is the CSS's
(`.chart-lanes-N`), the figure's.  Every mark is a link to its event, named
by a <title>; every text is escaped.  Colours are presentation attributes
(fill, stroke), which the Content Security Policy allows, never style.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .. import precision as prec
from .. import vocabulary
from ..precision import Precision
from . import style
from .hover import date_text, planned_text
from .inputs import ChartEvent, ChartInput, ChartLane, ChartPhase
from .labels import _rank as label_rank  # the interactive chart's order of importance
from .labels import chart_label
from .overview import bucket_range
from .positions import chart_range, day_after, is_approximate, marker_position, midnight

TOP = style.LAYOUT["margin"]["t"]  # px above the first lane (the phase labels sit inside it)
WIDE_PX, NARROW_PX = 720, 340  # the narrowest plot each layout is drawn for (labels fit at any wider one)
LEFT, RIGHT = 1.0, 99.0  # % of the width the dates span
LABEL_FONT = 11
CHAR_PX = 6.2  # about how wide a label's character is at LABEL_FONT
LABEL_ROWS = (-16, 24, -30, 38)  # label baselines above/below the lane's line, first choice first
LabelLink = Callable[[str], str]
SVG_NS = "http://www.w3.org/2000/svg"


def chart_svg(
    data: ChartInput,
    figure: dict,
    *,
    event_url: LabelLink,
    period_url: Callable[[dt.date, dt.date], str] | None = None,
    today: dt.date | None = None,
    new_tab: bool = False,
) -> SafeString:
    """The SVG for `data` as `figure` (its `build_figure`) draws it:
    `event_url(slug)` is an event's page, `period_url(first, last)` (overview) a period's;
    `new_tab`: the marks open them in a new tab (the embed, framed in another site)."""
    lanes = list(data.lanes)
    slugs = {lane.slug for lane in lanes}
    events = [event for event in data.events if event.lane in slugs]
    height = style.CHROME_HEIGHT + style.LANE_HEIGHT * max(len(lanes), 1)
    span = _shown(data, lanes, events, figure)
    title = _("Chart of the timeline")
    desc = _description(lanes, events, figure)
    font = escape(style.LAYOUT["font"]["family"])
    parts = [
        f'<svg xmlns="{SVG_NS}" class="chart-svg" role="img" width="100%" height="{height}" font-family="{font}"'
        f' font-size="{LABEL_FONT}" fill="{style.INK}" aria-labelledby="chart-svg-title chart-svg-desc">',
        f'<title id="chart-svg-title">{escape(title)}</title><desc id="chart-svg-desc">{escape(desc)}</desc>',
        _defs(),
    ]
    scale = _Scale(*span) if span else None
    if scale:
        parts += _phases(data.phases, scale, len(lanes))
    parts += _lanes(lanes)
    if scale is None or not events:
        parts.append(_message(_("No events match these filters."), len(lanes)))
    if scale:
        parts += _axis(scale, len(lanes))
        if today is not None and scale.low <= midnight(today) <= scale.high:
            parts.append(_today(scale.x(midnight(today)), len(lanes)))
    if scale and events:
        centre = {lane.slug: TOP + style.LANE_HEIGHT * (index + 0.5) for index, lane in enumerate(lanes)}
        by_lane: dict[str, list[ChartEvent]] = {lane.slug: [] for lane in lanes}
        for event in events:
            by_lane[event.lane].append(event)
        if figure.get("overview"):
            for lane in lanes:
                parts += _overview(lane, by_lane[lane.slug], centre[lane.slug], scale, figure, period_url)
        else:
            for lane in lanes:
                parts += _lane_marks(lane, by_lane[lane.slug], centre[lane.slug], scale, event_url, new_tab)
            parts += _labels(lanes, by_lane, centre, scale)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every value above is escaped


class _Scale:
    """Dates to percentages of the width."""

    def __init__(self, low: dt.datetime, high: dt.datetime) -> None:
        self.low, self.high = low, high
        self.total = max((high - low).total_seconds(), 1.0)

    def fraction(self, value: dt.datetime) -> float:
        return (prec.as_utc(value) - self.low).total_seconds() / self.total

    def x(self, value: dt.datetime) -> float:
        return LEFT + (RIGHT - LEFT) * self.fraction(value)

    def visible(self, value: dt.datetime) -> bool:
        return 0 <= self.fraction(value) <= 1

    def clamp(self, value: dt.datetime) -> float:
        return LEFT + (RIGHT - LEFT) * min(max(self.fraction(value), 0.0), 1.0)


def _pc(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


def _shown(data: ChartInput, lanes, events, figure: dict) -> tuple[dt.datetime, dt.datetime] | None:
    """The range the figure shows (its ?range=, else everything)."""
    shown = figure.get("layout", {}).get("xaxis", {}).get("range")
    if shown:
        return tuple(dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC) for value in shown)
    return chart_range(ChartInput(lanes, events, data.phases))


def _description(lanes: Sequence[ChartLane], events: Sequence[ChartEvent], figure: dict) -> str:
    count = len(events)
    sides = ", ".join(lane.name for lane in lanes)
    text = ngettext(
        "%(count)s event, one lane per side (%(sides)s).", "%(count)s events, one lane per side (%(sides)s).", count
    ) % {"count": f"{count:,}", "sides": sides}
    if figure.get("overview"):
        text += " " + _("Each circle counts a side’s events in a period.")
    return text + " " + _("The list of events below gives the same dates and sources as text.")


# --- symbols ----------------------------------------------------------------------


def _polygon(points: int, radius: float, inner: float | None = None, turn: float = -90.0) -> str:
    corners = []
    steps = points * (2 if inner else 1)
    for index in range(steps):
        angle = math.radians(turn + 360 * index / steps)
        r = inner if inner and index % 2 else radius
        corners.append(f"{r * math.cos(angle):.2f},{r * math.sin(angle):.2f}")
    return "M" + "L".join(corners) + "Z"


R = style.POINT_SIZE / 2
SYMBOL_PATHS = {
    "circle": f"M{R},0A{R},{R} 0 1,1 -{R},0A{R},{R} 0 1,1 {R},0Z",
    "square": _polygon(4, R * 1.25, turn=-45),
    "diamond": _polygon(4, R * 1.3),
    "triangle-up": _polygon(3, R * 1.25),
    "triangle-down": _polygon(3, R * 1.25, turn=90),
    "pentagon": _polygon(5, R * 1.1),
    "hexagon": _polygon(6, R * 1.05),
    "star": _polygon(5, R * 1.3, inner=R * 0.55),
    "hexagram": _polygon(6, R * 1.2, inner=R * 0.7),
    "cross": "M-2.5,-7H2.5V-2.5H7V2.5H2.5V7H-2.5V2.5H-7V-2.5H-2.5Z",
}


def _defs() -> str:
    paths = "".join(f'<path id="chart-svg-{name}" d="{path}"/>' for name, path in SYMBOL_PATHS.items())
    return f"<defs>{paths}</defs>"


def _symbol(kind: str, x: float, y: float, *, hollow: bool = False, dot: bool = False, extra: str = "") -> str:
    name = style.KIND_SYMBOLS.get(kind, style.DEFAULT_SYMBOL)
    name = name if name in SYMBOL_PATHS else "circle"
    fill = f' fill="{style.WHITE}"' if hollow else ""
    mark = f'<use href="#chart-svg-{name}" x="{_pc(x)}" y="{y:g}"{fill}{extra}/>'
    if dot:
        mark += f'<circle cx="{_pc(x)}" cy="{y:g}" r="2"/>'
    return mark


# --- the frame: phases, lanes, axis, today ---------------------------------------------


def _phases(phases: Sequence[ChartPhase], scale: _Scale, lane_count: int) -> list[str]:
    bottom = TOP + style.LANE_HEIGHT * max(lane_count, 1)
    bands, names = [], []
    for index, phase in enumerate(phases):
        start, until = midnight(phase.start), day_after(phase.end)
        if until <= scale.low or start >= scale.high:
            continue
        x0, x1 = scale.clamp(start), scale.clamp(until)
        fill = style.PHASE_FILLS[index % 2]
        y = TOP + 12 + style.PHASE_LABEL_STEP * (index % 2)
        bands.append(f'<rect x="{_pc(x0)}" y="{TOP}" width="{_pc(x1 - x0)}" height="{bottom - TOP}" fill="{fill}"/>')
        names.append(f'<text x="{_pc(x0)}" dx="4" y="{y}">{escape(phase.name)}</text>')
    if not bands:
        return []
    # The names over every band (a short phase's name runs on over the next one), hidden on a phone.
    names_group = f'<g class="only-wide" fill="{style.MUTED}">{"".join(names)}</g>'
    return [f'<g class="chart-svg-phases">{"".join(bands)}{names_group}</g>']


def _lanes(lanes: Sequence[ChartLane]) -> list[str]:
    parts = []
    for index, lane in enumerate(lanes):
        top = TOP + style.LANE_HEIGHT * index
        centre = top + style.LANE_HEIGHT / 2
        if index:
            parts.append(f'<line x1="0" x2="100%" y1="{top}" y2="{top}" stroke="{style.SEPARATOR}"/>')
        parts.append(
            f'<line x1="{_pc(LEFT)}" x2="{_pc(RIGHT)}" y1="{centre:g}" y2="{centre:g}" stroke="{lane.colour}"'
            f' stroke-opacity="0.35"/>'
            f'<text class="chart-svg-lane" x="6" y="{top + style.LANE_HEIGHT - 8}" font-size="13" font-weight="bold"'
            f' fill="{lane.colour}">{escape(lane.name)}</text>'
        )
    return parts


def _message(text: str, lane_count: int) -> str:
    y = TOP + style.LANE_HEIGHT * max(lane_count, 1) / 2
    return f'<text x="50%" y="{y:g}" text-anchor="middle" font-size="15" fill="{style.MUTED}">{escape(text)}</text>'


def _today(x: float, lane_count: int) -> str:
    bottom = TOP + style.LANE_HEIGHT * max(lane_count, 1)
    label = _("Today")
    return (
        f'<line x1="{_pc(x)}" x2="{_pc(x)}" y1="{TOP}" y2="{bottom}" stroke="{style.INK}" stroke-dasharray="2 3"/>'
        f'<text x="{_pc(x)}" dx="-4" y="{bottom - 6}" text-anchor="end">{escape(label)}</text>'
    )


def _ticks(low: dt.datetime, high: dt.datetime) -> tuple[list[dt.datetime], Precision]:
    """Ticks on whole years, months or days: at most about seven."""
    days = (high - low).days
    for months in (1, 3, 6, 12, 24, 60, 120, 600, 1200):
        if days / (30.4 * months) <= 7:
            break
    else:
        months = 12 * max(1, int(days / 365 / 7))
    if days <= 60:
        step = next(step for step in (1, 2, 7, 14, 30) if days / step <= 7)
        first = midnight(low.date())
        first += dt.timedelta(days=1) if first < low else dt.timedelta(0)
        ticks = [first + dt.timedelta(days=step * n) for n in range(days // step + 1)]
        return [tick for tick in ticks if tick <= high], Precision.DAY
    index = low.year * 12 + low.month  # the first month after `low`
    index += (-index) % months
    ticks = []
    while True:
        year, month = divmod(index, 12)
        try:
            tick = dt.datetime(year, month + 1, 1, tzinfo=dt.UTC)
        except ValueError:
            break
        if tick > high:
            break
        ticks.append(tick)
        index += months
    return ticks, Precision.YEAR if months % 12 == 0 else Precision.MONTH


def _axis(scale: _Scale, lane_count: int) -> list[str]:
    bottom = TOP + style.LANE_HEIGHT * max(lane_count, 1)
    ticks, precision = _ticks(scale.low, scale.high)
    parts = [f'<line x1="0" x2="100%" y1="{bottom}" y2="{bottom}" stroke="{style.AXIS_LINE}"/>']
    for index, tick in enumerate(ticks):
        x = _pc(scale.x(tick))
        anchor = "end" if scale.x(tick) > 92 else "start" if scale.x(tick) < 8 else "middle"
        narrow_too = index % 2 == 0 or len(ticks) <= 3
        parts.append(
            f'<g class="chart-svg-tick{"" if narrow_too else " only-wide"}" fill="{style.MUTED}">'
            f'<line x1="{x}" x2="{x}" y1="{TOP}" y2="{bottom + 5}" stroke="{style.GRID}"/>'
            f'<text x="{x}" y="{bottom + 19}" text-anchor="{anchor}" font-size="12">'
            f"{escape(prec.format_date(tick, precision))}</text></g>"
        )
    return parts


# --- the marks --------------------------------------------------------------------------


def mark_name(event: ChartEvent, lane: ChartLane) -> str:
    """What a mark is called: title, side and kind, the date at its precision, status, plan."""
    words = [event.title, f"{lane.name} · {event.kind_label}", date_text(event)]
    if event.status != vocabulary.HAPPENED:
        words.append(_("Status: %(status)s") % {"status": event.status_label})
    if event.planned_differs:
        words.append(_("Planned: %(date)s") % {"date": planned_text(event)})
    return ". ".join(words)


def _lane_marks(
    lane: ChartLane, events: list[ChartEvent], y: float, scale: _Scale, event_url: LabelLink, new_tab: bool
) -> list[str]:
    parts = [f'<g class="chart-svg-marks" data-lane="{escape(lane.slug)}" fill="{lane.colour}" stroke="{lane.colour}"'
             f' stroke-width="{style.POINT_LINE_WIDTH}">']  # fmt: skip
    target = ' target="_blank" rel="noopener"' if new_tab else ""
    for event in events:
        start, until = event.interval
        if until < scale.low or start > scale.high:
            continue
        marks = _span(event, y, scale) if event.is_span else _point(event, y, scale)
        if event.planned_differs and scale.visible(marker_position(event.planned, event.planned_precision)):
            marks = _plan(event, y, scale) + marks
        parts.append(
            f'<a class="chart-svg-mark" href="{escape(event_url(event.slug))}" data-event="{escape(event.slug)}"'
            f"{target}>"
            f"<title>{escape(mark_name(event, lane))}</title>{marks}</a>"
        )
    parts.append("</g>")
    return parts


def _band(start: dt.datetime, until: dt.datetime, y: float, scale: _Scale) -> str:
    x0, x1 = scale.clamp(start), scale.clamp(until)
    return (
        f'<rect class="chart-svg-band" x="{_pc(x0)}" width="{_pc(max(x1 - x0, 0.05))}" y="{y - style.BAND_WIDTH / 2:g}"'
        f' height="{style.BAND_WIDTH}" fill-opacity="{style.BAND_ALPHA}" stroke="none"/>'
    )


def _opacity(event: ChartEvent) -> str:
    opacity = style.STATUS_OPACITY.get(event.status)
    return f' opacity="{opacity:g}"' if opacity else ""


def _point(event: ChartEvent, y: float, scale: _Scale) -> str:
    x = marker_position(event.start, event.start_precision)
    marks = ""
    if is_approximate(event.start_precision):
        marks += _band(*prec.covered_interval(event.start, event.start_precision), y, scale)
    if not scale.visible(x):
        return marks
    suffix = style.STATUS_SYMBOL_SUFFIX.get(event.status, "")
    hollow, dot = suffix.startswith("-open"), suffix.endswith("-dot")
    return marks + _symbol(event.kind, scale.x(x), y, hollow=hollow, dot=dot, extra=_opacity(event))


def _span(event: ChartEvent, y: float, scale: _Scale) -> str:
    """A bar over the span's certain part, pale bands over its approximate ends (as `lanes` draws it)."""
    start_from, start_until = prec.covered_interval(event.start, event.start_precision)
    end_from, end_until = prec.covered_interval(event.end, event.end_precision)
    certain_from = start_until if is_approximate(event.start_precision) else start_from
    certain_until = end_from if is_approximate(event.end_precision) else end_until
    marks = ""
    if is_approximate(event.start_precision):
        marks += _band(start_from, start_until, y, scale)
    if is_approximate(event.end_precision):
        marks += _band(end_from, end_until, y, scale)
    opacity = style.STATUS_OPACITY.get(event.status, 1.0)
    if certain_until <= certain_from:
        certain_from, certain_until = start_from, end_until
        opacity = min(opacity, style.VAGUE_BAR_OPACITY)
    if event.status != vocabulary.HAPPENED:
        opacity = style.HOLLOW_BAR_OPACITY
    x0, x1 = scale.clamp(certain_from), scale.clamp(certain_until)
    height = style.BAR_WIDTH * style.LANE_HEIGHT
    return marks + (
        f'<rect class="chart-svg-bar" x="{_pc(x0)}" width="{_pc(max(x1 - x0, 0.2))}" y="{y - height / 2:g}"'
        f' height="{height:g}" stroke="none" fill-opacity="{opacity:g}"/>'
    )


def _plan(event: ChartEvent, y: float, scale: _Scale) -> str:
    """A hollow marker on the planned date, dotted to the actual one."""
    plan = marker_position(event.planned, event.planned_precision)
    actual = event.interval[0] if event.is_span else marker_position(event.start, event.start_precision)
    marks = ""
    if is_approximate(event.planned_precision):
        marks += _band(*prec.covered_interval(event.planned, event.planned_precision), y, scale)
    x0, x1 = scale.x(plan), scale.clamp(actual)
    marks += (
        f'<line class="chart-svg-plan-link" x1="{_pc(x0)}" x2="{_pc(x1)}" y1="{y:g}" y2="{y:g}"'
        f' stroke-width="{style.PLAN_LINE_WIDTH}" stroke-dasharray="2 3"/>'
    )
    extra = f' class="chart-svg-planned" stroke-width="{style.PLAN_LINE_WIDTH}" opacity="{style.PLAN_OPACITY}"'
    return marks + _symbol(event.kind, x0, y, hollow=True, extra=extra)


# --- the labels beside the key milestones -------------------------------------------


def _labels(lanes, by_lane, centre, scale: _Scale) -> list[str]:
    """The labels in order of importance (`labels`), each where it fits at the
    narrowest wide plot, and on a phone; the ones that fit nowhere are left out."""
    ranked = []
    for lane in lanes:
        seen: set[str] = set()
        for event in sorted(by_lane[lane.slug], key=lambda e: prec.as_utc(e.start)):
            first = event.kind not in seen
            seen.add(event.kind)
            anchor = _anchor(event)
            if scale.visible(anchor):
                ranked.append((label_rank(event, first), event, lane))
    ranked.sort(key=lambda item: item[0])
    placed = {WIDE_PX: _Placer(WIDE_PX), NARROW_PX: _Placer(NARROW_PX)}
    parts = []
    for _rank_key, event, lane in ranked:
        text = chart_label(event)
        x = scale.x(_anchor(event))
        rows = {width: placer.place(x, centre[lane.slug], text) for width, placer in placed.items()}
        for row, hangs in set(rows.values()) - {None}:
            where = [width for width, value in rows.items() if value == (row, hangs)]
            css = "" if len(where) == 2 else (" only-wide" if where == [WIDE_PX] else " only-narrow")
            y = centre[lane.slug]
            hang = 'dx="3" text-anchor="end"' if hangs else 'dx="-3"'
            tip = y + (-R - 1 if row < 0 else R + 1)
            line_end = y + row + (3 if row < 0 else -LABEL_FONT)
            parts.append(
                f'<g class="chart-svg-label{css}"><line x1="{_pc(x)}" x2="{_pc(x)}" y1="{tip:g}" y2="{line_end:g}"'
                f' stroke="{lane.colour}"/><text x="{_pc(x)}" {hang} y="{y + row:g}">{escape(text)}</text></g>'
            )
    return parts


def _anchor(event: ChartEvent) -> dt.datetime:
    if not event.is_span:
        return marker_position(event.start, event.start_precision)
    start, until = event.interval
    return start + (until - start) / 2


class _Placer:
    """Greedy label placement at an assumed plot width: each label takes the
    first row beside its mark where it overlaps no label placed before it."""

    def __init__(self, width_px: int) -> None:
        self.width = width_px
        self.taken: list[tuple[float, float, float]] = []  # (left px, right px, baseline y)

    def place(self, x_pc: float, y: float, text: str) -> tuple[int, bool] | None:
        """(row, whether the label hangs left of its mark), or None where it fits nowhere."""
        left = x_pc / 100 * self.width - 3
        right = left + len(text) * CHAR_PX + 4
        hangs = right > self.width
        if hangs:  # no room to the right: it ends at its mark
            left, right = left + 6 - (right - left), left + 6
        for row in LABEL_ROWS:
            baseline = y + row
            if all(r <= left or lo >= right or abs(b - baseline) >= LABEL_FONT + 3 for lo, r, b in self.taken):
                self.taken.append((left, right, baseline))
                return row, hangs
        return None


# --- the overview ----------------------------------------------------------------------


def _overview(lane, events, y: float, scale: _Scale, figure: dict, period_url) -> list[str]:
    """A circle per period whose area is the number of its events (as `overview` draws them)."""
    bucket = figure["overview"]["bucket"]
    counts: dict[tuple[dt.date, dt.date], int] = {}
    for event in events:
        period = bucket_range(event.start, bucket)
        counts[period] = counts.get(period, 0) + 1
    biggest = max(counts.values(), default=1)
    parts = [
        f'<g class="chart-svg-overview" data-lane="{escape(lane.slug)}" fill="{lane.colour}"'
        f' fill-opacity="{style.OVERVIEW_ALPHA}" stroke="{lane.colour}">'
    ]
    for (first, last), count in sorted(counts.items()):
        middle = midnight(first) + (day_after(last) - midnight(first)) / 2
        if not scale.visible(middle):
            continue
        radius = max(2.0, style.OVERVIEW_MAX_PX / 2 * math.sqrt(count / biggest))
        name = ngettext(
            "%(side)s: %(count)s event from %(first)s to %(last)s",
            "%(side)s: %(count)s events from %(first)s to %(last)s",
            count,
        ) % {
            "side": lane.name,
            "count": f"{count:,}",
            "first": prec.format_date(midnight(first), Precision.DAY),
            "last": prec.format_date(midnight(last), Precision.DAY),
        }
        circle = f'<circle cx="{_pc(scale.x(middle))}" cy="{y:g}" r="{radius:.1f}"/>'
        if period_url:
            circle = f'<a class="chart-svg-mark" href="{escape(period_url(first, last))}">{circle}</a>'
            circle = circle.replace("<circle", f"<title>{escape(name)}</title><circle", 1)
        else:
            circle = circle.replace("/>", f"><title>{escape(name)}</title></circle>")
        parts.append(circle)
    parts.append("</g>")
    return parts

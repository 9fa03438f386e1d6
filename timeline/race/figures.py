"""The headline figures per side: from announcement to launch, days in
orbit, from return to premiere; or, while a step is missing, the days since
the last one.  Each only as precise as both its ends (`gaps.gap_between`):
"11 days 19 h 40 min" between two times, "378 days" between two days,
"about 542 days" or "15 to 39 hours" when one end has a time and the other not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ..gaps import DateGap, Window, gap_between
from ..precision import Precision
from .inputs import RaceEvent, RaceSide
from .results import Figure, FigureLink, FigureRow
from .words import day_text, short_date

Reached = dict[tuple[str, str], list[RaceEvent]]  # (side, kind) -> events that reached it, first first


def figures(sides: Sequence[RaceSide], reached: Reached, as_of: dt.date | None) -> tuple[FigureRow, ...]:
    to_launch, in_orbit, to_premiere = [], [], []
    for side in sides:

        def first(kind: str, side: RaceSide = side) -> RaceEvent | None:
            found = reached.get((side.slug, kind))
            return found[0] if found else None

        announcement, launch, premiere = first("announcement"), first("launch"), first("premiere")
        landing = home(reached, side)
        to_launch.append(_stretch(side, _TO_LAUNCH, announcement, launch, as_of))
        in_orbit.append(_stretch(side, _IN_ORBIT, launch, landing, as_of))
        to_premiere.append(_stretch(side, _TO_PREMIERE, landing, premiere, as_of))

    return (
        FigureRow("announcement_to_launch", gettext("From announcement to launch"), tuple(to_launch)),
        FigureRow("in_orbit", pgettext("a headline figure", "In orbit"), tuple(in_orbit)),
        FigureRow("return_to_premiere", gettext("From return to premiere"), tuple(to_premiere)),
    )


def home(reached: Reached, side: RaceSide) -> RaceEvent | None:
    """When the crew was back on Earth: the landing of the first flight, or
    failing a known launch, the last known return event."""
    returns = reached.get((side.slug, "return"), [])
    landing = _landing(reached.get((side.slug, "launch"), []), returns)
    return landing or (returns[-1] if returns else None)


@dataclass(frozen=True)
class _Stretch:
    """One headline figure: from one milestone to the next, and what to say
    when only the first, or neither, is known."""

    first_role: str
    second_role: str
    since: str  # "%(gap)s since the announcement, as of %(day)s"
    same_day: str  # "the announcement was that day, %(day)s"
    open_text: str  # only the first is known
    none_text: str  # not even the first
    ordered: bool = False  # the second counts only when it comes after the first (a landing after its launch)


_NO_LAUNCH = pgettext_lazy("a headline figure", "no launch yet")
_TO_LAUNCH = _Stretch(
    "announcement",
    "launch",
    _("%(gap)s since the announcement, as of %(day)s"),
    _("the announcement was that day, %(day)s"),
    _NO_LAUNCH,
    pgettext_lazy("a headline figure", "not announced yet"),
)
_IN_ORBIT = _Stretch(
    "launch",
    "landing",
    _("%(gap)s since the launch, as of %(day)s"),
    _("the launch was that day, %(day)s"),
    pgettext_lazy("a headline figure", "in orbit, not back yet"),
    _NO_LAUNCH,
    ordered=True,
)
_TO_PREMIERE = _Stretch(
    "landing",
    "premiere",
    _("%(gap)s since the return, as of %(day)s"),
    _("the return was that day, %(day)s"),
    pgettext_lazy("a headline figure", "no premiere yet"),
    pgettext_lazy("a headline figure", "no return yet"),
)


def _stretch(side: RaceSide, kind: _Stretch, first: RaceEvent | None, second: RaceEvent | None, as_of) -> Figure:
    if first and second and (not kind.ordered or second.start >= first.start):
        gap = _gap(first, second)
        links = (_link(kind.first_role, first), _link(kind.second_role, second))
        return Figure(side, gap.words(months=False), _from_to(first, second), gap.days, links)
    if first:
        detail, days = _since(first, as_of, kind)
        return Figure(side, str(kind.open_text), detail, days, (_link(kind.first_role, first),))
    return Figure(side, str(kind.none_text))


def _landing(launches: Sequence[RaceEvent], returns: Sequence[RaceEvent]) -> RaceEvent | None:
    """The last return event of the first flight: the landing, not the undocking."""
    if not launches:
        return None
    launch = launches[0]
    next_launch = launches[1].start if len(launches) > 1 else None
    flight = [r for r in returns if r.start >= launch.start and (next_launch is None or r.start < next_launch)]
    return max(flight, key=lambda r: (r.start, r.slug)) if flight else None


def _window(event: RaceEvent) -> Window:
    return Window.of(event.start, event.start_precision)


def _gap(a: RaceEvent, b: RaceEvent) -> DateGap:
    return gap_between(_window(a), _window(b))


def _link(role: str, event: RaceEvent) -> FigureLink:
    return FigureLink(role, event.slug, event.title)


def _since(event: RaceEvent, as_of: dt.date | None, kind: _Stretch) -> tuple[str, int | None]:
    """How long since `event` as of the whole day `as_of`: days between two
    days, a range of hours from a time of day ("15 to 39 hours")."""
    if as_of is None:
        return "", None
    then = _window(event)
    if then.first_day == then.last_day == as_of:
        return kind.same_day % {"day": day_text(as_of)}, 0
    day = Window.of(dt.datetime.combine(as_of, dt.time.min, tzinfo=dt.UTC), Precision.DAY)
    gap = gap_between(then, day)
    return kind.since % {"gap": gap.words(months=False), "day": day_text(as_of)}, gap.days


def _from_to(a: RaceEvent, b: RaceEvent) -> str:
    return f"{short_date(a.start, a.start_precision)} → {short_date(b.start, b.start_precision)}"

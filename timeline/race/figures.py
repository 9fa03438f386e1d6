"""The headline figures per side: from announcement to launch, days in
orbit, from return to premiere; or, while a step is missing, the days since
the last one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..precision import Precision, as_utc
from .inputs import RaceEvent, RaceSide
from .results import Figure, FigureLink, FigureRow
from .verdicts import EXACT_PRECISIONS
from .words import day_text, plural, short_date, span_words

Reached = dict[tuple[str, str], list[RaceEvent]]  # (side, kind) -> events that reached it, first first


def figures(sides: Sequence[RaceSide], reached: Reached, as_of: dt.date | None) -> tuple[FigureRow, ...]:
    to_launch, in_orbit, to_premiere = [], [], []
    for side in sides:

        def first(kind: str, side: RaceSide = side) -> RaceEvent | None:
            found = reached.get((side.slug, kind))
            return found[0] if found else None

        announcement, launch, premiere = first("announcement"), first("launch"), first("premiere")
        landing = home(reached, side)
        to_launch.append(_to_launch(side, announcement, launch, as_of))
        in_orbit.append(_in_orbit(side, launch, landing, as_of))
        to_premiere.append(_to_premiere(side, landing, premiere, as_of))

    return (
        FigureRow("announcement_to_launch", "From announcement to launch", tuple(to_launch)),
        FigureRow("in_orbit", "In orbit", tuple(in_orbit)),
        FigureRow("return_to_premiere", "From return to premiere", tuple(to_premiere)),
    )


def home(reached: Reached, side: RaceSide) -> RaceEvent | None:
    """When the crew was back on Earth: the landing of the first flight, or
    failing a known launch, the last known return event."""
    returns = reached.get((side.slug, "return"), [])
    landing = _landing(reached.get((side.slug, "launch"), []), returns)
    return landing or (returns[-1] if returns else None)


def _to_launch(side: RaceSide, announcement: RaceEvent | None, launch: RaceEvent | None, as_of) -> Figure:
    if announcement and launch:
        days, exact = _days_between(announcement, launch)
        links = (_link("announcement", announcement), _link("launch", launch))
        return Figure(side, _about(days, exact), _from_to(announcement, launch), days, links)
    if announcement:
        detail, days = _since(announcement, as_of, "announcement")
        return Figure(side, "no launch yet", detail, days, (_link("announcement", announcement),))
    return Figure(side, "not announced yet")


def _in_orbit(side: RaceSide, launch: RaceEvent | None, landing: RaceEvent | None, as_of) -> Figure:
    if launch and landing and landing.start >= launch.start:
        if Precision.MINUTE == launch.start_precision == landing.start_precision:
            delta = landing.start - launch.start
            value, days = span_words(delta), delta.days
        else:
            days, day_exact = _days_between(launch, landing)
            value = _about(days, day_exact)
        links = (_link("launch", launch), _link("landing", landing))
        return Figure(side, value, _from_to(launch, landing), days, links)
    if launch:
        detail, days = _since(launch, as_of, "launch")
        return Figure(side, "in orbit, not back yet", detail, days, (_link("launch", launch),))
    return Figure(side, "no launch yet")


def _to_premiere(side: RaceSide, landing: RaceEvent | None, premiere: RaceEvent | None, as_of) -> Figure:
    if landing and premiere:
        days, exact = _days_between(landing, premiere)
        links = (_link("landing", landing), _link("premiere", premiere))
        return Figure(side, _about(days, exact), _from_to(landing, premiere), days, links)
    if landing:
        detail, days = _since(landing, as_of, "return")
        return Figure(side, "no premiere yet", detail, days, (_link("landing", landing),))
    return Figure(side, "no return yet")


def _landing(launches: Sequence[RaceEvent], returns: Sequence[RaceEvent]) -> RaceEvent | None:
    """The last return event of the first flight: the landing, not the undocking."""
    if not launches:
        return None
    launch = launches[0]
    next_launch = launches[1].start if len(launches) > 1 else None
    flight = [r for r in returns if r.start >= launch.start and (next_launch is None or r.start < next_launch)]
    return max(flight, key=lambda r: (r.start, r.slug)) if flight else None


def _days_between(a: RaceEvent, b: RaceEvent) -> tuple[int, bool]:
    exact = Precision(a.start_precision) in EXACT_PRECISIONS and Precision(b.start_precision) in EXACT_PRECISIONS
    return (as_utc(b.start).date() - as_utc(a.start).date()).days, exact


def _link(role: str, event: RaceEvent) -> FigureLink:
    return FigureLink(role, event.slug, event.title)


def _since(event: RaceEvent, as_of: dt.date | None, what: str) -> tuple[str, int | None]:
    if as_of is None:
        return "", None
    days = (as_of - as_utc(event.start).date()).days
    if days == 0:
        return f"the {what} was that day, {day_text(as_of)}", 0
    return f"{plural(days, 'day')} since the {what}, as of {day_text(as_of)}", days


def _from_to(a: RaceEvent, b: RaceEvent) -> str:
    return f"{short_date(a.start, a.start_precision)} → {short_date(b.start, b.start_precision)}"


def _about(days: int, exact: bool) -> str:
    return plural(days, "day") if exact else f"about {plural(days, 'day')}"

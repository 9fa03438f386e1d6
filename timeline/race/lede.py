"""The race at a glance: a headline, a short standfirst and each side's key
milestones, written from the comparison's result as of the chosen day.

Pure: a `RaceResult` and each side's latest status update known by then (a
`RaceEvent` of kind "status_update", or None) in, a `Lede` out.  Nothing is
written by hand: a new event or another day changes the words.  A side that
has not launched is described by its latest status update, with that
update's confirmation ("unconfirmed" for a report the sources do not
establish), so a film reported shelved never reads as one still coming."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext, pgettext, pgettext_lazy

from ..vocabulary import HAPPENED, UNCONFIRMED, status_of
from .inputs import RaceEvent, RaceSide
from .results import Cell, CellState, Figure, Milestone, RaceResult, VerdictKind
from .words import at_most_day, day_text, short_date

# The milestones a reader wants side by side, in race order.
KEY_MILESTONES = ("announcement", "launch", "filming", "return", "premiere")
NONE_ON_RECORD = pgettext_lazy("a milestone with no event", "none on record")


@dataclass(frozen=True)
class LedeMilestone:
    kind: str
    label: str
    text: str  # "5 Oct 2021", "planned Oct 2021, never flew", "none on record"
    reached: bool
    slug: str = ""  # the event behind it, to link to


@dataclass(frozen=True)
class LedeSide:
    side: RaceSide
    milestones: tuple[LedeMilestone, ...]
    status: str = ""  # "Report says … (11 Dec 2025, unconfirmed)"
    status_slug: str = ""


@dataclass(frozen=True)
class LedeRow:
    """One key milestone across the sides, for a table that sets them side by side."""

    kind: str
    label: str
    cells: tuple[LedeMilestone, ...]  # one per side, in the sides' order


@dataclass(frozen=True)
class Lede:
    headline: str  # the verdict
    standfirst: str
    sides: tuple[LedeSide, ...]
    as_of: dt.date | None

    @property
    def rows(self) -> tuple[LedeRow, ...]:
        first = self.sides[0].milestones if self.sides else ()
        return tuple(
            LedeRow(m.kind, m.label, tuple(side.milestones[index] for side in self.sides))
            for index, m in enumerate(first)
        )

    @property
    def has_status(self) -> bool:
        return any(side.status for side in self.sides)


def race_lede(result: RaceResult, updates: Mapping[str, RaceEvent | None] | None = None) -> Lede:
    """The lede of `result`; `updates`: per side slug, its latest status
    update known as of the result's day."""
    updates = updates or {}
    milestones = {m.kind: m for m in result.milestones}
    launch = milestones.get("launch")
    sides = tuple(_side(side, milestones, updates.get(side.slug)) for side in result.sides)
    headline = _headline(result, launch)
    standfirst = " ".join(_standfirst(result, milestones, updates))
    return Lede(headline, standfirst, sides, result.as_of)


def confirmation(event: RaceEvent) -> str:
    """How sure the record is of an update: "unconfirmed", "confirmed", or its status."""
    if event.status == UNCONFIRMED:
        return pgettext("how sure a status update is", "unconfirmed")
    if event.status == HAPPENED:
        return pgettext("how sure a status update is", "confirmed")
    return str(status_of(event.status).label).lower()


def update_text(event: RaceEvent) -> str:
    """ "Report says Cruise's space film has been shelved (11 Dec 2025, unconfirmed)" """
    return pgettext("a status update: its title (its day, how sure)", "%(title)s (%(day)s, %(confirmation)s)") % {
        "title": event.title,
        "day": _day(event),
        "confirmation": confirmation(event),
    }


def _day(event: RaceEvent) -> str:
    return short_date(event.start, at_most_day(event.start_precision))


def _cell(milestone: Milestone | None, side: RaceSide) -> Cell | None:
    if milestone is None:
        return None
    return next((cell for cell in milestone.cells if cell.side == side), None)


def _side(side: RaceSide, milestones: Mapping[str, Milestone], update: RaceEvent | None) -> LedeSide:
    shown = []
    for kind in KEY_MILESTONES:
        milestone = milestones.get(kind)
        cell = _cell(milestone, side)
        if milestone is None or cell is None:
            continue
        if cell.reached:
            text = _day(cell.event)
        elif cell.state is CellState.NONE:
            text = str(NONE_ON_RECORD)
        else:
            text = cell.text
        shown.append(LedeMilestone(kind, milestone.label, text, cell.reached, cell.event.slug if cell.event else ""))
    launched = any(m.kind == "launch" and m.reached for m in shown)
    if update is None or launched:  # a side in orbit or back is told by its milestones
        return LedeSide(side, tuple(shown))
    return LedeSide(side, tuple(shown), update_text(update), update.slug)


def _headline(result: RaceResult, launch: Milestone | None) -> str:
    finish = result.summary.finish
    if finish.leader is not None and finish.kind in (VerdictKind.FIRST, VerdictKind.ONLY):
        return gettext("%(side)s was first to shoot a feature film in orbit and bring its crew home") % {
            "side": finish.leader.name
        }
    if launch is None or launch.verdict.kind is VerdictKind.NEITHER:
        return gettext("Neither side has launched a film crew to orbit")
    if launch.verdict.kind is VerdictKind.TOO_CLOSE:
        return gettext("Both sides launched a film crew to orbit: too close to call who was first")
    verdict = launch.verdict
    if verdict.kind is VerdictKind.FIRST and verdict.gap:
        return gettext("%(side)s was first to launch a film crew to orbit, by %(gap)s") % {
            "side": verdict.leader.name,
            "gap": verdict.gap.words,
        }
    return gettext("%(side)s was first to launch a film crew to orbit") % {"side": verdict.leader.name}


def _figure(result: RaceResult, key: str, side: RaceSide) -> Figure | None:
    for row in result.figures:
        if row.key == key:
            return next((figure for figure in row.figures if figure.side == side), None)
    return None


def _standfirst(result: RaceResult, milestones: Mapping[str, Milestone], updates) -> list[str]:
    launch = milestones.get("launch")
    sentences = []
    for side in result.sides:
        cell = _cell(launch, side)
        update = updates.get(side.slug)
        if cell is not None and cell.reached:
            sentences.append(_flight_sentence(result, milestones, side, cell))
        elif update is not None:
            sentences.append(
                gettext("%(side)s has not launched; its latest status update: %(update)s.")
                % {"side": side.name, "update": update_text(update)}
            )
        elif cell is None or cell.state is CellState.NONE:
            sentences.append(gettext("%(side)s has not launched.") % {"side": side.name})
        else:  # what the launch cell says of it
            sentences.append(gettext("%(side)s has not launched (%(plan)s).") % {"side": side.name, "plan": cell.text})
    return sentences


def _flight_sentence(result: RaceResult, milestones, side: RaceSide, launch: Cell) -> str:
    landing = _cell(milestones.get("return"), side)
    orbit = _figure(result, "in_orbit", side)
    said = {"side": side.name, "launch": _day(launch.event)}
    if landing is not None and landing.reached and orbit is not None and len(orbit.links) == 2:
        return gettext(
            "%(side)s’s crew launched on %(launch)s and spent %(time)s in orbit, landing on %(landing)s."
        ) % {**said, "time": orbit.value, "landing": _day(landing.event)}
    if result.as_of is not None:
        return gettext("%(side)s’s crew launched on %(launch)s and was in orbit as of %(day)s.") % {
            **said,
            "day": day_text(result.as_of),
        }
    return gettext("%(side)s’s crew launched on %(launch)s.") % said

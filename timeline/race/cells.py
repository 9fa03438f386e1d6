"""One side's cell for one milestone: reached, planned, unconfirmed, a plan
past its date with no report since, a plan that never happened, or nothing
yet; with its notes (plans against actual dates, sources' differing dates),
at most NOTES_SHOWN of them.

Most milestones are reached by their first event.  Return is the crew back
on Earth: the landing, the last return event of the side's first flight, not
the undocking before it (`_landing`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.translation import pgettext

from ..asof import Standing
from ..precision import as_utc, covered_interval
from ..vocabulary import CANCELLED, FLIGHT_KINDS, HAPPENED, UNCONFIRMED
from .clock import Clock
from .inputs import RaceEvent, RaceSide
from .results import Cell, CellState, ClaimNote, PlanNote
from .words import day_text, short_date

# Plan and claim notes shown per cell; the rest are counted ("and 847 more
# planned events") and left to the timeline filtered to that side and kind.
NOTES_SHOWN = 3

RETURN = "return"
POSTPONED = "postponed"

Flight = tuple[dt.datetime, dt.datetime | None]  # a side's first flight: [first launch, next launch)


def first_key(event: RaceEvent):
    return (event.interval[0], event.interval[1], event.slug)


def _plan_key(event: RaceEvent):
    value, precision = event.plan
    return (covered_interval(value, precision), event.interval, event.slug)


def first_flight(launches: Sequence[RaceEvent]) -> Flight | None:
    """From the first launch reached to the next one (`launches`: first first)."""
    if not launches:
        return None
    return launches[0].start, launches[1].start if len(launches) > 1 else None


@dataclass
class _Found:
    """A side's events of one kind, sorted out as of the chosen day, each
    group in the order a reader meets them."""

    reached: list[RaceEvent] = field(default_factory=list)
    upcoming: list[RaceEvent] = field(default_factory=list)  # plans not over yet
    reports: list[RaceEvent] = field(default_factory=list)  # unconfirmed
    overdue: list[RaceEvent] = field(default_factory=list)  # plans over, no report by then
    lapsed: list[RaceEvent] = field(default_factory=list)  # cancelled, their plan over


def cell_for(
    side: RaceSide,
    kind: str,
    events: Sequence[RaceEvent],
    clock: Clock,
    side_known: bool,
    flight: Flight | None = None,
    side_plan: Standing | None = None,
) -> Cell:
    """The cell for `side`'s events of `kind`: what it reached first (for
    Return: the landing of `flight`), else its next plan, else an unconfirmed
    report, else a plan past its date with no report since, else a plan that
    lapsed; with no event at all, the side's own plan for the milestone
    (`side_plan`, what stood at the cut-off), else "not yet"."""
    found = _sort_out(events, clock, side_known)
    primary, state = _landing(found, flight) if kind == RETURN else _first(found)
    if primary is None:
        return _side_plan_cell(side, kind, side_plan, clock)

    past = sorted(
        [(e, _overdue_text(e)) for e in found.overdue] + [(e, _never_text(kind, e)) for e in found.lapsed],
        key=lambda pair: _plan_key(pair[0]),
    )
    notes = [_note_for(e, happened=True, primary=e is primary, clock=clock) for e in found.reached]
    notes += [_note_for(e, happened=False, primary=e is primary, clock=clock) for e in found.upcoming]
    if state is CellState.OVERDUE:  # its sources' differing dates, if any
        notes.append(_note_for(primary, happened=False, primary=True, clock=clock))
    plan_shown = state in (CellState.PLANNED, CellState.OVERDUE, CellState.NEVER)
    return Cell(
        side=side,
        state=state,
        text=_text(kind, state, primary),
        event=primary,
        planned_by=primary.planned_by if plan_shown else "",
        **_shown([n for n in notes if n is not None], [pair for pair in past if pair[0] is not primary]),
    )


def _side_plan_cell(side: RaceSide, kind: str, standing: Standing | None, clock: Clock) -> Cell:
    """A plan for a milestone no event stands for yet: its date and who said it,
    in the cell's text (there is no event page to link to)."""
    plan = standing.plan if standing else None
    if plan is None:
        return Cell(side=side, state=CellState.NONE, text=pgettext("race cell", "not yet"))
    when = short_date(plan.date, plan.precision)
    when = about(when) if plan.approximate else when
    if standing.withdrawn == CANCELLED:
        state, text = CellState.NEVER, pgettext("race cell", "planned %(date)s, cancelled") % {"date": when}
    elif standing.withdrawn:
        state, text = CellState.NEVER, pgettext("race cell", "planned %(date)s, postponed") % {"date": when}
    elif clock.plan_is_overdue(plan.date, plan.precision):
        state, text = CellState.OVERDUE, _no_report(when)
    else:
        state, text = CellState.PLANNED, _planned(when)
    said = pgettext("race cell: its text (who said it)", "%(text)s (%(by)s)") % {
        "text": text,
        "by": standing.attribution,
    }
    return Cell(side=side, state=state, text=said, planned_by=standing.attribution)


def about(date: str) -> str:
    """ "about 5 Oct 2021, 14:00 UTC": a date its source gave as approximate."""
    return pgettext("an approximate planned date", "about %(date)s") % {"date": date}


def _planned(date: str) -> str:
    return pgettext("race cell", "planned: %(date)s") % {"date": date}


def _no_report(date: str) -> str:
    return pgettext("race cell", "planned for %(date)s, no report since") % {"date": date}


def _sort_out(events: Sequence[RaceEvent], clock: Clock, side_known: bool) -> _Found:
    found = _Found()
    for event in events:
        known = clock.knows(event)
        if event.status == HAPPENED and known:
            found.reached.append(event)
        elif event.status == UNCONFIRMED and known:
            found.reports.append(event)
        elif event.plan is None or not (side_known or event.plan_stated):
            continue  # not known yet, and no plan known either
        elif event.withdrawn == CANCELLED or (event.status == CANCELLED and clock.plan_is_over(*event.plan)):
            found.lapsed.append(event)
        elif event.withdrawn == POSTPONED or (event.status != CANCELLED and clock.plan_is_overdue(*event.plan)):
            found.overdue.append(event)
        else:
            found.upcoming.append(event)
    found.reached.sort(key=first_key)
    found.reports.sort(key=first_key)
    for plans in (found.upcoming, found.overdue, found.lapsed):
        plans.sort(key=_plan_key)
    return found


def _first(found: _Found) -> tuple[RaceEvent | None, CellState]:
    """What a cell shows first: the first event reached, the next plan, the
    first unconfirmed report, the first plan past its date, the first lapsed plan."""
    for state, group in (
        (CellState.REACHED, found.reached),
        (CellState.PLANNED, found.upcoming),
        (CellState.UNCONFIRMED, found.reports),
        (CellState.OVERDUE, found.overdue),
        (CellState.NEVER, found.lapsed),
    ):
        if group:
            return group[0], state
    return None, CellState.NONE


def _landing(found: _Found, flight: Flight | None) -> tuple[RaceEvent | None, CellState]:
    """The Return cell: the last return event of the first flight, reached or
    still to come.  A side is back on Earth once its flight's last return
    event is reached; while a later one is still planned (the landing after
    the undocking) it is not back yet, and the cell shows that plan.  Before
    a launch is known, or with no return dated within the first flight, the
    last of all.  Unconfirmed reports and lapsed plans never make a landing:
    without one reached or planned, the cell is as any other."""
    candidates = [(e, e.start, CellState.REACHED) for e in found.reached]
    candidates += [(e, e.plan[0], CellState.PLANNED) for e in found.upcoming]
    candidates += [(e, e.plan[0], CellState.OVERDUE) for e in found.overdue]
    if not candidates:
        return _first(found)
    in_flight = [c for c in candidates if flight is None or _within(c[1], flight)]
    event, _, state = max(in_flight or candidates, key=lambda c: (as_utc(c[1]), c[0].slug))
    return event, state


def _within(value: dt.datetime, flight: Flight) -> bool:
    launch, next_launch = flight
    return as_utc(value) >= as_utc(launch) and (next_launch is None or as_utc(value) < as_utc(next_launch))


def _text(kind: str, state: CellState, event: RaceEvent) -> str:
    if state is CellState.REACHED:
        return short_date(event.start, event.start_precision)
    if state is CellState.PLANNED:
        return _planned(_plan_text(event))
    if state is CellState.UNCONFIRMED:
        return pgettext("race cell", "unconfirmed: %(date)s") % {"date": short_date(event.start, event.start_precision)}
    if state is CellState.OVERDUE:
        return _overdue_text(event)
    return _never_text(kind, event)


def _never_text(kind: str, event: RaceEvent) -> str:
    value, precision = event.plan
    if event.withdrawn == CANCELLED:
        return pgettext("race cell", "planned %(date)s, cancelled") % {"date": _plan_text(event)}
    date = short_date(value, precision)
    if kind in FLIGHT_KINDS:
        return pgettext("race cell", "planned %(date)s, never flew") % {"date": date}
    return pgettext("race cell", "planned %(date)s, never happened") % {"date": date}


def _overdue_text(event: RaceEvent) -> str:
    if event.withdrawn == POSTPONED:
        return pgettext("race cell", "planned for %(date)s, postponed with no new date") % {"date": _plan_text(event)}
    return _no_report(_plan_text(event))


def _plan_text(event: RaceEvent) -> str:
    """ "17 Oct 2021", "about 5 Oct 2021, 14:00 UTC" (a time the plan gave as approximate)."""
    date = short_date(*event.plan)
    return about(date) if event.planned_approximate and event.planned else date


def _claim_notes(event: RaceEvent, reference: tuple[dt.datetime, str] | None, clock: Clock) -> tuple[ClaimNote, ...]:
    notes = []
    for claim in event.claims:
        if not clock.knows_claim(claim):
            continue
        if reference and (as_utc(claim.date), claim.precision) == (as_utc(reference[0]), reference[1]):
            continue
        published = claim.published_text or (day_text(claim.published) if claim.published else "")
        notes.append(ClaimNote(claim.publisher, published, short_date(claim.date, claim.precision)))
    return tuple(notes)


def _plan_differs(event: RaceEvent) -> bool:
    plan = event.plan
    return plan is not None and (as_utc(plan[0]), plan[1]) != (as_utc(event.start), event.start_precision)


def _note_for(event: RaceEvent, *, happened: bool, primary: bool, clock: Clock) -> PlanNote | None:
    plan = event.plan
    reference = (event.start, event.start_precision) if happened else plan
    claims = _claim_notes(event, reference, clock)
    wanted = claims or (happened and _plan_differs(event)) or (not happened and not primary)
    if not wanted:
        return None
    return PlanNote(
        slug=event.slug,
        title=event.title,
        planned=_plan_text(event) if plan else "",
        planned_by=event.planned_by if plan else "",
        actual=short_date(event.start, event.start_precision) if happened else "",
        claims=claims,
    )


def _shown(notes: Sequence[PlanNote], past: Sequence[tuple[RaceEvent, str]]) -> dict:
    """The first NOTES_SHOWN notes, in the order a reader meets them: plans
    and claims by date (the ones nearest the milestone first), then plans
    past their date (no report since, or never happened); and how many more
    there are."""
    shown_notes = tuple(notes[:NOTES_SHOWN])
    shown_past = tuple(past[: NOTES_SHOWN - len(shown_notes)])
    more = len(notes) + len(past) - len(shown_notes) - len(shown_past)
    return {"notes": shown_notes, "lapsed": shown_past, "more": more}

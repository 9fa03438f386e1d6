"""One side's cell for one milestone: reached, planned, unconfirmed, a
plan that never happened, or nothing yet; with its notes (plans against
actual dates, sources' differing dates), at most NOTES_SHOWN of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..precision import as_utc, covered_interval
from ..vocabulary import CANCELLED, FLIGHT_KINDS, HAPPENED, UNCONFIRMED
from .clock import Clock
from .inputs import RaceEvent, RaceSide
from .results import Cell, CellState, ClaimNote, PlanNote
from .words import day_text, short_date

# Plan and claim notes shown per cell; the rest are counted ("and 847 more
# planned events") and left to the timeline filtered to that side and kind.
NOTES_SHOWN = 3


def first_key(event: RaceEvent):
    return (event.interval[0], event.interval[1], event.slug)


def _plan_key(event: RaceEvent):
    value, precision = event.plan
    return (covered_interval(value, precision), event.interval, event.slug)


def cell_for(side: RaceSide, kind: str, events: Sequence[RaceEvent], clock: Clock, side_known: bool) -> Cell:
    """The cell for `side`'s events of `kind`: what it reached first, else
    its next plan, else an unconfirmed report, else a plan that lapsed."""
    reached, upcoming, reports, lapsed = _sort_out(events, clock, side_known)
    lapsed_pairs = tuple((e, _never_text(kind, e)) for e in lapsed)
    if reached:
        primary = reached[0]
        state, text, lapsed_extra = CellState.REACHED, short_date(primary.start, primary.start_precision), lapsed_pairs
    elif upcoming:
        primary = upcoming[0]
        state, text, lapsed_extra = CellState.PLANNED, f"planned: {short_date(*primary.plan)}", lapsed_pairs
    elif reports:
        primary = reports[0]
        text = f"unconfirmed: {short_date(primary.start, primary.start_precision)}"
        state, lapsed_extra = CellState.UNCONFIRMED, lapsed_pairs
    elif lapsed:
        primary = lapsed[0]
        state, text, lapsed_extra = CellState.NEVER, lapsed_pairs[0][1], lapsed_pairs[1:]
    else:
        return Cell(side=side, state=CellState.NONE, text="not yet")

    notes = [_note_for(e, happened=True, primary=e is primary, clock=clock) for e in reached]
    notes += [_note_for(e, happened=False, primary=e is primary, clock=clock) for e in upcoming]
    return Cell(
        side=side,
        state=state,
        text=text,
        event=primary,
        planned_by=primary.planned_by if state in (CellState.PLANNED, CellState.NEVER) else "",
        **_shown([n for n in notes if n is not None], lapsed_extra),
    )


def _sort_out(
    events: Sequence[RaceEvent], clock: Clock, side_known: bool
) -> tuple[list[RaceEvent], list[RaceEvent], list[RaceEvent], list[RaceEvent]]:
    """The events reached, still planned, reported but unconfirmed, and
    lapsed (cancelled, their plan over): each in the order a reader meets them."""
    reached, upcoming, reports, lapsed = [], [], [], []
    for event in events:
        known = clock.knows(event)
        if event.status == HAPPENED and known:
            reached.append(event)
        elif event.status == UNCONFIRMED and known:
            reports.append(event)
        elif not side_known or event.plan is None:
            continue  # not known yet, and no plan known either
        elif event.status == CANCELLED and clock.plan_is_over(*event.plan):
            lapsed.append(event)
        else:
            upcoming.append(event)
    reached.sort(key=first_key)
    reports.sort(key=first_key)
    upcoming.sort(key=_plan_key)
    lapsed.sort(key=_plan_key)
    return reached, upcoming, reports, lapsed


def _never_text(kind: str, event: RaceEvent) -> str:
    value, precision = event.plan
    return f"planned {short_date(value, precision)}, {'never flew' if kind in FLIGHT_KINDS else 'never happened'}"


def _claim_notes(event: RaceEvent, reference: tuple[dt.datetime, str] | None, clock: Clock) -> tuple[ClaimNote, ...]:
    notes = []
    for claim in event.claims:
        if not clock.knows_claim(claim):
            continue
        if reference and (as_utc(claim.date), claim.precision) == (as_utc(reference[0]), reference[1]):
            continue
        published = day_text(claim.published) if claim.published else ""
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
        planned=short_date(*plan) if plan else "",
        planned_by=event.planned_by if plan else "",
        actual=short_date(event.start, event.start_precision) if happened else "",
        claims=claims,
    )


def _shown(notes: Sequence[PlanNote], lapsed: Sequence[tuple[RaceEvent, str]]) -> dict:
    """The first NOTES_SHOWN notes, in the order a reader meets them: plans
    and claims by date (the ones nearest the milestone first), then plans
    that never happened; and how many more there are."""
    shown_notes = tuple(notes[:NOTES_SHOWN])
    shown_lapsed = tuple(lapsed[: NOTES_SHOWN - len(shown_notes)])
    more = len(notes) + len(lapsed) - len(shown_notes) - len(shown_lapsed)
    return {"notes": shown_notes, "lapsed": shown_lapsed, "more": more}

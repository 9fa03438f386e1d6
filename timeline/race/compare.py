"""The entry point: sides and events in, the race milestone by milestone out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from .. import asof
from ..vocabulary import HAPPENED, MILESTONE_KINDS, MILESTONES, UNCONFIRMED
from .cells import RETURN, cell_for, first_flight, first_key
from .clock import Clock
from .figures import Reached, figures
from .inputs import RaceEvent, RaceSide
from .results import Milestone, RaceResult
from .summary import summary
from .verdicts import entry, verdict


def race_compare(
    sides: Iterable[RaceSide],
    events: Iterable[RaceEvent],
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
    side_plans: Mapping[tuple[str, str], Sequence[asof.Said]] | None = None,
) -> RaceResult:
    """The race milestone by milestone, as it stood at the end of `as_of`
    (UTC; None: everything recorded), or at `now` when that comes first: the
    race as of today counts only what is over by the time it is asked.
    `side_plans`: what was said of a side's milestone while no event stood
    for it, by (side, milestone); shown only in a cell with no event, and
    only once public (a statement with no publication date never counts as
    of a day)."""
    sides = tuple(sorted(sides, key=lambda side: (side.order, side.name)))
    slugs = {side.slug for side in sides}
    clock = Clock(as_of, now)
    # Each event as known at the cut-off: only the statements public by then (`timeline.asof`).
    events = [clock.as_known(e) for e in events if e.published and e.side in slugs]

    side_known = {
        side.slug: as_of is None
        or any(e.side == side.slug and e.status in (HAPPENED, UNCONFIRMED) and clock.knows(e) for e in events)
        for side in sides
    }
    by_kind: dict[tuple[str, str], list[RaceEvent]] = {}
    for event in events:
        if event.kind in MILESTONE_KINDS:
            by_kind.setdefault((event.side, event.kind), []).append(event)
    reached: Reached = {
        key: sorted((e for e in found if e.status == HAPPENED and clock.knows(e)), key=first_key)
        for key, found in by_kind.items()
    }

    milestones = []
    for kind, label in MILESTONES:
        cells = tuple(
            cell_for(
                side,
                kind,
                by_kind.get((side.slug, kind), []),
                clock,
                side_known[side.slug],
                flight=first_flight(reached.get((side.slug, "launch"), [])),
                side_plan=asof.standing_at((side_plans or {}).get((side.slug, kind), ()), clock.cutoff),
            )
            for side in sides
        )
        if kind == RETURN:
            # "In orbit" and the finish count from the very landing the Return cell shows.
            for cell in cells:
                reached[(cell.side.slug, RETURN)] = [cell.event] if cell.reached else []
        entries = [entry(cell.side, cell.event) for cell in cells if cell.reached]
        milestones.append(Milestone(kind, str(label), cells, verdict(entries)))
    milestones = tuple(milestones)
    return RaceResult(
        as_of=as_of,
        sides=sides,
        milestones=milestones,
        figures=figures(sides, reached, as_of),
        summary=summary(sides, milestones, reached, clock.cutoff),
    )

"""What is known at the cut-off of the chosen day (the "As of a day" rule)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .. import asof
from ..precision import as_utc, covered_interval
from ..vocabulary import CANCELLED, PLANNED
from .inputs import RaceClaim, RaceEvent


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after `day` (UTC): the cut-off for "as of `day`" once the day is over."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)


def cutoff(day: dt.date, now: dt.datetime | None = None) -> dt.datetime:
    """The instant "as of `day`" means: the end of that day, or `now` while
    the day is not over yet (today).  Without `now`, the end of the day: a
    caller that knows the time passes it, so nothing later today counts as done."""
    end = end_of_day(day)
    return end if now is None else min(end, as_utc(now))


@dataclass(frozen=True)
class Clock:
    """What is known at the cut-off of the chosen day (None: everything recorded).
    `now`: the current instant, which caps the cut-off of today."""

    as_of: dt.date | None
    now: dt.datetime | None = None

    @property
    def cutoff(self) -> dt.datetime | None:
        return cutoff(self.as_of, self.now) if self.as_of else None

    def knows(self, event: RaceEvent) -> bool:
        return self.cutoff is None or event.interval[1] <= self.cutoff

    def plan_is_over(self, value: dt.datetime, precision: str) -> bool:
        """Whether the whole period a plan named has passed (always, for everything recorded)."""
        return self.cutoff is None or covered_interval(value, precision)[1] <= self.cutoff

    def plan_is_overdue(self, value: dt.datetime, precision: str) -> bool:
        """Whether a plan's period had passed by a chosen day; for everything
        recorded there is no day to be late by, so never."""
        return self.cutoff is not None and covered_interval(value, precision)[1] <= self.cutoff

    def knows_claim(self, claim: RaceClaim) -> bool:
        return self.as_of is None or claim.published is None or claim.published <= self.as_of

    def entered(self, event: RaceEvent) -> bool:
        """Whether the event was in the record by the cut-off (unknown: as if always)."""
        return self.cutoff is None or event.recorded is None or as_utc(event.recorded) <= self.cutoff

    def as_known(self, event: RaceEvent) -> RaceEvent:
        """`event` as it was known at the cut-off: of its statements, only
        those public by then (`timeline.asof`); the plan that stood fills
        `planned` (with who said it, and when), a cancellation or a
        postponement with no new date public by then withdraws it, and the
        claims public by then fill `claims`.

        A planned or cancelled event with no plan-kind statement public by
        then takes its start as the plan, once it was in the record (its
        `recorded`).  Whether it does depends on nothing published after the
        cut-off, so a statement published later never changes the day."""
        if not event.statements and self.entered(event):
            return event
        standing = asof.standing_at(event.statements, self.cutoff, self.knows(event))
        plan = standing.plan
        claims = tuple(
            RaceClaim(
                publisher=s.publisher,
                date=s.date,
                precision=s.precision,
                published=_day_of(s),
                published_text=s.announced_text,
            )
            for s in standing.claims
        )
        return replace(
            event,
            planned=plan.date if plan else None,
            planned_precision=plan.precision if plan else "",
            planned_by=standing.attribution,
            planned_approximate=bool(plan and plan.approximate),
            claims=event.claims + claims,
            withdrawn=standing.withdrawn,
            # A stated plan public by then, or none: the start is the plan only while nothing was stated.
            plan_from_start=event.status not in (PLANNED, CANCELLED) or (standing.last is None and self.entered(event)),
            statements=(),  # read: what is left is what was known
        )


def _day_of(said: asof.Said) -> dt.date | None:
    """The day a statement was published, for its note ("6 Oct 2021"); None when only its month or year is known."""
    if said.announced is None or said.announced_precision not in ("day", "minute"):
        return None
    return as_utc(said.announced).date()

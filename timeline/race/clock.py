"""What is known at the end of the chosen day (the "As of a day" rule)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..precision import covered_interval
from .inputs import RaceClaim, RaceEvent


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after `day` (UTC): the cut-off for "as of `day`"."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Clock:
    """What is known at the end of the chosen day (None: everything recorded)."""

    as_of: dt.date | None

    @property
    def cutoff(self) -> dt.datetime | None:
        return end_of_day(self.as_of) if self.as_of else None

    def knows(self, event: RaceEvent) -> bool:
        return self.cutoff is None or event.interval[1] <= self.cutoff

    def plan_is_over(self, value: dt.datetime, precision: str) -> bool:
        return self.cutoff is None or covered_interval(value, precision)[1] <= self.cutoff

    def knows_claim(self, claim: RaceClaim) -> bool:
        return self.as_of is None or claim.published is None or claim.published <= self.as_of

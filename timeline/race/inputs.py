"""What the comparison is given: sides, and events with what was said of them
(`statements`: plans, revisions, cancellations, claims, each with the day it
became public).  The comparison first turns each event into what was known
of it at the cut-off (`clock.as_known`): the plan that stood then fills
`planned`, the claims public then fill `claims`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..asof import Said
from ..precision import Precision, covered_interval
from ..vocabulary import CANCELLED, HAPPENED, PLANNED


@dataclass(frozen=True)
class RaceSide:
    slug: str
    name: str
    colour: str = ""
    order: int = 0


@dataclass(frozen=True)
class RaceClaim:
    """A date a source gave that may differ from the record (the seed article
    expected the return on 16 October)."""

    publisher: str
    date: dt.datetime
    precision: str
    published: dt.date | None = None
    published_text: str = ""  # "Jan 2023": when it was published, as far as known


@dataclass(frozen=True)
class RaceEvent:
    slug: str
    side: str
    kind: str
    title: str
    start: dt.datetime
    start_precision: str = Precision.DAY
    status: str = HAPPENED
    end: dt.datetime | None = None
    end_precision: str = ""
    planned: dt.datetime | None = None
    planned_precision: str = ""
    planned_by: str = ""
    planned_approximate: bool = False  # the plan gave its time as approximate ("about 10 a.m. EDT")
    published: bool = True
    claims: tuple[RaceClaim, ...] = ()
    statements: tuple[Said, ...] = ()
    withdrawn: str = ""  # "cancelled", or "postponed" with no new date, by a statement public at the cut-off
    plan_from_start: bool = True  # a planned or cancelled event with no plan statement: its start is the plan
    recorded: dt.datetime | None = None  # when it entered the record (None: unknown, as if always)

    @property
    def interval(self) -> tuple[dt.datetime, dt.datetime]:
        return covered_interval(self.start, self.start_precision)

    @property
    def plan(self) -> tuple[dt.datetime, str] | None:
        """The date it was expected on: its planned date, or for a planned or
        cancelled event with none, its start."""
        if self.planned is not None and self.planned_precision:
            return self.planned, self.planned_precision
        if self.plan_from_start and self.status in (PLANNED, CANCELLED):
            return self.start, self.start_precision
        return None

    @property
    def plan_stated(self) -> bool:
        """Whether its plan comes from statements, each known from the day it was published."""
        return not self.plan_from_start

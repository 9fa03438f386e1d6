"""What the comparison is given: sides, and events with the dates their sources claimed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
    published: bool = True
    claims: tuple[RaceClaim, ...] = ()

    @property
    def interval(self) -> tuple[dt.datetime, dt.datetime]:
        return covered_interval(self.start, self.start_precision)

    @property
    def plan(self) -> tuple[dt.datetime, str] | None:
        """The date it was expected on: its planned date, or for a planned or
        cancelled event with none, its start."""
        if self.planned is not None and self.planned_precision:
            return self.planned, self.planned_precision
        if self.status in (PLANNED, CANCELLED):
            return self.start, self.start_precision
        return None

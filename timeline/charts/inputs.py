"""What the chart is given: lanes, events and phases as small frozen dataclasses.

`timeline.selectors.chart_input` is the adapter from database rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import precision as prec


@dataclass(frozen=True)
class ChartLane:
    """One side of the race, as the chart draws it."""

    slug: str
    name: str
    colour: str  # "#rrggbb"


@dataclass(frozen=True)
class ChartPhase:
    """A named era; `end` is the last day it includes."""

    name: str
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class ChartEvent:
    """One published event, as plain values.  Dates are aware UTC datetimes,
    stored as the first instant of their precision (see timeline.precision)."""

    slug: str
    lane: str  # the ChartLane's slug
    title: str
    kind: str
    kind_label: str
    start: dt.datetime
    start_precision: str
    end: dt.datetime | None = None
    end_precision: str = ""
    status: str = "happened"
    status_label: str = "Happened"
    planned: dt.datetime | None = None
    planned_precision: str = ""
    label: str = ""  # the editors' short chart label; blank: one made from the kind (charts.labels)

    @property
    def is_span(self) -> bool:
        return self.end is not None and bool(self.end_precision)

    @property
    def has_plan(self) -> bool:
        return self.planned is not None and bool(self.planned_precision)

    @property
    def planned_differs(self) -> bool:
        return self.has_plan and (self.planned, self.planned_precision) != (self.start, self.start_precision)

    @property
    def interval(self) -> tuple[dt.datetime, dt.datetime]:
        """The whole half-open interval the event covers, at its precisions."""
        start = prec.covered_interval(self.start, self.start_precision)[0]
        if self.is_span:
            return start, prec.covered_interval(self.end, self.end_precision)[1]
        return start, prec.covered_interval(self.start, self.start_precision)[1]


@dataclass(frozen=True)
class ChartInput:
    """Everything the chart draws: lanes in their order, events, phases."""

    lanes: Sequence[ChartLane]
    events: Sequence[ChartEvent]
    phases: Sequence[ChartPhase] = field(default_factory=tuple)

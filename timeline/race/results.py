"""What the comparison returns: a milestone table of cells and verdicts,
headline figures and a summary, as frozen dataclasses a template reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import ngettext

from ..durations import number
from .inputs import RaceEvent, RaceSide


class CellState(StrEnum):
    REACHED = "reached"
    PLANNED = "planned"
    UNCONFIRMED = "unconfirmed"
    OVERDUE = "overdue"  # planned, its date passed, no report since
    NEVER = "never"  # a plan that never happened
    NONE = "none"


class VerdictKind(StrEnum):
    FIRST = "first"
    ONLY = "only"
    TOO_CLOSE = "too_close"
    NEITHER = "neither"


@dataclass(frozen=True)
class ClaimNote:
    publisher: str
    published: str  # "6 Oct 2021", or "" when unknown
    date: str


@dataclass(frozen=True)
class PlanNote:
    """Planned against actual for one event, where they differ."""

    slug: str
    title: str
    planned: str = ""
    planned_by: str = ""
    actual: str = ""  # "" while it has not happened (as of the chosen day)
    claims: tuple[ClaimNote, ...] = ()


@dataclass(frozen=True)
class Cell:
    side: RaceSide
    state: CellState
    text: str  # "5 Oct 2021, 08:55 UTC", "planned: 17 Oct 2021", "planned Oct 2021, never flew", "not yet",
    # "planned for 17 Oct 2021, no report since"
    event: RaceEvent | None = None
    planned_by: str = ""
    notes: tuple[PlanNote, ...] = ()  # the first NOTES_SHOWN, with `lapsed`
    lapsed: tuple[tuple[RaceEvent, str], ...] = ()  # other plans past their date (never happened, or no report since)
    more: int = 0  # notes and lapsed plans not shown

    @property
    def reached(self) -> bool:
        return self.state is CellState.REACHED

    @property
    def more_text(self) -> str:
        """ "and 847 more planned events", or "" when every note is shown."""
        if not self.more:
            return ""
        return ngettext("and %(n)s more planned event", "and %(n)s more planned events", self.more) % {
            "n": number(self.more)
        }


@dataclass(frozen=True)
class Gap:
    words: str  # "1 year 4 months", "4 to 5 months", "1 to 25 hours", "3 hours 27 minutes": said as "by" it
    # (in Russian with its preposition: "на 1 год 4 месяца")
    detail: str  # "503 days", "between 127 and 157 days", "between 1 h 14 min and 25 h 14 min", "same day"
    days: int  # exact, or the smallest possible
    exact: bool


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    text: str  # "Russia first, by 1 year 4 months", "only Russia so far", "neither yet", "too close to call"
    leader: RaceSide | None = None
    gap: Gap | None = None
    detail: str = ""


@dataclass(frozen=True)
class Milestone:
    kind: str
    label: str
    cells: tuple[Cell, ...]
    verdict: Verdict


@dataclass(frozen=True)
class FigureLink:
    role: str  # "announcement", "launch", "landing", "premiere"
    slug: str
    title: str


@dataclass(frozen=True)
class Figure:
    side: RaceSide
    value: str  # "378 days", "no launch yet"
    detail: str = ""
    days: int | None = None
    links: tuple[FigureLink, ...] = ()


@dataclass(frozen=True)
class FigureRow:
    key: str
    label: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Summary:
    led: tuple[tuple[RaceSide, int], ...]
    too_close: int
    neither: int
    finish: Verdict  # who first completed the whole race
    finished: tuple[tuple[RaceSide, str], ...]  # sides that completed it, with the day ("16–31 Oct 2021" if unsure)
    text: str
    finish_text: str


@dataclass(frozen=True)
class RaceResult:
    as_of: dt.date | None
    sides: tuple[RaceSide, ...]
    milestones: tuple[Milestone, ...]
    figures: tuple[FigureRow, ...]
    summary: Summary = field(repr=False)

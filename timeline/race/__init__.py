"""The race comparison: milestone by milestone, who got there first and by how much.

Pure: plain values in (`RaceSide`, `RaceEvent`, an optional `as_of` day), a
`RaceResult` out.  No ORM, no request, no templates; `timeline.services`
turns model rows into these values.

The rules, in the order a reader would ask about them:

Reaching a milestone
    A side reaches a milestone with its first *published* event of that kind
    whose status is "happened" (first by the start of the interval its date
    covers).  "Unconfirmed" events never reach a milestone: a report the
    sources do not establish is not a win.  A side whose only event of a kind
    is unconfirmed shows it as "unconfirmed: <date>".  Cancelled events never
    reach a milestone either; they show as plans that never happened.

Precision
    A date covers an interval (`precision.covered_interval`): "October 2021"
    is the whole month, "2020" the whole year, "5 Oct 2021" the whole day.  When
    two sides' intervals overlap the milestone is "too close to call", never a
    win; two events on the same day at day precision are a tie.  Gaps between
    two day- (or minute-) precision dates are exact; with a month or a year on
    either side the gap is given as "at least" the smallest possible.

As of a day
    `as_of` is a whole UTC day, itself included: the race as it stood at the
    end of that day.  An event is known once the interval its start covers has
    ended by then: a day- or minute-precision event from its own day on (the
    launch at 08:55 UTC on 5 Oct is known "as of 2021-10-05"), a month-precision
    one from the last day of its month, a year-precision one from 31 December.
    Nothing that might not have happened yet is ever shown as happened.
    Without `as_of`, everything recorded is known.

Plans
    An event that happened after `as_of` but carries a planned date shows as
    "planned: <planned date>"; an event with status "planned" shows its planned
    date (or its start).  A cancelled event shows as planned until its planned
    period is over, then as "planned <date>, never flew" ("never happened" for
    milestones other than flights).  The record does not say when each plan was
    announced, so a side's plans count as known from the day the side itself
    is first known (its first known event of any kind); before that its column
    is empty.  A cell lists at most NOTES_SHOWN notes (plans against actual
    dates, claims, plans that never happened), the earliest first, and counts
    the rest.  A source's differing date (`RaceClaim`) is shown when the source
    was published on or before `as_of`, or when its publication day is unknown.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .precision import MONTHS_SHORT, Precision, as_utc, covered_interval, format_date
from .vocabulary import (
    CANCELLED,
    FLIGHT_KINDS,
    HAPPENED,
    MILESTONE_KINDS,
    MILESTONES,
    PLANNED,
    UNCONFIRMED,
)

EXACT_PRECISIONS = frozenset({Precision.DAY, Precision.MINUTE})
# Plan and claim notes shown per cell; the rest are counted ("and 847 more
# planned events") and left to the timeline filtered to that side and kind.
NOTES_SHOWN = 3
_INSTANT = dt.timedelta(microseconds=1)


# --- input -------------------------------------------------------------------


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


# --- output ------------------------------------------------------------------


class CellState(StrEnum):
    REACHED = "reached"
    PLANNED = "planned"
    UNCONFIRMED = "unconfirmed"
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
    text: str  # "5 Oct 2021, 08:55 UTC", "planned: 17 Oct 2021", "planned Oct 2021, never flew", "not yet"
    event: RaceEvent | None = None
    planned_by: str = ""
    notes: tuple[PlanNote, ...] = ()  # the first NOTES_SHOWN, with `lapsed`
    lapsed: tuple[tuple[RaceEvent, str], ...] = ()  # other plans that never happened, with their text
    more: int = 0  # notes and lapsed plans not shown

    @property
    def reached(self) -> bool:
        return self.state is CellState.REACHED

    @property
    def more_text(self) -> str:
        """ "and 847 more planned events", or "" when every note is shown."""
        return f"and {plural(self.more, 'more planned event')}" if self.more else ""


@dataclass(frozen=True)
class Gap:
    words: str  # "1 year 4 months", "at least 3 months", "3 hours 27 minutes"
    detail: str  # "503 days", "between 61 and 122 days", "same day"
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
    finished: tuple[tuple[RaceSide, str], ...]  # sides that completed it, with the day
    text: str
    finish_text: str


@dataclass(frozen=True)
class RaceResult:
    as_of: dt.date | None
    sides: tuple[RaceSide, ...]
    milestones: tuple[Milestone, ...]
    figures: tuple[FigureRow, ...]
    summary: Summary = field(repr=False)


# --- words -------------------------------------------------------------------


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def short_date(value: dt.datetime, precision: str) -> str:
    """Like precision.format_date, with short month names at month precision
    ("Oct 2021"), for a table that must fit a phone."""
    if Precision(precision) is Precision.MONTH:
        value = as_utc(value)
        return f"{MONTHS_SHORT[value.month - 1]} {value.year}"
    return format_date(value, precision)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def whole_months(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from `start` to `end` (end >= start)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    return months


def duration_words(start: dt.date, end: dt.date) -> str:
    """A duration as a reader says it: days under two months, then months,
    then years and months.  "45 days", "4 months", "1 year 4 months"."""
    if end < start:
        start, end = end, start
    months = whole_months(start, end)
    if months < 2:
        return plural((end - start).days, "day")
    if months < 12:
        return plural(months, "month")
    years, rest = divmod(months, 12)
    return plural(years, "year") + (f" {plural(rest, 'month')}" if rest else "")


def clock_words(delta: dt.timedelta) -> str:
    """Under a day: "3 hours 27 minutes", "40 minutes"."""
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = ([plural(hours, "hour")] if hours else []) + ([plural(minutes, "minute")] if minutes or not hours else [])
    return " ".join(parts)


def span_words(delta: dt.timedelta) -> str:
    """A flight's length to the minute: "11 days 19 h 40 min"."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    text = plural(days, "day")
    if hours or minutes:
        text += f" {hours} h {minutes:02d} min"
    return text


# --- the comparison ----------------------------------------------------------


def day_text(day: dt.date) -> str:
    """ "6 Oct 2021" """
    return format_date(dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC), Precision.DAY)


def _at_most_day(precision: str) -> str:
    return Precision.DAY if Precision(precision) is Precision.MINUTE else precision


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after `day` (UTC): the cut-off for "as of `day`"."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)


@dataclass(frozen=True)
class _Clock:
    """What is known at the end of the chosen day."""

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


def _first_key(event: RaceEvent):
    return (event.interval[0], event.interval[1], event.slug)


def _plan_key(event: RaceEvent):
    value, precision = event.plan
    return (covered_interval(value, precision), event.interval, event.slug)


def _never_text(kind: str, event: RaceEvent) -> str:
    value, precision = event.plan
    return f"planned {short_date(value, precision)}, {'never flew' if kind in FLIGHT_KINDS else 'never happened'}"


def _claim_notes(event: RaceEvent, reference: tuple[dt.datetime, str] | None, clock: _Clock) -> tuple[ClaimNote, ...]:
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


def _note_for(event: RaceEvent, *, happened: bool, primary: bool, clock: _Clock) -> PlanNote | None:
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


def _cell(side: RaceSide, kind: str, events: Sequence[RaceEvent], clock: _Clock, side_known: bool) -> Cell:
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
    reached.sort(key=_first_key)
    reports.sort(key=_first_key)
    upcoming.sort(key=_plan_key)
    lapsed.sort(key=_plan_key)

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


def _shown(notes: Sequence[PlanNote], lapsed: Sequence[tuple[RaceEvent, str]]) -> dict:
    """The first NOTES_SHOWN notes, in the order a reader meets them: plans
    and claims by date (the ones nearest the milestone first), then plans
    that never happened; and how many more there are."""
    shown_notes = tuple(notes[:NOTES_SHOWN])
    shown_lapsed = tuple(lapsed[: NOTES_SHOWN - len(shown_notes)])
    more = len(notes) + len(lapsed) - len(shown_notes) - len(shown_lapsed)
    return {"notes": shown_notes, "lapsed": shown_lapsed, "more": more}


def _gap(lead: tuple[dt.datetime, dt.datetime, str], other: tuple[dt.datetime, dt.datetime, str]) -> Gap:
    (a0, a1, pa), (b0, b1, pb) = lead, other
    if Precision(pa) in EXACT_PRECISIONS and Precision(pb) in EXACT_PRECISIONS:
        if b0 - a0 < dt.timedelta(days=1) and Precision.MINUTE == pa == pb:
            detail = "same day" if a0.date() == b0.date() else "overnight"
            return Gap(words=clock_words(b0 - a0), detail=detail, days=0, exact=True)
        days = (b0.date() - a0.date()).days
        return Gap(words=duration_words(a0.date(), b0.date()), detail=plural(days, "day"), days=days, exact=True)
    latest_lead_day, latest_other_day = (a1 - _INSTANT).date(), (b1 - _INSTANT).date()
    low, high = (b0.date() - latest_lead_day).days, (latest_other_day - a0.date()).days
    return Gap(
        words=f"at least {duration_words(latest_lead_day, b0.date())}",
        detail=f"between {low:,} and {plural(high, 'day')}",
        days=low,
        exact=False,
    )


def _overlap(a: tuple[dt.datetime, dt.datetime, str], b: tuple[dt.datetime, dt.datetime, str]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def verdict(entries: Sequence[tuple[RaceSide, tuple[dt.datetime, dt.datetime, str], str]]) -> Verdict:
    """Who reached it first.  `entries`: each side that reached it, with the
    covered interval and precision of its date, and the date as shown."""
    if not entries:
        return Verdict(VerdictKind.NEITHER, "neither yet")
    ordered = sorted(entries, key=lambda entry: (entry[1][0], entry[1][1], entry[0].order, entry[0].name))
    leader, lead, _ = ordered[0]
    if len(ordered) == 1:
        return Verdict(VerdictKind.ONLY, f"only {leader.name} so far", leader=leader)
    tied = [entry for entry in ordered[1:] if _overlap(lead, entry[1])]
    if tied:
        group = sorted([ordered[0], *tied], key=lambda entry: (entry[0].order, entry[0].name))
        texts = [entry[2] for entry in group]
        if len(set(texts)) == 1:
            detail = f"both {texts[0]}" if len(texts) == 2 else f"all {texts[0]}"
        else:
            detail = f"{' and '.join(texts)} overlap at the precision known"
        return Verdict(VerdictKind.TOO_CLOSE, "too close to call", detail=detail)
    gap = _gap(lead, ordered[1][1])
    return Verdict(VerdictKind.FIRST, f"{leader.name} first, by {gap.words}", leader=leader, gap=gap, detail=gap.detail)


def _entry(side: RaceSide, event: RaceEvent):
    start, end = event.interval
    return side, (start, end, event.start_precision), short_date(event.start, event.start_precision)


# --- headline figures -----------------------------------------------------------


def _landing(launches: Sequence[RaceEvent], returns: Sequence[RaceEvent]) -> RaceEvent | None:
    """The last return event of the first flight: the landing, not the undocking."""
    if not launches:
        return None
    launch = launches[0]
    next_launch = launches[1].start if len(launches) > 1 else None
    flight = [r for r in returns if r.start >= launch.start and (next_launch is None or r.start < next_launch)]
    return max(flight, key=lambda r: (r.start, r.slug)) if flight else None


def _home(reached: dict[tuple[str, str], list[RaceEvent]], side: RaceSide) -> RaceEvent | None:
    """When the crew was back on Earth: the landing of the first flight, or
    failing a known launch, the last known return event."""
    returns = reached.get((side.slug, "return"), [])
    landing = _landing(reached.get((side.slug, "launch"), []), returns)
    return landing or (returns[-1] if returns else None)


def _days_between(a: RaceEvent, b: RaceEvent) -> tuple[int, bool]:
    exact = Precision(a.start_precision) in EXACT_PRECISIONS and Precision(b.start_precision) in EXACT_PRECISIONS
    return (as_utc(b.start).date() - as_utc(a.start).date()).days, exact


def _link(role: str, event: RaceEvent) -> FigureLink:
    return FigureLink(role, event.slug, event.title)


def _since(event: RaceEvent, as_of: dt.date | None, what: str) -> tuple[str, int | None]:
    if as_of is None:
        return "", None
    days = (as_of - as_utc(event.start).date()).days
    if days == 0:
        return f"the {what} was that day, {day_text(as_of)}", 0
    return f"{plural(days, 'day')} since the {what}, as of {day_text(as_of)}", days


def _from_to(a: RaceEvent, b: RaceEvent) -> str:
    return f"{short_date(a.start, a.start_precision)} → {short_date(b.start, b.start_precision)}"


def _about(days: int, exact: bool) -> str:
    return plural(days, "day") if exact else f"about {plural(days, 'day')}"


def _figures(
    sides: Sequence[RaceSide], reached: dict[tuple[str, str], list[RaceEvent]], as_of: dt.date | None
) -> tuple[FigureRow, ...]:
    to_launch, in_orbit, to_premiere = [], [], []
    for side in sides:

        def first(kind: str, side: RaceSide = side) -> RaceEvent | None:
            found = reached.get((side.slug, kind))
            return found[0] if found else None

        announcement, launch, premiere = first("announcement"), first("launch"), first("premiere")
        landing = _home(reached, side)

        if announcement and launch:
            days, exact = _days_between(announcement, launch)
            to_launch.append(
                Figure(
                    side,
                    _about(days, exact),
                    _from_to(announcement, launch),
                    days,
                    (_link("announcement", announcement), _link("launch", launch)),
                )
            )
        elif announcement:
            detail, days = _since(announcement, as_of, "announcement")
            to_launch.append(Figure(side, "no launch yet", detail, days, (_link("announcement", announcement),)))
        else:
            to_launch.append(Figure(side, "not announced yet"))

        if launch and landing and landing.start >= launch.start:
            exact = Precision.MINUTE == launch.start_precision == landing.start_precision
            if exact:
                delta = landing.start - launch.start
                value, days = span_words(delta), delta.days
            else:
                days, day_exact = _days_between(launch, landing)
                value = _about(days, day_exact)
            detail = _from_to(launch, landing)
            in_orbit.append(Figure(side, value, detail, days, (_link("launch", launch), _link("landing", landing))))
        elif launch:
            detail, days = _since(launch, as_of, "launch")
            in_orbit.append(Figure(side, "in orbit, not back yet", detail, days, (_link("launch", launch),)))
        else:
            in_orbit.append(Figure(side, "no launch yet"))

        if landing and premiere:
            days, exact = _days_between(landing, premiere)
            detail = _from_to(landing, premiere)
            links = (_link("landing", landing), _link("premiere", premiere))
            to_premiere.append(Figure(side, _about(days, exact), detail, days, links))
        elif landing:
            detail, days = _since(landing, as_of, "return")
            to_premiere.append(Figure(side, "no premiere yet", detail, days, (_link("landing", landing),)))
        else:
            to_premiere.append(Figure(side, "no return yet"))

    return (
        FigureRow("announcement_to_launch", "From announcement to launch", tuple(to_launch)),
        FigureRow("in_orbit", "In orbit", tuple(in_orbit)),
        FigureRow("return_to_premiere", "From return to premiere", tuple(to_premiere)),
    )


# --- summary -----------------------------------------------------------------


def _summary(
    sides: Sequence[RaceSide], milestones: Sequence[Milestone], reached: dict[tuple[str, str], list[RaceEvent]]
) -> Summary:
    led = tuple((side, sum(1 for m in milestones if m.verdict.leader == side)) for side in sides)
    too_close = sum(1 for m in milestones if m.verdict.kind is VerdictKind.TOO_CLOSE)
    neither = sum(1 for m in milestones if m.verdict.kind is VerdictKind.NEITHER)
    parts = [f"{side.name} {count}" for side, count in led]
    text = f"Milestones led, of {len(milestones)}: {', '.join(parts)}"
    if too_close:
        text += f"; too close to call: {too_close}"
    if neither:
        text += f"; reached by neither yet: {neither}"
    text += "."

    entries, finished = [], []
    for side in sides:
        filming, landing = reached.get((side.slug, "filming")), _home(reached, side)
        if not (filming and landing):
            continue
        done = max(filming[0], landing, key=lambda e: e.interval[0])
        entries.append(_entry(side, done))
        finished.append((side, short_date(done.start, _at_most_day(done.start_precision))))
    finish = verdict(entries)
    whole = "the whole race (film shot in orbit and crew back on Earth)"
    if finish.kind is VerdictKind.NEITHER:
        finish_text = f"No side has completed {whole} yet."
    elif finish.kind is VerdictKind.TOO_CLOSE:
        finish_text = f"Completing {whole}: too close to call ({finish.detail})."
    else:
        day = dict((side.slug, day) for side, day in finished)[finish.leader.slug]
        finish_text = f"First to complete {whole}: {finish.leader.name}, on {day}"
        if finish.kind is VerdictKind.FIRST:
            finish_text += f", by {finish.gap.words}"
        finish_text += "."
    return Summary(led, too_close, neither, finish, tuple(finished), text, finish_text)


# --- entry point ---------------------------------------------------------------


def race_compare(sides: Iterable[RaceSide], events: Iterable[RaceEvent], as_of: dt.date | None = None) -> RaceResult:
    """The race milestone by milestone, as it stood at the end of `as_of`
    (UTC; None: everything recorded)."""
    sides = tuple(sorted(sides, key=lambda side: (side.order, side.name)))
    slugs = {side.slug for side in sides}
    events = [e for e in events if e.published and e.side in slugs]
    clock = _Clock(as_of)

    side_known = {
        side.slug: as_of is None
        or any(e.side == side.slug and e.status in (HAPPENED, UNCONFIRMED) and clock.knows(e) for e in events)
        for side in sides
    }
    by_kind: dict[tuple[str, str], list[RaceEvent]] = {}
    for event in events:
        if event.kind in MILESTONE_KINDS:
            by_kind.setdefault((event.side, event.kind), []).append(event)
    reached = {
        key: sorted((e for e in found if e.status == HAPPENED and clock.knows(e)), key=_first_key)
        for key, found in by_kind.items()
    }

    milestones = []
    for kind, label in MILESTONES:
        cells = tuple(
            _cell(side, kind, by_kind.get((side.slug, kind), []), clock, side_known[side.slug]) for side in sides
        )
        entries = [_entry(cell.side, cell.event) for cell in cells if cell.reached]
        milestones.append(Milestone(kind, label, cells, verdict(entries)))
    milestones = tuple(milestones)
    return RaceResult(
        as_of=as_of,
        sides=sides,
        milestones=milestones,
        figures=_figures(sides, reached, as_of),
        summary=_summary(sides, milestones, reached),
    )

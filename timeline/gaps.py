"""How far apart two dates known to a precision are, and durations as a
reader says them.

Two dates are set apart (`gap_between`, `describe_difference`) only as
precisely as both are known:

- Both known to the minute: the exact elapsed time ("3 hours 27 minutes").
- Neither has a time of day: whole calendar days, exact when both are single
  days ("8 days", "1 year 4 months"), else the range of day counts their
  periods allow ("1 to 30 days" for September against 1 October).
- One has a time of day and the other not: the range of elapsed times
  between the instant and the other's whole period ("1 to 25 hours" for
  31 Dec 23:00 against 1 Jan).
- A range within ABOUT (±10 %) of its middle is said as "about" the middle
  ("about 378 days"); a range that starts at nothing is "up to" its top.
- Periods that overlap have no gap: "too close to call", "as planned, as far
  as the dates say".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import pgettext

from .durations import (
    ACCUSATIVE,
    GENITIVE,
    NOMINATIVE,
    _hours_minutes,
    _months_text,
    _unit_after_range,
    clock_words,
    duration_words,
    number,
    plural,
    span_words,
    whole_months,
)
from .precision import Precision, covered_interval, shifted

# --- how far apart two dates are ------------------------------------------------------

ABOUT = 0.1  # a range within ±10 % of its middle is said as "about" its middle
_MINUTE = timedelta(minutes=1)
_HOUR = timedelta(hours=1)
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Window:
    """When something happened, as far as its date says.

    `start` and `end` are the covered interval, half-open.  `timed` says a
    time of day is known, so a gap to it is elapsed time rather than
    calendar days.  A date known to the minute is an instant (`point`): the
    gap between two of them is exact, not plus or minus a minute."""

    start: datetime
    end: datetime
    timed: bool = False

    @classmethod
    def of(cls, value: datetime, precision: Precision | str) -> Window:
        start, end = covered_interval(value, precision)
        return cls(start, end, Precision(precision) is Precision.MINUTE)

    @property
    def point(self) -> bool:
        return self.timed and self.end - self.start <= _MINUTE

    @property
    def latest(self) -> datetime:
        """The last instant it can have happened at (the end, as a bound)."""
        return self.start if self.point else self.end

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        return shifted(self.end, -timedelta(microseconds=1)).date()

    def overlaps(self, other: Window) -> bool:
        return self.start < other.end and other.start < self.end


def latest_of(windows: Iterable[Window]) -> Window:
    """When all of them had happened: from the latest start to the latest end
    (a film shot some time in October and a crew home on 16 October were
    both done some time from 16 to 31 October)."""
    windows = list(windows)
    start, end = max(w.start for w in windows), max(w.end for w in windows)
    return Window(start, end, any(w.timed for w in windows if start == w.start or end == w.end))


@dataclass(frozen=True)
class DateGap:
    """How far `later` came after `earlier`: every gap their windows allow,
    from `low` to `high`.  `calendar`: counted in whole days (neither has a
    time of day); otherwise elapsed time."""

    earlier: Window
    later: Window
    low: timedelta
    high: timedelta
    calendar: bool

    @property
    def exact(self) -> bool:
        return self.low == self.high

    @property
    def days(self) -> int:
        """Whole days, exact or the smallest possible."""
        return self.low.days

    @property
    def about(self) -> bool:
        """Close enough to its middle to be said as "about" it."""
        return not self.exact and (self.high - self.low) <= ABOUT * (self.low + self.high)

    def words(self, *, months: bool = True, case: str = NOMINATIVE) -> str:
        """ "8 days", "about 378 days", "1 to 25 hours", "4 to 5 months", "up to 2 days".
        `months`: past two months say months and years; otherwise days to the end.
        `case`: ACCUSATIVE for the amount of "… later than planned" (Russian
        says "на 8 дней", "примерно на 378 дней")."""
        say = _GapTemplates(case)
        if self.exact:
            return say.exact(self._exact_words(months, say.inner_exact))
        high = self._measure(self.high, self._high_from, months)
        if self.about:
            middle = self._measure((self.low + self.high) / 2, self._low_from, months)
            return say.about_a_day() if middle == (24, "hour") else say.about(_said(middle, say.inner))
        if self.low < _MINUTE:
            return say.up_to(_said(high, say.inner))
        unit = self._unit(self.high, months)
        if unit is not None and self.low >= unit[0]:
            low_n, high_n = _nearest(self.low / unit[0]), _nearest(self.high / unit[0])
            if low_n == high_n:
                return say.about(_said(high, say.inner))
            return say.range_of(low_n, high_n, unit[1])
        low = self._measure(self.low, self._low_from, months)
        if low == high:
            return say.about(_said(high, say.inner))
        low_simple, high_simple = _simple(low), _simple(high)
        if low_simple and high_simple and low_simple[1] == high_simple[1]:
            return say.range_of(low_simple[0], high_simple[0], high_simple[1])
        return say.between(_said(low, say.inner), _said(high, say.inner))

    def detail(self) -> str:
        """The range in full: "between 127 and 157 days", "between 1 h 14 min and 25 h 14 min"."""
        if self.calendar:
            days = self.high.days
            if self.exact:
                return plural(days, "day")
            return _in_full_between(number(self.low.days), plural(days, "day", GENITIVE))
        if self.exact:
            return span_words(self.low) if self.low >= _DAY else clock_words(self.low)
        say = _hours_minutes if self.high < 2 * _DAY else span_words
        if self.low < _MINUTE:
            return pgettext("a gap in full", "up to {amount}").format(amount=say(self.high, GENITIVE))
        return _in_full_between(say(self.low, GENITIVE), say(self.high, GENITIVE))

    @property
    def _low_from(self) -> date:
        return self.earlier.last_day if self.calendar else self.earlier.latest.date()

    @property
    def _high_from(self) -> date:
        return self.earlier.first_day

    def _exact_words(self, months: bool, case: str = NOMINATIVE) -> str:
        if self.calendar:
            if months:
                return duration_words(self.earlier.first_day, self.later.first_day, case)
            return plural(self.low.days, "day", case)
        if self.low < _DAY:
            return clock_words(self.low, case)
        if months and self.low >= 60 * _DAY:
            return duration_words(self.earlier.start.date(), self.later.start.date(), case)
        return span_words(self.low, case)

    def _unit(self, delta: timedelta, months: bool) -> tuple[timedelta, str] | None:
        """The unit `delta` is said in, or None past two months when `months`
        (then it is said in calendar months and years)."""
        if delta < 2 * _HOUR and not self.calendar:
            return _MINUTE, "minute"
        if delta < 2 * _DAY and not self.calendar:
            return _HOUR, "hour"
        if not months or delta < 60 * _DAY:
            return _DAY, "day"
        return None

    def _measure(self, delta: timedelta, start: date, months: bool) -> tuple[int, str]:
        """One rounded amount as (count, unit): minutes under two hours, hours
        under two days (only between times of day), then days, and past two
        months, calendar months ("months", counted on from `start`, to the
        nearest month) when `months`."""
        unit = self._unit(delta, months)
        days = _nearest(delta / _DAY)
        if unit is not None:
            return _nearest(delta / unit[0]), unit[1]
        try:  # to the nearest whole month: half a month on, the whole months
            return max(2, whole_months(start, start + timedelta(days=days + 15))), "months"
        except OverflowError:
            return days, "day"


def _said(measure: tuple[int, str], case: str) -> str:
    """A measure in words: (378, "day") "378 days", (16, "months") "1 year 4 months"."""
    count, unit = measure
    return _months_text(count, case) if unit == "months" else plural(count, unit, case)


def _simple(measure: tuple[int, str]) -> tuple[int, str] | None:
    """A measure said in one unit, as (count, unit): 4 months, 2 years; None for "1 year 4 months"."""
    count, unit = measure
    if unit != "months":
        return measure
    if count < 12:
        return count, "month"
    return (count // 12, "year") if count % 12 == 0 else None


def _in_full_between(low: str, high: str) -> str:
    return pgettext("a gap in full", "between {low} and {high}").format(low=low, high=high)


class _GapTemplates:
    """The phrases a gap is said in, for the role it plays in the sentence.
    On its own (NOMINATIVE) Russian puts the amounts after около, до, от in
    the genitive; for "… later than planned" (ACCUSATIVE) it says them after на."""

    def __init__(self, case: str):
        self.accusative = case == ACCUSATIVE
        self.inner = ACCUSATIVE if self.accusative else GENITIVE
        self.inner_exact = ACCUSATIVE if self.accusative else NOMINATIVE

    def exact(self, amount: str) -> str:
        if self.accusative:
            return pgettext("a gap, compared with a plan", "{amount}").format(amount=amount)
        return amount

    def about(self, amount: str) -> str:
        if self.accusative:
            return pgettext("a gap, compared with a plan", "about {amount}").format(amount=amount)
        return pgettext("a gap", "about {amount}").format(amount=amount)

    def about_a_day(self) -> str:
        if self.accusative:
            return pgettext("a gap, compared with a plan", "about a day")
        return pgettext("a gap", "about a day")

    def up_to(self, amount: str) -> str:
        if self.accusative:
            return pgettext("a gap, compared with a plan", "up to {amount}").format(amount=amount)
        return pgettext("a gap", "up to {amount}").format(amount=amount)

    def range_of(self, low: int, high: int, unit: str) -> str:
        """ "4 to 5 months": the unit once, after the numbers."""
        units = _unit_after_range(high, unit, self.inner)
        if self.accusative:
            template = pgettext("a gap, compared with a plan", "{low} to {high} {units}")
        else:
            template = pgettext("a gap", "{low} to {high} {units}")
        return template.format(low=number(low), high=number(high), units=units)

    def between(self, low: str, high: str) -> str:
        if self.accusative:
            return pgettext("a gap, compared with a plan", "{low} to {high}").format(low=low, high=high)
        return pgettext("a gap", "{low} to {high}").format(low=low, high=high)


def _nearest(amount: float) -> int:
    """Rounded half up (Python's round sends 384.5 to 384)."""
    return int(amount + 0.5)


def gap_between(earlier: Window, later: Window) -> DateGap:
    """Every gap from `earlier` to `later` their windows allow (never below nothing)."""
    calendar_days = not (earlier.timed or later.timed)
    if calendar_days:
        low = timedelta(days=(later.first_day - earlier.last_day).days)
        high = timedelta(days=(later.last_day - earlier.first_day).days)
    else:
        low, high = later.start - earlier.latest, later.latest - earlier.start
    return DateGap(earlier, later, max(low, timedelta(0)), max(high, timedelta(0)), calendar_days)


def describe_difference(
    actual: datetime,
    actual_precision: Precision | str,
    planned: datetime,
    planned_precision: Precision | str,
) -> str:
    """How the record compares with the plan, only as precisely as both are
    known: "10 minutes later than planned", "8 days later than planned",
    "1 to 25 hours later than planned" (a day against a time), "as planned",
    "in the planned month" (a day inside a planned month), "as planned, as far
    as the dates say" (periods that overlap: neither later nor earlier)."""
    ap, pp = Precision(actual_precision), Precision(planned_precision)
    done, plan = Window.of(actual, ap), Window.of(planned, pp)
    if (done.start, done.end) == (plan.start, plan.end):
        return pgettext("compared with the plan", "as planned")
    if plan.start <= done.start and done.end <= plan.end:
        if pp is Precision.YEAR:
            return pgettext("compared with the plan", "in the planned year")
        if pp is Precision.MONTH:
            return pgettext("compared with the plan", "in the planned month")
        return pgettext("compared with the plan", "on the planned day")
    if done.overlaps(plan):
        return pgettext("compared with the plan", "as planned, as far as the dates say")
    later = done.start >= plan.end
    gap = gap_between(plan, done) if later else gap_between(done, plan)
    amount = _minutes_words(gap.low) if gap.exact and not gap.calendar else gap.words(case=ACCUSATIVE)
    if later:
        return pgettext("compared with the plan", "{amount} later than planned").format(amount=amount)
    return pgettext("compared with the plan", "{amount} earlier than planned").format(amount=amount)


def _minutes_words(delta: timedelta) -> str:
    """Between two times known to the minute: "10 minutes", "about 3 hours", "about 8 days"
    (said for "… later than planned")."""
    say = _GapTemplates(ACCUSATIVE)
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return say.exact(plural(minutes, "minute", ACCUSATIVE))
    if minutes < 48 * 60:
        return say.about(plural(round(minutes / 60), "hour", ACCUSATIVE, grouped=False))
    return say.about(plural(round(minutes / 1440), "day", ACCUSATIVE, grouped=False))

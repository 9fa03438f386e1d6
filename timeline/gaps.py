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

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .precision import Precision, covered_interval, shifted

# --- durations as a reader says them -------------------------------------------------


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def whole_months(start: date, end: date) -> int:
    """Whole calendar months from `start` to `end` (end >= start)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    return months


def duration_words(start: date, end: date) -> str:
    """A duration as a reader says it: days under two months, then months,
    then years and months.  "45 days", "4 months", "1 year 4 months"."""
    if end < start:
        start, end = end, start
    months = whole_months(start, end)
    if months < 2:
        return plural((end - start).days, "day")
    return _months_text(months)


def _months_text(months: int) -> str:
    """ "4 months", "1 year", "1 year 4 months" """
    if months < 12:
        return plural(months, "month")
    years, rest = divmod(months, 12)
    return plural(years, "year") + (f" {plural(rest, 'month')}" if rest else "")


def clock_words(delta: timedelta) -> str:
    """Under a day: "3 hours 27 minutes", "40 minutes"."""
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = ([plural(hours, "hour")] if hours else []) + ([plural(minutes, "minute")] if minutes or not hours else [])
    return " ".join(parts)


def span_words(delta: timedelta) -> str:
    """A flight's length to the minute: "11 days 19 h 40 min"."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    text = plural(days, "day")
    if hours or minutes:
        text += f" {hours} h {minutes:02d} min"
    return text


def _hours_minutes(delta: timedelta) -> str:
    """ "1 h 14 min", "25 h 14 min" """
    hours, minutes = divmod(int(delta.total_seconds() // 60), 60)
    return f"{hours} h {minutes:02d} min"


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

    def words(self, *, months: bool = True) -> str:
        """ "8 days", "about 378 days", "1 to 25 hours", "4 to 5 months", "up to 2 days".
        `months`: past two months say months and years; otherwise days to the end."""
        if self.exact:
            return self._exact_words(months)
        high = self._amount(self.high, self._high_from, months)
        if self.about:
            words = self._amount((self.low + self.high) / 2, self._low_from, months)
            return "about a day" if words == "24 hours" else f"about {words}"
        if self.low < _MINUTE:
            return f"up to {high}"
        unit = self._unit(self.high, months)
        if unit is not None and self.low >= unit[0]:
            low_n, high_n = _nearest(self.low / unit[0]), _nearest(self.high / unit[0])
            return f"about {high}" if low_n == high_n else f"{low_n:,} to {high_n:,} {unit[1]}s"
        low = self._amount(self.low, self._low_from, months)
        if low == high:
            return f"about {high}"
        (low_n, _, low_unit), (high_n, _, high_unit) = low.partition(" "), high.partition(" ")
        if low_unit.rstrip("s") == high_unit.rstrip("s") and " " not in high_unit:
            return f"{low_n} to {high_n} {high_unit}"
        return f"{low} to {high}"

    def detail(self) -> str:
        """The range in full: "between 127 and 157 days", "between 1 h 14 min and 25 h 14 min"."""
        if self.calendar:
            days = self.high.days
            return plural(days, "day") if self.exact else f"between {self.low.days:,} and {plural(days, 'day')}"
        if self.exact:
            return span_words(self.low) if self.low >= _DAY else clock_words(self.low)
        say = _hours_minutes if self.high < 2 * _DAY else span_words
        if self.low < _MINUTE:
            return f"up to {say(self.high)}"
        return f"between {say(self.low)} and {say(self.high)}"

    @property
    def _low_from(self) -> date:
        return self.earlier.last_day if self.calendar else self.earlier.latest.date()

    @property
    def _high_from(self) -> date:
        return self.earlier.first_day

    def _exact_words(self, months: bool) -> str:
        if self.calendar:
            if months:
                return duration_words(self.earlier.first_day, self.later.first_day)
            return plural(self.low.days, "day")
        if self.low < _DAY:
            return clock_words(self.low)
        if months and self.low >= 60 * _DAY:
            return duration_words(self.earlier.start.date(), self.later.start.date())
        return span_words(self.low)

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

    def _amount(self, delta: timedelta, start: date, months: bool) -> str:
        """One rounded amount: minutes under two hours, hours under two days
        (only between times of day), then days, and past two months, months
        and years when `months` (counted on from `start`, to the nearest month)."""
        unit = self._unit(delta, months)
        days = _nearest(delta / _DAY)
        if unit is not None:
            return plural(_nearest(delta / unit[0]), unit[1])
        try:  # to the nearest whole month: half a month on, the whole months
            return _months_text(max(2, whole_months(start, start + timedelta(days=days + 15))))
        except OverflowError:
            return plural(days, "day")


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
        return "as planned"
    if plan.start <= done.start and done.end <= plan.end:
        return {Precision.YEAR: "in the planned year", Precision.MONTH: "in the planned month"}.get(
            pp, "on the planned day"
        )
    if done.overlaps(plan):
        return "as planned, as far as the dates say"
    later = done.start >= plan.end
    direction = "later" if later else "earlier"
    gap = gap_between(plan, done) if later else gap_between(done, plan)
    if gap.exact and not gap.calendar:
        return f"{_minutes_words(gap.low)} {direction} than planned"
    return f"{gap.words()} {direction} than planned"


def _minutes_words(delta: timedelta) -> str:
    """Between two times known to the minute: "10 minutes", "about 3 hours", "about 8 days"."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 120:
        return plural(minutes, "minute")
    if minutes < 48 * 60:
        return f"about {round(minutes / 60)} hours"
    return f"about {round(minutes / 1440)} days"

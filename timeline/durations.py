"""Durations as a reader says them, in the page's language: "21 days" /
"21 день", "11 days 19 h 40 min", "5 months", with Russian's plural forms
and cases.  `timeline.gaps` measures how far apart two dates are and says it
with these words."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.utils import formats
from django.utils.translation import ngettext, npgettext, pgettext

#
# Amounts are said through Django's translation machinery.  Russian declines
# the unit after a number in three forms (1 день, 2 дня, 5 дней: ngettext's
# plural forms) and by the amount's role in the sentence (`case`): on its own
# or as a subject, NOMINATIVE ("8 дней"); after около, до, от, GENITIVE
# ("около 21 дня"); after на, ACCUSATIVE ("на 1 минуту позже").  English says
# the three alike.

NOMINATIVE, GENITIVE, ACCUSATIVE = "nominative", "genitive", "accusative"


def _unit_words(n: int, unit: str, case: str) -> str | None:
    """ "%(n)s days" for `unit` in `case`, translated and chosen for `n`; None for a word that is no unit.
    Every msgid is written out so that makemessages finds it."""
    if case == GENITIVE:
        words = {
            "day": npgettext("genitive", "%(n)s day", "%(n)s days", n),
            "month": npgettext("genitive", "%(n)s month", "%(n)s months", n),
            "year": npgettext("genitive", "%(n)s year", "%(n)s years", n),
            "hour": npgettext("genitive", "%(n)s hour", "%(n)s hours", n),
            "minute": npgettext("genitive", "%(n)s minute", "%(n)s minutes", n),
        }
    elif case == ACCUSATIVE:
        words = {
            "day": npgettext("accusative", "%(n)s day", "%(n)s days", n),
            "month": npgettext("accusative", "%(n)s month", "%(n)s months", n),
            "year": npgettext("accusative", "%(n)s year", "%(n)s years", n),
            "hour": npgettext("accusative", "%(n)s hour", "%(n)s hours", n),
            "minute": npgettext("accusative", "%(n)s minute", "%(n)s minutes", n),
        }
    else:
        words = {
            "day": ngettext("%(n)s day", "%(n)s days", n),
            "month": ngettext("%(n)s month", "%(n)s months", n),
            "year": ngettext("%(n)s year", "%(n)s years", n),
            "hour": ngettext("%(n)s hour", "%(n)s hours", n),
            "minute": ngettext("%(n)s minute", "%(n)s minutes", n),
        }
    return words.get(unit)


def _unit_after_range(n: int, unit: str, case: str) -> str:
    """The unit alone after a range of numbers ending in `n`: "days" in "4 to 5 days",
    "дней" in "от 4 до 5 дней" (genitive), "дней" in "на 4–5 дней" (accusative)."""
    if case == ACCUSATIVE:
        words = {
            "day": npgettext("after a range, accusative", "day", "days", n),
            "month": npgettext("after a range, accusative", "month", "months", n),
            "year": npgettext("after a range, accusative", "year", "years", n),
            "hour": npgettext("after a range, accusative", "hour", "hours", n),
            "minute": npgettext("after a range, accusative", "minute", "minutes", n),
        }
    else:
        words = {
            "day": npgettext("after a range", "day", "days", n),
            "month": npgettext("after a range", "month", "months", n),
            "year": npgettext("after a range", "year", "years", n),
            "hour": npgettext("after a range", "hour", "hours", n),
            "minute": npgettext("after a range", "minute", "minutes", n),
        }
    return words[unit]


def number(n: int) -> str:
    """A whole number grouped as the current language writes it: "1,234", "1 234"."""
    return formats.number_format(n, force_grouping=True)


def plural(n: int, word: str, case: str = NOMINATIVE, *, grouped: bool = True) -> str:
    """ "1 day", "5 days"; "1 день", "2 дня", "5 дней" (and their other cases).
    A word that is no unit of time ("more planned event") is said the English way.
    `grouped`: "1,234" rather than "1234"."""
    words = _unit_words(n, word, case)
    if words is None:
        return f"{n:,} {word}{'' if n == 1 else 's'}"
    return words % {"n": number(n) if grouped else str(n)}


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


def duration_words(start: date, end: date, case: str = NOMINATIVE) -> str:
    """A duration as a reader says it: days under two months, then months,
    then years and months.  "45 days", "4 months", "1 year 4 months"."""
    if end < start:
        start, end = end, start
    months = whole_months(start, end)
    if months < 2:
        return plural((end - start).days, "day", case)
    return _months_text(months, case)


def _months_text(months: int, case: str = NOMINATIVE) -> str:
    """ "4 months", "1 year", "1 year 4 months" """
    if months < 12:
        return plural(months, "month", case)
    years, rest = divmod(months, 12)
    return plural(years, "year", case) + (f" {plural(rest, 'month', case)}" if rest else "")


def clock_words(delta: timedelta, case: str = NOMINATIVE) -> str:
    """Under a day: "3 hours 27 minutes", "40 minutes"."""
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    parts = [plural(hours, "hour", case)] if hours else []
    parts += [plural(minutes, "minute", case)] if minutes or not hours else []
    return " ".join(parts)


def _clock_short(hours: int, minutes: int) -> str:
    """ "19 h 40 min", "19 ч 40 мин" (abbreviations, the same in every case)"""
    return pgettext("hours and minutes, abbreviated", "{hours} h {minutes} min").format(
        hours=hours, minutes=f"{minutes:02d}"
    )


def span_words(delta: timedelta, case: str = NOMINATIVE) -> str:
    """A flight's length to the minute: "11 days 19 h 40 min", "11 дней 19 ч 40 мин"."""
    minutes = int(delta.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    text = plural(days, "day", case)
    if hours or minutes:
        text += f" {_clock_short(hours, minutes)}"
    return text


def _hours_minutes(delta: timedelta, case: str = NOMINATIVE) -> str:
    """ "1 h 14 min", "25 h 14 min" """
    hours, minutes = divmod(int(delta.total_seconds() // 60), 60)
    return _clock_short(hours, minutes)

"""Dates known to a precision: a year, a month, a day or a minute (UTC).

Plain functions on aware UTC datetimes, with no Django models in sight, so the
model, the chart, the race comparison and the exports all say "2020" for a
date known only to the year, never "1 January 2020".

A date at a precision is stored as the first instant it covers: 2020 is
2020-01-01 00:00 UTC, May 2020 is 2020-05-01 00:00 UTC.  Its covered interval
is half-open: May 2020 covers [2020-05-01, 2020-06-01).

How far apart two such dates are is `timeline.gaps`.
"""

from __future__ import annotations

import re
from datetime import MAXYEAR, UTC, datetime, timedelta
from enum import StrEnum

from django.utils import dates
from django.utils.translation import gettext, pgettext, pgettext_lazy

# The first and last instants Python can hold, in UTC.
FIRST_INSTANT = datetime.min.replace(tzinfo=UTC)
LAST_INSTANT = datetime.max.replace(tzinfo=UTC)


class Precision(StrEnum):
    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"

    @property
    def label(self) -> str:
        return PRECISION_LABELS[self]


PRECISION_LABELS = {
    Precision.YEAR: pgettext_lazy("a date's precision", "Year"),
    Precision.MONTH: pgettext_lazy("a date's precision", "Month"),
    Precision.DAY: pgettext_lazy("a date's precision", "Day"),
    Precision.MINUTE: pgettext_lazy("a date's precision", "Minute (UTC)"),
}

# Month names in the current language (Django's translation machinery; the
# Russian ones are in locale/ru).  A month standing alone ("October 2021",
# "октябрь 2021") is MONTHS_LONG.  Inside a date English abbreviates it
# ("5 Oct 2021") and Russian puts it in the genitive ("5 октября 2021"):
# Django's own "alt. month" names, MONTHS_OF.
MONTHS_SHORT = [
    pgettext_lazy("month, abbreviated", "Jan"), pgettext_lazy("month, abbreviated", "Feb"),
    pgettext_lazy("month, abbreviated", "Mar"), pgettext_lazy("month, abbreviated", "Apr"),
    pgettext_lazy("month, abbreviated", "May"), pgettext_lazy("month, abbreviated", "Jun"),
    pgettext_lazy("month, abbreviated", "Jul"), pgettext_lazy("month, abbreviated", "Aug"),
    pgettext_lazy("month, abbreviated", "Sep"), pgettext_lazy("month, abbreviated", "Oct"),
    pgettext_lazy("month, abbreviated", "Nov"), pgettext_lazy("month, abbreviated", "Dec"),
]  # fmt: skip
MONTHS_LONG = [
    pgettext_lazy("month, standing alone", "January"), pgettext_lazy("month, standing alone", "February"),
    pgettext_lazy("month, standing alone", "March"), pgettext_lazy("month, standing alone", "April"),
    pgettext_lazy("month, standing alone", "May"), pgettext_lazy("month, standing alone", "June"),
    pgettext_lazy("month, standing alone", "July"), pgettext_lazy("month, standing alone", "August"),
    pgettext_lazy("month, standing alone", "September"), pgettext_lazy("month, standing alone", "October"),
    pgettext_lazy("month, standing alone", "November"), pgettext_lazy("month, standing alone", "December"),
]  # fmt: skip
MONTHS_OF = [dates.MONTHS_ALT[month] for month in range(1, 13)]


def _month_names(month: int) -> dict[str, str]:
    """The placeholders a translated date pattern may use for `month` (1-12):
    {month} standing alone, "October" / "октябрь"; {mon} inside a date,
    "Oct" / "октября", as the language's catalogue says it names a month there."""
    in_date = pgettext("how a date names its month: abbreviated (5 Oct) or genitive (5 октября)", "abbreviated")
    mon = MONTHS_OF[month - 1] if in_date == "genitive" else MONTHS_SHORT[month - 1]
    return {"mon": mon, "month": MONTHS_LONG[month - 1]}


def as_utc(value: datetime) -> datetime:
    """The same instant in UTC; a naive datetime is taken to be UTC already."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def truncate(value: datetime, precision: Precision | str) -> datetime:
    """The first instant of the period at `precision` that holds `value`."""
    value = as_utc(value)
    precision = Precision(precision)
    if precision is Precision.YEAR:
        return value.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if precision is Precision.MONTH:
        return value.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if precision is Precision.DAY:
        return value.replace(hour=0, minute=0, second=0, microsecond=0)
    return value.replace(second=0, microsecond=0)


def is_consistent(value: datetime, precision: Precision | str) -> bool:
    """True when `value` is the first instant of its period at `precision`."""
    return as_utc(value) == truncate(value, precision)


def consistency_message(value: datetime, precision: Precision | str) -> str:
    """Why `value` does not fit `precision`, for an editor to act on."""
    precision = Precision(precision)
    expected = {
        Precision.YEAR: "1 January at 00:00 UTC",
        Precision.MONTH: "the 1st of the month at 00:00 UTC",
        Precision.DAY: "00:00 UTC",
        Precision.MINUTE: "a whole minute (seconds 00)",
    }[precision]
    suggestion = format_date(truncate(value, precision), precision)
    return f"A {precision.value}-precision date must be {expected}; got {iso_full(value)}. Did you mean {suggestion}?"


def covered_interval(value: datetime, precision: Precision | str) -> tuple[datetime, datetime]:
    """The half-open interval [start, end) that a date at `precision` covers.

    A period that would end past Python's calendar (the year 9999, only ever
    met in a row that bypassed validation) ends at its last instant instead."""
    start = truncate(value, precision)
    precision = Precision(precision)
    if precision is Precision.YEAR:
        if start.year == MAXYEAR:
            return start, LAST_INSTANT
        return start, start.replace(year=start.year + 1)
    if precision is Precision.MONTH:
        if start.month < 12:
            return start, start.replace(month=start.month + 1)
        if start.year == MAXYEAR:
            return start, LAST_INSTANT
        return start, start.replace(year=start.year + 1, month=1)
    if precision is Precision.DAY:
        return start, shifted(start, timedelta(days=1))
    return start, shifted(start, timedelta(minutes=1))


def shifted(value: datetime, delta: timedelta) -> datetime:
    """`value` moved by `delta`, stopping at the first or last instant Python
    can hold instead of overflowing (dates outside the accepted range reach
    the pages only from rows that bypassed validation; they must not take a
    page down)."""
    try:
        return value + delta
    except OverflowError:
        return FIRST_INSTANT if delta < timedelta(0) else LAST_INSTANT


def format_date(value: datetime, precision: Precision | str) -> str:
    """A date as a reader should see it: "2020", "May 2020", "5 May 2020",
    "5 Oct 2021, 08:55 UTC"; in Russian "2020", "май 2020", "5 мая 2020",
    "5 октября 2021, 08:55 UTC"."""
    value = as_utc(value)
    precision = Precision(precision)
    if precision is Precision.YEAR:
        return f"{value.year}"
    names = _month_names(value.month)
    if precision is Precision.MONTH:
        return pgettext("a date known to the month: May 2020", "{month} {year}").format(**names, year=value.year)
    day = pgettext("a date known to the day: 5 May 2020", "{day} {mon} {year}").format(
        **names, day=value.day, year=value.year
    )
    if precision is Precision.DAY:
        return day
    return pgettext("a date and time: 5 Oct 2021, 08:55 UTC", "{date}, {time} UTC").format(
        date=day, time=f"{value:%H:%M}"
    )


def format_date_in_sentence(value: datetime, precision: Precision | str) -> str:
    """A date as a sentence says it: "in 2020", "in May 2020", "on 5 May 2020",
    "on 5 Oct 2021 at 08:55 UTC"; in Russian "в 2020 году", "в мае 2020 года",
    "5 мая 2020 года", "5 октября 2021 года в 08:55 UTC"."""
    value = as_utc(value)
    precision = Precision(precision)
    if precision is Precision.YEAR:
        return pgettext("a year in a sentence: in 2020", "in {year}").format(year=value.year)
    if precision is Precision.MONTH:
        return pgettext("a month in a sentence: in May 2020", "in {month} {year}").format(
            month=_month_in(value.month), year=value.year
        )
    names = _month_names(value.month)
    day = pgettext("a day in a sentence: on 5 May 2020", "on {day} {mon} {year}").format(
        **names, day=value.day, year=value.year
    )
    if precision is Precision.DAY:
        return day
    return pgettext("a date and time in a sentence", "{date} at {time} UTC").format(date=day, time=f"{value:%H:%M}")


def _month_in(month: int) -> str:
    """The month after "in": "May"; Russian's prepositional "мае"."""
    return MONTHS_IN[month - 1]


MONTHS_IN = [
    pgettext_lazy("month, after 'in'", "January"), pgettext_lazy("month, after 'in'", "February"),
    pgettext_lazy("month, after 'in'", "March"), pgettext_lazy("month, after 'in'", "April"),
    pgettext_lazy("month, after 'in'", "May"), pgettext_lazy("month, after 'in'", "June"),
    pgettext_lazy("month, after 'in'", "July"), pgettext_lazy("month, after 'in'", "August"),
    pgettext_lazy("month, after 'in'", "September"), pgettext_lazy("month, after 'in'", "October"),
    pgettext_lazy("month, after 'in'", "November"), pgettext_lazy("month, after 'in'", "December"),
]  # fmt: skip


def format_span(
    start: datetime,
    start_precision: Precision | str,
    end: datetime | None = None,
    end_precision: Precision | str | None = None,
) -> str:
    """A date or a span at their precisions: "5–16 Oct 2021", "May – 4 Oct 2021";
    in Russian "5–16 октября 2021", "5 сентября – 16 октября 2021"."""
    if end is None or end_precision is None:
        return format_date(start, start_precision)
    start, end = as_utc(start), as_utc(end)
    sp, ep = Precision(start_precision), Precision(end_precision)
    end_text = format_date(end, ep)
    if sp is ep is Precision.DAY and start.year == end.year:
        if start.month == end.month:
            return pgettext("days of one month: 5–16 Oct 2021", "{day}–{end}").format(day=start.day, end=end_text)
        return pgettext("a day to a day of the same year: 5 Sep – 16 Oct 2021", "{day} {mon} – {end}").format(
            **_month_names(start.month), day=start.day, end=end_text
        )
    if sp is Precision.MONTH and ep in (Precision.DAY, Precision.MONTH) and start.year == end.year:
        return pgettext("a month to a date of the same year: May – 4 Oct 2021", "{month} – {end}").format(
            **_month_names(start.month), end=end_text
        )
    return pgettext("a span of two dates", "{start} – {end}").format(start=format_date(start, sp), end=end_text)


def iso_full(value: datetime) -> str:
    """The exact instant, "2021-10-05 08:55 UTC" (seconds only when there are any)."""
    value = as_utc(value).replace(tzinfo=None)
    return f"{value.isoformat(sep=' ', timespec='seconds' if value.second or value.microsecond else 'minutes')} UTC"


def to_iso(value: datetime, precision: Precision | str) -> str:
    """A date written only as far as it is known: "2020", "2020-05",
    "2020-05-04", "2021-10-05T08:55Z".  `parse_iso` reads it back."""
    value = as_utc(value)
    precision = Precision(precision)
    if precision is Precision.YEAR:
        return f"{value.year:04d}"
    if precision is Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    # isoformat, not strftime: strftime writes the year 21 as "21" on Linux.
    if precision is Precision.DAY:
        return value.date().isoformat()
    return f"{value.replace(tzinfo=None).isoformat(timespec='minutes')}Z"


_ISO = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:Z|\+00:00)?)?)?)?$"
)


def parse_iso(text: str) -> tuple[datetime, Precision]:
    """Read "2020", "2020-05", "2020-05-04" or "2021-10-05T08:55Z" into the
    first instant it covers and its precision.  Raises ValueError with a
    reader's message for anything else (31 February included)."""
    text = (text or "").strip()
    match = _ISO.match(text)
    if not match:
        raise ValueError(
            gettext("“%(text)s” is not a date: write 2020, 2020-05, 2020-05-04 or 2021-10-05T08:55Z (UTC).")
            % {"text": text[:40]}
        )
    parts = match.groupdict()
    if parts["S"] not in (None, "00"):
        raise ValueError(gettext("“%(text)s”: give times to the minute; seconds must be 00.") % {"text": text})
    try:
        value = datetime(
            int(parts["y"]),
            int(parts["m"] or 1),
            int(parts["d"] or 1),
            int(parts["H"] or 0),
            int(parts["M"] or 0),
            tzinfo=UTC,
        )
    except ValueError as exc:
        raise ValueError(gettext("“%(text)s” is not a real date (%(why)s).") % {"text": text, "why": exc}) from None
    if parts["H"] is not None:
        return value, Precision.MINUTE
    if parts["d"] is not None:
        return value, Precision.DAY
    if parts["m"] is not None:
        return value, Precision.MONTH
    return value, Precision.YEAR

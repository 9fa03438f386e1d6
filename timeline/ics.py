"""The published timeline as an iCalendar file.

One VEVENT per event, drawn only over what its dates make
certain, so a calendar never shows a month- or a year-long bar for a date
known only to the month or the year (`ics_dates`):

* A single date: known to the minute, a timed UTC moment (no DTEND); to
  the day, an all-day event on that day; to the month or the year, an
  all-day event on the period's first day only, its SUMMARY ending
  "(October 2021, day not known)" or "(2021, month not known)".
* A span runs from the last day it can have begun to the first day it can
  have ended, both included: a start known only to May 2021 is drawn from
  31 May, an end known only to November 2021 until 1 November, and the
  SUMMARY says "(from May 2021, day not known)" / "(until November 2021,
  day not known)".  When its dates allow no day it certainly covered (a
  span from October 2021 to 5 October), it is drawn as its more precise
  end alone.
* A span with either end known to the minute is timed (iCalendar wants
  DTSTART and DTEND of one kind): that end keeps its time, and an end
  known only to a day, a month or a year falls on a day's boundary in UTC
  (from 00:00, until 24:00 of the day chosen above).
* The DESCRIPTION's "When" line gives the dates as known, and one line
  per end the calendar had to place says where it placed it.
DTEND is exclusive, as iCalendar wants it.

Text is cleaned and links checked again here, as in every export
(`timeline.exports`).  The words are in the language of the export's address
(/export/events.ics, /ru/export/events.ics), as are the events' texts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from . import precision as prec
from . import vocabulary
from .exports import Absolute, people_of, same
from .links import safe_url
from .models import Event
from .precision import Precision
from .text import clean_text

CALENDAR_NAME = "Space Film Race"
UID_DOMAIN = "space-film-race"  # UIDs are "<slug>@space-film-race": stable across hosts and exports


# --- iCalendar ---------------------------------------------------------------

COARSE = (Precision.MONTH, Precision.YEAR)
_FINER = [Precision.MINUTE, Precision.DAY, Precision.MONTH, Precision.YEAR]
_ONE_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class IcsDates:
    """Where a calendar is told an event is (DTSTART and DTEND: dates for
    all-day events, UTC datetimes for timed ones; no DTEND for a moment),
    the note its SUMMARY ends with, and the DESCRIPTION lines that say how
    what is not known was placed."""

    start: dt.datetime | dt.date
    end: dt.datetime | dt.date | None = None
    title_note: str = ""
    placed: tuple[str, ...] = ()


def ics_dates(
    start: dt.datetime,
    start_precision: Precision | str,
    end: dt.datetime | None = None,
    end_precision: Precision | str | None = None,
) -> IcsDates:
    """How an event's date or span is drawn in a calendar (the rule is in the module docstring)."""
    sp = Precision(start_precision)
    ep = Precision(end_precision) if end is not None and end_precision else None
    if ep is None:
        return _ics_single(start, sp)
    start, end = prec.as_utc(start), prec.as_utc(end)
    if sp is ep is Precision.MINUTE:
        return IcsDates(start, end)
    title = _ics_title_note([words for words in (_unknown("from", start, sp), _unknown("until", end, ep)) if words])
    begin, finish = _ics_begin(start, sp), _ics_finish(end, ep)
    if finish <= begin:  # no day it certainly covered: its more precise end alone
        moment, precision = (start, sp) if _FINER.index(sp) <= _FINER.index(ep) else (end, ep)
        alone = _ics_single(moment, precision)
        if precision is Precision.MINUTE:
            line = gettext("Shown at %(date)s only: its dates allow no day it certainly covered.") % {
                "date": prec.format_date(moment, precision)
            }
        else:
            line = gettext("Shown on %(date)s only: its dates allow no day it certainly covered.") % {
                "date": prec.format_date(prec.covered_interval(moment, precision)[0], Precision.DAY)
            }
        return IcsDates(alone.start, alone.end, title, (line,))
    timed = Precision.MINUTE in (sp, ep)
    placed = tuple(line for line in (_ics_start_line(start, sp, begin, timed), _ics_end_line(end, ep, timed)) if line)
    if timed:
        return IcsDates(begin, finish, title, placed)
    return IcsDates(begin.date(), finish.date(), title, placed)


def ics_times(
    start: dt.datetime,
    start_precision: Precision | str,
    end: dt.datetime | None = None,
    end_precision: Precision | str | None = None,
) -> tuple[dt.datetime | dt.date, dt.datetime | dt.date | None]:
    """DTSTART and DTEND for a date or span at their precisions (see `ics_dates`)."""
    dates = ics_dates(start, start_precision, end, end_precision)
    return dates.start, dates.end


def _ics_single(value: dt.datetime, precision: Precision) -> IcsDates:
    if precision is Precision.MINUTE:
        return IcsDates(prec.as_utc(value))
    first, _ = prec.covered_interval(value, precision)
    if precision is Precision.DAY:
        return IcsDates(first.date(), _next_day(first).date())
    known = _unknown("", first, precision)
    placed = gettext("%(known)s: shown on its first day, %(day)s.") % {
        "known": _capital(known),
        "day": prec.format_date(first, Precision.DAY),
    }
    return IcsDates(first.date(), _next_day(first).date(), _ics_title_note([known]), (placed,))


def _ics_begin(start: dt.datetime, precision: Precision) -> dt.datetime:
    """The last instant-on-a-day-boundary it can have begun by: the time
    itself, the day's 00:00 UTC, or the period's last day."""
    if precision is Precision.MINUTE:
        return start
    first, until = prec.covered_interval(start, precision)
    return first if precision is Precision.DAY else prec.shifted(until, -_ONE_DAY)


def _ics_finish(end: dt.datetime, precision: Precision) -> dt.datetime:
    """The first it can have ended by, exclusive: the time itself, the end
    of the day (24:00 UTC), or the end of the period's first day."""
    if precision is Precision.MINUTE:
        return end
    return _next_day(prec.covered_interval(end, precision)[0])


def _next_day(value: dt.datetime) -> dt.datetime:
    return prec.shifted(value, _ONE_DAY)


def _unknown(which: str, value: dt.datetime, precision: Precision) -> str:
    """ "October 2021, day not known", "from 2021, month not known"; "" when the day is known."""
    if precision not in COARSE:
        return ""
    date = {"date": prec.format_date(value, precision)}
    year = precision is Precision.YEAR
    if which == "from":
        if year:
            return pgettext("calendar", "from %(date)s, month not known") % date
        return pgettext("calendar", "from %(date)s, day not known") % date
    if which == "until":
        if year:
            return pgettext("calendar", "until %(date)s, month not known") % date
        return pgettext("calendar", "until %(date)s, day not known") % date
    if year:
        return pgettext("calendar", "%(date)s, month not known") % date
    return pgettext("calendar", "%(date)s, day not known") % date


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _ics_start_line(start: dt.datetime, precision: Precision, begin: dt.datetime, timed: bool) -> str:
    """The DESCRIPTION line saying where a start not known to the minute was placed ("" when it was)."""
    if precision in COARSE:
        shown = prec.format_date(begin, Precision.DAY)
        return gettext("%(known)s: shown from its last day, %(day)s.") % {
            "known": _capital(_unknown("from", start, precision)),
            "day": shown,
        }
    if precision is Precision.DAY and timed:
        return gettext("From %(date)s, time not known: shown from 00:00 UTC.") % {
            "date": prec.format_date(start, precision)
        }
    return ""


def _ics_end_line(end: dt.datetime, precision: Precision, timed: bool) -> str:
    if precision in COARSE:
        shown = prec.format_date(prec.covered_interval(end, precision)[0], Precision.DAY)
        return gettext("%(known)s: shown until the end of its first day, %(day)s.") % {
            "known": _capital(_unknown("until", end, precision)),
            "day": shown,
        }
    if precision is Precision.DAY and timed:
        return gettext("Until %(date)s, time not known: shown until 24:00 UTC.") % {
            "date": prec.format_date(end, precision)
        }
    return ""


def _ics_title_note(parts: list[str]) -> str:
    return f" ({'; '.join(parts)})" if parts else ""


def _when_note(event: Event) -> str:
    """ "(known to the month)", or for a span each coarse end: "(end known to the month)"."""
    sp = Precision(event.start_precision)
    ep = Precision(event.end_precision) if event.end and event.end_precision else None
    if ep is None or sp is ep:
        if sp is Precision.YEAR:
            return " (" + pgettext("calendar", "known to the year") + ")"
        if sp is Precision.MONTH:
            return " (" + pgettext("calendar", "known to the month") + ")"
        return ""
    notes = {
        ("start", Precision.YEAR): pgettext("calendar", "start known to the year"),
        ("start", Precision.MONTH): pgettext("calendar", "start known to the month"),
        ("end", Precision.YEAR): pgettext("calendar", "end known to the year"),
        ("end", Precision.MONTH): pgettext("calendar", "end known to the month"),
    }
    parts = [notes[which, p] for which, p in (("start", sp), ("end", ep)) if p in COARSE]
    return f" ({', '.join(parts)})" if parts else ""


def _ics_source(source) -> str:
    url = safe_url(source.url)
    return f"- {source}" + (f" <{url}>" if url else "")


def _ics_description(event: Event, url: str) -> str:
    lines = [event.summary.strip(), ""]
    lines.append(pgettext("calendar", "When: %(date)s") % {"date": f"{event.date_display}{_when_note(event)}"})
    dates = ics_dates(event.start, event.start_precision, event.end, event.end_precision or None)
    lines += [pgettext("calendar", "In this calendar: %(line)s") % {"line": line} for line in dates.placed]
    if event.status != Event.Status.HAPPENED:
        lines.append(pgettext("calendar", "Status: %(status)s") % {"status": event.get_status_display()})
    if planned := event.plan_summary(timezone.now()):
        lines.append(pgettext("calendar", "Planned: %(plan)s") % {"plan": planned})
    if people := people_of(event):
        lines.append(pgettext("calendar", "Who: %(people)s") % {"people": ", ".join(people)})
    sources = list(event.sources.all())
    if sources:
        lines += ["", pgettext("calendar", "Sources:")] + [_ics_source(s) for s in sources]
    lines += ["", url]
    return clean_text("\n".join(lines))


def ics_event(event: Event, *, absolute: Absolute = same) -> icalendar.Event:
    url = absolute(event.get_absolute_url())
    dates = ics_dates(event.start, event.start_precision, event.end, event.end_precision or None)
    vevent = icalendar.Event()
    vevent.add("uid", f"{event.slug}@{UID_DOMAIN}")
    vevent.add("dtstamp", prec.as_utc(event.updated))
    vevent.add("created", prec.as_utc(event.created))
    vevent.add("last-modified", prec.as_utc(event.updated))
    vevent.add("dtstart", dates.start)
    if dates.end is not None:
        vevent.add("dtend", dates.end)
    vevent.add("summary", clean_text(f"{event.effort.name}: {event.title}{dates.title_note}"))
    vevent.add("description", _ics_description(event, url))
    if event.place:
        vevent.add("location", clean_text(event.place))
    vevent.add("url", url)
    vevent.add("categories", [clean_text(event.effort.name), event.get_kind_display()])
    vevent.add("status", vocabulary.status_of(event.status).ics)
    vevent.add("transp", "TRANSPARENT")  # a history, not appointments: never "busy"
    vevent.add("class", "PUBLIC")
    return vevent


def events_ics(events: Iterable[Event], *, absolute: Absolute = same) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Space Film Race//Timeline export//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", CALENDAR_NAME)
    calendar.add("x-wr-calname", CALENDAR_NAME)
    calendar.add(
        "description",
        gettext("The race to shoot the first feature film in orbit, event by sourced event. Times are UTC."),
    )
    calendar.add("refresh-interval", dt.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for event in events:
        calendar.add_component(ics_event(event, absolute=absolute))
    return calendar.to_ical()

"""Who reached a milestone first, and by how much: overlapping windows are
too close to call, and a gap is only as precise as both dates
(`gaps.gap_between`): exact between two times, whole days between two
days, otherwise the range the dates allow ("by 1 to 25 hours")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext, pgettext

from ..durations import ACCUSATIVE
from ..gaps import Window, gap_between
from .inputs import RaceEvent, RaceSide
from .results import Gap, Verdict, VerdictKind
from .words import short_date

Entry = tuple[RaceSide, Window, str]  # a side, when it got there, and that date as shown


def verdict(entries: Sequence[Entry]) -> Verdict:
    """Who reached it first.  `entries`: each side that reached it, with the
    window its date covers and the date as shown."""
    if not entries:
        return Verdict(VerdictKind.NEITHER, pgettext("race verdict", "neither yet"))
    ordered = sorted(entries, key=lambda entry: (entry[1].start, entry[1].end, entry[0].order, entry[0].name))
    leader, lead, _ = ordered[0]
    if len(ordered) == 1:
        text = pgettext("race verdict", "only %(side)s so far") % {"side": leader.name}
        return Verdict(VerdictKind.ONLY, text, leader=leader)
    tied = [entry for entry in ordered[1:] if lead.overlaps(entry[1])]
    if tied:
        group = sorted([ordered[0], *tied], key=lambda entry: (entry[0].order, entry[0].name))
        texts = [entry[2] for entry in group]
        if len(set(texts)) == 1:
            if len(texts) == 2:
                detail = pgettext("two sides on the same date", "both %(date)s") % {"date": texts[0]}
            else:
                detail = pgettext("every side on the same date", "all %(date)s") % {"date": texts[0]}
        else:
            detail = gettext("%(dates)s overlap at the precision known") % {"dates": _and(texts)}
        return Verdict(VerdictKind.TOO_CLOSE, pgettext("race verdict", "too close to call"), detail=detail)
    gap = race_gap(lead, ordered[1][1])
    text = pgettext("race verdict", "%(side)s first, by %(gap)s") % {"side": leader.name, "gap": gap.words}
    return Verdict(VerdictKind.FIRST, text, leader=leader, gap=gap, detail=gap.detail)


def _and(texts: Sequence[str]) -> str:
    """ "Oct 2021 and 17 Oct 2021" """
    said = texts[0]
    for text in texts[1:]:
        said = pgettext("two dates", "%(first)s and %(second)s") % {"first": said, "second": text}
    return said


def entry(side: RaceSide, event: RaceEvent) -> Entry:
    """What `verdict` weighs of a side's event: the start of it."""
    return side, Window.of(event.start, event.start_precision), short_date(event.start, event.start_precision)


def race_gap(lead: Window, other: Window) -> Gap:
    """How far ahead `lead` was of `other` (which it does not overlap).  The
    words say the amount as "by" it (Russian's "на 11 дней", accusative)."""
    span = gap_between(lead, other)
    words = span.words(case=ACCUSATIVE)
    if span.exact and not span.calendar and span.low < dt.timedelta(days=1):
        if lead.first_day == other.first_day:
            detail = pgettext("a lead of less than a day", "same day")
        else:
            detail = pgettext("a lead of less than a day", "overnight")
        return Gap(words=words, detail=detail, days=0, exact=True)
    return Gap(words=words, detail=span.detail(), days=span.days, exact=span.exact)

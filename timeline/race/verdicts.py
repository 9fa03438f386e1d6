"""Who reached a milestone first, and by how much: overlapping windows are
too close to call, and a gap is only as precise as both dates
(`gaps.gap_between`): exact between two times, whole days between two
days, otherwise the range the dates allow ("by 1 to 25 hours")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..gaps import Window, gap_between
from .inputs import RaceEvent, RaceSide
from .results import Gap, Verdict, VerdictKind
from .words import clock_words, short_date

Entry = tuple[RaceSide, Window, str]  # a side, when it got there, and that date as shown


def verdict(entries: Sequence[Entry]) -> Verdict:
    """Who reached it first.  `entries`: each side that reached it, with the
    window its date covers and the date as shown."""
    if not entries:
        return Verdict(VerdictKind.NEITHER, "neither yet")
    ordered = sorted(entries, key=lambda entry: (entry[1].start, entry[1].end, entry[0].order, entry[0].name))
    leader, lead, _ = ordered[0]
    if len(ordered) == 1:
        return Verdict(VerdictKind.ONLY, f"only {leader.name} so far", leader=leader)
    tied = [entry for entry in ordered[1:] if lead.overlaps(entry[1])]
    if tied:
        group = sorted([ordered[0], *tied], key=lambda entry: (entry[0].order, entry[0].name))
        texts = [entry[2] for entry in group]
        if len(set(texts)) == 1:
            detail = f"both {texts[0]}" if len(texts) == 2 else f"all {texts[0]}"
        else:
            detail = f"{' and '.join(texts)} overlap at the precision known"
        return Verdict(VerdictKind.TOO_CLOSE, "too close to call", detail=detail)
    gap = race_gap(lead, ordered[1][1])
    return Verdict(VerdictKind.FIRST, f"{leader.name} first, by {gap.words}", leader=leader, gap=gap, detail=gap.detail)


def entry(side: RaceSide, event: RaceEvent) -> Entry:
    """What `verdict` weighs of a side's event: the start of it."""
    return side, Window.of(event.start, event.start_precision), short_date(event.start, event.start_precision)


def race_gap(lead: Window, other: Window) -> Gap:
    """How far ahead `lead` was of `other` (which it does not overlap)."""
    span = gap_between(lead, other)
    if span.exact and not span.calendar and span.low < dt.timedelta(days=1):
        detail = "same day" if lead.first_day == other.first_day else "overnight"
        return Gap(words=clock_words(span.low), detail=detail, days=0, exact=True)
    return Gap(words=span.words(), detail=span.detail(), days=span.days, exact=span.exact)

"""Who reached a milestone first, and by how much: overlapping intervals
are too close to call, gaps are exact only between day- or minute-precision dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..precision import Precision
from .inputs import RaceEvent, RaceSide
from .results import Gap, Verdict, VerdictKind
from .words import clock_words, duration_words, plural, short_date

EXACT_PRECISIONS = frozenset({Precision.DAY, Precision.MINUTE})
_INSTANT = dt.timedelta(microseconds=1)

Interval = tuple[dt.datetime, dt.datetime, str]  # covered interval and precision of a date


def verdict(entries: Sequence[tuple[RaceSide, Interval, str]]) -> Verdict:
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


def entry(side: RaceSide, event: RaceEvent) -> tuple[RaceSide, Interval, str]:
    """What `verdict` weighs of a side's event."""
    start, end = event.interval
    return side, (start, end, event.start_precision), short_date(event.start, event.start_precision)


def _gap(lead: Interval, other: Interval) -> Gap:
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


def _overlap(a: Interval, b: Interval) -> bool:
    return a[0] < b[1] and b[0] < a[1]

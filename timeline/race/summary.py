"""The race in two sentences: milestones led per side, and who first
completed the whole race (the film shot in orbit and the crew back on Earth).

A side has completed it once both its filming and its landing are over:
the window from the later of their starts to the later of their ends
(`gaps.latest_of`).  A film shot some time in October 2021 and a crew
home on 16 October were both done some time from 16 to 31 October, so
against a side done on 17 October the finish is too close to call.  As of a
day, a finish counts only once that whole window is over by the cut-off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.translation import gettext, pgettext

from ..gaps import Window, latest_of
from .figures import Reached, home
from .inputs import RaceEvent, RaceSide
from .results import Milestone, Summary, Verdict, VerdictKind
from .verdicts import verdict
from .words import when_words, window_text


def summary(
    sides: Sequence[RaceSide], milestones: Sequence[Milestone], reached: Reached, cutoff: dt.datetime | None = None
) -> Summary:
    """`cutoff`: the instant the race is shown as of (None: everything recorded)."""
    led = tuple((side, sum(1 for m in milestones if m.verdict.leader == side)) for side in sides)
    too_close = sum(1 for m in milestones if m.verdict.kind is VerdictKind.TOO_CLOSE)
    neither = sum(1 for m in milestones if m.verdict.kind is VerdictKind.NEITHER)
    parts = [
        pgettext("milestones led by a side: Russia 5", "%(side)s %(count)s") % {"side": s.name, "count": n}
        for s, n in led
    ]
    text = gettext("Milestones led, of %(total)s: %(sides)s") % {"total": len(milestones), "sides": ", ".join(parts)}
    if too_close:
        text += gettext("; too close to call: %(n)s") % {"n": too_close}
    if neither:
        text += gettext("; reached by neither yet: %(n)s") % {"n": neither}
    text += "."

    done = {side.slug: finish_window(reached, side) for side in sides}
    done = {slug: w for slug, w in done.items() if w is not None and (cutoff is None or w.end <= cutoff)}
    entries = [(side, done[side.slug], window_text(done[side.slug])) for side in sides if side.slug in done]
    finished = tuple((side, window_text(at_most_day_window(done[side.slug]))) for side in sides if side.slug in done)
    finish = verdict(entries)
    when = {slug: when_words(window) for slug, window in done.items()}
    return Summary(led, too_close, neither, finish, finished, text, _finish_text(finish, when))


def finish_window(reached: Reached, side: RaceSide) -> Window | None:
    """When `side` had both shot its film (the end of its first filming) and
    brought its crew home (the landing), or None while either is missing."""
    filming, landing = reached.get((side.slug, "filming")), home(reached, side)
    if not (filming and landing):
        return None
    return latest_of([_done(filming[0]), Window.of(landing.start, landing.start_precision)])


def at_most_day_window(window: Window) -> Window:
    """A moment as its whole day: the finish is said to the day."""
    if not window.point:
        return window
    start = dt.datetime.combine(window.first_day, dt.time.min, tzinfo=dt.UTC)
    return Window(start, start + dt.timedelta(days=1))


def _done(event: RaceEvent) -> Window:
    if event.end is not None and event.end_precision:
        return Window.of(event.end, event.end_precision)
    return Window.of(event.start, event.start_precision)


def _finish_text(finish: Verdict, when: dict[str, str]) -> str:
    if finish.kind is VerdictKind.NEITHER:
        return gettext("No side has completed the whole race (film shot in orbit and crew back on Earth) yet.")
    if finish.kind is VerdictKind.TOO_CLOSE:
        return gettext(
            "Completing the whole race (film shot in orbit and crew back on Earth): too close to call (%(detail)s)."
        ) % {"detail": finish.detail}
    said = {"side": finish.leader.name, "when": when[finish.leader.slug]}
    if finish.kind is VerdictKind.FIRST:
        return gettext(
            "First to complete the whole race (film shot in orbit and crew back on Earth): "
            "%(side)s, %(when)s, by %(gap)s."
        ) % {**said, "gap": finish.gap.words}
    return (
        gettext("First to complete the whole race (film shot in orbit and crew back on Earth): %(side)s, %(when)s.")
        % said
    )

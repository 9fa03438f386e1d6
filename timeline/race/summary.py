"""The race in two sentences: milestones led per side, and who first
completed the whole race (the film shot in orbit and the crew back on Earth)."""

from __future__ import annotations

from collections.abc import Sequence

from .figures import Reached, home
from .inputs import RaceSide
from .results import Milestone, Summary, Verdict, VerdictKind
from .verdicts import entry, verdict
from .words import at_most_day, short_date

WHOLE_RACE = "the whole race (film shot in orbit and crew back on Earth)"


def summary(sides: Sequence[RaceSide], milestones: Sequence[Milestone], reached: Reached) -> Summary:
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
        filming, landing = reached.get((side.slug, "filming")), home(reached, side)
        if not (filming and landing):
            continue
        done = max(filming[0], landing, key=lambda e: e.interval[0])
        entries.append(entry(side, done))
        finished.append((side, short_date(done.start, at_most_day(done.start_precision))))
    finish = verdict(entries)
    return Summary(led, too_close, neither, finish, tuple(finished), text, _finish_text(finish, finished))


def _finish_text(finish: Verdict, finished: list[tuple[RaceSide, str]]) -> str:
    if finish.kind is VerdictKind.NEITHER:
        return f"No side has completed {WHOLE_RACE} yet."
    if finish.kind is VerdictKind.TOO_CLOSE:
        return f"Completing {WHOLE_RACE}: too close to call ({finish.detail})."
    day = dict((side.slug, day) for side, day in finished)[finish.leader.slug]
    text = f"First to complete {WHOLE_RACE}: {finish.leader.name}, on {day}"
    if finish.kind is VerdictKind.FIRST:
        text += f", by {finish.gap.words}"
    return text + "."

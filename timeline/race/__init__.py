"""The race comparison: milestone by milestone, who got there first and by how much.

Pure: plain values in (`RaceSide`, `RaceEvent`, an optional `as_of` day), a
`RaceResult` out.  No ORM, no request, no templates; `timeline.standings`
turns model rows into these values.

The rules, in the order a reader would ask about them:

Reaching a milestone
    A side reaches a milestone with its first *published* event of that kind
    whose status is "happened" (first by the start of the interval its date
    covers).  "Unconfirmed" events never reach a milestone: a report the
    sources do not establish is not a win.  A side whose only event of a kind
    is unconfirmed shows it as "unconfirmed: <date>".  Cancelled events never
    reach a milestone either; they show as plans that never happened.
    Return is the crew back on Earth: the landing, the last return event of
    the side's first flight (from its first launch to the next), not the
    undocking before it; while a later return of that flight is still
    planned, the side is not back yet.  "In orbit" and the finish count from
    the same landing.

Precision
    A date covers an interval (`precision.covered_interval`): "October 2021"
    is the whole month, "2020" the whole year, "5 Oct 2021" the whole day.  When
    two sides' intervals overlap the milestone is "too close to call", never a
    win; two events on the same day at day precision are a tie.  A gap is only
    as precise as both dates (`gaps.gap_between`): exact between two
    times ("3 hours 27 minutes") and in whole days between two days ("1 day");
    a day against a time is the range of hours the day allows ("by 1 to 25
    hours"), and a month or a year on either side the range it allows ("by 4
    to 5 months"), said "about" when within a tenth of its middle.  The whole
    race is finished when the later of the filming and the landing windows is
    over (`summary`), and the figures' durations follow the same rule.

As of a day
    `as_of` is a whole UTC day, itself included: the race as it stood at the
    end of that day, or, for today, at `now` (the cut-off is whichever comes
    first, `clock.cutoff`).  An event is known once the interval its start
    covers has ended by the cut-off: a day- or minute-precision event from its
    own day on (the launch at 08:55 UTC on 5 Oct is known "as of 2021-10-05";
    as of today, from 08:56), a month-precision one from the last day of its
    month, a year-precision one from 31 December.  Nothing that might not have
    happened yet is ever shown as happened.  Without `as_of`, everything
    recorded is known.

Plans: what was said, as of the day
    A plan, a revision, a postponement, a cancellation or another source's
    date is a statement with the day it became public (`timeline.asof`).
    Each event is first turned into what was known of it at the cut-off
    (`clock.as_known`): only statements public by then count, the latest
    plan among them stands (with who said it and when), and a claim is shown
    beside it.  A statement with no publication date counts only once the
    event itself is over (as the planned-against-actual note), never as a
    live plan.  An event that happened after `as_of` shows as
    "planned: <date>" when a plan for it was public by then, and not at all
    otherwise; so does a planned event.  Once its planned period is over
    with no report by the cut-off, it shows as "planned for <date>, no
    report since", not as a live plan; a postponement with no new date as
    "planned for <date>, postponed with no new date".  A cancellation public
    by then makes it "planned <date>, cancelled" at once; a cancelled event
    with no cancellation on record shows as planned until its planned period
    is over, then as "planned <date>, never flew" ("never happened" for
    milestones other than flights).  An event recorded as planned or
    cancelled with no plan statement public by the cut-off takes its start
    as the plan, known from the day its side is first known (its first known
    event of any kind) and it entered the record, whichever is later: so a
    plan stated later never changes an earlier day.  A
    side's plan for a milestone no event stands for yet (`side_plans`) fills
    a cell that would otherwise say "not yet", once public.  A
    cell lists at most NOTES_SHOWN notes (plans against actual dates,
    claims, plans that never happened), the earliest first, and counts the
    rest.

The package, in the order the comparison runs: `inputs` (what it is given),
`clock` (what is known as of a day), `cells` (each side's cell for each
milestone), `verdicts` (who was first, by how much), `figures` (the headline
durations), `summary`, `compare` (the entry point, `race_compare`), `lede` (the race
at a glance, from the result: `race_lede`); `results`
holds what it returns and `words` how it says durations and dates.
"""

from ..vocabulary import HAPPENED, MILESTONE_KINDS, MILESTONES
from .cells import NOTES_SHOWN
from .clock import cutoff, end_of_day
from .compare import race_compare
from .inputs import RaceClaim, RaceEvent, RaceSide
from .lede import KEY_MILESTONES, Lede, LedeMilestone, LedeRow, LedeSide, race_lede
from .results import (
    Cell,
    CellState,
    ClaimNote,
    Figure,
    FigureLink,
    FigureRow,
    Gap,
    Milestone,
    PlanNote,
    RaceResult,
    Summary,
    Verdict,
    VerdictKind,
)
from .verdicts import verdict
from .words import clock_words, day_text, duration_words, span_words

__all__ = [
    "HAPPENED",
    "KEY_MILESTONES",
    "MILESTONES",
    "MILESTONE_KINDS",
    "NOTES_SHOWN",
    "Cell",
    "CellState",
    "ClaimNote",
    "Figure",
    "FigureLink",
    "FigureRow",
    "Gap",
    "Lede",
    "LedeMilestone",
    "LedeRow",
    "LedeSide",
    "Milestone",
    "PlanNote",
    "RaceClaim",
    "RaceEvent",
    "RaceResult",
    "RaceSide",
    "Summary",
    "Verdict",
    "VerdictKind",
    "clock_words",
    "cutoff",
    "day_text",
    "duration_words",
    "end_of_day",
    "race_compare",
    "race_lede",
    "span_words",
    "verdict",
]

"""The timeline as it stood on a day: which events a reader could know of, and as what.

`/?as_of=2021-10-06` shows the record as the race does on that day
(`timeline.race`, `timeline.asof`):

- an event that happened (or was reported) by the cut-off is shown as
  recorded, with the plan that stood for it then; a span still running at
  the cut-off shows its start only;
- an event still ahead at the cut-off, or one recorded as planned or
  cancelled, is shown as the plan public by then said it: at the plan's date
  and precision, as planned (or cancelled, once a cancellation was public),
  with who published the plan and when;
- a planned or cancelled event with no plan statement public by then takes
  its start as the plan once it had entered the record;
- anything else was not known yet, and is left out.

Nothing here depends on what was published after the cut-off, so a later
statement never changes an earlier day.  Pure: plain rows in and out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from . import asof
from .precision import as_utc, covered_interval
from .vocabulary import CANCELLED, HAPPENED, PLANNED, UNCONFIRMED


def is_over(value: dt.datetime, precision: str, cutoff: dt.datetime) -> bool:
    """Whether the whole period `value` covers at `precision` had passed by `cutoff`."""
    return covered_interval(value, precision)[1] <= as_utc(cutoff)


def row_as_known(
    row: dict, said: Sequence[asof.Said], cutoff: dt.datetime, standing: asof.Standing | None = None
) -> dict | None:
    """`row` (a `selectors.timeline_rows` row with "created") as it could be
    known at `cutoff`, with "known_by" (who said the plan shown, and when); None
    when nothing of it was public by then.  `standing`: what stood at `cutoff`
    of `said`, when the caller has it already."""
    over = is_over(row["start"], row["start_precision"], cutoff)
    if standing is None:
        standing = asof.standing_at(said, cutoff, over)
    if over and row["status"] in (HAPPENED, UNCONFIRMED):
        known = dict(row, known_by="")
        if row["end"] is not None and not is_over(row["end"], row["end_precision"], cutoff):
            known.update(end=None, end_precision="")  # still running: its end was a plan
        return known

    if standing.plan is not None:
        date, precision = standing.plan.date, standing.plan.precision
    elif standing.last is None and row["status"] in (PLANNED, CANCELLED) and as_utc(row["created"]) <= cutoff:
        date, precision = row["start"], row["start_precision"]  # the record's own plan, once entered
    else:
        return None
    return dict(
        row,
        start=date,
        start_precision=precision,
        end=None,
        end_precision="",
        status=CANCELLED if standing.withdrawn == "cancelled" else PLANNED,
        planned=None,
        planned_precision="",
        known_by=standing.attribution,
    )


SHOWN_FIELDS = ("start", "start_precision", "end", "end_precision", "status")


def show_as_known(event, row: dict) -> None:
    """Give a model row, for display only, the dates and status of its known
    `row` (never saved: the list on `/?as_of=` renders the record as it stood)."""
    for field in SHOWN_FIELDS:
        setattr(event, field, row[field])
    event.known_by = row.get("known_by", "")

"""What was said, and what of it was public by a cut-off: the as-of rule.

A plan, a forecast, a revision, a postponement, a cancellation or another
source's date is a statement (`timeline.models.Statement`), with the day it
became public.  Every view that shows the record "as of a day" (the race,
the chart's planned markers, the event page, the feed) asks this module
which statements it may use, and which of them stands:

- A statement is public by a cut-off (the end of a past day; now, for
  today) once the whole period its publication date covers is over: a
  statement of 13 May 2021 counts as of 13 May 2021, one known only as
  "January 2023" from 31 January 2023 on.  Nothing that may not have been
  published yet is ever shown.
- A statement with no publication date is never a live plan: it counts
  only once the event it is about is itself over by the cut-off (as the
  planned-against-actual note of what happened), and a side's statement
  with no event and no publication date never counts in an as-of view.
- Of the plans, revisions, postponements and cancellations public by then,
  the latest published stands (on the same day, the one entered later);
  a claim (another source's date) never supersedes a plan, it is shown
  beside it.

Pure: plain values in and out, no ORM.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from .precision import as_utc, covered_interval, format_date

PLAN, REVISION, POSTPONEMENT, CANCELLATION, CLAIM = "plan", "revision", "postponement", "cancellation", "claim"
# Statement kinds in the order an editor meets them, with their labels.
KINDS: tuple[tuple[str, str], ...] = (
    (PLAN, _("Plan or forecast")),
    (REVISION, _("Revision of a plan")),
    (POSTPONEMENT, _("Postponement")),
    (CANCELLATION, _("Cancellation")),
    (CLAIM, _("Another source’s date (claim)")),
)
PLAN_KINDS = frozenset({PLAN, REVISION, POSTPONEMENT, CANCELLATION})  # what supersedes what
DATED_KINDS = frozenset({PLAN, REVISION, CLAIM})  # a date is required
UNDATED_KINDS = frozenset({CANCELLATION})  # no date: it says the plan is off


@dataclass(frozen=True)
class Said:
    """One statement as plain values."""

    kind: str
    publisher: str
    date: dt.datetime | None = None
    precision: str = ""
    announced: dt.datetime | None = None
    announced_precision: str = ""
    approximate: bool = False
    wording: str = ""
    url: str = ""
    title: str = ""
    order: int = 0
    pk: int = 0

    @property
    def is_plan(self) -> bool:
        return self.kind in PLAN_KINDS

    @property
    def dated(self) -> bool:
        return self.date is not None and bool(self.precision)

    @property
    def public_from(self) -> dt.datetime | None:
        """The first instant by which it had certainly been published (None: unknown)."""
        if self.announced is None or not self.announced_precision:
            return None
        return covered_interval(self.announced, self.announced_precision)[1]

    @property
    def announced_text(self) -> str:
        """ "13 May 2021", "Jan 2023", or "" when unknown."""
        if self.announced is None or not self.announced_precision:
            return ""
        return format_date(self.announced, self.announced_precision)

    @property
    def date_text(self) -> str:
        """The date it gave as shown ("about 5 Oct 2021, 14:00 UTC"), "" for none."""
        if not self.dated:
            return ""
        date = format_date(self.date, self.precision)
        return pgettext("an approximate planned date", "about %(date)s") % {"date": date} if self.approximate else date

    @property
    def attribution(self) -> str:
        """Who said it and when, with its own words: "Roscosmos, 22 Sep 2020: “in autumn 2021”"."""
        text = f"{self.publisher}, {self.announced_text}" if self.announced_text else self.publisher
        if not self.wording:
            return text
        return pgettext("who said it: its own words, quoted", "%(who)s: “%(wording)s”") % {
            "who": text,
            "wording": self.wording,
        }


def is_public(said: Said, cutoff: dt.datetime | None, event_over: bool = False) -> bool:
    """Whether `said` may be used as of `cutoff` (None: everything recorded).
    `event_over`: the event it is about is itself over by the cut-off, which
    is when a statement with no publication date starts to count."""
    if cutoff is None:
        return True
    public_from = said.public_from
    if public_from is None:
        return event_over
    return public_from <= as_utc(cutoff)


def supersession_key(said: Said):
    """Later supersedes earlier: by publication (unknown first), then as entered."""
    public_from = said.public_from
    return (public_from is not None, public_from or dt.datetime.min.replace(tzinfo=dt.UTC), said.order, said.pk)


def public(statements: Iterable[Said], cutoff: dt.datetime | None, event_over: bool = False) -> list[Said]:
    """The statements public by `cutoff`, oldest first."""
    return sorted((s for s in statements if is_public(s, cutoff, event_over)), key=supersession_key)


@dataclass(frozen=True)
class Standing:
    """What stood at a cut-off: the plan in force (its date, or none), and
    whether it was withdrawn (cancelled, or postponed with no new date)."""

    plan: Said | None  # the latest dated plan or revision (or dated postponement)
    last: Said | None  # the latest plan-kind statement, which may withdraw `plan`
    claims: tuple[Said, ...] = ()

    @property
    def withdrawn(self) -> str:
        """ "cancelled", "postponed" (no new date), or "" while the plan stands."""
        if self.last is None or self.last is self.plan:
            return ""
        return "cancelled" if self.last.kind == CANCELLATION else "postponed"

    @property
    def attribution(self) -> str:
        """Who made the plan, and who withdrew it: "A, 19 Sep 2020; cancelled: B, 26 Jan 2021"."""
        parts = [self.plan.attribution] if self.plan else []
        if self.withdrawn == "cancelled":
            parts.append(pgettext("who withdrew a plan", "cancelled: %(by)s") % {"by": self.last.attribution})
        elif self.withdrawn:
            parts.append(pgettext("who withdrew a plan", "postponed: %(by)s") % {"by": self.last.attribution})
        return "; ".join(parts)


NOTHING = Standing(None, None)


def standing(statements: Sequence[Said]) -> Standing:
    """Of `statements` (already those public by the cut-off), the plan that
    stands and the claims beside it."""
    ordered = sorted(statements, key=supersession_key)
    plans = [s for s in ordered if s.is_plan]
    dated = [s for s in plans if s.dated and s.kind != CANCELLATION]
    return Standing(
        plan=dated[-1] if dated else None,
        last=plans[-1] if plans else None,
        claims=tuple(s for s in ordered if s.kind == CLAIM and s.dated),
    )


def standing_at(statements: Iterable[Said], cutoff: dt.datetime | None, event_over: bool = False) -> Standing:
    """`standing` of what was public by `cutoff`."""
    return standing(public(statements, cutoff, event_over))

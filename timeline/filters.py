"""The timeline's filter as a plain value: what `?side=…&kind=…&from=…&to=…&q=…`
asked for once `timeline.forms.EventFilterForm` has validated it.

A plain value: the selectors read it, the views and exports turn it back
into its one canonical query string (its description is in the request's
language).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext, ngettext, pgettext

from .precision import Precision, format_date


@dataclass(frozen=True)
class TimelineFilter:
    """A validated filter (see timeline.forms for the URL scheme)."""

    side: str | None = None
    kinds: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    q: str = ""

    @property
    def is_empty(self) -> bool:
        return self == TimelineFilter()

    def describe(self, side_names: dict[str, str]) -> str:
        """What it chooses in a few words ("Russia · 2 kinds · from 1 Jan 2021"),
        for the control the filters fold behind on phones."""
        if self.is_empty:
            return gettext("all events")
        parts = [side_names.get(self.side, self.side)] if self.side else []
        if self.kinds:
            parts.append(ngettext("%(n)s kind", "%(n)s kinds", len(self.kinds)) % {"n": len(self.kinds)})
        if self.date_from:
            parts.append(pgettext("a filter's first day", "from %(day)s") % {"day": _day(self.date_from)})
        if self.date_to:
            parts.append(pgettext("a filter's last day", "to %(day)s") % {"day": _day(self.date_to)})
        if self.q:
            parts.append(pgettext("a search, quoted", "“%(q)s”") % {"q": self.q})
        return " · ".join(parts)

    def querystring(self) -> str:
        """The canonical query string for this filter ("" when empty)."""
        pairs = []
        if self.side:
            pairs.append(("side", self.side))
        pairs += [("kind", kind) for kind in self.kinds]
        if self.date_from:
            pairs.append(("from", self.date_from.isoformat()))
        if self.date_to:
            pairs.append(("to", self.date_to.isoformat()))
        if self.q:
            pairs.append(("q", self.q))
        return urlencode(pairs)


def _day(day: dt.date) -> str:
    """ "1 Jan 2021", "1 января 2021" """
    return format_date(dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC), Precision.DAY)

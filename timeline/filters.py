"""The timeline's filter as a plain value: what `?side=…&kind=…&from=…&to=…&q=…`
asked for once `timeline.forms.EventFilterForm` has validated it.

Pure (no Django): the selectors read it, the views and exports turn it back
into its one canonical query string.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlencode


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
            return "all events"
        parts = [side_names.get(self.side, self.side)] if self.side else []
        if self.kinds:
            parts.append(f"{len(self.kinds)} kind{'s' if len(self.kinds) > 1 else ''}")
        if self.date_from:
            parts.append(f"from {self.date_from.day} {self.date_from:%b %Y}")
        if self.date_to:
            parts.append(f"to {self.date_to.day} {self.date_to:%b %Y}")
        if self.q:
            parts.append(f"“{self.q}”")
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

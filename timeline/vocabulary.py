"""The story's vocabulary, written once: kinds of event, statuses, precision notes.

The model's choices, the race's milestones, the chart's symbols and key, the
list's labels and the exports all read these tables, so a new kind (or a
relabelled one) is one line here.  Plain values; the labels are marked for
translation lazily, so each is read in the language of the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Kind:
    value: str
    label: str  # lazily translated
    symbol: str  # the Plotly marker symbol of this kind
    milestone: bool = True  # compared in the race


# In race order: the race walks the milestones in this order, the chart's
# rows inside each lane run top to bottom in it.
KINDS: tuple[Kind, ...] = (
    Kind("announcement", pgettext_lazy("kind of event", "Announcement"), "circle"),
    Kind("partner_joins", pgettext_lazy("kind of event", "Partner joins"), "diamond"),
    Kind("crew_selection", pgettext_lazy("kind of event", "Crew selection"), "square"),
    Kind("training", pgettext_lazy("kind of event", "Training"), "pentagon"),
    Kind("launch", pgettext_lazy("kind of event", "Launch"), "triangle-up"),
    Kind("arrival", pgettext_lazy("kind of event", "Arrival at the ISS"), "star"),
    Kind("filming", pgettext_lazy("kind of event", "Filming in orbit"), "hexagon"),
    Kind("return", pgettext_lazy("kind of event", "Return"), "triangle-down"),
    Kind("premiere", pgettext_lazy("kind of event", "Premiere"), "hexagram"),
    Kind("status_update", pgettext_lazy("kind of event", "Status update"), "cross", milestone=False),
)
KIND_LABELS: dict[str, str] = {kind.value: kind.label for kind in KINDS}
KIND_SYMBOLS: dict[str, str] = {kind.value: kind.symbol for kind in KINDS}
DEFAULT_SYMBOL = "circle"
MILESTONES: tuple[tuple[str, str], ...] = tuple((kind.value, kind.label) for kind in KINDS if kind.milestone)
MILESTONE_KINDS: tuple[str, ...] = tuple(value for value, _label in MILESTONES)
STATUS_UPDATE = "status_update"  # news of a side's plans: the lede's word on a side that has not launched
FLIGHT_KINDS = frozenset({"launch", "arrival", "return"})
# The whole race: the film shot in orbit and the crew back on Earth.
FINISH_KINDS = ("filming", "return")


@dataclass(frozen=True)
class Status:
    value: str
    label: str  # lazily translated
    symbol_suffix: str  # Plotly's hollow variants for what did not (certainly) happen
    opacity: float
    ics: str  # iCalendar STATUS


STATUSES: tuple[Status, ...] = (
    Status("happened", pgettext_lazy("status of an event", "Happened"), "", 1.0, "CONFIRMED"),
    Status("planned", pgettext_lazy("status of an event", "Planned"), "-open", 1.0, "TENTATIVE"),
    Status("cancelled", pgettext_lazy("status of an event", "Cancelled (never happened)"), "-open", 0.55, "CANCELLED"),
    Status("unconfirmed", pgettext_lazy("status of an event", "Unconfirmed"), "-open-dot", 1.0, "TENTATIVE"),
)
STATUS_LABELS: dict[str, str] = {status.value: status.label for status in STATUSES}
STATUS_BY_VALUE: dict[str, Status] = {status.value: status for status in STATUSES}
HAPPENED, PLANNED, CANCELLED, UNCONFIRMED = (status.value for status in STATUSES)


def status_of(value: str) -> Status:
    """The status `value` names; an unknown value (a row no form checked) reads as unconfirmed."""
    return STATUS_BY_VALUE.get(value, STATUS_BY_VALUE[UNCONFIRMED])


# What a reader is told about a date coarser than a day.
PRECISION_NOTES: dict[str, str] = {
    "year": _("known to the year only"),
    "month": _("known to the month only"),
}


def precision_note(precision: str) -> str:
    """ "known to the month only" for a month, "" for a day or a minute."""
    return str(PRECISION_NOTES.get(precision or "", ""))

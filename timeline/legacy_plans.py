"""Plans as the record kept them before statements: one planned date per
event with a free-text "planned by" ("Roscosmos via TASS, 14 Oct 2021
(04:14 MSK)"), and a source's differing "claimed" date.

Both the data migration that turned stored plans into statements and the
import of files in the old schema ("spacefilm.events/1") read them here, so
an old file imports as the stored rows were migrated.  Pure: no ORM.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .precision import Precision

UNNAMED = "Not named in the record"

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_DATE = re.compile(rf"\b(?P<day>[0-3]?\d) (?P<month>{_MONTH})\.? (?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_MONTH_DATE = re.compile(rf"\b(?P<month>{_MONTH})\.? (?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PlannedBy:
    publisher: str
    announced: dt.datetime | None
    announced_precision: str
    wording: str


def read_planned_by(text: str) -> PlannedBy:
    """ "Roscosmos via TASS, 14 Oct 2021 (04:14 MSK)" -> publisher "Roscosmos via
    TASS", announced 14 Oct 2021 (day), wording "04:14 MSK".  The first date
    written as "14 Oct 2021" or "Oct 2021" is the day it was said; what
    comes before it is who said it, and a bracketed remark is kept as the
    wording.  Without a date, the whole text is who said it."""
    text = " ".join((text or "").split())
    wording = ""
    if bracket := re.search(r"\(([^()]*)\)\s*$", text):
        wording = bracket[1].strip().strip('“”"')
        text = text[: bracket.start()].strip()
    announced, precision, found = None, "", _DAY_DATE.search(text)
    if found:
        try:
            announced = dt.datetime(
                int(found["year"]), _MONTHS[found["month"].lower()], int(found["day"]), tzinfo=dt.UTC
            )
            precision = Precision.DAY.value
        except ValueError:
            found = None
    if not found and (found := _MONTH_DATE.search(text)):
        announced = dt.datetime(int(found["year"]), _MONTHS[found["month"].lower()], 1, tzinfo=dt.UTC)
        precision = Precision.MONTH.value
    publisher = text[: found.start()] if found else text
    publisher = publisher.strip().rstrip(",;:").strip()
    rest = text[found.end() :].strip(" ,;:") if found else ""
    if rest:
        wording = f"{rest} ({wording})" if wording else rest
    return PlannedBy(publisher or UNNAMED, announced, precision, wording[:300])


def day_at_midnight(day: dt.date | None) -> dt.datetime | None:
    """A source's publication day as the first instant of that day (UTC)."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC) if day else None

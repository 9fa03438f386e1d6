"""The race's read model: the database's rows as the pure race comparison
wants them, and what the pages render of its result.

`race_context(as_of)` is what a page needs to render the race table
(`templates/timeline/race.html#race-table`): the `/race/` page and the
timeline page use it.  It reads only the events the comparison can show
(`selectors.race_rows`), in a few queries whatever the number of events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import pgettext

from . import caching, selectors
from . import race as race_module
from .bounds import DATE_MIN as MIN_DATE
from .models import Effort

# The day the seed news article ("Russia beats the US in a new space battle:
# the cinematic one") appeared: the race as its readers saw it.
ARTICLE_DAY = dt.date(2021, 10, 6)


def today_utc() -> dt.date:
    return timezone.now().astimezone(dt.UTC).date()


def race_side(effort: Effort) -> race_module.RaceSide:
    return race_module.RaceSide(slug=effort.slug, name=effort.name, colour=effort.colour, order=effort.order)


def race_inputs(
    efforts: Iterable[Effort] | None = None, as_of: dt.date | None = None, now: dt.datetime | None = None
) -> tuple[list[race_module.RaceSide], list[race_module.RaceEvent]]:
    """Sides and published events as plain values, each with every statement
    about it (the comparison keeps those public by its cut-off): only what
    the comparison as of `as_of` (None: today) at `now` (None: the end of
    that day) can show (`selectors.race_rows`), four queries whatever the
    number of events, three when `efforts` are handed over."""
    if efforts is None:
        efforts = selectors.efforts_in_order()
    sides = [race_side(e) for e in efforts]
    cutoff = race_module.cutoff(as_of or today_utc(), now)
    rows = selectors.race_rows(cutoff)
    first = [_race_event_of(row, ()) for row in rows]
    rows += selectors.race_rows(cutoff, flights=_first_flights(first, cutoff))
    said = selectors.race_statements()
    unique = {row["pk"]: row for row in rows}  # the second step may find a row again
    return sides, [_race_event_of(row, tuple(said.get(pk, ()))) for pk, row in unique.items()]


def latest_updates(as_of: dt.date, now: dt.datetime | None = None) -> dict[str, race_module.RaceEvent]:
    """Per side slug, its latest status update known as of `as_of` (at
    `now`): what the lede says of a side that has not launched.  One query."""
    rows = selectors.status_updates_latest(race_module.cutoff(as_of, now))
    return {row["effort__slug"]: _race_event_of(row, ()) for row in rows}


def _race_event_of(row: dict, statements: tuple = ()) -> race_module.RaceEvent:
    return race_module.RaceEvent(
        slug=row["slug"],
        side=row["effort__slug"],
        kind=row["kind"],
        title=row["title"],
        start=row["start"],
        start_precision=row["start_precision"],
        status=row["status"],
        end=row["end"],
        end_precision=row["end_precision"],
        statements=statements,
        recorded=row.get("created"),
    )


def _first_flights(
    events: Iterable[race_module.RaceEvent], cutoff: dt.datetime
) -> dict[str, tuple[dt.datetime, dt.datetime | None]]:
    """Per side, the first flight known by `cutoff`: [first launch, next
    launch), as the comparison finds its landing."""
    launches: dict[str, list[race_module.RaceEvent]] = {}
    for event in events:
        if event.kind == "launch" and event.status == race_module.HAPPENED and event.interval[1] <= cutoff:
            launches.setdefault(event.side, []).append(event)
    flights = {}
    for side, found in launches.items():
        found.sort(key=lambda e: (e.interval[0], e.interval[1], e.slug))
        flights[side] = (found[0].start, found[1].start if len(found) > 1 else None)
    return flights


def first_launch_day(
    events: Iterable[race_module.RaceEvent], today: dt.date, now: dt.datetime | None = None
) -> dt.date | None:
    """The day of the first launch on record (known by `today`, at `now`)."""
    cutoff = race_module.cutoff(today, now)
    days = [
        e.interval[0].date()
        for e in events
        if e.published and e.kind == "launch" and e.status == race_module.HAPPENED and e.interval[1] <= cutoff
    ]
    return min(days, default=None)


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    day: dt.date | None  # None: today, the live state (no ?as_of)
    current: bool

    @property
    def as_of(self) -> str | None:
        """The ?as_of= its link asks for; None: the parameter goes."""
        return self.day.isoformat() if self.day else None


def race_presets(as_of: dt.date | None, today: dt.date, launch_day: dt.date | None) -> list[Preset]:
    """Quick choices for the as-of control: the article's day, the first
    launch (from the record, so a correction moves it), today.  The
    template links each to the page's own query with its ?as_of."""
    choices = [("article", pgettext("a preset day of the race", "The article’s day"), ARTICLE_DAY)]
    if launch_day:
        choices.append(("launch", pgettext("a preset day of the race", "The first launch"), launch_day))
    presets = [
        Preset(
            key,
            pgettext("a preset day: its name, its date", "%(name)s, %(day)s")
            % {"name": label, "day": race_module.day_text(day)},
            day,
            as_of == day,
        )
        for key, label, day in sorted(choices, key=lambda choice: choice[2])
        if day <= today
    ]
    presets.append(Preset("today", pgettext("a preset day of the race", "Today"), None, as_of == today))
    return presets


def race_context(
    as_of: dt.date | None = None,
    *,
    today: dt.date | None = None,
    now: dt.datetime | None = None,
    efforts: Iterable[Effort] | None = None,
    action: str | None = None,
    lede: bool = False,
) -> dict:
    """Everything `race.html#race-table` and `#race-controls` read (with the
    page's `canonical` query, which the presets' links keep), and with
    `lede`, the race at a glance (`race_lede`, one query more).

    `as_of` None means today (UTC).  `now`: the current instant (default: the
    clock's), the cut-off of the race as of today, so what happens later
    today does not count yet.  `efforts`: the sides the caller has already
    loaded, to avoid reading them twice.  `action`: the URL the as-of control
    and its presets ask (default: the race page)."""
    now = now or timezone.now()
    today = today or now.astimezone(dt.UTC).date()
    day = as_of or today
    sides, plain = race_inputs(efforts, day, now)
    result = race_module.race_compare(sides, plain, day, now, side_plans=selectors.side_statements())
    return {
        "race": result,
        "race_lede": race_module.race_lede(result, latest_updates(day, now)) if lede else None,
        "race_as_of": day,
        "race_as_of_text": race_module.day_text(day),
        "race_is_today": day == today,
        "race_today": today,
        "race_min": MIN_DATE,
        "race_action": action or reverse("timeline:race"),
        "race_presets": race_presets(day, today, first_launch_day(plain, today, now)),
        # The race page's own query for this day: none for today, which stays live.
        "race_query": {"as_of": None if day == today else day.isoformat()},
    }


def shared_race_context(
    as_of: dt.date | None = None,
    *,
    today: dt.date | None = None,
    efforts: Iterable[Effort] | None = None,
    action: str | None = None,
    lede: bool = False,
) -> dict:
    """`race_context`, computed once per data version, language and day (and,
    as of today, per minute: the race as of now counts what is over by now,
    as the live pages' stored copies do) and shared by every filter and page
    that shows it: the filters never change the race."""
    now = timezone.now()
    today = today or now.astimezone(dt.UTC).date()
    day = as_of or today
    minute = int(now.timestamp()) // 60 if day >= today else ""
    parts = (day, today, minute, translation.get_language(), action, lede)

    def compute() -> dict:
        return race_context(as_of, today=today, now=now, efforts=efforts, action=action, lede=lede)

    return caching.shared_value("race", parts, compute)


def race_error_context(errors: list[str], *, today: dt.date | None = None, action: str | None = None) -> dict:
    """What `race.html` renders when the as-of date is refused: the message,
    no table, and the presets to pick a valid day."""
    today = today or today_utc()
    return {
        "race": None,
        "race_errors": errors,
        "race_today": today,
        "race_min": MIN_DATE,
        "race_action": action or reverse("timeline:race"),
        "race_presets": race_presets(None, today, None),
        "race_query": {"as_of": None},
    }

"""Glue between the database and the pure race comparison.

`race_context(as_of)` is what a page needs to render the race table
(`templates/timeline/race.html#race-table`): the `/race/` page uses it, and so
can the timeline page, handing over the events it has already loaded so the
comparison costs no extra query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from . import race as race_module
from . import selectors
from .forms import MIN_DATE
from .models import Effort, Event

# The day the seed news article ("Russia beats the US in a new space battle:
# the cinematic one") appeared: the race as its readers saw it.
ARTICLE_DAY = dt.date(2021, 10, 6)


def today_utc() -> dt.date:
    return timezone.now().astimezone(dt.UTC).date()


def race_side(effort: Effort) -> race_module.RaceSide:
    return race_module.RaceSide(slug=effort.slug, name=effort.name, colour=effort.colour, order=effort.order)


def race_event(event: Event) -> race_module.RaceEvent:
    """Plain values of one event; its side's slug must already be loaded
    (select_related) and its sources prefetched."""
    claims = tuple(
        race_module.RaceClaim(
            publisher=source.publisher,
            date=source.claimed,
            precision=source.claimed_precision,
            published=source.published,
        )
        for source in event.sources.all()
        if source.claimed is not None and source.claimed_precision
    )
    return race_module.RaceEvent(
        slug=event.slug,
        side=event.effort.slug,
        kind=event.kind,
        title=event.title,
        start=event.start,
        start_precision=event.start_precision,
        status=event.status,
        end=event.end,
        end_precision=event.end_precision,
        planned=event.planned,
        planned_precision=event.planned_precision,
        planned_by=event.planned_by,
        published=event.published,
        claims=claims,
    )


def race_inputs(
    events: Iterable[Event] | None = None, efforts: Iterable[Effort] | None = None
) -> tuple[list[race_module.RaceSide], list[race_module.RaceEvent]]:
    """Sides and published events as plain values (three queries at most:
    sides, events, sources; none when both are handed over)."""
    if efforts is None:
        efforts = selectors.efforts_in_order()
    if events is None:
        events = selectors.events_published()
    # Drafts never count, even when a caller hands over a wider queryset.
    return [race_side(e) for e in efforts], [race_event(event) for event in events if event.published]


def first_launch_day(events: Iterable[race_module.RaceEvent], today: dt.date) -> dt.date | None:
    """The day of the first launch on record (known by `today`)."""
    cutoff = race_module.end_of_day(today)
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
    url: str
    current: bool


def race_presets(
    as_of: dt.date | None, today: dt.date, action: str, launch_day: dt.date | None, keep: str = ""
) -> list[Preset]:
    """Quick choices for the as-of control: the article's day, the first
    launch (from the record, so a correction moves it), today.  `keep`: a
    query string the links carry along (the timeline's filters on `/`)."""

    def url(day: dt.date | None) -> str:
        query = "&".join(part for part in (keep, urlencode({"as_of": day.isoformat()}) if day else "") if part)
        return f"{action}?{query}" if query else action

    choices = [("article", "The article’s day", ARTICLE_DAY)]
    if launch_day:
        choices.append(("launch", "The first launch", launch_day))
    presets = [
        Preset(key, f"{label}, {race_module.day_text(day)}", day, url(day), as_of == day)
        for key, label, day in sorted(choices, key=lambda choice: choice[2])
        if day <= today
    ]
    presets.append(Preset("today", "Today", None, url(None), as_of == today))
    return presets


def race_context(
    as_of: dt.date | None = None,
    *,
    today: dt.date | None = None,
    events: Iterable[Event] | None = None,
    efforts: Iterable[Effort] | None = None,
    action: str | None = None,
    keep: str = "",
) -> dict:
    """Everything `race.html#race-table` and `#race-controls` read.

    `as_of` None means today (UTC).  `events` and `efforts`: rows the caller
    has already loaded (published events with effort and sources), to avoid
    querying twice.  `action`: the URL the as-of control and its presets ask
    (default: the race page).  `keep`: a canonical query string of other
    parameters the presets' links carry along (the filters on `/`)."""
    today = today or today_utc()
    day = as_of or today
    sides, plain = race_inputs(events, efforts)
    action = action or reverse("timeline:race")
    return {
        "race": race_module.race_compare(sides, plain, day),
        "race_as_of": day,
        "race_as_of_text": race_module.day_text(day),
        "race_is_today": day == today,
        "race_today": today,
        "race_min": MIN_DATE,
        "race_action": action,
        "race_presets": race_presets(day, today, action, first_launch_day(plain, today), keep),
    }


def race_error_context(
    errors: list[str], *, today: dt.date | None = None, action: str | None = None, keep: str = ""
) -> dict:
    """What `race.html` renders when the as-of date is refused: the message,
    no table, and the presets to pick a valid day."""
    today = today or today_utc()
    action = action or reverse("timeline:race")
    return {
        "race": None,
        "race_errors": errors,
        "race_today": today,
        "race_min": MIN_DATE,
        "race_action": action,
        "race_presets": race_presets(None, today, action, None, keep),
    }

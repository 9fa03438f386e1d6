"""Every read of the timeline's data goes through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Q, QuerySet

from . import charts
from .models import Effort, Event, Phase


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


def efforts_in_order() -> list[Effort]:
    return list(Effort.objects.order_by("order", "name"))


def phases_in_order() -> list[Phase]:
    return list(Phase.objects.order_by("start", "order"))


def events_published() -> QuerySet[Event]:
    """Published events with their side and sources, oldest first."""
    return Event.objects.published().select_related("effort").prefetch_related("sources").order_by("start", "pk")


def events_for_timeline(filters: TimelineFilter | None = None) -> QuerySet[Event]:
    """Published events matching `filters`, precision-aware on dates: an event
    is kept when the interval it covers overlaps [from, to]."""
    events = events_published()
    if filters is None:
        return events
    if filters.side:
        events = events.filter(effort__slug=filters.side)
    if filters.kinds:
        events = events.filter(kind__in=filters.kinds)
    if filters.date_from:
        start = dt.datetime.combine(filters.date_from, dt.time.min, tzinfo=dt.UTC)
        events = events.filter(covers_until__gt=start)
    if filters.date_to:
        end = dt.datetime.combine(filters.date_to + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
        events = events.filter(start__lt=end)
    if filters.q:
        for word in filters.q.split()[:10]:
            events = events.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(people__icontains=word)
                | Q(place__icontains=word)
            )
    return events


def events_for_timeline_rows(filters: TimelineFilter | None = None) -> QuerySet[Event]:
    """`events_for_timeline` for the timeline page's chart and list: the side
    joined, no sources, and without the long texts neither of them shows."""
    return events_for_timeline(filters).prefetch_related(None).defer("summary", "notes", "people")


def event_published_by_slug(slug: str) -> Event:
    """Raises Event.DoesNotExist for drafts and unknown slugs alike."""
    return events_published().get(slug=slug)


def events_recently_updated(limit: int = 50) -> QuerySet[Event]:
    """The latest published or updated events, newest change first."""
    return events_published().order_by("-updated", "-pk")[:limit]


def event_neighbours(event: Event, filters: TimelineFilter | None = None) -> tuple[dict | None, dict | None]:
    """The events just before and just after `event` in the timeline's order
    (start, then id) among those matching `filters`: {"slug", "title"} or None."""
    events = events_for_timeline(filters).select_related(None).prefetch_related(None).exclude(pk=event.pk)
    before = Q(start__lt=event.start) | Q(start=event.start, pk__lt=event.pk)
    after = Q(start__gt=event.start) | Q(start=event.start, pk__gt=event.pk)
    previous = events.filter(before).order_by("-start", "-pk").values("slug", "title").first()
    following = events.filter(after).order_by("start", "pk").values("slug", "title").first()
    return previous, following


def events_published_count() -> int:
    return Event.objects.published().count()


# --- the chart's input (timeline.charts knows nothing of models) -----------


def chart_event(event: Event) -> charts.ChartEvent:
    """One event row as the chart's plain value (reads this row only; the
    lane is the side's slug, read through the foreign key's cached row)."""
    return charts.ChartEvent(
        slug=event.slug,
        lane=event.effort.slug,
        title=event.title,
        kind=event.kind,
        kind_label=event.get_kind_display(),
        start=event.start,
        start_precision=event.start_precision,
        end=event.end,
        end_precision=event.end_precision,
        status=event.status,
        status_label=event.get_status_display(),
        planned=event.planned,
        planned_precision=event.planned_precision,
    )


def chart_input(events: Iterable[Event], efforts: Iterable[Effort], phases: Iterable[Phase] = ()) -> charts.ChartInput:
    """Model rows -> the chart's input, in one pass and no queries (events
    come from `events_for_timeline`, which joins their side)."""
    return charts.ChartInput(
        lanes=tuple(charts.ChartLane(slug=e.slug, name=e.name, colour=e.colour) for e in efforts),
        events=tuple(chart_event(event) for event in events),
        phases=tuple(charts.ChartPhase(name=p.name, start=p.start, end=p.end) for p in phases),
    )

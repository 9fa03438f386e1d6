"""Every read of the timeline's data goes through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from . import charts, vocabulary
from .filters import TimelineFilter
from .models import Effort, Event, Phase, Source
from .precision import Precision, truncate


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
    """`events_for_timeline` for the timeline page's list: the side joined,
    no sources, and without the long texts the list does not show."""
    return events_for_timeline(filters).prefetch_related(None).defer("summary", "notes", "people")


# What the chart and the counts read of every matching event.
TIMELINE_ROW_FIELDS = (
    "pk",
    "effort_id",
    "effort__slug",
    "slug",
    "title",
    "kind",
    "status",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "planned",
    "planned_precision",
)


def timeline_rows(filters: TimelineFilter | None = None) -> list[dict]:
    """`events_for_timeline` as plain dicts (TIMELINE_ROW_FIELDS), in the
    timeline's order: one query and no model instances, for the chart, the
    counts and the paginator, however many events match."""
    events = events_for_timeline(filters).select_related(None).prefetch_related(None)
    return list(events.values(*TIMELINE_ROW_FIELDS))


def events_in_order(pks: Sequence[int]) -> list[Event]:
    """The model rows of `pks` (one page of the list), in that order, with
    their side: one query.  A row unpublished meanwhile is left out."""
    found = {event.pk: event for event in events_for_timeline_rows().filter(pk__in=list(pks))}
    return [found[pk] for pk in pks if pk in found]


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


# The labels of choices from the vocabulary's plain tables: get_FOO_display()
# per row and field cost as much as the rest of building the chart's input at
# 10,000 events.
_KIND_LABELS = vocabulary.KIND_LABELS
_STATUS_LABELS = vocabulary.STATUS_LABELS


def chart_event(row: dict) -> charts.ChartEvent:
    """One row of `timeline_rows` as the chart's plain value."""
    return charts.ChartEvent(
        slug=row["slug"],
        lane=row["effort__slug"],
        title=row["title"],
        kind=row["kind"],
        kind_label=_KIND_LABELS.get(row["kind"], row["kind"]),
        start=row["start"],
        start_precision=row["start_precision"],
        end=row["end"],
        end_precision=row["end_precision"],
        status=row["status"],
        status_label=_STATUS_LABELS.get(row["status"], row["status"]),
        planned=row["planned"],
        planned_precision=row["planned_precision"],
    )


def chart_input(rows: Iterable[dict], efforts: Iterable[Effort], phases: Iterable[Phase] = ()) -> charts.ChartInput:
    """Rows of `timeline_rows` -> the chart's input, in one pass and no queries."""
    return charts.ChartInput(
        lanes=tuple(charts.ChartLane(slug=e.slug, name=e.name, colour=e.colour) for e in efforts),
        events=tuple(chart_event(row) for row in rows),
        phases=tuple(charts.ChartPhase(name=p.name, start=p.start, end=p.end) for p in phases),
    )


# --- the race comparison's input: only what it can show ---------------------------

RACE_FIELDS = (
    "pk",
    "slug",
    "effort__slug",
    "kind",
    "title",
    "start",
    "start_precision",
    "status",
    "end",
    "end_precision",
    "planned",
    "planned_precision",
    "planned_by",
)
FIRST_PER_CLASS = 2  # the first two launches make the first flight


def _claimed_sources() -> QuerySet[Source]:
    return Source.objects.filter(claimed__isnull=False).exclude(claimed_precision="")


def _known_by(cutoff: dt.datetime) -> Q:
    """Events whose start's covered interval has ended by `cutoff` (the end
    of a day, or now; UTC): for each precision, a start before the cutoff
    truncated to that precision."""
    return Q(
        *(
            Q(start_precision=precision, start__lt=truncate(cutoff, precision))
            for precision in (Precision.MINUTE, Precision.DAY, Precision.MONTH, Precision.YEAR)
        ),
        _connector=Q.OR,
    )


def race_rows(cutoff: dt.datetime, flights: dict[str, tuple[dt.datetime, dt.datetime | None]] | None = None):
    """The published events the race comparison as of `cutoff` can show, as
    plain dicts (fields RACE_FIELDS) — in a constant number of queries,
    however many events there are.  Used by `standings.race_inputs`, in two
    steps (`flights` is the second step's input, see there):

    - every event with a plan (planned or cancelled, or a planned date) or a
      source claiming another date: the comparison lists each of them;
    - of the other happened and unconfirmed events, per side, kind, status
      and date precision, the first two by date.  Within one precision,
      whether an event is known by a day depends only on its start, so the
      first known of each class, whatever the day, is among them — and so
      are the first two launches and the first of everything else;
    - of those other happened returns known by `cutoff`, the last of each
      side and precision (the last return on record), and when `flights`
      gives a side's first flight as [launch, next launch), the last return
      in it (the landing).
    """
    published = Event.objects.published()
    has_claims = Exists(_claimed_sources().filter(event=OuterRef("pk")))
    plan = Q(status__in=(Event.Status.PLANNED, Event.Status.CANCELLED)) | Q(planned__isnull=False) | Q(has_claims)
    plain = published.filter(
        status__in=(Event.Status.HAPPENED, Event.Status.UNCONFIRMED), planned__isnull=True
    ).exclude(has_claims)
    if flights is None:
        with_plans = published.filter(plan)
        firsts = plain.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("effort_id"), F("kind"), F("status"), F("start_precision")],
                order_by=[F("start").asc(), F("slug").asc()],
            )
        ).filter(rank__lte=FIRST_PER_CLASS)
        return list(_union(with_plans, firsts))

    in_flight = Q(pk__in=[])
    for side, (launch, next_launch) in flights.items():
        flight = Q(effort__slug=side, start__gte=launch)
        in_flight |= flight & Q(start__lt=next_launch) if next_launch else flight
    returns = plain.filter(_known_by(cutoff), kind=Event.Kind.RETURN, status=Event.Status.HAPPENED).annotate(
        in_flight=Case(When(in_flight, then=Value(1)), default=Value(0)),
    )
    last_on_record = returns.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("effort_id"), F("start_precision")],
            order_by=[F("start").desc(), F("slug").desc()],
        )
    ).filter(rank=1)
    landings = (
        returns.filter(in_flight=1)
        .annotate(
            rank=Window(RowNumber(), partition_by=[F("effort_id")], order_by=[F("start").desc(), F("slug").desc()])
        )
        .filter(rank=1)
    )
    return list(_union(last_on_record, landings))


def _union(*querysets: QuerySet[Event]):
    """One query for several row sets (UNION ALL; a row may come twice)."""
    first, *others = (queryset.order_by().values(*RACE_FIELDS) for queryset in querysets)
    return first.union(*others, all=True)


def race_claims() -> list[dict]:
    """Every claimed date of a published event's sources, in the sources'
    order: {"event_id", "publisher", "claimed", "claimed_precision", "published"}."""
    return list(
        _claimed_sources()
        .filter(event__in=Event.objects.published())
        .order_by("event_id", "order", "pk")
        .values("event_id", "publisher", "claimed", "claimed_precision", "published")
    )


def status_updates_latest(cutoff: dt.datetime) -> list[dict]:
    """Per side, its latest published status update known by `cutoff` (happened
    or unconfirmed), as plain dicts (fields RACE_FIELDS): what the lede says
    of a side that has not launched.  One query, whatever the number of events."""
    updates = Event.objects.published().filter(
        _known_by(cutoff),
        kind=vocabulary.STATUS_UPDATE,
        status__in=(Event.Status.HAPPENED, Event.Status.UNCONFIRMED),
    )
    ranked = updates.annotate(
        rank=Window(RowNumber(), partition_by=[F("effort_id")], order_by=[F("start").desc(), F("slug").desc()])
    )
    return list(ranked.filter(rank=1).order_by().values(*RACE_FIELDS))

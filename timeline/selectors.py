"""Every read of the timeline's data goes through here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber

from . import asof, charts, known, preview, search, vocabulary
from .filters import TimelineFilter
from .models import Effort, Event, Phase, Statement
from .precision import Precision, as_utc, covered_interval, truncate


def efforts_in_order() -> list[Effort]:
    return list(Effort.objects.order_by("order", "name"))


def phases_in_order() -> list[Phase]:
    return list(Phase.objects.order_by("start", "order"))


def events_shown() -> QuerySet[Event]:
    """The events the running view may show: the published ones, and the
    drafts too while staff preview them (`timeline.preview`)."""
    return Event.objects.all() if preview.drafts_shown() else Event.objects.published()


def events_published() -> QuerySet[Event]:
    """Published events (and drafts, in a staff preview) with their side, sources and statements, oldest first."""
    return events_shown().select_related("effort").prefetch_related("sources", "statements").order_by("start", "pk")


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
        # Every word, in either language and whatever its case (timeline.search).
        events = events.filter(search.matching(filters.q))
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
    "chart_label",
    "kind",
    "status",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "created",
)


def timeline_rows(
    filters: TimelineFilter | None = None, cutoff: dt.datetime | None = None, *, as_known: bool = False
) -> list[dict]:
    """`events_for_timeline` as plain dicts (TIMELINE_ROW_FIELDS), in the
    timeline's order, each with the plan that stood at `cutoff` (None:
    everything recorded; `timeline.asof`) as "planned" and
    "planned_precision": two queries and no model instances, for the chart,
    the counts and the paginator, however many events match.  `as_known`:
    only what could be known at `cutoff`, as it was known then
    (`timeline.known`), in the order of those dates."""
    events = events_for_timeline(filters).select_related(None).prefetch_related(None)
    rows = list(events.values(*TIMELINE_ROW_FIELDS))
    said = statements_of(events.order_by().values("pk")) if rows else {}
    stood = {}
    for row in rows:
        over = cutoff is None or covered_interval(row["start"], row["start_precision"])[1] <= as_utc(cutoff)
        stood[row["pk"]] = standing = asof.standing_at(said.get(row["pk"], ()), cutoff, over)
        plan = standing.plan
        row["planned"], row["planned_precision"] = (plan.date, plan.precision) if plan else (None, "")
    if as_known and cutoff is not None:
        shown = (known.row_as_known(row, said.get(row["pk"], ()), cutoff, stood[row["pk"]]) for row in rows)
        rows = sorted((row for row in shown if row is not None), key=lambda row: (row["start"], row["pk"]))
    return rows


STATEMENT_FIELDS = (
    "pk",
    "event_id",
    "kind",
    "date",
    "date_precision",
    "announced",
    "announced_precision",
    "approximate",
    "wording",
    "publisher",
    "order",
)


def said_of(row: dict) -> asof.Said:
    """A statement row (STATEMENT_FIELDS) as the plain value `timeline.asof` reads."""
    return asof.Said(
        kind=row["kind"],
        publisher=row["publisher"],
        date=row["date"],
        precision=row["date_precision"],
        announced=row["announced"],
        announced_precision=row["announced_precision"],
        approximate=row["approximate"],
        wording=row["wording"],
        order=row["order"],
        pk=row["pk"],
    )


def statements_of(events) -> dict[int, list[asof.Said]]:
    """The statements about `events` (a queryset of primary keys), by event: one query."""
    found: dict[int, list[asof.Said]] = {}
    rows = Statement.objects.filter(event__in=events).order_by("event_id", "order", "pk").values(*STATEMENT_FIELDS)
    for row in rows:
        found.setdefault(row["event_id"], []).append(said_of(row))
    return found


def events_in_order(pks: Sequence[int]) -> list[Event]:
    """The model rows of `pks` (one page of the list), in that order, with
    their side: one query.  A row unpublished meanwhile is left out."""
    found = {event.pk: event for event in events_for_timeline_rows().filter(pk__in=list(pks))}
    return [found[pk] for pk in pks if pk in found]


def _in_full(events: QuerySet[Event]) -> QuerySet[Event]:
    """`events` with everything an event's page or feed entry shows: its side, sources, statements and corrections."""
    return events.select_related("effort").prefetch_related("sources", "statements", "corrections")


def event_by_slug(slug: str, *, drafts: bool) -> Event:
    """The event, a draft too when `drafts` (staff asked for its page);
    raises Event.DoesNotExist otherwise."""
    return _in_full(Event.objects.all() if drafts else Event.objects.published()).get(slug=slug)


def events_recently_updated(limit: int = 50) -> QuerySet[Event]:
    """The latest published or updated events, newest change first: the feed, never a draft."""
    return _in_full(Event.objects.published()).order_by("-updated", "-pk")[:limit]


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
# 10,000 events.  Translated once per chart, in the request's language.


def _labels(table: dict) -> dict[str, str]:
    return {value: str(label) for value, label in table.items()}


def chart_event(row: dict, kind_labels: dict | None = None, status_labels: dict | None = None) -> charts.ChartEvent:
    """One row of `timeline_rows` as the chart's plain value."""
    kinds = kind_labels or _labels(vocabulary.KIND_LABELS)
    statuses = status_labels or _labels(vocabulary.STATUS_LABELS)
    return charts.ChartEvent(
        slug=row["slug"],
        lane=row["effort__slug"],
        title=row["title"],
        kind=row["kind"],
        kind_label=kinds.get(row["kind"], row["kind"]),
        start=row["start"],
        start_precision=row["start_precision"],
        end=row["end"],
        end_precision=row["end_precision"],
        status=row["status"],
        status_label=statuses.get(row["status"], row["status"]),
        planned=row["planned"],
        planned_precision=row["planned_precision"],
        label=row["chart_label"],
    )


def chart_input(rows: Iterable[dict], efforts: Iterable[Effort], phases: Iterable[Phase] = ()) -> charts.ChartInput:
    """Rows of `timeline_rows` -> the chart's input, in one pass and no queries."""
    kinds, statuses = _labels(vocabulary.KIND_LABELS), _labels(vocabulary.STATUS_LABELS)
    return charts.ChartInput(
        lanes=tuple(charts.ChartLane(slug=e.slug, name=e.name, colour=e.colour) for e in efforts),
        events=tuple(chart_event(row, kinds, statuses) for row in rows),
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
    "created",
)
FIRST_PER_CLASS = 2  # the first two launches make the first flight


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

    - every event with a plan (planned or cancelled) or any statement (a
      plan, a cancellation, another source's date): the comparison lists
      each of them it knows of as of the day;
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
    published = events_shown()
    has_statements = Exists(Statement.objects.filter(event=OuterRef("pk")))
    plan = Q(status__in=(Event.Status.PLANNED, Event.Status.CANCELLED)) | Q(has_statements)
    plain = published.filter(status__in=(Event.Status.HAPPENED, Event.Status.UNCONFIRMED)).exclude(has_statements)
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


def side_statements_in_order() -> list[Statement]:
    """Every side's statements about milestones with no event yet, with their side: one query."""
    return list(Statement.objects.filter(event__isnull=True).select_related("effort").order_by("order", "pk"))


def side_statements() -> dict[tuple[str, str], list[asof.Said]]:
    """What was said of a side's milestone while no event stood for it, by
    (side slug, milestone): one query."""
    found: dict[tuple[str, str], list[asof.Said]] = {}
    rows = (
        Statement.objects.filter(event__isnull=True, effort__isnull=False)
        .exclude(milestone="")
        .order_by("effort_id", "milestone", "order", "pk")
        .values("effort__slug", *STATEMENT_FIELDS, "milestone")
    )
    for row in rows:
        found.setdefault((row["effort__slug"], row["milestone"]), []).append(said_of(row))
    return found


def race_statements() -> dict[int, list[asof.Said]]:
    """Every statement about a published event, by event: one query (the
    comparison keeps, for each day, those public by then)."""
    return statements_of(events_shown().values("pk"))


def status_updates_latest(cutoff: dt.datetime) -> list[dict]:
    """Per side, its latest published status update known by `cutoff` (happened
    or unconfirmed), as plain dicts (fields RACE_FIELDS): what the lede says
    of a side that has not launched.  One query, whatever the number of events."""
    updates = events_shown().filter(
        _known_by(cutoff),
        kind=vocabulary.STATUS_UPDATE,
        status__in=(Event.Status.HAPPENED, Event.Status.UNCONFIRMED),
    )
    ranked = updates.annotate(
        rank=Window(RowNumber(), partition_by=[F("effort_id")], order_by=[F("start").desc(), F("slug").desc()])
    )
    return list(ranked.filter(rank=1).order_by().values(*RACE_FIELDS))

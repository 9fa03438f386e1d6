"""Thin views: validate the query string, read through selectors, render.

Each view serves a full page, and only its partial when htmx asks (and the
request is not htmx restoring a page from history, which needs it all).
"""

from __future__ import annotations

from collections import Counter

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_safe
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url, replace_url

from . import charts, exports, selectors, services
from . import precision as prec
from .caching import cached_by_data_version
from .forms import EventFilterForm, PageForm, RaceForm
from .models import Event
from .selectors import TimelineFilter


def _wants_fragment(request) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


EVENTS_PER_PAGE = 100


@require_GET
@vary_on_headers("HX-Request")
@cached_by_data_version
def index(request):
    """The timeline: filters, chart, counts and the event list (a page of it
    at a time).  Bad filters get the form's messages and a 400, on the page
    and in the fragment."""
    form = EventFilterForm(request.GET)
    page_form = PageForm(request.GET)
    context = {"form": form, "today": timezone.now().date()}
    if form.is_valid() and page_form.is_valid():
        filters = form.to_filter()
        context |= _timeline_context(filters, context["today"], page_form.cleaned_data["page"] or 1)
        status = 200
    else:
        filters = None
        context |= {"filters": TimelineFilter(), "filter_query": "", "events": [], "page_errors": page_form.errors}
        status = 400

    if _wants_fragment(request):
        response = render(request, "timeline/index.html#results", context, status=status)
        # The history gets the canonical URL (no empty parameters), and one
        # entry per view: asking again for the view already shown (Enter
        # after typing, say) replaces the entry instead of adding one.
        url = _with_query(request.path, context["page_query"]) if filters is not None else request.get_full_path()
        patch_vary_headers(response, ["HX-Current-URL"])
        if url == request.htmx.current_url_abs_path:
            return replace_url(response, url)
        return push_url(response, url)
    return render(request, "timeline/index.html", context, status=status)


def _timeline_context(filters: TimelineFilter, today, page_number: int = 1) -> dict:
    """Four queries whatever the number of events: the matching events (the
    chart draws all of them, the list shows one page), sides, phases and the
    published count."""
    events = list(selectors.events_for_timeline_rows(filters))
    efforts = selectors.efforts_in_order()
    lanes = [effort for effort in efforts if not filters.side or effort.slug == filters.side]
    figure = charts.build_figure(selectors.chart_input(events, lanes, selectors.phases_in_order()), today=today)
    per_side = Counter(event.effort_id for event in events)
    filter_query = filters.querystring()
    page = Paginator(events, EVENTS_PER_PAGE).get_page(page_number)  # past the end: the last page
    return {
        "filters": filters,
        "filter_query": filter_query,
        "events": events,
        "page": page,
        "page_query": _page_query(filter_query, page.number),
        "page_links": _page_links(filter_query, page),
        "figure": figure,
        "side_counts": [(effort, per_side[effort.pk]) for effort in lanes],
        "published_count": selectors.events_published_count(),
    }


def _page_query(filter_query: str, number: int) -> str:
    """The filter's query string with the page number (none for page 1)."""
    if number <= 1:
        return filter_query
    return f"{filter_query}&page={number}" if filter_query else f"page={number}"


def _page_links(filter_query: str, page) -> list[dict]:
    """First / previous / next / last, each keeping the filter."""
    if not page.has_other_pages():
        return []
    last = page.paginator.num_pages
    index_url = reverse("timeline:index")
    links = [
        ("first", "First", 1, page.number > 2),
        ("prev", "Previous", page.number - 1, page.has_previous()),
        ("next", "Next", page.number + 1, page.has_next()),
        ("last", "Last", last, page.number < last - 1),
    ]
    return [
        {"rel": rel, "label": label, "number": number, "url": _with_query(index_url, _page_query(filter_query, number))}
        for rel, label, number, shown in links
        if shown
    ]


@require_GET
@vary_on_headers("HX-Request")
@cached_by_data_version
def event_detail(request, slug):
    """One event: a full page, or the timeline's side panel for htmx.
    Previous/next run within the filter carried in the query string."""
    try:
        event = selectors.event_published_by_slug(slug)
    except Event.DoesNotExist:
        raise Http404("No published event has this address.") from None

    form = EventFilterForm(request.GET)
    if form.is_valid():
        filters, filter_errors = form.to_filter(), []
    else:
        # The event is still worth showing; the bad filter is explained and dropped.
        filters = TimelineFilter()
        filter_errors = [message for messages in form.errors.values() for message in messages]
    previous, following = selectors.event_neighbours(event, filters)
    filter_query = filters.querystring()
    sources = list(event.sources.all())
    context = {
        "event": event,
        "sources": sources,
        "claims": [source for source in sources if source.claimed_display],
        "filters": filters,
        "filter_query": filter_query,
        "filter_errors": filter_errors,
        "previous": previous,
        "next": following,
        "difference": _planned_difference(event),
        "timeline_url": _with_query(reverse("timeline:index"), filter_query),
    }
    if _wants_fragment(request):
        # The panel's links say whether its URL is pushed (open) or replaced (previous/next).
        return render(request, "timeline/event.html#event", context | {"in_panel": True})
    return render(request, "timeline/event.html", context)


def _planned_difference(event: Event) -> str:
    """How the record compares with the announced plan ("" when there was none,
    or the event did not happen)."""
    if not (event.planned and event.planned_precision) or event.status != Event.Status.HAPPENED:
        return ""
    return prec.describe_difference(event.start, event.start_precision, event.planned, event.planned_precision)


# --- the race comparison -----------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
@cached_by_data_version
def race(request):
    """/race/?as_of=YYYY-MM-DD: the race milestone by milestone, as it stood
    on that day.  htmx requests (not history restores) get only the table."""
    today = services.today_utc()
    form = RaceForm(request.GET, today=today)
    if form.is_valid():
        context, status = services.race_context(form.as_of_or_today, today=today), 200
    else:
        errors = [message for messages in form.errors.values() for message in messages]
        context, status = services.race_error_context(errors, today=today), 400
    context["race_form"] = form
    template = "timeline/race.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#race-table"
        context["race_fragment"] = True  # with a <title> for the history entry
        # A preset link asked: refresh the date control too (out of band);
        # when the control itself asked, leave it alone (focus, typing).
        context["race_oob_controls"] = request.htmx.trigger != "race-controls"
    return render(request, template, context, status=status)


# --- Data out: exports of the published events, honouring the timeline's filters.


def _filter_errors(form) -> dict[str, list[str]]:
    return {("filter" if name == "__all__" else name): list(errors) for name, errors in form.errors.items()}


def _invalid_filter(form, *, as_json: bool) -> HttpResponse:
    errors = _filter_errors(form)
    if as_json:
        return JsonResponse({"error": "invalid filter", "errors": errors}, status=400)
    lines = [f"{name}: {message}" for name, messages in errors.items() for message in messages]
    return HttpResponse(
        "Invalid filter.\n" + "\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8"
    )


def _export(request, *, as_json: bool):
    """The filtered published events as a list, or a 400 response."""
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        return None, _invalid_filter(form, as_json=as_json)
    return list(selectors.events_for_timeline(form.to_filter())), None


def _download(content: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Published data, no cookies needed: other newsrooms' pages (TimelineJS) may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
@cached_by_data_version
def export_events_json(request):
    events, error = _export(request, as_json=True)
    if error:
        return error
    document = exports.events_payload(
        events, selectors.efforts_in_order(), selectors.phases_in_order(), absolute=request.build_absolute_uri
    )
    return _download(exports.to_json(document), "application/json", "space-film-race-events.json")


@require_safe
@cached_by_data_version
def export_events_csv(request):
    events, error = _export(request, as_json=False)
    if error:
        return error
    return _download(
        exports.events_csv(events, absolute=request.build_absolute_uri),
        "text/csv; charset=utf-8; header=present",
        "space-film-race-events.csv",
    )


@require_safe
@cached_by_data_version
def export_timelinejs(request):
    events, error = _export(request, as_json=True)
    if error:
        return error
    document = exports.timelinejs(events, selectors.phases_in_order(), absolute=request.build_absolute_uri)
    return _download(exports.to_json(document), "application/json", "space-film-race-timelinejs.json")


@require_safe
@cached_by_data_version
def export_events_ics(request):
    events, error = _export(request, as_json=False)
    if error:
        return error
    return _download(
        exports.events_ics(events, absolute=request.build_absolute_uri),
        "text/calendar; charset=utf-8",
        "space-film-race.ics",
    )

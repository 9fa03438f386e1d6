"""Thin views: validate the query string, read through selectors, render.

Each view serves a full page, and only its partial when htmx asks (and the
request is not htmx restoring a page from history, which needs it all).
"""

from __future__ import annotations

from collections import Counter

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
from .forms import EventFilterForm, RaceForm
from .models import Event
from .selectors import TimelineFilter


def _wants_fragment(request) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def _with_query(path: str, query: str) -> str:
    return f"{path}?{query}" if query else path


@require_GET
@vary_on_headers("HX-Request")
def index(request):
    """The timeline: filters, chart, counts and the event list.  Bad filters
    get the form's messages and a 400, on the page and in the fragment."""
    form = EventFilterForm(request.GET)
    context = {"form": form, "today": timezone.now().date()}
    if form.is_valid():
        filters = form.to_filter()
        context |= _timeline_context(filters, context["today"])
        status = 200
    else:
        filters = None
        context |= {"filters": TimelineFilter(), "filter_query": "", "events": []}
        status = 400

    if _wants_fragment(request):
        response = render(request, "timeline/index.html#results", context, status=status)
        # The history gets the canonical URL (no empty parameters), and one
        # entry per view: asking again for the view already shown (Enter
        # after typing, say) replaces the entry instead of adding one.
        url = _with_query(request.path, filters.querystring()) if filters is not None else request.get_full_path()
        patch_vary_headers(response, ["HX-Current-URL"])
        if url == request.htmx.current_url_abs_path:
            return replace_url(response, url)
        return push_url(response, url)
    return render(request, "timeline/index.html", context, status=status)


def _timeline_context(filters: TimelineFilter, today) -> dict:
    events = list(selectors.events_for_timeline(filters).prefetch_related(None))
    efforts = selectors.efforts_in_order()
    lanes = [effort for effort in efforts if not filters.side or effort.slug == filters.side]
    figure = charts.build_figure(selectors.chart_input(events, lanes, selectors.phases_in_order()), today=today)
    per_side = Counter(event.effort_id for event in events)
    return {
        "filters": filters,
        "filter_query": filters.querystring(),
        "events": events,
        "figure": figure,
        "side_counts": [(effort, per_side[effort.pk]) for effort in lanes],
        "published_count": selectors.events_published_count(),
    }


@require_GET
@vary_on_headers("HX-Request")
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
def export_events_json(request):
    events, error = _export(request, as_json=True)
    if error:
        return error
    document = exports.events_payload(
        events, selectors.efforts_in_order(), selectors.phases_in_order(), absolute=request.build_absolute_uri
    )
    return _download(exports.to_json(document), "application/json", "space-film-race-events.json")


@require_safe
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
def export_timelinejs(request):
    events, error = _export(request, as_json=True)
    if error:
        return error
    document = exports.timelinejs(events, selectors.phases_in_order(), absolute=request.build_absolute_uri)
    return _download(exports.to_json(document), "application/json", "space-film-race-timelinejs.json")


@require_safe
def export_events_ics(request):
    events, error = _export(request, as_json=False)
    if error:
        return error
    return _download(
        exports.events_ics(events, absolute=request.build_absolute_uri),
        "text/calendar; charset=utf-8",
        "space-film-race.ics",
    )


# --- Operations: the health check and uploaded images.
# (Its imports sit with it, so this section stands on its own.)

import logging  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import DatabaseError, InterfaceError, connection  # noqa: E402
from django.views.decorators.cache import never_cache  # noqa: E402
from django.views.static import serve  # noqa: E402

logger = logging.getLogger(__name__)


@require_safe
@never_cache
def healthz(request):
    """For load balancers and orchestrators: 200 when this process can query
    its database, 503 when it cannot.  Exempt from the HTTPS redirect
    (SECURE_REDIRECT_EXEMPT) so a proxy can probe the app over plain HTTP."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, InterfaceError) as error:
        logger.error("Health check failed: the database cannot be queried: %s", error)
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def media_file(request, path):
    """Uploaded event images.  Editors (staff) see every upload; everyone else
    only the images of published events, so a draft's image cannot be found
    by guessing its file name.  A path the filesystem rejects (too long, NUL)
    is a 404 like any other missing file."""
    if "\x00" in path:  # no file has one, and PostgreSQL refuses it in a query
        raise Http404("No such file.")
    if not request.user.is_staff and not Event.objects.published().filter(image=path).exists():
        raise Http404("No such file.")
    try:
        return serve(request, path, document_root=settings.MEDIA_ROOT)
    except (OSError, ValueError):
        raise Http404("No such file.") from None

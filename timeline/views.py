from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import selectors
from .models import Event


@require_GET
def index(request):
    events = list(selectors.events_published())
    efforts = selectors.efforts_in_order()
    lanes = [(effort, [e for e in events if e.effort_id == effort.pk]) for effort in efforts]
    return render(request, "timeline/index.html", {"lanes": lanes, "event_count": len(events)})


@require_GET
def event_detail(request, slug):
    try:
        event = selectors.event_published_by_slug(slug)
    except Event.DoesNotExist:
        raise Http404("No published event has this address.") from None
    return render(request, "timeline/event.html", {"event": event})


# --- the race comparison -----------------------------------------------------------
# (Its imports sit with it, so this section stands on its own.)

from django.views.decorators.vary import vary_on_headers  # noqa: E402

from . import services  # noqa: E402
from .forms import RaceForm  # noqa: E402


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
# (Kept together at the end of the module.)

from django.http import HttpResponse, JsonResponse  # noqa: E402
from django.views.decorators.http import require_safe  # noqa: E402

from . import exports  # noqa: E402
from .forms import EventFilterForm  # noqa: E402


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

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

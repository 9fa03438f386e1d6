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

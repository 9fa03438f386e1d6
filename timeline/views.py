import logging

from django.conf import settings
from django.db import DatabaseError, InterfaceError, connection
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe
from django.views.static import serve

from . import selectors
from .models import Event

logger = logging.getLogger(__name__)


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

"""Operations: the health check that load balancers probe, and the uploaded
event images (only those of published events, for anyone but staff).  Each
has one address, outside the language prefixes (spacefilm/urls.py)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.static import serve

from . import health
from .models import Event


@require_safe
@never_cache
def healthz(request):
    """For load balancers and orchestrators: 200 when this process can read
    the tables the pages read, 503 within about 3 s when it cannot, naming
    the check that failed (timeline/health.py).  Exempt from the HTTPS
    redirect (SECURE_REDIRECT_EXEMPT) so a proxy can probe the app over plain
    HTTP."""
    failed = health.failed_check()
    if failed is None:
        return JsonResponse({"status": "ok", "database": "ok", "checked": list(health.CHECK_NAMES)})
    database = "unreachable" if failed == "connection" else "unreadable"
    return JsonResponse({"status": "unavailable", "database": database, "failed": failed}, status=503)


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

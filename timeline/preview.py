"""Draft preview: staff see drafts on the public pages, marked, and never cached.

Staff (editors) are shown drafts on the timeline, its fragments, the event
panel and page and the race, each draft marked "Draft — not public", unless
they switch preview off (a flag in their session; on by default, so admin's
"View on site" shows a draft as readers will see it once it is published).
A draft's own page opens for staff even with preview off: they asked for it.

Nobody else ever sees a draft, and no stored page crosses between staff and
the public: a staff request never reads nor fills the page cache
(`timeline.caching` asks `is_staff`), and its response says
``Cache-Control: private, no-store`` and ``X-Robots-Tag: noindex``.  The
exports, the feed and the embed stay public-only: only the views wrapped in
`drafts_for_staff` show drafts at all (`drafts_shown`, read by
`timeline.selectors`).
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

SESSION_KEY = "preview_drafts"  # False once staff switch preview off; absent means on
DRAFT_MARK = "Draft — not public"

_drafts_shown: ContextVar[bool] = ContextVar("drafts_shown", default=False)


def drafts_shown() -> bool:
    """Whether the view running now shows drafts (staff previewing)."""
    return _drafts_shown.get()


def is_staff(request) -> bool:
    """A staff member asks.  Only a request with a session cookie can be one:
    asking anyone else's user would read the session, and a page that read
    the session is never stored (timeline.caching)."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_active and request.user.is_staff


def preview_on(request) -> bool:
    return request.session.get(SESSION_KEY, True) is not False


@dataclass(frozen=True)
class Preview:
    """What the page tells staff (request.draft_preview in templates)."""

    on: bool
    mark: str = DRAFT_MARK


def private(response):
    """A response for one staff member: no cache keeps it, no search engine indexes it."""
    patch_cache_control(response, private=True, no_store=True)
    response.headers.pop("ETag", None)
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def drafts_for_staff(view):
    """Show staff the drafts (unless they switched preview off) while `view`
    renders; everyone else gets the view as it is."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_staff(request):
            return view(request, *args, **kwargs)
        on = preview_on(request)
        request.draft_preview = Preview(on=on)
        token = _drafts_shown.set(on)
        try:
            response = view(request, *args, **kwargs)
        finally:
            _drafts_shown.reset(token)
        return private(response)

    return wrapper


# --- switching preview on and off (an admin URL: the public pages are read-only) ---------


def toggle_view(request):
    """POST show=1|0, next=<a path on this site>: preview on or off, then back to that page."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    on = request.POST.get("show") == "1"
    request.session[SESSION_KEY] = on
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = reverse("timeline:index")
    return HttpResponseRedirect(target)


class PreviewToggleAdminMixin:
    """Adds the preview switch to a ModelAdmin's URLs: admin:timeline_event_preview."""

    def get_urls(self):
        opts = self.model._meta
        name = f"{opts.app_label}_{opts.model_name}_preview"
        return [path("preview/", self.admin_site.admin_view(toggle_view), name=name), *super().get_urls()]

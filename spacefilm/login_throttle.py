"""The login throttle's hooks into django-axes: the address a request comes
from, the page a locked-out login gets, and a middleware that answers a
locked-out login before the login view runs.

Directly exposed, it is REMOTE_ADDR.  Behind the TLS proxy
(DJANGO_SECURE_PROXY=1), REMOTE_ADDR is the proxy's, the same for every
visitor: locking it would lock everyone out.  The client is then read from
X-Forwarded-For, counting PROXY_COUNT entries from the right, which the
proxies appended; entries further left come from the client and could be
anything, so they are never trusted.
"""

from __future__ import annotations

import ipaddress

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit, get_lockout_response
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    count = max(1, getattr(settings, "PROXY_COUNT", 1))
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def locked_out(request, original_response=None, credentials=None) -> HttpResponse:
    """The page for a refused login: why, for how long, and who can unlock it."""
    cool_off = get_cool_off(request)
    context = {
        "login_url": EarlyLockoutMiddleware.login_path(),
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "minutes": round(cool_off.total_seconds() / 60) if cool_off else None,
    }
    # Rendered here: the middleware swaps it in after the view's response was rendered.
    return render(request, "admin/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)


class EarlyLockoutMiddleware:
    """Answers a login POST from a locked-out account or address with the
    lockout page at once, before the login view renders its form or any
    password is checked, so a guesser hammering the login costs each worker
    a database read, not a page.  Sits just before axes' own middleware,
    which handles the login that reaches the limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.AXES_ENABLED and request.method == "POST" and request.path == self.login_path():
            field = settings.AXES_USERNAME_FORM_FIELD
            credentials = {field: request.POST.get(field, "")}
            if AxesProxyHandler.is_locked(request, credentials):
                return get_lockout_response(request, None, credentials)
        return self.get_response(request)

    @staticmethod
    def login_path() -> str:
        return f"/{settings.ADMIN_URL}login/"

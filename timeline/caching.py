"""Conditional GET and stored responses for the public pages, both keyed on
the data version.

The data version (`DataVersion`, one row) gets a new random token after every
committed change to what the public pages show (`timeline.signals`).  Each
request reads it (one small query) and hashes it with everything else the
response depends on: today's date, the absolute URL and the request headers
the view declares it varies on.  That hash is

- the response's ETag, known before the view runs: a repeat visit with
  ``If-None-Match`` gets a 304 without any rendering;
- the key of the rendered response in Django's cache (``CACHES["default"]``:
  this process's memory by default, Redis when ``DJANGO_CACHE_URL`` names
  one, see settings).

Because the token is read from the database on every request, the cache is
right with any number of processes on any number of hosts: after a change no
process asks for an old key again, and old entries expire.  A shared cache
only spares each process rendering each page itself.

There is no Last-Modified: HTTP dates count whole seconds, so two changes in
the same second would share one date and a client asking If-Modified-Since
would be told an outdated page is current.  The ETag changes with every change.

Rendered bodies carry the CSP nonce of the response they were first made for;
script-src also allows 'self' and every script on these pages is a same-origin
file, so a stale nonce in a cached body grants nothing and blocks nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import uuid
from contextvars import ContextVar

from django.core.cache import cache
from django.db import connections
from django.utils import timezone
from django.utils.cache import get_conditional_response, has_vary_header, patch_cache_control, patch_vary_headers

from . import preview

logger = logging.getLogger(__name__)

CACHE_KEY_PREFIX = "timeline:page:"
CACHED_STATUSES = (200, 400)  # a bad filter's messages are as costly to render as a page
_VERSION_SQL = "SELECT token FROM {table} WHERE id = 1"
_NO_VERSION = "none"  # an emptied database (tests that flush); any write creates the row


# The token read for the request being served (set by `cached_by_data_version`),
# so whatever else the request keys by it (the shared race, the share card's
# address) asks the database once.
_request_version: ContextVar[str | None] = ContextVar("request_data_version", default=None)


def data_version() -> str:
    """The current data version's token: one query, once per request."""
    known = _request_version.get()
    if known is not None:
        return known
    return _read_data_version()


def _read_data_version() -> str:
    from .models import DataVersion

    # Plain SQL: the ORM's query building would cost more than the query
    # itself, and this runs on every request, even a cached one.
    with connections[DataVersion.objects.db].cursor() as cursor:
        cursor.execute(_VERSION_SQL.format(table=DataVersion._meta.db_table))
        row = cursor.fetchone()
    return row[0] if row else _NO_VERSION


def bump_data_version() -> None:
    """Mark the public data as changed.  The signals in `timeline.signals`
    call it once per committed transaction; writes that send no signals
    (bulk_create, QuerySet.update) call it themselves."""
    from .models import DataVersion

    now = timezone.now()
    token = uuid.uuid4().hex
    if not DataVersion.objects.filter(pk=1).update(token=token, changed=now):
        DataVersion.objects.update_or_create(pk=1, defaults={"token": token, "changed": now})


def clear_response_cache() -> None:
    """Forget every stored response (tests; the data version makes it
    unnecessary in production)."""
    cache.clear()


def page_key(request, vary: tuple[str, ...], *, live: bool = False, now: dt.datetime | None = None) -> str:
    """Everything a response depends on, hashed: the data version, today (the
    chart marks it, the race is as of it) or, for a `live` page, the current
    minute (the race as of today counts what is over by now), the scheme,
    host and full path, and the values of the headers in `vary`, as sent and
    as django-htmx may decode them.

    This runs before every stored response is served, so it reads the
    request's environment directly: `request.headers` and
    `build_absolute_uri` would each build what the key does not need."""
    seconds = int((now or timezone.now()).timestamp())
    clock = str(seconds // 60) if live else str(seconds // 86400)  # minutes or UTC days since the epoch
    meta = request.META
    parts = [data_version(), clock, request.scheme, request.get_host(), request.get_full_path()]
    parts += [meta.get(name, "") for name in _meta_names(vary)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "backslashreplace")).hexdigest()


@functools.cache
def _meta_names(vary: tuple[str, ...]) -> tuple[str, ...]:
    """The WSGI environment's names of the headers in `vary` and of their
    `-URI-AutoEncoded` twins (``HX-Target`` → ``HTTP_HX_TARGET``, …)."""
    names = []
    for header in vary:
        for name in (header, f"{header}-URI-AutoEncoded"):
            names.append("HTTP_" + name.upper().replace("-", "_"))
    return tuple(names)


def cached_by_data_version(*, vary: tuple[str, ...] = (), live: bool = False):
    """Serve a read-only view through the data version: a 304 when the client
    has this exact response, else the stored one, else render it (and store
    200s and 400s).

    `vary`: every request header the view reads.  They are declared in the
    response's Vary header (also on a 304) and are part of the key, so a
    fragment is never served for a page nor one fragment for another.
    `live`: the page shows the race as of now, so a stored copy and its ETag
    last a minute at most, even when no data changes.  Put it under
    ``@require_safe``: only GET and HEAD reach it."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if preview.is_staff(request):  # staff may see drafts: never stored, never served from the store
                return preview.private(view(request, *args, **kwargs))
            token = _request_version.set(_read_data_version())
            try:
                return _served(request, view, args, kwargs, vary, live)
            finally:
                _request_version.reset(token)

        return wrapper

    return decorator


def _served(request, view, args, kwargs, vary: tuple[str, ...], live: bool):
    """A 304, the stored response, or the view's, stored (see `cached_by_data_version`)."""
    key = page_key(request, vary, live=live)
    etag = f'"{key[:32]}"'
    conditional = get_conditional_response(request, etag=etag)
    if conditional is not None:  # 304 Not Modified, or 412 for an If-Match that fails
        return _headed(conditional, vary, etag)
    response = _stored(key)
    if response is not None:
        return response
    response = view(request, *args, **kwargs)
    if not _public(request, response):
        patch_vary_headers(response, vary)
        return response
    _headed(response, vary, etag if response.status_code == 200 else None)
    _store(key, response)
    return response


def _headed(response, vary: tuple[str, ...], etag: str | None):
    patch_vary_headers(response, vary)
    patch_cache_control(response, no_cache=True)  # always revalidate: a change shows at once
    if etag and response.status_code in (200, 304):
        response.headers["ETag"] = etag
    return response


def _public(request, response) -> bool:
    """Whether `response` may be stored and served to anyone who asks for the
    same key: a page that looked at the session (who is logged in), varies
    on cookies or sets one belongs to one reader only."""
    session = getattr(request, "session", None)
    return (
        response.status_code in CACHED_STATUSES
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not (session is not None and session.accessed)
    )


def _stored(key: str):
    """The stored response, or None.  A shared cache that cannot be reached
    costs a rendering, never the page."""
    try:
        return cache.get(CACHE_KEY_PREFIX + key)
    except Exception as error:  # any backend's error: Redis down, a timeout
        logger.warning("Response cache unavailable, rendering instead: %s", error)
        return None


def _store(key: str, response) -> None:
    try:
        cache.set(CACHE_KEY_PREFIX + key, response)
    except Exception as error:  # as in _stored
        logger.warning("Response cache unavailable, not storing: %s", error)


# --- values shared by many pages ---------------------------------------------------

SHARED_KEY_PREFIX = "timeline:shared:"


def shared_value(name: str, parts: tuple, compute):
    """`compute()`, stored in the shared cache under `name`, `parts` and the
    data version, so every page that needs the same value (the race, which
    no filter changes) computes it once per data version.  Staff previewing
    drafts get their own, never stored; a cache that cannot be reached costs
    the computing, never the page."""
    if preview.drafts_shown():
        return compute()
    raw = "\x1f".join([name, data_version(), *(str(part) for part in parts)])
    key = SHARED_KEY_PREFIX + hashlib.sha256(raw.encode("utf-8", "backslashreplace")).hexdigest()
    try:
        value = cache.get(key)
    except Exception as error:  # as in _stored
        logger.warning("Shared cache unavailable, computing instead: %s", error)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value)
        except Exception as error:
            logger.warning("Shared cache unavailable, not storing: %s", error)
    return value

"""Conditional GET and a response cache, both keyed on the data version.

The data version (`DataVersion`, one row) gets a new random token whenever an
editor, an import or a command changes anything the public pages show.  Each
request reads it (one small query) and derives from it, together with
everything else the response depends on (the URL with its query string, the
host, today's date and the htmx request headers), a key that is

- the response's ETag: a browser's repeat visit with ``If-None-Match`` gets a
  304 without any rendering;
- the key in Django's cache framework under which the rendered response is
  kept.  Because the token is read from the database on every request, a
  per-process cache (the default LocMemCache) is correct with any number of
  gunicorn workers on any number of hosts: after a change no worker can find
  the old entry.  A shared cache (Django's ``CACHES`` setting, Redis say)
  would only save each worker rendering each page once.

Rendered bodies carry the CSP nonce of the response they were first made for;
script-src also allows 'self' and every script on these pages is a same-origin
file, so a stale nonce in a cached body grants nothing and blocks nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from functools import wraps

from django.core.cache import cache
from django.db import connections
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

CACHE_TIMEOUT = 60 * 60 * 24  # entries of old versions simply age out
# Request headers that change what these views answer (django-htmx reads them).
_VARYING_HEADERS = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
    "HTTP_HX_CURRENT_URL",
    "HTTP_HX_TRIGGER",
    "HTTP_HX_TARGET",
)
_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
_VERSION_SQL = "SELECT token, changed FROM {table} WHERE id = 1"


@dataclass(frozen=True)
class Version:
    token: str
    changed: dt.datetime


def data_version() -> Version:
    """The current data version: one query."""
    from .models import DataVersion

    # Plain SQL: the ORM's query building would cost more than the query
    # itself, and this runs on every request, even a cached one.
    with connections[DataVersion.objects.db].cursor() as cursor:
        cursor.execute(_VERSION_SQL.format(table=DataVersion._meta.db_table))
        row = cursor.fetchone()
    if row is None:  # an emptied database (tests that flush); any write creates the row
        return Version("none", _EPOCH)
    token, changed = row
    if isinstance(changed, str):  # SQLite hands back text
        changed = dt.datetime.fromisoformat(changed)
    if changed.tzinfo is None:
        changed = changed.replace(tzinfo=dt.UTC)
    return Version(token, changed)


def bump_data_version() -> None:
    """Mark the public data as changed: call after writes that send no
    signals (bulk_create, QuerySet.update)."""
    from .models import DataVersion

    now = timezone.now()
    token = uuid.uuid4().hex
    if not DataVersion.objects.filter(pk=1).update(token=token, changed=now):
        DataVersion.objects.update_or_create(pk=1, defaults={"token": token, "changed": now})


def _bump_on_signal(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: the fixture sets what it sets
        return
    bump_data_version()


def connect_signals() -> None:
    from .models import Effort, Event, Phase, Source

    for model in (Effort, Event, Phase, Source):
        post_save.connect(_bump_on_signal, sender=model, dispatch_uid=f"data-version-save-{model.__name__}")
        post_delete.connect(_bump_on_signal, sender=model, dispatch_uid=f"data-version-delete-{model.__name__}")


def response_key(request, version: Version, today: dt.date) -> str:
    parts = [
        version.token,
        today.isoformat(),
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        *(request.META.get(name, "") for name in _VARYING_HEADERS),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def _last_modified(version: Version, today: dt.date) -> dt.datetime:
    # Pages also change with the date ("today" on the chart, the race as of today).
    midnight = dt.datetime.combine(today, dt.time.min, tzinfo=dt.UTC)
    return max(version.changed, midnight)


def cached_by_data_version(view):
    """Answer GET/HEAD with 304 when the client has this exact version, else
    from the cache, else render (and keep 200s and 400s).

    Put it under ``@vary_on_headers``, so a 304 and a cached response carry
    the same Vary header as a freshly rendered one."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        today = timezone.now().astimezone(dt.UTC).date()
        version = data_version()
        key = response_key(request, version, today)
        etag = f'"{key[:32]}"'
        last_modified = _last_modified(version, today)

        template = HttpResponse()
        _validators(template, etag, last_modified)
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=int(last_modified.timestamp()), response=template
        )
        if not_modified is not None and not_modified.status_code == 304:
            # Vary comes from the decorators around this one, as for a 200.
            not_modified.headers["Cache-Control"] = "no-cache"
            return not_modified

        cache_key = f"timeline:response:{key}"
        cached = cache.get(cache_key)
        if cached is not None:
            # Kept as plain values: unpickling bytes costs far less than a response object.
            status, headers, body = cached
            return HttpResponse(body, status=status, headers=headers)
        response = view(request, *args, **kwargs)
        if response.status_code in (200, 400) and not response.streaming:
            if response.status_code == 200:
                _validators(response, etag, last_modified)
            patch_cache_control(response, no_cache=True)
            cache.set(cache_key, (response.status_code, dict(response.headers), response.content), CACHE_TIMEOUT)
        return response

    return wrapper


def _validators(response: HttpResponse, etag: str, last_modified: dt.datetime) -> None:
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified.timestamp())

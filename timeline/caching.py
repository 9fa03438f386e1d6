"""Conditional GET and a response cache, both keyed on the data version.

The data version (`DataVersion`, one row) gets a new random token whenever an
editor, an import or a command changes anything the public pages show.  Each
request reads it (one small query) and derives from it, together with
everything else the response depends on (the URL with its query string, the
host, today's date and the htmx request headers), a key that is

- the response's ETag: a browser's repeat visit with ``If-None-Match`` gets a
  304 without any rendering;
- the key under which the rendered response is kept in this process (as
  plain immutable values, within a byte budget).  Because the token is read
  from the database on every request, a per-process cache is correct with any
  number of gunicorn workers on any number of hosts: after a change no worker
  can find the old entry.  When Django's ``CACHES`` names a shared backend
  (Redis, say) it is a second level, which only saves each worker rendering
  each page once.

Rendered bodies carry the CSP nonce of the response they were first made for;
script-src also allows 'self' and every script on these pages is a same-origin
file, so a stale nonce in a cached body grants nothing and blocks nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from functools import wraps

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connections
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

CACHE_TIMEOUT = 60 * 60 * 24  # entries of old versions simply age out
# Rendered responses kept per process (a page at 10,000 events is ~300 kB).
PROCESS_CACHE_BYTES = 64 * 1024 * 1024
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


@dataclass(frozen=True)
class _Stored:
    """A rendered response as plain, immutable values: kept in this process
    as is (no pickling, no copy of the body) and rebuilt in microseconds."""

    status: int
    headers: tuple[tuple[str, tuple[str, str]], ...]  # as ResponseHeaders keeps them, already checked
    body: bytes

    @classmethod
    def of(cls, response: HttpResponse) -> _Stored:
        return cls(response.status_code, tuple(response.headers._store.items()), response.content)

    def response(self) -> HttpResponse:
        response = HttpResponse(self.body, status=self.status)
        # The headers were validated when the response was first made;
        # validating them again on every hit cost more than the rest of it.
        response.headers._store = dict(self.headers)
        return response


class _ProcessCache:
    """The newest rendered responses of this process, within a byte budget
    (least recently used out first).  Correct with any number of workers:
    keys come from the data version read from the database."""

    def __init__(self, budget: int):
        self.budget = budget
        self._entries: OrderedDict[str, _Stored] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> _Stored | None:
        with self._lock:
            stored = self._entries.get(key)
            if stored is not None:
                self._entries.move_to_end(key)
            return stored

    def put(self, key: str, stored: _Stored) -> None:
        size = len(stored.body) + 1024
        if size > self.budget:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old.body) + 1024
            self._entries[key] = stored
            self._size += size
            while self._size > self.budget:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped.body) + 1024

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0


_responses = _ProcessCache(PROCESS_CACHE_BYTES)


def _shared_cache():
    """Django's default cache when it is shared between processes (Redis,
    Memcached, a database table): a second level, so each worker need not
    render each page itself.  None for the per-process default."""
    default = caches["default"]
    return None if isinstance(default, LocMemCache) else default


def clear_response_cache() -> None:
    """Forget every rendered response (tests; the data version makes it
    unnecessary in production)."""
    _responses.clear()
    cache.clear()


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

        if "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META:
            conditional = get_conditional_response(request, etag=etag, last_modified=int(last_modified.timestamp()))
            if conditional is not None and conditional.status_code == 304:
                # Vary comes from the decorators around this one, as for a 200.
                _validators(conditional, etag, last_modified)
                conditional.headers["Cache-Control"] = "no-cache"
                return conditional

        stored = _responses.get(key)
        shared = _shared_cache()
        if stored is None and shared is not None:
            stored = shared.get(f"timeline:response:{key}")
            if stored is not None:
                _responses.put(key, stored)
        if stored is not None:
            return stored.response()

        response = view(request, *args, **kwargs)
        if response.status_code in (200, 400) and not response.streaming:
            if response.status_code == 200:
                _validators(response, etag, last_modified)
            patch_cache_control(response, no_cache=True)
            stored = _Stored.of(response)
            _responses.put(key, stored)
            if shared is not None:
                shared.set(f"timeline:response:{key}", stored, CACHE_TIMEOUT)
        return response

    return wrapper


def _validators(response: HttpResponse, etag: str, last_modified: dt.datetime) -> None:
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified.timestamp())

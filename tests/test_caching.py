"""Conditional GET and the response cache (timeline/caching.py): ETags known
before the view, stored responses in Django's cache keyed with the data
version, which every committed change bumps once (timeline/signals.py).

With DJANGO_CACHE_URL set (tests/redis.sh), the same tests run against Redis,
and the tests at the end check that processes share its entries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils.http import http_date

from spacefilm.urls import urlpatterns as site_urlpatterns
from timeline.caching import bump_data_version, cached_by_data_version, data_version
from timeline.models import Event

from .conftest import (
    EVENT_IMPORT,
    csv_bytes,
    csv_rows,
    event_form_data,
    generate_events,
    import_upload,
    make_event,
    queries_for,
)

BASE_DIR = Path(__file__).resolve().parent.parent
HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/"}


@cached_by_data_version()
def greeting(request):
    """A page that depends on who asks: it must never be stored."""
    return HttpResponse(f"Hello {request.user.username or 'reader'}")


urlpatterns = [path("greeting/", greeting), *site_urlpatterns]


def test_a_cached_page_costs_one_query(client, seeded):
    client.get("/")
    assert queries_for(client, "/") == 1  # the data version


# --- conditional GET -------------------------------------------------------------


def test_repeat_visit_gets_304_and_a_changed_filter_or_data_gets_200(client, seeded, russia):
    first = client.get("/?side=russia")
    etag = first.headers["ETag"]
    assert first.status_code == 200
    assert "no-cache" in first.headers["Cache-Control"]

    again = client.get("/?side=russia", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["ETag"] == etag
    assert "HX-Request" in again.headers["Vary"]

    other_filter = client.get("/?side=united-states", HTTP_IF_NONE_MATCH=etag)
    assert other_filter.status_code == 200
    # A Russian status update: not a race milestone, so only the list could show it.
    assert "most of the orbital footage is done" not in other_filter.content.decode()
    fragment = client.get("/?side=russia", HTTP_IF_NONE_MATCH=etag, **HX)
    assert fragment.status_code == 200
    assert b"<html" not in fragment.content

    make_event(russia, title="A brand-new Russian milestone")
    changed = client.get("/?side=russia", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
    assert "A brand-new Russian milestone" in changed.content.decode()


def test_event_page_and_race_page_answer_304(client, seeded):
    for url in ("/events/soyuz-ms-19-launch/", "/race/?as_of=2021-10-06"):
        first = client.get(url)
        assert first.status_code == 200, url
        assert client.get(url, HTTP_IF_NONE_MATCH=first.headers["ETag"]).status_code == 304


def test_bad_filters_are_not_cached_as_valid_and_carry_no_etag(client, seeded):
    response = client.get("/?from=2022-13-01")
    assert response.status_code == 400
    assert "ETag" not in response.headers
    again = client.get("/?from=2022-13-01")
    assert again.status_code == 400
    assert "Enter a date as YYYY-MM-DD" in again.content.decode()


def test_a_cached_response_comes_back_with_its_headers_and_body(client, seeded):
    first = client.get("/race/?as_of=2021-10-06")
    again = client.get("/race/?as_of=2021-10-06")
    assert again.content == first.content
    for header in ("Content-Type", "ETag", "Cache-Control", "Vary"):
        assert again.headers[header] == first.headers[header], header
    assert "Soyuz MS-19" in again.content.decode()


# --- the cache empties the moment anything changes -----------------------------------


@pytest.fixture
def reader():
    """A reader with no account, beside the editor (who sees drafts, uncached)."""
    return Client()


def test_admin_save_shows_on_the_cached_pages_at_once(editor_client, reader, seeded):
    event = Event.objects.get(slug="soyuz-ms-19-launch")
    pages = ["/", "/?side=russia", f"/events/{event.slug}/", "/race/"]
    for url in pages:
        assert event.title in reader.get(url).content.decode()
    data = event_form_data(
        event.effort,
        title="Soyuz MS-19 lifts off with the film crew",
        slug=event.slug,
        start_0="2021-10-05",
        start_1="08:55:00",
        correction_note="The launch headline now names the film crew.",
        **{"sources-TOTAL_FORMS": "0"},
    )
    assert editor_client.post(f"/admin/timeline/event/{event.pk}/change/", data).status_code == 302
    for url in pages:
        assert "Soyuz MS-19 lifts off with the film crew" in reader.get(url).content.decode(), url


def test_admin_delete_shows_at_once(editor_client, reader, seeded):
    event = Event.objects.get(slug="soyuz-ms-19-launch")
    assert event.title in reader.get("/").content.decode()
    response = editor_client.post(f"/admin/timeline/event/{event.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert event.title not in reader.get("/").content.decode()
    assert reader.get(f"/events/{event.slug}/").status_code == 404


def test_admin_unpublish_action_shows_at_once(editor_client, reader, seeded):
    event = Event.objects.get(slug="soyuz-ms-19-launch")
    assert event.title in reader.get("/").content.decode()
    data = {"action": "unpublish", "_selected_action": [event.pk]}
    assert editor_client.post("/admin/timeline/event/", data).status_code == 302
    assert event.title not in reader.get("/").content.decode()


def test_import_shows_at_once(editor_client, reader, seeded):
    assert "An imported headline" not in reader.get("/").content.decode()
    etag = reader.get("/").headers["ETag"]
    rows = csv_rows(reader.get("/export/events.csv").content)
    rows[1][rows[0].index("title")] = "An imported headline"
    response = editor_client.post(EVENT_IMPORT, {"file": import_upload(csv_bytes(rows)), "import": "Import"})
    assert response.status_code == 302
    page = reader.get("/", HTTP_IF_NONE_MATCH=etag)
    assert page.status_code == 200
    assert "An imported headline" in page.content.decode()


def test_a_source_change_alone_changes_the_version(seeded):
    before = data_version()
    source = Event.objects.get(slug="soyuz-ms-19-launch").sources.first()
    source.publisher = "Another publisher"
    source.save()
    assert data_version() != before


def test_generated_events_change_the_version(client, seeded):
    etag = client.get("/").headers["ETag"]
    generate_events(5)
    assert client.get("/", HTTP_IF_NONE_MATCH=etag).status_code == 200


# --- validators: an ETag, no Last-Modified ---------------------------------------------


def test_if_modified_since_alone_never_gets_an_outdated_page(client, seeded, russia):
    """HTTP dates count whole seconds: a date-based 304 would hide a change
    made in the same second as the one before it.  The ETag alone decides."""
    first = client.get("/?side=russia")
    assert "Last-Modified" not in first
    make_event(russia, title="A change within the same second")
    later = client.get("/?side=russia", HTTP_IF_MODIFIED_SINCE=http_date())
    assert later.status_code == 200
    assert "A change within the same second" in later.content.decode()
    assert client.get("/?side=russia", HTTP_IF_NONE_MATCH=later["ETag"]).status_code == 304


# --- each view declares the headers it reads --------------------------------------------


def vary_of(response) -> set[str]:
    return {name.strip() for name in response.get("Vary", "").split(",") if name.strip()}


@pytest.mark.parametrize(
    ("url", "declared"),
    [
        ("/", {"HX-Request", "HX-History-Restore-Request", "HX-Target", "HX-Trigger", "HX-Current-URL"}),
        ("/?side=nowhere", {"HX-Request", "HX-History-Restore-Request", "HX-Target", "HX-Trigger", "HX-Current-URL"}),
        ("/events/soyuz-ms-19-launch/", {"HX-Request", "HX-History-Restore-Request"}),
        ("/race/", {"HX-Request", "HX-History-Restore-Request", "HX-Trigger"}),
    ],
)
def test_each_page_declares_every_header_it_reads(client, seeded, url, declared):
    response = client.get(url)
    assert declared <= vary_of(response)
    if response.status_code == 200:
        again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
        assert vary_of(again) == vary_of(response)


def test_exports_and_the_embed_vary_on_no_htmx_header(client, seeded):
    for url in ("/embed/", "/export/events.json", "/export/events.csv"):
        assert not {name for name in vary_of(client.get(url)) if name.startswith("HX-")}, url


def test_fragments_asked_for_by_different_targets_are_kept_apart(client, seeded):
    """One URL, three answers (page, results, race table): each stored and
    served under its own key, none for another."""
    url = "/?side=russia&as_of=2021-10-06"
    asks = {
        "page": {},
        "results": HX,
        "race": {**HX, "HTTP_HX_TARGET": "race-table", "HTTP_HX_TRIGGER": "as-of"},
    }
    first = {name: client.get(url, **headers) for name, headers in asks.items()}
    assert "<html" in first["page"].content.decode()
    assert first["results"].content.decode().lstrip().startswith('<section id="results"')
    assert first["race"].content.decode().lstrip().startswith('<section id="race-table"')
    assert len({response["ETag"] for response in first.values()}) == 3
    for name, headers in asks.items():
        assert queries_for(client, url, **headers) == 1, name  # from the cache...
        assert client.get(url, **headers).content == first[name].content, name  # ...its own entry


def test_a_history_restore_gets_the_whole_page_not_the_panel(client, seeded):
    url = "/events/soyuz-ms-19-launch/"
    panel = client.get(url, HTTP_HX_REQUEST="true")
    restore = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" not in panel.content.decode()
    assert "<html" in restore.content.decode()
    assert client.get(url, HTTP_HX_REQUEST="true").content == panel.content


# --- what is never stored -----------------------------------------------------------


@pytest.mark.urls(__name__)
def test_a_page_that_looks_at_the_reader_is_never_stored(editor_client, db):
    from django.test import Client

    mine = editor_client.get("/greeting/")
    assert mine.content == b"Hello editor"
    assert "ETag" not in mine
    assert Client().get("/greeting/").content == b"Hello reader"


# --- the data version: once per committed transaction, read on every request --------------


def test_a_change_saved_on_another_host_shows_at_once(client, seeded):
    """Another host's save reaches this process only through the database: its
    rows and the version its commit bumped.  No signal fires here and nothing
    this process remembers is asked."""
    url = "/events/soyuz-ms-19-launch/"
    assert "Soyuz MS-19" in client.get(url).content.decode()  # rendered and stored here
    Event.objects.filter(slug="soyuz-ms-19-launch").update(title="Soyuz MS-19 carries the film crew")
    assert "carries the film crew" not in client.get(url).content.decode()  # the stored page: same version
    bump_data_version()  # what the other host's commit does
    assert "Soyuz MS-19 carries the film crew" in client.get(url).content.decode()


def test_an_import_bumps_the_version_once_after_its_writes(transactional_db, seeded, editor_client):
    rows = csv_rows(editor_client.get("/export/events.csv").content)
    title = rows[0].index("title")
    for row in rows[1:]:
        row[title] += " (revised)"
    with CaptureQueriesContext(connection) as captured:
        response = editor_client.post(EVENT_IMPORT, {"file": import_upload(csv_bytes(rows)), "import": "Import"})
    assert response.status_code == 302
    writes = [query["sql"] for query in captured if query["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    event_writes = [i for i, sql in enumerate(writes) if '"timeline_event"' in sql]
    bumps = [i for i, sql in enumerate(writes) if '"timeline_dataversion"' in sql]
    assert len(event_writes) == len(rows) - 1
    assert len(bumps) == 1
    assert bumps[0] > max(event_writes)  # after the import's transaction, not holding the row during it


def test_a_rolled_back_change_leaves_the_version_and_the_next_one_moves_it(transactional_db, russia):
    def change_then_fail():
        with transaction.atomic():
            make_event(russia, title="Never committed")
            raise RuntimeError("rolled back")

    before = data_version()
    with pytest.raises(RuntimeError):
        change_then_fail()
    assert data_version() == before
    make_event(russia, title="Committed")
    assert data_version() != before


# --- the cache backend ------------------------------------------------------------


def closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_shared_cache_costs_a_rendering_not_the_page(client, seeded, caplog):
    unreachable = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/race/")
        assert response.status_code == 200
        assert "Soyuz MS-19" in response.content.decode()
        assert client.get("/race/", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert "Response cache unavailable" in caplog.text


REDIS_URL = os.environ.get("DJANGO_CACHE_URL", "")
needs_redis = pytest.mark.skipif(
    not REDIS_URL.startswith("redis"), reason="needs DJANGO_CACHE_URL=redis://… (tests/redis.sh)"
)


@needs_redis
def test_pages_are_stored_in_redis(client, seeded):
    import redis
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    assert isinstance(caches["default"], RedisCache)
    client.get("/race/")
    assert len(redis.Redis.from_url(REDIS_URL).keys("*timeline:page:*")) == 1
    cache.clear()
    assert redis.Redis.from_url(REDIS_URL).keys("*timeline:page:*") == []


SHARED_PROBE = """
import json, re
import django; django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
with CaptureQueriesContext(connection) as queries:
    response = Client().get("/race/")
print(json.dumps({
    "status": response.status_code,
    "queries": len(queries),
    "header_nonces": re.findall(r"'nonce-([^']+)'", response["Content-Security-Policy"]),
    "body_nonce": re.search(r'nonce="([^"]+)"', response.content.decode()).group(1),
}))
"""


@needs_redis
def test_two_processes_share_the_pages_they_store(tmp_path, db):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "spacefilm.test_settings",
        "DJANGO_CACHE_URL": REDIS_URL,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }

    def run(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    run("manage.py", "migrate", "--noinput", "-v", "0")
    run("manage.py", "seed_events", "-v", "0")
    first, second = (json.loads(run("-c", SHARED_PROBE)) for _ in range(2))
    assert first["status"] == second["status"] == 200
    assert first["header_nonces"] == [first["body_nonce"]]  # rendered for its own response
    assert second["queries"] == 1  # the data version, then the page the first process stored
    assert second["body_nonce"] == first["body_nonce"]
    assert second["body_nonce"] not in second["header_nonces"]  # its scripts load as same-origin files


def test_a_page_of_the_race_as_of_now_is_stored_for_a_minute_at_most(rf, db):
    """The race as of today counts what is over by now: its stored copy and
    ETag change with the minute, other pages' only with the day."""
    import datetime as dt

    from timeline.caching import page_key

    request = rf.get("/race/")
    at = dt.datetime(2026, 12, 1, 10, 5, 10, tzinfo=dt.UTC)
    same_minute, next_minute = at + dt.timedelta(seconds=40), at + dt.timedelta(minutes=1)
    assert page_key(request, (), live=True, now=at) == page_key(request, (), live=True, now=same_minute)
    assert page_key(request, (), live=True, now=at) != page_key(request, (), live=True, now=next_minute)
    assert page_key(request, (), now=at) == page_key(request, (), now=next_minute)

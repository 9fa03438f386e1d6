"""Shared fixtures and helpers.  Factories override only what a test depends
on.  Test modules import helpers from here, never from each other."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models.signals import post_delete, post_save
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from timeline.models import Effort, Event, Phase, Source, Statement

from .browser_helpers import RECORD_CSP_VIOLATIONS, PageProblems

_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty response cache (it lives as long as
    the test process; the data version alone cannot tell two tests'
    databases apart once a transactional test has emptied the tables)."""
    from timeline.caching import clear_response_cache

    clear_response_cache()
    yield
    clear_response_cache()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: a request to a /ru/ page leaves Russian
    active in the thread that served it, as Django's LocaleMiddleware does."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def import_hold_dir(settings, tmp_path):
    """Each test keeps previewed import files in its own directory."""
    settings.IMPORT_HOLD_DIR = tmp_path / "import-holds"
    return settings.IMPORT_HOLD_DIR


@pytest.fixture(autouse=True)
def writes_commit_as_they_would(request):
    """A test's writes stay in the test's transaction, which is never
    committed, so their `transaction.on_commit` callbacks (the data version
    bump, timeline/signals.py) would never run.  Run them as the transactions
    they stand for would: a write in the test itself at once, as in
    autocommit; a request's writes when the request ends.  Tests with real
    transactions (transactional_db, live_server) commit for real."""
    real = {"transactional_db", "live_server"} & set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if real or (marker and marker.kwargs.get("transaction")):
        yield
        return
    in_request = False

    def run_commit_hooks():
        connection = connections[DEFAULT_DB_ALIAS]
        while connection.in_atomic_block and connection.run_on_commit:
            _, callback, _ = connection.run_on_commit.pop(0)
            callback()

    def request_started_(**kwargs):
        nonlocal in_request
        run_commit_hooks()  # the test's own writes, normally run already
        in_request = True

    def request_finished_(**kwargs):
        nonlocal in_request
        in_request = False
        run_commit_hooks()

    def written(**kwargs):
        if not in_request:
            run_commit_hooks()

    hooks = [(request_started, request_started_), (request_finished, request_finished_)]
    hooks += [(post_save, written), (post_delete, written)]
    for signal, receiver in hooks:
        signal.connect(receiver, weak=False, dispatch_uid=f"tests-commit-{id(receiver)}")
    yield
    for signal, receiver in hooks:
        signal.disconnect(receiver, dispatch_uid=f"tests-commit-{id(receiver)}")


@pytest.fixture
def seeded(db):
    """The sourced seed events, loaded the way `make run` loads them."""
    call_command("seed_events", verbosity=0)


@pytest.fixture
def russia(db) -> Effort:
    return Effort.objects.get_or_create(
        slug="russia",
        defaults={"name": "Russia", "country": "RU", "film_title": "Challenge", "colour": "#b3261e", "order": 1},
    )[0]


@pytest.fixture
def united_states(db) -> Effort:
    return Effort.objects.get_or_create(
        slug="united-states",
        defaults={
            "name": "United States",
            "country": "US",
            "film_title": "Untitled Tom Cruise space film",
            "colour": "#1d4ed8",
            "order": 2,
        },
    )[0]


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def make_event(effort: Effort, *, sources: int = 1, **overrides) -> Event:
    n = next(_counter)
    values = {
        "title": f"Event {n}",
        "slug": f"event-{n}",
        "kind": Event.Kind.STATUS_UPDATE,
        "start": utc(2021, 1, 1 + n % 28),
        "start_precision": "day",
        "summary": f"Summary of event {n}.",
        "published": True,
    }
    created = overrides.pop("created", None)  # when it entered the record (default: now)
    values.update(overrides)
    event = Event.objects.create(effort=effort, **values)
    if created is not None:
        Event.objects.filter(pk=event.pk).update(created=created)
        event.created = created
    for i in range(sources):
        Source.objects.create(event=event, url=f"https://example.org/{n}/{i}", publisher=f"Publisher {i}", order=i)
    return event


def make_phase(**overrides) -> Phase:
    n = next(_counter)
    values = {
        "name": f"Phase {n}",
        "slug": f"phase-{n}",
        "start": utc(2021, 1, 1).date(),
        "end": utc(2021, 6, 1).date(),
    }
    values.update(overrides)
    return Phase.objects.create(**values)


def generate_events(count: int) -> None:
    """`count` more synthetic published events, as `manage.py generate_events` makes them."""
    call_command("generate_events", count, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def editor(db) -> User:
    """Staff, not superuser, in the Editors group that migrate keeps up to date."""
    user = User.objects.create_user("editor", "editor@example.org", "correct horse battery", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


# --- pages: what a response holds and what it costs ------------------------------


def html_of(response) -> str:
    return response.content.decode()


def chart_of(html: str) -> dict:
    """The plotly figure a page draws (its JSON island)."""
    match = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no chart data in the page"
    return json.loads(match.group(1))


def chart_slugs(html: str) -> set[str]:
    """The slugs of the events the page's chart draws."""
    figure = chart_of(html)
    return {custom[0] for trace in figure["data"] for custom in trace.get("customdata", [])}


def queries_for(client, url, params=None, headers=None, **environ) -> int:
    """The number of SQL queries a GET of `url` costs; the answer must be a 200.
    `headers` by their HTTP names, or `environ` as WSGI keys (HTTP_HX_REQUEST=...)."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {}, headers=headers or {}, **environ)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


# --- the admin ----------------------------------------------------------------------

EVENT_CHANGELIST = "/admin/timeline/event/"
EVENT_ADD = "/admin/timeline/event/add/"
EVENT_IMPORT = "/admin/timeline/event/import/"


def event_form_data(effort, **overrides) -> dict:
    """A complete admin add/change form for an event with one source, as the browser would post it."""
    data = {
        "title": "Soyuz test flight",
        "slug": "soyuz-test-flight",
        "effort": effort.pk,
        "kind": "launch",
        "status": "happened",
        "published": "on",
        "start_0": "2021-10-05",
        "start_1": "08:55:00",
        "start_precision": "minute",
        "end_0": "",
        "end_1": "",
        "end_precision": "",
        "place": "Baikonur",
        "people": "Anton Shkaplerov",
        "summary": "A launch.",
        "notes": "",
        "image_alt": "",
        "image_caption": "",
        "image_credit": "",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        "sources-0-publisher": "TASS",
        "sources-0-published": "2021-10-05",
        "sources-0-title": "Soyuz launches",
        "sources-0-url": "https://tass.com/science/1345787",
        "sources-0-order": "0",
        "statements-TOTAL_FORMS": "0",
        "statements-INITIAL_FORMS": "0",
        "statements-MIN_NUM_FORMS": "0",
        "statements-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return in_english_fields(data)


def in_english_fields(data: dict) -> dict:
    """`data` with each translated text under its English field's name
    (title → title_en ...): admin edits the texts per language."""
    for name in ("title", "place", "people", "summary", "notes"):
        if name in data:
            data[f"{name}_en"] = data.pop(name)
    return data


def import_upload(data: bytes, name: str = "events.csv") -> SimpleUploadedFile:
    """`data` as the file sent in the admin's import form (CSV or JSON: the name says which)."""
    return SimpleUploadedFile(name, data, content_type="text/csv")


# --- import files ---------------------------------------------------------------------


def stored_rows():
    """Everything an import could touch, timestamps included: every stored
    event, source, statement, side and phase, as tuples in primary-key order."""
    return (
        list(Event.objects.order_by("pk").values_list()),
        list(Source.objects.order_by("pk").values_list()),
        list(Statement.objects.order_by("pk").values_list()),
        list(Effort.objects.order_by("pk").values_list()),
        list(Phase.objects.order_by("pk").values_list()),
    )


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def edit_csv(data: bytes, row: int, column: str, value: str) -> bytes:
    """The CSV with one cell changed; `row` counts as a spreadsheet does (header = 1)."""
    rows = csv_rows(data)
    rows[row - 1][rows[0].index(column)] = value
    return csv_bytes(rows)


@pytest.fixture
def seed_csv(client, seeded) -> bytes:
    """The seed events as the CSV export gives them."""
    return client.get("/export/events.csv").content


# --- browser tests -------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def playwright(playwright):
    """While Playwright's event loop runs in this thread, Django keeps its
    database connections per async context rather than per thread (asgiref),
    so the connections tests open then are not the ones the test-database
    teardown closes.  Close them before the loop stops, or PostgreSQL refuses
    to drop the test database ("being accessed by other users")."""
    yield playwright
    connections.close_all()


@pytest.fixture
def watched_page(page):
    """`page` and the list of its console errors and uncaught exceptions; at
    the end, the test fails if there were any, or a CSP violation in any of
    the page's frames (an embed's <iframe> included)."""
    problems: list[str] = []
    page.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.add_init_script(RECORD_CSP_VIOLATIONS)
    page.set_default_timeout(15_000)
    yield page, problems
    for frame in page.frames:
        violations = frame.evaluate("() => window.__violations || []")
        assert violations == [], (frame.url, violations)
    assert problems == [], problems


@pytest.fixture
def page_problems(page) -> PageProblems:
    """Records the console errors, uncaught exceptions and CSP violations of
    `page` from now on; call `.assert_none()` once the page has been used."""
    return PageProblems.watch(page)


TIMELINEJS = Path(__file__).resolve().parent.parent / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


@pytest.fixture
def timelinejs_page(page):
    """A blank page with TimelineJS 3 (from npm, a test tool never served) loaded;
    `page.errors` collects its uncaught exceptions."""
    if not (TIMELINEJS / "js" / "timeline.js").exists():
        pytest.fail("TimelineJS is missing: run `npm ci` (make test does).")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1200, "height": 800})
    page.set_content('<!doctype html><html><body><div id="timeline" style="height:700px"></div></body></html>')
    page.add_style_tag(path=str(TIMELINEJS / "css" / "timeline.css"))
    page.add_script_tag(path=str(TIMELINEJS / "js" / "timeline.js"))
    page.errors = errors
    return page


# --- a draft that must never reach the public (preview tests) --------------------

DRAFT_TITLE = "Secret first launch qq4preview"
DRAFT_SLUG = "qq4preview-secret-launch"


@pytest.fixture
def draft(seeded) -> Event:
    """A Russian launch before every other, unpublished: on the timeline, and
    the race's first launch, for staff only."""
    return Event.objects.create(
        effort=Effort.objects.get(slug="russia"),
        title=DRAFT_TITLE,
        slug=DRAFT_SLUG,
        kind=Event.Kind.LAUNCH,
        status=Event.Status.HAPPENED,
        start=utc(2021, 9, 1),
        start_precision="day",
        summary="A launch nobody announced.",
        published=False,
    )


# --- one event of the chart's input, for the pure chart tests ------------------------


def chart_event(slug="e", lane="russia", **overrides):
    """A ChartEvent (timeline.charts) with plain defaults: a Russian launch to the minute."""
    from timeline.charts import ChartEvent

    values = {
        "slug": slug,
        "lane": lane,
        "title": f"Title of {slug}",
        "kind": "launch",
        "kind_label": "Launch",
        "start": utc(2021, 10, 5, 8, 55),
        "start_precision": "minute",
    }
    return ChartEvent(**(values | overrides))

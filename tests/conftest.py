"""Shared fixtures.  Factories override only what a test depends on."""

from __future__ import annotations

import itertools
import os
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import post_delete, post_save

from timeline.models import Effort, Event, Phase, Source

from .browser_helpers import PageProblems

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
    values.update(overrides)
    event = Event.objects.create(effort=effort, **values)
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
def page_problems(page) -> PageProblems:
    """Records the console errors, uncaught exceptions and CSP violations of
    `page` from now on; call `.assert_none()` once the page has been used."""
    return PageProblems.watch(page)

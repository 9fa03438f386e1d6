"""/healthz tells the truth: 200 only when this process can read the tables
the pages read, and a 503 naming the failed check, quickly, when it cannot.

The faults are real: another connection holding a lock, a database file moved
away or corrupted, a server that accepts connections and never answers.  The
file-database cases run Django in a subprocess against a SQLite file of their
own, as an operator's process would; the lock on PostgreSQL runs against the
test database (tests/postgres.sh)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parent.parent
OK = {"status": "ok", "database": "ok", "checked": ["connection", "data version", "events"]}


def unavailable(database: str, failed: str) -> dict:
    return {"status": "unavailable", "database": database, "failed": failed}


# --- in this process ------------------------------------------------------------------


def test_healthz_reads_the_tables_the_pages_read(client, seeded):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == OK
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_is_ok_on_a_database_nothing_was_written_to_yet(client, db):
    assert client.get("/healthz").json() == OK


@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_is_exempt_from_the_https_redirect(client, db):
    page = client.get("/")
    assert page.status_code == 301
    assert page["Location"] == "https://testserver/"
    assert client.get("/healthz").status_code == 200


def current_timeout() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout" if connection.vendor == "postgresql" else "PRAGMA busy_timeout")
        return str(cursor.fetchone()[0])


def test_the_short_timeout_is_for_the_check_alone(client, db):
    before = current_timeout()
    assert client.get("/healthz").status_code == 200
    assert current_timeout() == before


needs_postgres = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL only (tests/postgres.sh)"
)


@needs_postgres
@pytest.mark.parametrize(("table", "failed"), [("timeline_dataversion", "data version"), ("timeline_event", "events")])
def test_a_table_locked_by_another_connection_gives_503_not_a_wait(transactional_db, client, seeded, table, failed):
    import psycopg

    params = connection.get_connection_params()
    with psycopg.connect(
        **{k: v for k, v in params.items() if k in {"host", "port", "user", "password", "dbname"}}
    ) as other:
        other.execute(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE")  # held until the rollback below
        response = client.get("/healthz")
        other.rollback()
    assert response.status_code == 503
    assert response.json() == unavailable("unreadable", failed)
    assert client.get("/healthz").json() == OK


# --- a process of its own, on a SQLite file or a server that never answers ---------------

PROBE = """
import json, logging
import django; django.setup()
logging.disable(logging.CRITICAL)
from django.test import Client
client = Client(raise_request_exception=False)
health = client.get("/healthz")
page = client.get("/race/") if {page} else None
print(json.dumps({{
    "health_status": health.status_code, "health": health.json(),
    "page_status": page and page.status_code, "page": page and page.content.decode(),
}}))
"""


def probe(database_url: str, *, page: bool = True) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "spacefilm.test_settings", "DATABASE_URL": database_url}
    # Bounded: a check that hung would fail here rather than block the suite.
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(page=page)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_pages_fail_and_health_says_why(outcome: dict, expected: dict) -> None:
    assert outcome["health_status"] == 503
    assert outcome["health"] == expected
    if outcome["page_status"] is not None:
        assert outcome["page_status"] == 500  # the premise: pages cannot read their data
        assert "Something went wrong on our side" in outcome["page"]
        assert "Traceback" not in outcome["page"]


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A migrated, seeded SQLite file, made once; tests take copies."""
    path = tmp_path_factory.mktemp("health") / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "spacefilm.test_settings", "DATABASE_URL": f"sqlite:///{path}"}
    for command in (["migrate", "--noinput"], ["seed_events"]):
        result = subprocess.run(
            [sys.executable, "manage.py", *command, "-v", "0"], cwd=BASE_DIR, env=env, capture_output=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def sqlite_file(migrated_sqlite, tmp_path) -> Path:
    return Path(shutil.copy(migrated_sqlite, tmp_path / "db.sqlite3"))


def test_a_healthy_sqlite_file_is_ok(sqlite_file):
    outcome = probe(f"sqlite:///{sqlite_file}")
    assert outcome["health_status"] == 200
    assert outcome["health"] == OK
    assert outcome["page_status"] == 200


def test_a_sqlite_file_locked_by_another_process_gives_503(sqlite_file):
    other = sqlite3.connect(sqlite_file, isolation_level=None)
    try:
        other.execute("BEGIN EXCLUSIVE")
        # Pages wait their own (longer) busy timeout, then fail: not probed here.
        outcome = probe(f"sqlite:///{sqlite_file}", page=False)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert_pages_fail_and_health_says_why(outcome, unavailable("unreadable", "data version"))
    assert probe(f"sqlite:///{sqlite_file}", page=False)["health"] == OK  # released


def test_a_sqlite_file_moved_away_gives_503(sqlite_file):
    sqlite_file.rename(sqlite_file.with_name("moved.sqlite3"))
    outcome = probe(f"sqlite:///{sqlite_file}")
    assert_pages_fail_and_health_says_why(outcome, unavailable("unreadable", "data version"))


def test_a_sqlite_file_with_a_corrupted_header_gives_503(sqlite_file):
    with sqlite_file.open("r+b") as file:
        file.write(b"not a database!!")  # over "SQLite format 3\0"
    outcome = probe(f"sqlite:///{sqlite_file}")
    assert_pages_fail_and_health_says_why(outcome, unavailable("unreadable", "data version"))


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def silent_server():
    """A port that accepts connections and never answers: a stopped database
    server, or a network that drops its replies."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)  # the kernel completes the handshakes; nothing ever reads
        yield server.getsockname()[1]


@pytest.mark.parametrize(
    "database_url",
    [
        pytest.param(lambda tmp, port: f"postgres://app:app@127.0.0.1:{closed_port()}/app", id="postgresql-refused"),
        pytest.param(lambda tmp, port: f"postgres://app:app@127.0.0.1:{port}/app", id="postgresql-never-answers"),
        pytest.param(lambda tmp, port: f"sqlite:///{tmp / 'no-such-dir' / 'db.sqlite3'}", id="sqlite-unopenable"),
    ],
)
def test_a_database_that_cannot_be_reached_gives_503_and_the_500_page(tmp_path, silent_server, database_url):
    outcome = probe(database_url(tmp_path, silent_server))
    assert_pages_fail_and_health_says_why(outcome, unavailable("unreachable", "connection"))
    assert "OperationalError" not in outcome["page"]

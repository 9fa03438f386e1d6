"""Oversized and malformed requests get a 4xx or the normal page, never a 500;
the admin login does not tell which accounts exist."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from .public_urls import public_routes

NO_ARGUMENT_ROUTES = [r for r in public_routes() if not r.params]


def assert_page_or_400(response) -> None:
    """A request Django refuses to parse gets the 400 page, one a form rejects a
    400 with the form's message, one it accepts the normal page: always one of
    the site's own pages, never a 5xx or a traceback."""
    assert response.status_code < 500
    if response.status_code in (200, 400) and response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        assert "Traceback" not in html
        assert "<h1" in html  # a page of the site, not a bare error
        assert "Space Film Race" in html


@pytest.mark.parametrize("route", NO_ARGUMENT_ROUTES, ids=str)
@pytest.mark.parametrize(
    "query",
    [
        pytest.param("&".join(f"kind=launch{i}" for i in range(1500)), id="too-many-fields"),
        pytest.param("q=" + "x" * 100_000, id="100k-search"),
        pytest.param("from=" + "9" * 5000 + "&to=-" + "9" * 5000, id="huge-dates"),
        pytest.param("q=%00%00&side=%00", id="nul-bytes"),
        pytest.param("q=%ff%fe%fd&kind=%c3%28", id="invalid-utf8"),
        pytest.param("%%%&&&===&q", id="malformed"),
    ],
)
def test_oversized_or_malformed_query_strings(client, seeded, route, query):
    assert_page_or_400(client.get(f"{route.template}?{query}"))


def test_a_view_that_reads_too_many_fields_answers_400(editor_client, seeded):
    """Past DATA_UPLOAD_MAX_NUMBER_FIELDS Django refuses to parse: the admin
    changelist reads its query string, so it shows the limit at work."""
    query = "&".join(f"f{i}=1" for i in range(1500))
    response = editor_client.get(f"/admin/timeline/event/?{query}")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


@pytest.mark.parametrize(
    "slug",
    [
        pytest.param("a" * 5000, id="5000-chars"),
        pytest.param("%00", id="nul"),
        pytest.param("%ff%fe", id="invalid-utf8"),
        pytest.param("..%2f..%2fsettings.py", id="traversal"),
        pytest.param("%F0%9F%9A%80" * 100, id="emoji"),
    ],
)
def test_oversized_or_strange_event_slugs_are_404(client, seeded, slug):
    response = client.get(f"/events/{slug}/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert len(html) < 20_000  # the path is shown truncated, not echoed in full


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("x" * 5000, id="name-too-long"),
        pytest.param("events/%00.jpg", id="nul"),
        pytest.param("../spacefilm/settings.py", id="traversal"),
        pytest.param("%2e%2e/%2e%2e/etc/passwd", id="encoded-traversal"),
    ],
)
def test_media_paths_the_filesystem_rejects_are_404(client, db, path):
    assert client.get(f"/media/{path}").status_code == 404


def test_oversized_form_post_is_refused_with_400(client, db):
    response = client.post("/admin/login/", {"username": "x", "password": "y" * 3_000_000})
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()


def test_wrong_method_is_405(client, db):
    assert client.post("/").status_code == 405
    assert client.post("/events/soyuz-ms-19-launch/").status_code == 405


# --- no account enumeration at the admin login -------------------------------------------


@pytest.fixture
def accounts(db):
    User.objects.create_user("staff-editor", password="right-password-123", is_staff=True)
    User.objects.create_user("reader", password="right-password-123", is_staff=False)
    User.objects.create_user("former-editor", password="right-password-123", is_staff=True, is_active=False)


def login_error(username: str, password: str) -> tuple[int, str]:
    response = Client().post("/admin/login/?next=/admin/", {"username": username, "password": password})
    html = response.content.decode()
    start = html.index('<p class="errornote">')
    return response.status_code, html[start : html.index("</p>", start)]


def test_admin_login_gives_the_same_answer_whether_or_not_the_account_exists(accounts):
    answers = {
        "unknown user": login_error("nobody-by-this-name", "right-password-123"),
        "wrong password": login_error("staff-editor", "wrong-password"),
        "not staff": login_error("reader", "right-password-123"),
        "inactive": login_error("former-editor", "right-password-123"),
        "unknown user, wrong password": login_error("nobody-by-this-name", "wrong-password"),
    }
    assert len(set(answers.values())) == 1, answers
    status, message = answers["unknown user"]
    assert status == 200
    assert "Please enter the correct username and password for a staff account." in message
    assert "inactive" not in message


def test_admin_login_still_works_for_a_staff_account(accounts):
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": "staff-editor", "password": "right-password-123"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"

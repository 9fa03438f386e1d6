"""Login throttling (django-axes): after repeated wrong passwords for one
account, or from one address, logins are refused with a page that says why
and for how long, without checking the password; an operator unlocks with
`manage.py axes_reset_username`.  Behind the proxy the client's own address
counts, not the proxy's."""

from __future__ import annotations

import html as html_lib
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, RequestFactory

from spacefilm.login_throttle import client_ip

LOGIN = "/admin/login/?next=/admin/"
RIGHT = "correct horse battery"  # the editor fixture's password


def log_in(client: Client, username: str, password: str, **environ):
    return client.post(LOGIN, {"username": username, "password": password}, **environ)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def fail(client: Client, username: str, times: int, **environ) -> list[int]:
    """Wrong passwords, `times` over; the status of each answer."""
    return [log_in(client, username, "wrong password", **environ).status_code for _ in range(times)]


def test_an_account_is_locked_after_repeated_failures_with_a_clear_page(client, editor):
    # The login form again, with Django's own message, until the limit; the failure reaching it is refused.
    assert fail(client, "editor", settings.AXES_FAILURE_LIMIT) == [200, 200, 200, 200, 429]
    response = log_in(client, "editor", RIGHT)  # even the right password, now
    assert response.status_code == 429
    page = html_lib.unescape(response.content.decode())
    assert "<h1>Too many failed logins</h1>" in page
    assert "There have been 5 or more failed logins for the account “editor” or from your address" in page
    assert "logging in is paused for 15 minutes" in page
    assert "manage.py axes_reset_username editor" in page
    # Answered before the login view runs: no login form rendered, so no password checked.
    assert [template.name for template in response.templates] == ["admin/locked_out.html"]
    # From another address too: it is the account that is locked.
    assert log_in(Client(), "editor", RIGHT, REMOTE_ADDR="198.51.100.7").status_code == 429


def test_an_address_is_locked_after_failures_for_many_accounts(client, editor):
    for n in range(settings.AXES_FAILURE_LIMIT):
        fail(client, f"guess-{n}", 1, REMOTE_ADDR="203.0.113.9")
    assert log_in(client, "editor", RIGHT, REMOTE_ADDR="203.0.113.9").status_code == 429
    assert logged_in(log_in(Client(), "editor", RIGHT, REMOTE_ADDR="198.51.100.7"))


def test_a_success_before_the_limit_starts_the_count_again(client, editor):
    fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1)
    assert logged_in(log_in(client, "editor", RIGHT))
    client.logout()
    fail(client, "editor", settings.AXES_FAILURE_LIMIT - 1)
    assert logged_in(log_in(client, "editor", RIGHT))


def test_the_unlock_command_lets_the_account_in_again(client, editor):
    fail(client, "editor", settings.AXES_FAILURE_LIMIT)
    assert log_in(client, "editor", RIGHT).status_code == 429
    call_command("axes_reset_username", "editor", stdout=io.StringIO())
    # The address was locked by the same failures; unlock it too, as the page says.
    call_command("axes_reset_ip", "127.0.0.1", stdout=io.StringIO())
    assert logged_in(log_in(client, "editor", RIGHT))


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.PROXY_COUNT = 1


def test_behind_the_proxy_each_client_is_throttled_by_its_own_address(client, editor, behind_proxy):
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    guesser = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for n in range(settings.AXES_FAILURE_LIMIT):
        fail(client, f"guess-{n}", 1, **guesser)
    assert log_in(client, "someone", "x", **guesser).status_code == 429
    # Everyone else reaches the site through the same proxy and is not locked out.
    assert logged_in(log_in(Client(), "editor", RIGHT, **proxy, HTTP_X_FORWARDED_FOR="198.51.100.7"))


def test_a_guesser_cannot_dodge_the_lock_by_sending_its_own_forwarded_for(client, editor, behind_proxy):
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The client makes up the left part; the proxy appends the address it saw.
        fail(client, f"guess-{n}", 1, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9")
    response = log_in(client, "x", "y", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9")
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("behind", "count", "forwarded", "expected"),
    [
        (False, 1, "203.0.113.9", "10.0.0.2"),  # not behind a proxy: the header is the client's word, ignored
        (True, 1, "203.0.113.9", "203.0.113.9"),
        (True, 1, "192.0.2.1, 203.0.113.9", "203.0.113.9"),
        (True, 2, "192.0.2.1, 203.0.113.9, 10.0.0.5", "203.0.113.9"),
        (True, 2, "203.0.113.9", "10.0.0.2"),  # fewer hops than proxies: the header is not to be trusted
        (True, 1, "not-an-address", "10.0.0.2"),
        (True, 1, "", "10.0.0.2"),
        (True, 1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_the_client_address(settings, behind, count, forwarded, expected):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = behind, count
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected

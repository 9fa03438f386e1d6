"""Security headers on pages, error pages and admin; the CSP stays strict.

This module doubles as a URLconf (`pytest.mark.urls(__name__)`): the site's
own URLs plus three views that fail on purpose, to reach the 400, 403 and 500
pages."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import override_settings
from django.urls import path

from spacefilm.urls import urlpatterns as site_urlpatterns
from timeline.models import Source

from .public_urls import public_routes


def fail_with_server_error(request):
    raise RuntimeError("secret detail that must not reach the reader")


def fail_with_permission_denied(request):
    raise PermissionDenied("secret detail")


def fail_with_bad_request(request):
    raise SuspiciousOperation("secret detail")


urlpatterns = [
    path("boom/500/", fail_with_server_error),
    path("boom/403/", fail_with_permission_denied),
    path("boom/400/", fail_with_bad_request),
    *site_urlpatterns,
]


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_security_headers(response, *, frameable: bool = False) -> dict[str, list[str]]:
    """`frameable`: the embeddable chart, which other sites may frame as
    DJANGO_EMBED_FRAME_ANCESTORS allows; every other page refuses frames."""
    if frameable:
        assert "X-Frame-Options" not in response
    else:
        assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = parse_csp(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"][0] == "'self'"
    assert all(v.startswith("'nonce-") for v in csp["script-src"][1:]), csp["script-src"]
    if frameable:
        assert csp["frame-ancestors"] == settings.EMBED_FRAME_ANCESTORS
    else:
        assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    everything = " ".join(v for values in csp.values() for v in values)
    for loophole in ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:"]:
        assert loophole not in csp["script-src"], loophole
    assert "'unsafe-eval'" not in everything
    assert "'unsafe-inline'" not in everything
    return csp


def assert_error_page(response, status: int, heading: str) -> str:
    assert response.status_code == status
    html = response.content.decode()
    assert f'<h1 id="error-title">{heading}</h1>' in html
    assert 'href="/"' in html  # a way back
    assert "secret detail" not in html
    assert "Traceback" not in html
    return html


# --- pages ---------------------------------------------------------------------------


def test_page_has_the_security_headers_and_a_matching_nonce(client, seeded):
    response = client.get("/events/soyuz-ms-19-launch/")
    csp = assert_security_headers(response)
    nonce = csp["script-src"][1].removeprefix("'nonce-").removesuffix("'")
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts, "the page loads htmx"
    for tag in scripts:
        # No inline script bodies; JSON data islands (the scripts' words) are never run.
        assert "src=" in tag or 'type="application/json"' in tag
        if "nonce=" in tag:
            assert f'nonce="{nonce}"' in tag
    assert f'nonce="{nonce}"' in html
    # A fresh nonce for every response.
    assert client.get("/events/soyuz-ms-19-launch/")["Content-Security-Policy"] != response["Content-Security-Policy"]


@pytest.mark.parametrize("route", [r for r in public_routes() if not r.params], ids=str)
def test_every_public_page_sends_the_headers_and_has_no_inline_code(client, seeded, route):
    response = client.get(route.template)
    assert_security_headers(response, frameable=route.name == "timeline:embed")
    if response.get("Content-Type", "").startswith("text/html"):
        # A <textarea>'s content is text, not markup (the embed snippet to copy).
        html = re.sub(r"(<textarea\b[^>]*>).*?(</textarea>)", r"\1\2", response.content.decode(), flags=re.S)
        # Scripts come from files; an inline <script> may only be a JSON data island (json_script).
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, tag
        assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
        assert not re.search(r"\sstyle\s*=", html), "inline style attribute (blocked by style-src)"
        assert "javascript:" not in html


def test_admin_login_has_the_security_headers(client):
    assert_security_headers(client.get("/admin/login/"))


@override_settings(SECURE_SSL_REDIRECT=True, SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_https_responses_carry_hsts(client, seeded):
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")
    insecure = client.get("/events/soyuz-ms-19-launch/?side=russia")
    assert insecure.status_code == 301
    assert insecure["Location"] == "https://testserver/events/soyuz-ms-19-launch/?side=russia"


# --- error pages ---------------------------------------------------------------------


def test_404_page_matches_the_site_and_keeps_the_headers(client, db):
    response = client.get("/events/no-such-event/")
    html = assert_error_page(response, 404, "Page not found")
    assert "/events/no-such-event/" in html
    assert '<link rel="stylesheet" href="/static/timeline/timeline.css">' in html
    assert_security_headers(response)


@pytest.mark.urls(__name__)
def test_500_page_shows_no_detail_needs_no_database_and_keeps_the_headers(client, caplog):
    """No `db` fixture: any query while handling the error would fail the test."""
    client.raise_request_exception = False
    response = client.get("/boom/500/")
    html = assert_error_page(response, 500, "Something went wrong on our side")
    assert "RuntimeError" not in html
    assert_security_headers(response)
    # The detail goes to the log, for the operator.
    assert "secret detail" in caplog.text


@pytest.mark.urls(__name__)
def test_403_page(client, db):
    response = client.get("/boom/403/")
    assert_error_page(response, 403, "Access denied")
    assert_security_headers(response)


@pytest.mark.urls(__name__)
def test_400_page(client, db):
    response = client.get("/boom/400/")
    assert_error_page(response, 400, "Bad request")
    assert_security_headers(response)


def test_unknown_host_gets_the_400_page(client, db):
    response = client.get("/", headers={"host": "evil.example"})
    assert_error_page(response, 400, "Bad request")
    assert "evil.example" not in response.content.decode()


def test_csrf_failure_page_explains_and_saves_nothing(db, editor):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/admin/login/", {"username": "editor", "password": "correct horse battery"})
    html = assert_error_page(response, 403, "The form could not be verified")
    assert "Nothing was saved." in html
    assert "_auth_user_id" not in strict.session


# --- stored links ----------------------------------------------------------------------


@pytest.mark.parametrize("route", [r for r in public_routes() if r.name != "media"], ids=str)
def test_no_public_url_prints_a_stored_javascript_url(client, seeded, route):
    """Every source's URL set behind the validators' back (as a shell or a
    migration could): no page, fragment, export or feed prints it at all; the
    event page names the sources without links (tests/test_outputs.py)."""
    Source.objects.update(url="JavaScript:alert(document.domain)")
    path = route.url(slug="soyuz-ms-19-launch") if route.params else route.template
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(path, headers=headers)
        assert response.status_code < 400, path
        assert b"javascript:" not in response.content.lower(), (path, headers)

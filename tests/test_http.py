"""HTTP methods at every public URL: GET and HEAD answer alike (uptime
monitors and link checkers use HEAD); every other method is a 405 that says
which methods are allowed.

The routes come from the URLconf (tests/public_urls.py), so a new page is
covered as soon as it exists."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from timeline.models import Event

from .public_urls import public_routes

ROUTES = public_routes()
REFUSED = ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]


@pytest.fixture
def path_values(seeded, settings, tmp_path) -> dict[str, str]:
    """A value for each path parameter that names something real: a published
    event, and its uploaded image (so /media/ has a file to serve)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    event = Event.objects.get(slug="soyuz-ms-19-launch")
    event.image.save("launch.png", ContentFile(b"\x89PNG a small image"), save=True)
    return {"slug": event.slug, "path": event.image.name}


def url_of(route, values: dict[str, str]) -> str:
    return route.url(**{name: values[name] for name in route.param_names})


def body(response) -> bytes:
    """The body as the client received it (reading a file response to its end closes it)."""
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_head_answers_wherever_get_does(client, path_values, route):
    url = url_of(route, path_values)
    get = client.get(url)
    assert get.status_code in (200, 302), f"{url}: {get.status_code}"
    assert body(get) or get.status_code == 302
    head = client.head(url)
    assert head.status_code == get.status_code
    assert body(head) == b""
    for header in ("Content-Type", "Location"):
        assert head.get(header) == get.get(header), header


@pytest.mark.parametrize("method", REFUSED)
@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_every_other_method_is_refused_with_405(client, path_values, route, method):
    response = client.generic(method, url_of(route, path_values))
    assert response.status_code == 405, f"{method} {route.template}: {response.status_code}"
    assert response["Allow"] == "GET, HEAD"


def test_a_refused_method_changes_nothing(editor_client, seeded):
    """Staff included: the public URLs are read-only for everyone."""
    count = Event.objects.count()
    for method in REFUSED:
        response = editor_client.generic(method, "/events/soyuz-ms-19-launch/", "title=changed")
        assert response.status_code == 405, method
    assert Event.objects.count() == count
    assert Event.objects.get(slug="soyuz-ms-19-launch").title != "changed"

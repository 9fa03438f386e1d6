"""Drafts never leak: not on any public URL, page or htmx fragment, filtered or
searched, for anonymous readers or for logged-in readers who are not staff.

A draft "canary" carries two words no published text contains: TOKEN, in its
slug and searchable text, which requests use to ask for it; and MARK, in every
field a page could show and in its image, which no request contains and so no
page can echo.  Every public route (enumerated from the URLconf, so new pages
are covered as they are added) is requested in every way we know: MARK must
never come back, nor TOKEN unless the request itself carried it (a 404 page
may show the path asked for, a search box the words searched).  A control test
publishes the canary and finds both, so the check cannot pass by looking in
the wrong place."""

from __future__ import annotations

from itertools import product

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from timeline.models import Effort, Event, Source

from .conftest import utc
from .public_urls import public_routes

TOKEN = "zq7draftleak"
MARK = "vx9hiddenmark"
DRAFT_SLUG = f"{TOKEN}-secret-reshoot"
ROUTES = public_routes()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def canary(seeded, media_root) -> Event:
    """A draft between two published Russian launch-week events."""
    event = Event.objects.create(
        effort=Effort.objects.get(slug="russia"),
        title=f"Secret reshoot {TOKEN} {MARK}",
        slug=DRAFT_SLUG,
        kind=Event.Kind.FILMING,
        status=Event.Status.HAPPENED,
        start=utc(2021, 10, 6),
        start_precision="day",
        place=f"Studio {MARK}",
        people=f"Person {MARK}",
        summary=f"A reshoot nobody announced ({TOKEN}, {MARK}).",
        notes=f"Notes {MARK}",
        image_alt=f"Alt {MARK}",
        image_caption=f"Caption {MARK}",
        image_credit=f"Credit {MARK}",
        published=False,
    )
    event.image.save(f"{TOKEN}.png", ContentFile(b"\x89PNG not really " + MARK.encode()), save=True)
    Source.objects.create(event=event, url=f"https://{MARK}.example/", publisher=f"Publisher {MARK}", order=0)
    return event


def neighbour_slugs(event: Event) -> list[str]:
    published = Event.objects.published()
    before = published.filter(start__lt=event.start).order_by("-start").first()
    after = published.filter(start__gt=event.start).order_by("start").first()
    return [e.slug for e in (before, after) if e]


def query_variants(event: Event) -> list[str]:
    """Every way of asking a page for the draft: its words, its side, its kind,
    its dates."""
    day = event.start.date().isoformat()
    return [
        "",
        f"q={TOKEN}",
        "q=Secret+reshoot",
        f"side={event.effort.slug}",
        f"kind={event.kind}",
        f"from={day}&to={day}",
        f"side={event.effort.slug}&kind={event.kind}&from={day}&to={day}&q=reshoot",
        f"slug={event.slug}",
        f"event={event.slug}",
        "format=json",
        "format=csv",
        "format=ics",
    ]


def param_values(event: Event) -> list[str]:
    """Values for a route's path parameters: the draft's slug and image path
    first, then its published neighbours (whose prev/next links must skip it)."""
    return [event.slug, event.image.name, *neighbour_slugs(event)]


def all_requests(event: Event):
    values = param_values(event)
    for route in ROUTES:
        for combo in product(values, repeat=len(route.params)):
            path = route.url(**dict(zip(route.param_names, combo, strict=True)))
            for query in query_variants(event):
                for htmx in (False, True):
                    yield route, combo, path + (f"?{query}" if query else ""), htmx


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        body = b"".join(response.streaming_content)
        response.close()
        return body
    return response.content


def assert_no_leak(client: Client, event: Event) -> int:
    requests = 0
    for route, combo, url, htmx in all_requests(event):
        response = client.get(url, headers={"HX-Request": "true"} if htmx else {})
        requests += 1
        assert response.status_code < 500, url
        body = body_of(response).lower()
        assert MARK.encode() not in body, f"the draft leaks at {url} (htmx={htmx})"
        if TOKEN not in url:
            assert TOKEN.encode() not in body, f"the draft's slug or words leak at {url} (htmx={htmx})"
        if event.slug in combo and route.name == "timeline:event":
            assert response.status_code == 404, url
        if event.image.name in combo and route.name == "media":
            assert response.status_code == 404, url
    return requests


@pytest.fixture
def reader_client(django_user_model):
    """Logged in, not staff: a reader with an account (e.g. a former editor)."""
    client = Client()
    client.force_login(django_user_model.objects.create_user("reader", password="x" * 16))
    return client


def test_draft_is_absent_for_anonymous_readers(client, canary):
    assert assert_no_leak(client, canary) > 100


def test_draft_is_absent_for_logged_in_readers(reader_client, canary):
    assert assert_no_leak(reader_client, canary) > 100


def test_draft_event_page_and_image_are_404(client, canary):
    assert client.get(f"/events/{canary.slug}/").status_code == 404
    assert client.get(f"/events/{canary.slug}/", headers={"HX-Request": "true"}).status_code == 404
    assert client.get(f"/media/{canary.image.name}").status_code == 404


def test_staff_can_see_the_draft_image_they_are_editing(editor_client, canary):
    response = editor_client.get(f"/media/{canary.image.name}")
    assert response.status_code == 200
    assert MARK.encode() in body_of(response)


def test_control_the_token_shows_once_the_canary_is_published(client, canary):
    """Without this, a page that renders nothing would pass the leak tests."""
    Event.objects.filter(pk=canary.pk).update(published=True)
    index = client.get("/").content.decode()
    assert MARK in index
    assert f'href="/events/{DRAFT_SLUG}/"' in index
    page = client.get(f"/events/{canary.slug}/").content.decode()
    assert f"Secret reshoot {TOKEN} {MARK}" in page
    assert f"https://{MARK}.example/" in page
    image = client.get(f"/media/{canary.image.name}")
    assert image.status_code == 200
    assert MARK.encode() in body_of(image)

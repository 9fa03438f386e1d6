"""Draft preview: staff see drafts on the public pages, marked "Draft — not
public", and can switch that off; nobody else ever sees one, and no stored
page crosses between staff and the public, whichever asks first (the page
cache is on, as in production: timeline/caching.py).

Every public URL is asked (tests/public_urls.py), as a page and as htmx
asks for it: the timeline, its fragment, the panel, the event page and the
race show the draft to staff; the exports, the feed and the embed never do."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from timeline.models import Event
from timeline.preview import DRAFT_MARK

from .conftest import DRAFT_SLUG, DRAFT_TITLE
from .public_urls import public_routes

TITLE, SLUG = DRAFT_TITLE, DRAFT_SLUG
ROUTES = public_routes()
PREVIEWED = {"timeline:index", "timeline:event", "timeline:race"}  # the pages that show staff the drafts
HX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/"}
PREVIEW_TOGGLE = "/admin/timeline/event/preview/"


@pytest.fixture
def reader() -> Client:
    return Client()


def requests_for(route) -> list[tuple[str, dict]]:
    """The route as a page and as htmx asks for it (with the race's target on `/`)."""
    values = {"slug": SLUG, "path": "events/nothing-here.png"}
    url = route.url(**{name: values[name] for name in route.param_names})
    asks = [(url, {}), (url, HX)]
    if route.name == "timeline:index":
        asks.append((url, {**HX, "HX-Target": "race-table"}))
    return asks


def text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


def assert_staff_view(response, route, url, headers) -> None:
    shown = route.name in PREVIEWED  # on `/` with the race's target too: the draft is the first launch
    assert (TITLE in text(response)) == shown, f"staff, {url} {headers}"
    if route.name not in PREVIEWED:
        return
    assert "private" in response.headers.get("Cache-Control", ""), url
    assert "no-store" in response.headers.get("Cache-Control", ""), url
    assert response.headers.get("X-Robots-Tag") == "noindex", url
    assert "ETag" not in response.headers, url


def assert_public_view(response, url, headers) -> None:
    assert TITLE not in text(response), f"anonymous, {url} {headers}"
    assert SLUG not in text(response) or SLUG in url, url
    assert DRAFT_MARK not in text(response), url
    assert "X-Robots-Tag" not in response.headers, url


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_staff_first_then_the_public(route, editor_client, reader, draft):
    for url, headers in requests_for(route):
        assert_staff_view(editor_client.get(url, headers=headers), route, url, headers)
        for _ in range(2):  # rendered, then (where it is stored) from the cache
            assert_public_view(reader.get(url, headers=headers), url, headers)


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_the_public_first_then_staff(route, editor_client, reader, draft):
    for url, headers in requests_for(route):
        for _ in range(2):
            assert_public_view(reader.get(url, headers=headers), url, headers)
        assert_staff_view(editor_client.get(url, headers=headers), route, url, headers)
        assert_public_view(reader.get(url, headers=headers), url, headers)


def test_a_public_page_is_still_stored_and_revalidated_for_readers(reader, editor_client, draft):
    """Staff requests bypass the cache; readers' pages are stored as before."""
    editor_client.get("/")
    first = reader.get("/")
    assert first.headers["ETag"]
    assert reader.get("/", HTTP_IF_NONE_MATCH=first.headers["ETag"]).status_code == 304


def test_the_draft_is_marked_on_each_page_staff_see(editor_client, draft):
    index = text(editor_client.get("/"))
    assert f'href="/events/{SLUG}/"' in index
    assert DRAFT_MARK in index
    assert "Hide drafts" in index
    assert '<meta name="robots" content="noindex">' in index
    page = text(editor_client.get(f"/events/{SLUG}/"))
    assert "Draft — not public." in page
    assert f"<title>Draft — {TITLE} — Space Film Race</title>" in page
    panel = text(editor_client.get(f"/events/{SLUG}/", headers=HX))
    assert "Draft — not public." in panel
    race = text(editor_client.get("/race/"))
    assert TITLE in race
    assert "drafts count here as if they were published" in race


def test_published_events_carry_no_mark_for_staff(editor_client, seeded):
    page = text(editor_client.get("/events/soyuz-ms-19-launch/"))
    assert "draft-banner" not in page
    assert "Preview:" in page  # the bar says drafts would be shown, and offers to hide them


def test_switching_preview_off_shows_staff_what_readers_see(editor_client, draft):
    response = editor_client.post(PREVIEW_TOGGLE, {"show": "0", "next": "/race/"})
    assert response.status_code == 302
    assert response["Location"] == "/race/"
    index = text(editor_client.get("/"))
    assert TITLE not in index
    assert "Preview off" in index
    assert "Show drafts" in index
    assert TITLE not in text(editor_client.get("/race/"))
    # The draft's own page still opens for them, marked: they asked for it.
    assert "Draft — not public." in text(editor_client.get(f"/events/{SLUG}/"))

    editor_client.post(PREVIEW_TOGGLE, {"show": "1", "next": "/"})
    assert TITLE in text(editor_client.get("/"))


def test_the_switch_is_for_staff_only_and_goes_back_only_to_this_site(reader, editor_client, draft):
    refused = reader.post(PREVIEW_TOGGLE, {"show": "1"})
    assert refused.status_code == 302
    assert "/login/" in refused["Location"]
    response = editor_client.post(PREVIEW_TOGGLE, {"show": "0", "next": "https://elsewhere.example/"})
    assert response["Location"] == "/"
    assert editor_client.get(PREVIEW_TOGGLE).status_code == 405


def test_view_on_site_opens_a_draft_for_staff(editor_client, draft):
    change = text(editor_client.get(f"/admin/timeline/event/{draft.pk}/change/"))
    content_type = ContentType.objects.get_for_model(Event)
    assert f"/admin/r/{content_type.pk}/{draft.pk}/" in change
    response = editor_client.get(f"/admin/r/{content_type.pk}/{draft.pk}/", follow=True)
    assert response.status_code == 200
    assert TITLE in text(response)
    assert "Draft — not public." in text(response)


def test_exports_and_the_feed_stay_public_only_for_staff(editor_client, draft):
    for url in ("/feed/", "/export/events.json", "/export/events.csv", "/export/events.ics", "/embed/"):
        assert TITLE not in text(editor_client.get(url)), url


def test_a_reader_with_an_account_sees_no_draft_and_gets_stored_pages(django_user_model, draft):
    reader = Client()
    reader.force_login(django_user_model.objects.create_user("reader", password="x" * 16))
    for url in ("/", f"/events/{SLUG}/", "/race/"):
        response = reader.get(url)
        assert TITLE not in text(response), url
        assert "preview-bar" not in text(response), url

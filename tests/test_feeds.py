"""The Atom feed of new and updated events."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from timeline.models import Event

from .conftest import make_event

ATOM = "{http://www.w3.org/2005/Atom}"


def entries(client) -> list[ET.Element]:
    response = client.get("/feed/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_feed_lists_events_newest_update_first(client, russia, united_states):
    now = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    older = make_event(russia, title="Older news", slug="older-news")
    newer = make_event(united_states, title="Newer news", slug="newer-news")
    edited = make_event(russia, title="Edited today", slug="edited-today")
    Event.objects.filter(pk=older.pk).update(updated=now - dt.timedelta(days=3))
    Event.objects.filter(pk=newer.pk).update(updated=now - dt.timedelta(days=1))
    Event.objects.filter(pk=edited.pk).update(updated=now)

    found = entries(client)
    assert [e.findtext(f"{ATOM}title") for e in found] == [
        "Russia: Edited today",
        "United States: Newer news",
        "Russia: Older news",
    ]
    first = found[0]
    assert first.find(f"{ATOM}link").get("href") == "http://testserver/events/edited-today/"
    assert first.findtext(f"{ATOM}id") == "http://testserver/events/edited-today/"
    assert first.findtext(f"{ATOM}updated") == "2024-01-01T00:00:00+00:00"
    summary = first.findtext(f"{ATOM}summary")
    assert "Summary of event" in summary
    assert '<a href="https://example.org/' in summary
    assert {c.get("term") for c in first.findall(f"{ATOM}category")} == {"Russia", "Status update"}


def test_drafts_are_never_in_the_feed(client, russia):
    make_event(russia, title="Secret draft title", slug="secret-draft", published=False)
    make_event(russia, title="Public title", slug="public-event")
    body = client.get("/feed/").content.decode()
    assert "Public title" in body
    assert "Secret draft title" not in body
    assert "secret-draft" not in body


def test_publishing_a_draft_puts_it_at_the_top(client, russia):
    make_event(russia, title="Already out", slug="already-out")
    draft = make_event(russia, title="Just published", slug="just-published", published=False)
    Event.objects.filter(slug="already-out").update(updated=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert [e.findtext(f"{ATOM}title") for e in entries(client)] == ["Russia: Already out"]
    draft.published = True
    draft.save()
    assert [e.findtext(f"{ATOM}title") for e in entries(client)][0] == "Russia: Just published"


def test_seed_feed_is_valid_atom(client, seeded):
    feed = ET.fromstring(client.get("/feed/").content)
    assert feed.findtext(f"{ATOM}title") == "Space Film Race: new and updated events"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://testserver/feed/"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Space Film Race editors"
    assert len(feed.findall(f"{ATOM}entry")) == 34


def test_a_vertical_tab_in_stored_text_does_not_take_the_feed_down(client, russia):
    """Word's Shift+Enter (U+000B), in a row written past the model's cleaning: XML cannot hold it."""
    event = make_event(russia, title="Launch", slug="launch")
    Event.objects.filter(pk=event.pk).update(title="Launch\x0bday", summary="First line\x0bsecond line")
    (entry,) = entries(client)
    assert entry.findtext(f"{ATOM}title") == "Russia: Launchday"
    assert "First linesecond line" in entry.findtext(f"{ATOM}summary")

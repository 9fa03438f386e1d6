"""Public words are for readers: editors' internal notes and the seed's
research words never reach a page, a fragment, an export or the feed.

Every public route (enumerated from the URLconf, `public_urls`) is asked for,
as a page and as an htmx fragment, for the whole seed: no body may say
"Seed", nor any event's internal notes.  A control test shows the reader
notes do reach the event's page, so the walk is looking in the right place."""

from __future__ import annotations

import json
import re
from html import escape
from urllib.parse import quote

import pytest

from timeline import services
from timeline.models import Event, Source

from .public_urls import public_routes

ROUTES = public_routes()
MARK = "qv4internalonly"


def _internal_probe(text: str) -> list[str]:
    """Distinctive pieces of an internal note: the whole note, and its first long sentence."""
    first = re.split(r"(?<=[.;:])\s", text)[0][:60]
    return [text, first] if len(first) >= 25 else [text]


def public_bodies(client):
    """(url, body) for every public route asked in every way a reader can."""
    slugs = list(Event.objects.published().values_list("slug", flat=True))
    page_urls = {"/": "", "/race/": ""}
    for route in ROUTES:
        if not route.params:
            for query in ("", "as_of=2021-10-06", "url=" + quote("http://testserver/")):
                yield from _asked(client, route.url() + (f"?{query}" if query else ""))
        elif route.param_names == ["slug"]:
            for slug in slugs:
                yield from _asked(client, route.url(slug=slug))
    for url in page_urls:
        yield from _asked(client, url)


def _asked(client, url):
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get(url, headers=headers)
        assert response.status_code < 500, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        yield url, body.decode("utf-8", "replace")


@pytest.fixture
def marked(seeded):
    """The seed, with one published event's internal notes carrying MARK."""
    event = Event.objects.get(slug="soyuz-ms-18-lands")
    event.internal_notes = f"Check the landing time again {MARK}."
    event.save()
    return event


def test_no_public_body_says_seed_or_shows_internal_notes(client, marked):
    probes = {MARK}
    for note in Event.objects.exclude(internal_notes="").values_list("internal_notes", flat=True):
        probes.update(_internal_probe(note))
    asked = 0
    for url, body in public_bodies(client):
        asked += 1
        assert "Seed" not in body, url
        assert "seed news" not in body.lower(), url
        for probe in probes:
            assert probe not in body, (url, probe)
            assert escape(probe) not in body, (url, probe)
    assert asked > 60


def test_the_seed_keeps_research_notes_internal_and_writes_reader_notes():
    seed = json.loads(services.SEED_FILE.read_text(encoding="utf-8"))
    events = {event["slug"]: event for event in seed["events"]}
    assert "deleted" in events["nasa-confirms-cruise-collaboration"]["internal_notes"]
    assert events["nasa-confirms-cruise-collaboration"]["notes"] == ""
    # The reader's note where the sources truly differ: 16 against 17 October.
    landing = events["soyuz-ms-18-lands"]["notes"]
    assert "16 October" in landing
    assert "17 October" in landing
    assert "UTC" not in landing.split(".")[0]
    for event in seed["events"]:
        for source in event["sources"]:
            assert not source["title"].startswith("["), source["title"]
            assert "seed" not in source["publisher"].lower()


def test_the_article_is_shown_as_a_news_article_of_6_october_2021(client, seeded):
    page = client.get("/events/soyuz-ms-18-lands/").content.decode()
    assert "Unattributed news article</span>, 6 Oct 2021" in page
    assert "Russia beats the US in a new space battle: the cinematic one" in page
    assert "Where the sources differ" in page
    assert "expected the crew back on Earth on 16 October" in page
    race = client.get("/race/").content.decode()
    assert "Unattributed news article (6 Oct 2021) said 16 Oct 2021" in race


def test_a_json_import_without_internal_notes_keeps_them(client, marked):
    """A public export carries no internal notes; importing it back must not erase the editors'."""
    exported = json.loads(client.get("/export/events.json").content)
    assert all("internal_notes" not in event for event in exported["events"])
    services.interchange.import_payload(exported)
    assert MARK in Event.objects.get(slug="soyuz-ms-18-lands").internal_notes


def test_an_import_sets_internal_notes(db, seeded):
    seed = json.loads(services.SEED_FILE.read_text(encoding="utf-8"))
    for event in seed["events"]:
        event["internal_notes"] = f"{MARK} {event['slug']}"
    services.interchange.import_payload(seed)
    assert Event.objects.get(slug="first-trailer-airs").internal_notes == f"{MARK} first-trailer-airs"
    assert Source.objects.filter(publisher="Unattributed news article").count() == 3

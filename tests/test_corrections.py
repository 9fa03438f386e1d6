"""Public corrections: a published event whose date, title or status changes
needs a note for readers, shown on its page, in its panel and in the feed as
"Corrected on <date>: <note>"; for a draft the note is optional."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.test import Client
from django.utils import timezone

from timeline.models import Correction, Event

from .conftest import EVENT_ADD, event_form_data, in_english_fields, make_event

NOTE = "The launch was on 5 October, not 4 October."


@pytest.fixture
def published(russia) -> Event:
    return make_event(russia, sources=0, title="Soyuz test flight", slug="soyuz-test-flight", published=True)


def post_change(client, event, **overrides):
    data = event_form_data(event.effort, slug=event.slug, **{"sources-TOTAL_FORMS": "0"})
    data.update(
        {"start_0": event.start.date().isoformat(), "start_1": "00:00:00", "start_precision": "day"},
        published="on" if event.published else "",
    )
    data.update(overrides)
    return client.post(f"/admin/timeline/event/{event.pk}/change/", in_english_fields(data))


def words_of(html: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split()).replace(" :", ":")


def today_text() -> str:
    today = timezone.localdate()
    return f"{today.day} {today:%b %Y}"


@pytest.mark.parametrize(
    ("change", "what"),
    [
        ({"title": "Soyuz MS-19 test flight"}, "title"),
        ({"start_0": "2021-10-05"}, "date"),
        ({"start_precision": "month", "start_0": "2021-01-01"}, "date"),
        ({"status": "unconfirmed"}, "status"),
    ],
)
def test_a_published_events_date_title_or_status_needs_a_note(editor_client, published, change, what):
    before = Event.objects.get(pk=published.pk)
    response = post_change(editor_client, published, **change)
    assert response.status_code == 200
    page = html_lib.unescape(response.content.decode())
    assert f"This event is published and its {what} changed: write a correction note" in page
    stored = Event.objects.get(pk=published.pk)
    assert (stored.title, stored.start, stored.status) == (before.title, before.start, before.status)
    assert not Correction.objects.exists()


def test_the_note_is_saved_and_shown_on_the_page_the_panel_and_the_feed(editor_client, published):
    response = post_change(editor_client, published, start_0="2021-10-05", correction_note=NOTE)
    assert response.status_code == 302
    (correction,) = Correction.objects.filter(event=published)
    assert correction.note == NOTE
    assert correction.date == timezone.localdate()

    reader = Client()
    for headers in ({}, {"HX-Request": "true"}):  # the page, and the timeline's panel
        page = reader.get(f"/events/{published.slug}/", headers=headers).content.decode()
        assert f"Corrected on {today_text()}: {NOTE}" in words_of(page)
        assert f'<time datetime="{timezone.localdate():%Y-%m-%d}">' in page
    feed = html_lib.unescape(reader.get("/feed/").content.decode())
    assert f"<strong>Corrected on {today_text()}:</strong> {NOTE}" in feed


def test_other_changes_need_no_note_and_tell_readers_nothing(editor_client, published):
    assert post_change(editor_client, published, summary="A longer summary.").status_code == 302
    assert Event.objects.get(pk=published.pk).summary == "A longer summary."
    assert not Correction.objects.exists()
    assert "Corrected on" not in Client().get(f"/events/{published.slug}/").content.decode()


def test_a_drafts_note_is_optional(editor_client, russia):
    draft = make_event(russia, sources=0, title="A draft", published=False)
    assert post_change(editor_client, draft, title="A better draft title").status_code == 302
    assert Event.objects.get(pk=draft.pk).title == "A better draft title"
    assert not Correction.objects.exists()
    assert post_change(editor_client, draft, title="Third title", correction_note="Renamed.").status_code == 302
    assert list(draft.corrections.values_list("note", flat=True)) == ["Renamed."]


def test_a_new_event_needs_no_note(editor_client, russia):
    assert editor_client.post(EVENT_ADD, event_form_data(russia)).status_code == 302
    assert not Correction.objects.exists()


def test_the_form_explains_the_note(editor_client, published):
    page = html_lib.unescape(editor_client.get(f"/admin/timeline/event/{published.pk}/change/").content.decode())
    assert "Correction note" in page
    assert "Required when a published event’s date, title or status changes" in page

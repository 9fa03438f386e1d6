"""The editors' trail: every change through admin is in Django's admin log
and on the event's history page; deleting asks first and lists what goes with
the event (its sources)."""

from __future__ import annotations

import html as html_lib
import re

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType

from timeline.models import Event, Source

from .conftest import EVENT_ADD, EVENT_CHANGELIST, event_form_data, make_event


def history_text(client, event: Event) -> str:
    response = client.get(f"/admin/timeline/event/{event.pk}/history/")
    assert response.status_code == 200
    text = re.sub(r"<[^>]+>", " ", response.content.decode())  # the words, as a reader sees them
    return " ".join(html_lib.unescape(text).replace("\xa0", " ").split())


def entries_for(event_pk: int) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Event), object_id=str(event_pk)
        ).order_by("action_time", "pk")
    )


def test_adding_then_changing_an_event_is_logged_and_shown_in_its_history(editor_client, editor, russia):
    assert editor_client.post(EVENT_ADD, event_form_data(russia)).status_code == 302
    event = Event.objects.get(slug="soyuz-test-flight")
    source = event.sources.get()

    change = event_form_data(
        russia,
        title="Soyuz MS-19 test flight",
        **{
            "sources-INITIAL_FORMS": "1",
            "sources-0-id": str(source.pk),
            "sources-0-event": str(event.pk),
            "sources-0-publisher": "Roscosmos",
        },
        correction_note="The flight's name was wrong.",
    )
    response = editor_client.post(f"/admin/timeline/event/{event.pk}/change/", change)
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""

    added, changed = entries_for(event.pk)
    assert added.action_flag == ADDITION
    assert changed.action_flag == CHANGE
    assert {added.user, changed.user} == {editor}
    assert changed.object_repr == "Soyuz MS-19 test flight"
    message = changed.get_change_message()
    assert "Changed Title [en]" in message
    assert "Changed Publisher for source" in message

    # The history page: every version with who made it and each field's old and new value.
    history = history_text(editor_client, event)
    assert "Title: Soyuz test flight → Soyuz MS-19 test flight" in history
    assert "Publisher: TASS → Roscosmos" in history
    assert "editor" in history
    assert history.index("Changed") < history.index("Created")  # newest first


def test_bulk_publish_is_in_each_events_history(editor_client, russia):
    drafts = [make_event(russia, published=False, sources=0) for _ in range(2)]
    editor_client.post(EVENT_CHANGELIST, {"action": "publish", "_selected_action": [str(e.pk) for e in drafts]})
    for event in drafts:
        (entry,) = entries_for(event.pk)
        assert entry.action_flag == CHANGE
        assert "Published: False → True" in history_text(editor_client, event)


def test_a_change_that_fails_validation_leaves_no_trail(editor_client, russia):
    event = make_event(russia, sources=0)
    bad = event_form_data(russia, slug=event.slug, start_0="2021-02-31", **{"sources-TOTAL_FORMS": "0"})
    assert editor_client.post(f"/admin/timeline/event/{event.pk}/change/", bad).status_code == 200
    assert entries_for(event.pk) == []


def test_delete_asks_for_confirmation_listing_the_sources(editor_client, russia):
    event = make_event(russia, title="Doomed event", sources=2)
    sources = list(event.sources.all())
    page = editor_client.get(f"/admin/timeline/event/{event.pk}/delete/")
    assert page.status_code == 200
    html = html_lib.unescape(page.content.decode())
    assert "Are you sure you want to delete the event “Doomed event”?" in html
    for source in sources:
        assert f"Source: {source}" in html
    assert "Sources: 2" in html  # the summary of what goes with it
    # Asking is not deleting.
    assert Event.objects.filter(pk=event.pk).exists()
    assert Source.objects.filter(event=event).count() == 2


def test_confirmed_delete_removes_the_sources_and_is_logged(editor_client, editor, russia):
    event = make_event(russia, title="Doomed event", sources=2)
    pk = event.pk
    response = editor_client.post(f"/admin/timeline/event/{pk}/delete/", {"post": "yes"}, follow=True)
    assert response.status_code == 200
    assert "was deleted successfully" in html_lib.unescape(response.content.decode())
    assert not Event.objects.filter(pk=pk).exists()
    assert not Source.objects.filter(event_id=pk).exists()

    (entry,) = entries_for(pk)
    assert entry.action_flag == DELETION
    assert entry.object_repr == "Doomed event"
    assert entry.user == editor
    # The editor's recent actions on the admin index keep the deleted title.
    index = html_lib.unescape(editor_client.get("/admin/").content.decode())
    assert "Doomed event" in index


def test_bulk_delete_also_confirms_and_lists_the_sources(editor_client, russia):
    events = [make_event(russia, sources=1) for _ in range(2)]
    ids = [str(e.pk) for e in events]
    page = editor_client.post(EVENT_CHANGELIST, {"action": "delete_selected", "_selected_action": ids})
    assert page.status_code == 200
    html = html_lib.unescape(page.content.decode())
    assert "Are you sure you want to delete the selected events?" in html
    for event in events:
        assert f"Source: {event.sources.get()}" in html
    assert Event.objects.count() == 2

    editor_client.post(EVENT_CHANGELIST, {"action": "delete_selected", "_selected_action": ids, "post": "yes"})
    assert not Event.objects.exists()
    assert not Source.objects.exists()
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 2

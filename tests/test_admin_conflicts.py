"""No lost update: a save from a form opened before someone else's save is
refused, says what changed meanwhile, and keeps the editor's input."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.test import Client

from timeline.models import Effort, Event, Phase

from .conftest import event_form_data, make_event, make_phase


def opened_as(page_html: str, prefix: str = "") -> str:
    """The hidden snapshot a change form carries, as the browser would send it back."""
    match = re.search(rf'name="{re.escape(prefix)}opened_as" value="([^"]*)"', page_html)
    assert match, f"no {prefix}opened_as in the form"
    return html_lib.unescape(match.group(1))


def change_url(model: str, pk: int) -> str:
    return f"/admin/timeline/{model}/{pk}/change/"


@pytest.fixture
def other_client(db, django_user_model) -> Client:
    """A second editor, in their own browser."""
    from django.contrib.auth.models import Group

    other = django_user_model.objects.create_user("other", password="another good password", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(other)
    return client


def event_change(event: Event, token: str, **overrides) -> dict:
    # A published event's changed title needs a correction note (timeline.corrections).
    defaults = {"sources-TOTAL_FORMS": "0", "correction_note": "The title was corrected."}
    return event_form_data(event.effort, slug=event.slug, opened_as=token, **{**defaults, **overrides})


def test_a_stale_event_save_is_refused_with_what_changed_and_the_input_kept(editor_client, other_client, russia):
    event = make_event(russia, sources=0, title="Old title", summary="A launch.")
    url = change_url("event", event.pk)
    mine = opened_as(editor_client.get(url).content.decode())
    theirs = opened_as(other_client.get(url).content.decode())

    assert other_client.post(url, event_change(event, theirs, title="Their new title")).status_code == 302

    response = editor_client.post(url, event_change(event, mine, title="Old title", summary="My better summary."))
    assert response.status_code == 200
    page = html_lib.unescape(response.content.decode())
    assert "Someone else saved this event after you opened it, so your changes were not saved." in page
    assert "Title [en]: Old title → Their new title" in page
    assert "My better summary.</textarea>" in page  # the editor's input is still in the form
    event.refresh_from_db()
    assert (event.title, event.summary) == ("Their new title", "A launch.")

    # Having seen what changed, saving again keeps the editor's version, deliberately.
    again = opened_as(response.content.decode())
    assert again != mine
    response = editor_client.post(url, event_change(event, again, title="Old title", summary="My better summary."))
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.summary) == ("Old title", "My better summary.")


def test_saving_twice_from_fresh_forms_is_never_refused(editor_client, russia):
    event = make_event(russia, sources=0, title="Old title")
    url = change_url("event", event.pk)
    for title in ("First", "Second"):
        token = opened_as(editor_client.get(url).content.decode())
        assert editor_client.post(url, event_change(event, token, title=title)).status_code == 302
    event.refresh_from_db()
    assert event.title == "Second"


def test_a_change_to_a_source_meanwhile_is_caught_in_the_inline(editor_client, other_client, russia):
    event = make_event(russia, sources=1, title="Launch")
    source = event.sources.get()
    url = change_url("event", event.pk)
    page = editor_client.get(url).content.decode()
    event_token, source_token = opened_as(page), opened_as(page, "sources-0-")
    source.publisher = "Roscosmos"
    source.save()

    data = event_change(
        event,
        event_token,
        title="Launch",
        **{
            "sources-TOTAL_FORMS": "1",
            "sources-INITIAL_FORMS": "1",
            "sources-0-id": str(source.pk),
            "sources-0-event": str(event.pk),
            "sources-0-publisher": "TASS",
            "sources-0-url": source.url,
            "sources-0-opened_as": source_token,
        },
    )
    response = editor_client.post(url, data)
    assert response.status_code == 200
    page = html_lib.unescape(response.content.decode())
    assert "Someone else saved this source after you opened it" in page
    assert "Publisher: Publisher 0 → Roscosmos" in page
    source.refresh_from_db()
    assert source.publisher == "Roscosmos"


def test_a_stale_side_or_phase_save_is_refused(editor_client, russia):
    url = change_url("effort", russia.pk)
    token = opened_as(editor_client.get(url).content.decode())
    Effort.objects.filter(pk=russia.pk).update(film_title="Вызов")
    data = {
        "name_en": "Russia",
        "slug": "russia",
        "country": "RU",
        "film_title_en": "Challenge",
        "organisations": "",
        "colour": "#b3261e",
        "order": 1,
        "opened_as": token,
    }
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "Film title [en]: Challenge → Вызов" in html_lib.unescape(response.content.decode())
    assert Effort.objects.get(pk=russia.pk).film_title == "Вызов"

    phase = make_phase(name="Flight")
    url = change_url("phase", phase.pk)
    token = opened_as(editor_client.get(url).content.decode())
    Phase.objects.filter(pk=phase.pk).update(end=phase.end.replace(month=7))
    data = {"name": "Flight", "slug": phase.slug, "start": "2021-01-01", "end": "2021-06-01", "order": 0}
    response = editor_client.post(url, {**data, "opened_as": token})
    assert response.status_code == 200
    assert "End: 2021-06-01 → 2021-07-01" in html_lib.unescape(response.content.decode())


def test_a_damaged_snapshot_is_refused_with_a_message_not_a_500(editor_client, russia):
    event = make_event(russia, sources=0, title="Old title")
    url = change_url("event", event.pk)
    response = editor_client.post(url, event_change(event, "not-a-real-snapshot", title="New"))
    assert response.status_code == 200
    assert "record of what it showed is damaged: reload the page" in response.content.decode()
    event.refresh_from_db()
    assert event.title == "Old title"

"""Editors in admin: a staff user in the Editors group, not a superuser."""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timeline.models import Effort, Event, Phase, Source

from .conftest import EVENT_ADD, EVENT_CHANGELIST, event_form_data, make_event

RANGE = "The %s must lie between 1957-10-04 and 2100-12-31 (got %s)."


def test_editor_sees_changelist_with_date_at_precision(editor_client, seeded):
    response = editor_client.get(EVENT_CHANGELIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "May – 4 Oct 2021" in html
    assert "17 Oct 2021, 04:35 UTC" in html
    assert "Publish the selected events" in html


def test_editor_filters_and_searches(editor_client, seeded):
    # By primary key, as admin's filter links do; ids differ between databases.
    us = Effort.objects.get(slug="united-states").pk
    html = editor_client.get(EVENT_CHANGELIST, {"effort__id__exact": us, "q": "Liman"}).content.decode()
    assert "Doug Liman attached as director" in html
    assert "Soyuz MS-19 lifts off" not in html


def test_changelist_query_count_is_constant(editor_client, russia):
    def queries_for_changelist(expected_rows):
        editor_client.get(EVENT_CHANGELIST)  # warm the session and content types
        with CaptureQueriesContext(connection) as queries:
            response = editor_client.get(EVENT_CHANGELIST)
        assert response.context["cl"].result_count == expected_rows
        assert len(response.context["cl"].result_list) == expected_rows
        return len(queries)

    for _ in range(10):
        make_event(russia, sources=2)
    with_10 = queries_for_changelist(10)
    for _ in range(40):
        make_event(russia, sources=2)
    assert queries_for_changelist(50) == with_10


def test_editor_adds_an_event_with_a_source(editor_client, russia):
    response = editor_client.post(EVENT_ADD, event_form_data(russia))
    assert response.status_code == 302, response.context["adminform"].errors if response.context else ""
    event = Event.objects.get(slug="soyuz-test-flight")
    assert event.start_display == "5 Oct 2021, 08:55 UTC"
    assert event.sources.get().publisher == "TASS"
    assert LogEntry.objects.filter(object_id=str(event.pk)).exists()


def test_editor_changes_an_event(editor_client, russia):
    event = make_event(russia, sources=0, title="Old title")
    url = f"/admin/timeline/event/{event.pk}/change/"
    page = editor_client.get(url)
    assert page.status_code == 200
    assert "View on site" in page.content.decode()
    data = event_form_data(
        russia,
        title="New title",
        slug=event.slug,
        correction_note="The title was wrong.",
        **{"sources-TOTAL_FORMS": "0"},
    )
    assert editor_client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.title == "New title"


# One statement in the event's inline, to which a case adds its bad value.
STATEMENT = {
    "statements-TOTAL_FORMS": "1",
    "statements-0-kind": "plan",
    "statements-0-publisher": "TASS",
    "statements-0-order": "0",
}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end_0": "2021-10-01", "end_1": "00:00:00", "end_precision": "day"}, "cannot be before the start"),
        ({"start_0": "2021-02-31"}, "Enter a valid date."),
        ({"start_precision": "day"}, "A day-precision date must be 00:00 UTC"),
        ({"start_0": "2021-05-13", "start_1": "00:00:00", "start_precision": "month"}, "must be the 1st of the month"),
        ({**STATEMENT, "statements-0-date_precision": "day"}, "no stated date given"),
        (
            {**STATEMENT, "statements-0-date_0": "2021-10-16", "statements-0-date_1": "00:00:00"},
            "Give the stated date&#x27;s precision",
        ),
        ({**STATEMENT, "statements-0-kind": "claim"}, "needs the date it gave"),
        # Dates outside the accepted range: a typo for 2021, and the far future
        # (which once answered 500 instead of a message).
        ({"start_0": "0021-11-03", "start_1": "00:00:00", "start_precision": "day"}, RANGE % ("start", "0021-11-03")),
        ({"start_0": "9999-12-31", "start_1": "00:00:00", "start_precision": "day"}, RANGE % ("start", "9999-12-31")),
        ({"start_0": "9999-12-31", "start_1": "23:59:00"}, RANGE % ("start", "9999-12-31")),
        ({"start_0": "9999-01-01", "start_1": "00:00:00", "start_precision": "year"}, RANGE % ("start", "9999-01-01")),
        ({"end_0": "2101-01-01", "end_1": "00:00:00", "end_precision": "day"}, RANGE % ("end", "2101-01-01")),
        (
            {
                **STATEMENT,
                "statements-0-date_0": "1957-10-03",
                "statements-0-date_1": "00:00:00",
                "statements-0-date_precision": "day",
            },
            RANGE % ("stated date", "1957-10-03"),
        ),
        ({"sources-0-published": "0021-11-03"}, RANGE % ("publication date", "0021-11-03")),
        (
            {
                **STATEMENT,
                "statements-0-kind": "cancellation",
                "statements-0-announced_0": "9999-12-31",
                "statements-0-announced_1": "00:00:00",
                "statements-0-announced_precision": "day",
            },
            RANGE % ("publication date", "9999-12-31"),
        ),
        # Links readers follow are web links only.
        (
            {"sources-0-url": "javascript:alert(1)"},
            "Give a web address starting with http:// or https:// (not javascript:).",
        ),
        (
            {"sources-0-url": "ftp://ftp.example.org/launch.txt"},
            "Give a web address starting with http:// or https:// (not ftp:).",
        ),
    ],
)
def test_bad_input_is_rejected_with_a_message_and_nothing_saved(editor_client, russia, overrides, message):
    response = editor_client.post(EVENT_ADD, event_form_data(russia, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Event.objects.filter(slug="soyuz-test-flight").exists()
    assert not Source.objects.exists()


def test_duplicate_slug_is_rejected_and_nothing_saved(editor_client, russia):
    make_event(russia, slug="soyuz-test-flight", title="The first one", sources=0)
    response = editor_client.post(EVENT_ADD, event_form_data(russia))
    assert response.status_code == 200
    assert "Event with this Slug already exists." in response.content.decode()
    assert Event.objects.filter(slug="soyuz-test-flight").count() == 1
    assert not Source.objects.exists()


def test_bulk_publish_and_unpublish(editor_client, russia):
    drafts = [make_event(russia, published=False, sources=0) for _ in range(3)]
    ids = [str(e.pk) for e in drafts]
    response = editor_client.post(EVENT_CHANGELIST, {"action": "publish", "_selected_action": ids}, follow=True)
    assert "3 events published." in response.content.decode()
    assert Event.objects.filter(published=True).count() == 3
    editor_client.post(EVENT_CHANGELIST, {"action": "unpublish", "_selected_action": ids[:1]})
    assert Event.objects.filter(published=False).count() == 1


def test_staff_without_the_group_cannot_edit(client, django_user_model, russia):
    user = django_user_model.objects.create_user("visitor", password="x" * 12, is_staff=True)
    client.force_login(user)
    assert client.get(EVENT_CHANGELIST).status_code == 403


@pytest.mark.parametrize(("field", "value"), [("start", "0021-11-03"), ("end", "9999-12-31")])
def test_a_phase_outside_the_date_range_is_refused(editor_client, field, value):
    data = {"name_en": "Pre-production", "slug": "pre-production", "start": "2021-01-01", "end": "2021-06-30"}
    data["order"] = 0
    response = editor_client.post("/admin/timeline/phase/add/", {**data, field: value})
    assert response.status_code == 200
    assert RANGE % (field, value) in response.content.decode()
    assert not Phase.objects.exists()


def test_control_characters_are_removed_from_what_an_editor_saves(editor_client, russia):
    # Word's Shift+Enter pastes a vertical tab; XML cannot hold one, so it once took the feed down.
    title = "Soyuz\x0b test flight"
    data = event_form_data(
        russia, title=title, summary="Line one\r\nline two\x0c.", **{"sources-0-title": "Soyuz\x1b launches"}
    )
    assert editor_client.post(EVENT_ADD, data).status_code == 302
    event = Event.objects.get(slug="soyuz-test-flight")
    assert event.title == "Soyuz test flight"
    assert event.summary == "Line one\nline two."
    assert event.sources.get().title == "Soyuz launches"
    feed = editor_client.get("/feed/")
    assert feed.status_code == 200
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{atom}title") for entry in ET.fromstring(feed.content).iter(f"{atom}entry")]
    assert any("Soyuz test flight" in title for title in titles)


def test_the_length_limit_counts_the_text_as_stored(editor_client, russia):
    title = "x" * 200  # the most a title may hold, plus an invisible control character
    response = editor_client.post(EVENT_ADD, event_form_data(russia, title=title[:100] + "\x0b" + title[100:]))
    assert response.status_code == 302
    assert Event.objects.get(slug="soyuz-test-flight").title == title

"""The admin's "Import events" page."""

from __future__ import annotations

import json

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.contrib.auth.models import Permission, User
from django.test import Client

from timeline import interchange
from timeline.models import Event

from .conftest import EVENT_CHANGELIST, EVENT_IMPORT, csv_bytes, csv_rows, edit_csv, import_upload, stored_rows


@pytest.fixture
def viewer_client(client, db):
    """Staff who may view and change events, but not add them."""
    user = User.objects.create_user("viewer", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_event", "change_event"], content_type__app_label="timeline")
    )
    client.force_login(user)
    return client


def test_import_needs_add_and_change_permission(client, viewer_client, seed_csv):
    assert viewer_client.get(EVENT_IMPORT).status_code == 403
    before = stored_rows()
    assert viewer_client.post(EVENT_IMPORT, {"file": import_upload(seed_csv), "import": "Import"}).status_code == 403
    assert "Import events" not in viewer_client.get(EVENT_CHANGELIST).content.decode()
    client.logout()
    response = client.get(EVENT_IMPORT)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert stored_rows() == before


def test_editors_find_the_page_from_the_changelist(editor_client, db):
    html = editor_client.get(EVENT_CHANGELIST).content.decode()
    assert f'<a href="{EVENT_IMPORT}">Import events</a>' in html
    page = editor_client.get(EVENT_IMPORT)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="preview"' in html
    assert 'name="import"' in html
    assert "at most 5 MB" in html


def test_preview_shows_the_changes_and_writes_nothing(editor_client, seed_csv):
    data = edit_csv(seed_csv, 2, "title", "A sharper headline")
    rows = csv_rows(data)
    new = rows[2][:]
    new[0] = "a-brand-new-event"
    rows.append(new)
    slug = rows[1][0]
    before = stored_rows()
    response = editor_client.post(EVENT_IMPORT, {"file": import_upload(csv_bytes(rows)), "preview": "Preview changes"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview of events.csv: nothing has been written" in html
    assert "Events: 1 would be created, 1 would be updated, 33 unchanged." in html
    assert f"<td>{slug}</td><td>update: title</td>" in html
    assert "<td>a-brand-new-event</td><td>create</td>" in html
    assert stored_rows() == before
    assert not LogEntry.objects.exists()


def test_import_writes_logs_and_returns_to_the_changelist(editor_client, editor, seed_csv):
    data = edit_csv(seed_csv, 2, "title", "A sharper headline")
    rows = csv_rows(data)
    new = rows[2][:]
    new[0] = "a-brand-new-event"
    rows.append(new)
    slug = rows[1][0]
    response = editor_client.post(
        EVENT_IMPORT, {"file": import_upload(csv_bytes(rows)), "import": "Import"}, follow=True
    )
    assert response.redirect_chain == [(EVENT_CHANGELIST, 302)]
    assert "Imported events.csv. Events: 1 created, 1 updated, 33 unchanged." in response.content.decode()
    assert Event.objects.get(slug=slug).title == "A sharper headline"
    assert Event.objects.filter(slug="a-brand-new-event").exists()
    entries = {(e.object_repr, e.action_flag, e.change_message) for e in LogEntry.objects.filter(user=editor)}
    assert entries == {
        ("A sharper headline", CHANGE, "Imported from events.csv: changed title."),
        (Event.objects.get(slug="a-brand-new-event").title, ADDITION, "Imported from events.csv."),
    }


def test_a_bad_file_lists_every_problem_and_writes_nothing(editor_client, seed_csv):
    data = edit_csv(edit_csv(seed_csv, 2, "effort", "mars"), 3, "end", "2001-01-01")
    before = stored_rows()
    response = editor_client.post(EVENT_IMPORT, {"file": import_upload(data), "import": "Import"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was imported from events.csv. Fix these 2 problems and choose the file again:" in html
    assert "<li>row 2, column effort: unknown side “mars” (known: russia, united-states).</li>" in html
    assert "<li>row 3, column end: The end (1 Jan 2001) cannot be before the start (5 May 2020).</li>" in html
    assert stored_rows() == before


def test_a_non_utf8_file_is_explained(editor_client, db):
    response = editor_client.post(EVENT_IMPORT, {"file": import_upload(b"slug\n\xff\n"), "import": "Import"})
    assert response.status_code == 400
    assert (
        "file: the file is not UTF-8 text (byte 0xff on line 2). Save it as UTF-8 (in Excel: “CSV UTF-8”) and "
        "try again." in response.content.decode()
    )


def test_no_file_chosen(editor_client, db):
    response = editor_client.post(EVENT_IMPORT, {"import": "Import"})
    assert response.status_code == 400
    assert "Choose a file to import." in response.content.decode()


def test_a_50_mb_upload_is_refused_unread(editor_client, seed_csv):
    before = stored_rows()
    response = editor_client.post(EVENT_IMPORT, {"file": import_upload(b"x" * (50 * 1024 * 1024)), "import": "Import"})
    assert response.status_code == 413
    assert (
        "file: the file is 50.0 MB; imports are limited to 5 MB (5,242,880 bytes). Split it into smaller files."
        in response.content.decode()
    )
    assert stored_rows() == before


def test_an_upload_just_over_the_limit_stops_being_read(editor_client, seed_csv):
    before = stored_rows()
    data = b"x" * (interchange.MAX_IMPORT_BYTES + 1024)
    response = editor_client.post(EVENT_IMPORT, {"file": import_upload(data), "import": "Import"})
    assert response.status_code == 413
    assert (
        "file: the file is larger than the limit; imports are limited to 5 MB (5,242,880 bytes). "
        "Split it into smaller files." in response.content.decode()
    )
    assert stored_rows() == before


def test_csrf_is_still_checked(editor, seed_csv):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(editor)
    before = stored_rows()
    response = csrf_client.post(
        EVENT_IMPORT, {"file": import_upload(edit_csv(seed_csv, 2, "title", "x")), "import": "Import"}
    )
    assert response.status_code == 403
    assert stored_rows() == before


def test_editors_cannot_create_sides_through_a_json_import(editor_client, seed_csv, client):
    document = json.loads(client.get("/export/events.json").content)
    china = {"slug": "china", "name": "China", "name_ru": "Китай", "order": 3}
    document["efforts"].append({**document["efforts"][0], **china})
    before = stored_rows()
    response = editor_client.post(
        EVENT_IMPORT, {"file": import_upload(json.dumps(document).encode(), "events.json"), "import": "Import"}
    )
    assert response.status_code == 400
    assert "permission: the file would create the side “china”, which your account may not do." in (
        response.content.decode()
    )
    assert stored_rows() == before
    # The plain export (sides unchanged) imports fine for an editor.
    del document["efforts"][-1]
    response = editor_client.post(EVENT_IMPORT, {"file": import_upload(json.dumps(document).encode(), "events.json")})
    assert "Importing this file would change nothing." in response.content.decode()


def test_a_preview_of_a_hostile_value_is_a_400_naming_it(editor_client, seed_csv, client):
    text = client.get("/export/events.json").content.decode()
    text = text.replace('"order": 1', '"order": Infinity', 1)
    before = stored_rows()
    response = editor_client.post(
        EVENT_IMPORT, {"file": import_upload(text.encode(), "events.json"), "preview": "Preview changes"}
    )
    assert response.status_code == 400
    assert "<li>efforts[1].order: expected a whole number, not Infinity.</li>" in response.content.decode()
    assert stored_rows() == before


def test_the_preview_finds_what_import_would_refuse(editor_client, seed_csv):
    data = edit_csv(seed_csv, 3, "start", "9999-12-31")
    before = stored_rows()
    for button in ({"preview": "Preview changes"}, {"import": "Import"}):
        response = editor_client.post(EVENT_IMPORT, {"file": import_upload(data), **button})
        assert response.status_code == 400
        assert (
            "<li>row 3, column start: “9999-12-31” is outside the accepted range, 1957-10-04 … 2100-12-31.</li>"
            in response.content.decode()
        )
    assert stored_rows() == before


def test_a_preview_refuses_two_new_sides_with_one_name(admin_client, seed_csv, client):
    document = json.loads(client.get("/export/events.json").content)
    china = {**document["efforts"][0], "slug": "china", "name": "China", "name_ru": "Китай", "order": 3}
    document["efforts"] += [china, {**china, "slug": "china-national"}]
    before = stored_rows()
    response = admin_client.post(EVENT_IMPORT, {"file": import_upload(json.dumps(document).encode(), "events.json")})
    assert response.status_code == 400
    assert "<li>efforts[4].name: duplicate name “China”: also in efforts[3].</li>" in response.content.decode()
    assert stored_rows() == before

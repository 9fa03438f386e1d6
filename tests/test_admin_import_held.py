"""Import in one go: the previewed file is kept for the account that
previewed it, so importing it needs no second upload; it is deleted after
the import or once it expires, and no other account can use it."""

from __future__ import annotations

import html as html_lib
import os
import re
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.test import Client

from timeline import import_holds
from timeline.models import Event

from .conftest import EVENT_CHANGELIST, EVENT_IMPORT, edit_csv, import_upload, stored_rows


def preview(client, data: bytes, name: str = "events.csv"):
    response = client.post(EVENT_IMPORT, {"file": import_upload(data, name), "preview": "Preview changes"})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response


def held_token(response) -> str:
    match = re.search(r'name="held" value="([^"]+)"', response.content.decode())
    assert match, "the preview offers no import of the kept file"
    return match.group(1)


@pytest.fixture
def other_editor_client(db) -> Client:
    other = User.objects.create_user("other", password="another good password", is_staff=True)
    other.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(other)
    return client


def test_preview_then_import_without_choosing_the_file_again(editor_client, seed_csv, import_hold_dir):
    response = preview(editor_client, edit_csv(seed_csv, 2, "title", "A sharper headline"))
    page = html_lib.unescape(response.content.decode())
    assert "The file is kept for 30 minutes, for your account only" in page
    assert 'value="Import events.csv"' in page
    token = held_token(response)
    assert len(list(import_hold_dir.iterdir())) == 2  # the bytes and what they are

    response = editor_client.post(EVENT_IMPORT, {"held": token, "import": "Import events.csv"}, follow=True)
    assert response.redirect_chain == [(EVENT_CHANGELIST, 302)]
    assert "Imported events.csv. Events: 0 created, 1 updated, 33 unchanged." in response.content.decode()
    assert Event.objects.filter(title="A sharper headline").count() == 1
    assert LogEntry.objects.filter(change_message="Imported from events.csv: changed title.").count() == 1
    assert list(import_hold_dir.iterdir()) == []  # deleted once imported

    # Used once: the same token again is refused, and nothing is written twice.
    before = stored_rows()
    response = editor_client.post(EVENT_IMPORT, {"held": token, "import": "Import events.csv"})
    assert response.status_code == 400
    assert "the previewed file is no longer kept" in html_lib.unescape(response.content.decode())
    assert stored_rows() == before


def test_another_account_cannot_use_the_kept_file(editor_client, other_editor_client, seed_csv, import_hold_dir):
    token = held_token(preview(editor_client, edit_csv(seed_csv, 2, "title", "A sharper headline")))
    before = stored_rows()
    response = other_editor_client.post(EVENT_IMPORT, {"held": token, "import": "Import"})
    assert response.status_code == 400
    assert "choose the file again" in html_lib.unescape(response.content.decode())
    assert stored_rows() == before
    # Still the previewing editor's to import.
    assert editor_client.post(EVENT_IMPORT, {"held": token, "import": "Import"}).status_code == 302


def test_a_kept_file_expires_and_is_deleted(editor_client, seed_csv, import_hold_dir):
    token = held_token(preview(editor_client, edit_csv(seed_csv, 2, "title", "A sharper headline")))
    old = time.time() - import_holds.HOLD_SECONDS - 60
    for path in import_hold_dir.iterdir():
        os.utime(path, (old, old))
    before = stored_rows()
    response = editor_client.post(EVENT_IMPORT, {"held": token, "import": "Import"})
    assert response.status_code == 400
    assert "previews are kept 30 minutes" in html_lib.unescape(response.content.decode())
    assert stored_rows() == before
    assert list(import_hold_dir.iterdir()) == []


@pytest.mark.parametrize("token", ["../../etc/passwd", "x" * 32, "", "a" * 500])
def test_a_made_up_token_is_a_message_not_a_500(editor_client, db, token):
    response = editor_client.post(EVENT_IMPORT, {"held": token, "import": "Import"})
    assert response.status_code == 400
    page = html_lib.unescape(response.content.decode())
    assert "choose the file again" in page or "Choose a file to import." in page


def test_a_preview_that_changes_nothing_keeps_nothing(editor_client, seed_csv, import_hold_dir):
    response = preview(editor_client, seed_csv)
    assert "Importing this file would change nothing." in response.content.decode()
    assert 'name="held"' not in response.content.decode().split('id="import-form"')[0]
    assert not import_hold_dir.exists() or list(import_hold_dir.iterdir()) == []

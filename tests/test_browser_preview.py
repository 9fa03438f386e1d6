"""Draft preview in real Chromium: an editor sees the draft on the timeline
and in its panel, unmistakably marked, switches preview off and on with the
bar's button, and a reader in another browser context never sees it; all
under the strict Content Security Policy, without console errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from playwright.sync_api import expect

from .browser_helpers import assert_no_axe_violations
from .conftest import DRAFT_SLUG, DRAFT_TITLE

pytestmark = pytest.mark.browser

TITLE, SLUG = DRAFT_TITLE, DRAFT_SLUG


def log_in_as_editor(context, live_server) -> None:
    """The browser carries an editor's session, as after signing in to admin."""
    editor = User.objects.create_user("editor", password="correct horse battery", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_an_editor_sees_the_draft_marked_and_can_switch_preview_off(
    live_server, transactional_db, draft, watched_page, browser
):
    page, _problems = watched_page
    log_in_as_editor(page.context, live_server)
    page.goto(live_server.url + "/")
    expect(page.locator(".preview-bar")).to_contain_text("drafts are shown")
    row = page.locator(f"#results li.event-item[data-slug={SLUG}]")
    expect(row).to_be_visible()
    expect(row.locator(".draft-mark")).to_have_text("Draft — not public")
    expect(row.locator(".draft-mark")).to_be_visible()
    expect(page.locator("#chart[data-chart-ready]")).to_have_count(1)

    row.locator("a.event-link").click()  # the panel
    expect(page.locator("#panel .draft-banner")).to_contain_text("Draft — not public.")
    expect(page.locator("#panel .draft-banner")).to_be_visible()
    assert_no_axe_violations(page, context={"include": [".preview-bar", "#panel", "#results"]})
    page.screenshot(path=str(Path(os.environ.get("TMPDIR", "/tmp")) / "preview.png"))

    page.goto(live_server.url + "/race/")
    page.get_by_role("button", name="Hide drafts").click()
    expect(page).to_have_url(live_server.url + "/race/")
    expect(page.locator(".preview-bar")).to_contain_text("Preview off")
    expect(page.locator("body")).not_to_contain_text(TITLE)
    page.goto(live_server.url + "/")
    expect(page.locator(f"#results li.event-item[data-slug={SLUG}]")).to_have_count(0)
    page.get_by_role("button", name="Show drafts").click()
    expect(page.locator(f"#results li.event-item[data-slug={SLUG}]")).to_be_visible()

    # A reader, meanwhile, in a browser of their own: no draft, no bar.
    reader_context = browser.new_context()
    try:
        reader = reader_context.new_page()
        reader.goto(live_server.url + "/")
        expect(reader.locator("#results li.event-item").first).to_be_visible()
        expect(reader.locator("body")).not_to_contain_text(TITLE)
        expect(reader.locator(".preview-bar")).to_have_count(0)
        assert reader.goto(live_server.url + f"/events/{SLUG}/").status == 404
    finally:
        reader_context.close()

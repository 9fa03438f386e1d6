"""Two editors in real Chromium: the later save from a form opened earlier is
refused, shows what changed meanwhile and keeps what was typed."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from .browser_helpers import assert_no_axe_violations
from .conftest import make_event

PASSWORD = "a long and good password"


@pytest.fixture
def two_editors(transactional_db):
    for name in ("ann", "bob"):
        user = User.objects.create_user(name, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name="Editors"))


def log_in(page, live_server, username: str, next_path: str) -> None:
    page.goto(f"{live_server.url}/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}{next_path}")


def test_the_later_of_two_saves_is_refused_and_keeps_the_input(page, browser, live_server, russia, two_editors):
    event = make_event(russia, sources=1, title="Soyuz MS-19 lifts off", summary="The crew launches.")
    path = f"/admin/timeline/event/{event.pk}/change/"
    log_in(page, live_server, "ann", path)  # Ann opens the form first ...
    other = browser.new_context()
    bob = other.new_page()
    log_in(bob, live_server, "bob", path)  # ... Bob opens it too, changes the title and saves
    bob.fill("#id_title_en", "Soyuz MS-19 lifts off from Baikonur")
    bob.fill("#id_correction_note", "The launch site was missing from the title.")  # the event is published
    bob.click("input[name=_continue]")
    bob.wait_for_selector(".messagelist .success")
    other.close()

    page.fill("#id_summary_en", "Ann's fuller summary of the launch.")
    page.click("input[name=_continue]")
    page.wait_for_selector(".errornote")
    message = page.locator(".errorlist.nonfield").inner_text()
    assert "Someone else saved this event after you opened it" in message
    assert "Title [en]: Soyuz MS-19 lifts off → Soyuz MS-19 lifts off from Baikonur" in message
    assert page.input_value("#id_summary_en") == "Ann's fuller summary of the launch."
    assert page.input_value("#id_title_en") == "Soyuz MS-19 lifts off"
    assert_no_axe_violations(page, context={"include": ["#content-main"]})
    event.refresh_from_db()
    assert (event.title, event.summary) == ("Soyuz MS-19 lifts off from Baikonur", "The crew launches.")

    # Ann takes Bob's title and saves her summary: now it goes through.
    page.fill("#id_title_en", "Soyuz MS-19 lifts off from Baikonur")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")
    event.refresh_from_db()
    assert (event.title, event.summary) == (
        "Soyuz MS-19 lifts off from Baikonur",
        "Ann's fuller summary of the launch.",
    )


def test_the_time_is_hidden_until_minute_precision_is_chosen(page, live_server, two_editors):
    log_in(page, live_server, "ann", "/admin/timeline/event/add/")
    page.select_option("#id_start_precision", "day")
    assert not page.is_visible("#id_start_1")
    assert page.is_visible("#id_start_0")
    page.select_option("#id_start_precision", "minute")
    assert page.is_visible("#id_start_1")


def test_the_lockout_page_is_plain_and_accessible(page, live_server, two_editors, page_problems):
    page.goto(f"{live_server.url}/admin/login/")
    for n in range(5):
        page.fill("#id_username", "ann")
        page.fill("#id_password", f"wrong {n}")
        with page.expect_navigation():
            page.click("input[type=submit]")
    assert page.locator("h1").inner_text() == "Too many failed logins"
    assert "manage.py axes_reset_username ann" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page_problems.settle()  # the 429 itself is logged as a console error; nothing else may be
    assert page_problems.page_errors == []
    assert page_problems.csp_violations == []
    assert [e for e in page_problems.console_errors if "status of 429" not in e] == []

"""Repeat visits in a real browser: the page is revalidated (If-None-Match ->
304) and reused, its scripts still run under the Content Security Policy, and
the chart is drawn again; a page link swaps the list in place."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_revalidated_page_runs_its_scripts_without_csp_violations(
    live_server, transactional_db, seeded, watched_page
):
    page, _problems = watched_page
    sent = []
    home = live_server.url + "/"
    page.on("requestfinished", lambda request: request.url == home and sent.append(request.all_headers()))

    page.goto(home)
    expect(page.locator("#chart[data-chart-ready]")).to_have_count(1)
    page.reload()
    expect(page.locator("#chart[data-chart-ready]")).to_have_count(1)
    expect(page.locator("#results li.event-item").first).to_be_visible()

    # The browser revalidated with the ETag it was given (the server answers
    # that with a 304: test_caching), and the reused copy works.
    assert "if-none-match" not in sent[0]
    assert sent[1]["if-none-match"].startswith('"')
    # The watched_page fixture asserts no console errors and no CSP violations.


def test_page_links_swap_the_list_and_keep_the_filter(live_server, transactional_db, seeded, watched_page):
    page, _problems = watched_page
    call_command("generate_events", 250, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    page.goto(live_server.url + "/?side=russia")
    expect(page.locator("#chart[data-chart-ready]")).to_have_count(1)
    first_slug = page.locator("#results li.event-item").first.get_attribute("data-slug")
    page.locator(".pagination a[rel=next]").click()
    expect(page).to_have_url(live_server.url + "/?side=russia&page=2")
    expect(page.locator(".page-current")).to_contain_text("Page 2 of")
    assert page.locator("#results li.event-item").first.get_attribute("data-slug") != first_slug
    assert page.locator("#results li.event-item[data-side=united-states]").count() == 0
    expect(page.locator("#chart[data-chart-ready]")).to_have_count(1)

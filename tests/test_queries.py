"""What each public page costs in SQL queries: the same at a few hundred
events as at a few dozen, and, for the main pages, an exact number on the seed
events, cold (rendered) and warm (from the response cache).  (Conditional GET
and the response cache itself: test_caching.py.)

"Many" is a few hundred events here; bench/ measures 10,000."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from timeline.caching import bump_data_version
from timeline.models import Event

from .conftest import generate_events, queries_for

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/"}


PAGES = [
    ("/", {}),
    ("/?side=russia&kind=launch&kind=return", HX),
    ("/?page=2", {}),
    ("/race/", {}),
    ("/race/?as_of=2021-10-06", {"HTTP_HX_REQUEST": "true"}),
    ("/export/events.json", {}),
    ("/export/events.csv", {}),
    ("/export/timelinejs.json", {}),
    ("/export/events.ics", {}),
]


@pytest.mark.parametrize(("url", "headers"), PAGES)
def test_query_count_does_not_grow_with_the_number_of_events(client, seeded, url, headers):
    generate_events(150)
    small = queries_for(client, url, **headers)
    generate_events(250)
    assert Event.objects.count() > 400
    assert queries_for(client, url, **headers) == small


def test_event_page_query_count_does_not_grow(client, seeded):
    generate_events(150)
    slug = Event.objects.filter(slug__startswith="synthetic-").order_by("pk").values_list("slug", flat=True)[75]
    small = queries_for(client, f"/events/{slug}/?side=russia")
    generate_events(250)
    assert queries_for(client, f"/events/{slug}/?side=russia") == small
    assert queries_for(client, f"/events/{slug}/?side=russia", **HX) == small  # the panel


# --- exact numbers on the seed events ----------------------------------------------
#
# Pinned so that any query a change adds shows here, with the list of what
# each page reads.  The same on SQLite and PostgreSQL, with the cache in
# this process's memory or in Redis (the cache is not SQL).  Cold: the
# response cache is empty (conftest.empty_cache), the page is rendered;
# warm: the same request again, answered from the cache.

# Every request, rendered or cached: the data version's token
# (`SELECT token FROM timeline_dataversion`), which keys the cache and the ETag,
# read once per request (the share card's address and the shared race key by it too).
CACHED_PAGE_QUERIES = 1

# The race as of today (standings.race_inputs, sides handed over): the events
# with a plan or a statement and the first two of each side, kind, status
# and precision (one UNION ALL); the last returns and the landings (another);
# the statements about events, and about milestones with no event yet (the
# comparison keeps those public by its cut-off).
RACE_QUERIES = 4

# `/` fetched by htmx (HX-Request: the #results fragment): the data version;
# the matching events as plain values (chart, counts, pages) and their
# statements (the chart's planned markers as of the race's day); the sides;
# the phases; the list's page as model rows with their sides; the published
# count; the race and the lede's latest status updates, unless another filter
# has computed them for this data version (standings.shared_race_context).
INDEX_FRAGMENT_QUERIES = 1 + 2 + 1 + 1 + 1 + 1 + RACE_QUERIES + 1  # 12

# `/`, the full page: the fragment's, and the filter form's <select> of
# sides, which reads them itself.
INDEX_PAGE_QUERIES = INDEX_FRAGMENT_QUERIES + 1  # 13

# An event page: the data version; the event with its side; its sources; its
# statements and corrections; the previous and the next event (one query each).
EVENT_PAGE_QUERIES = 7

# The same event in the panel (htmx): the same reads.
EVENT_PANEL_QUERIES = EVENT_PAGE_QUERIES  # 7

# `/race/`: the data version; the sides; the race; the latest status updates
# (the share tags' headline).
RACE_PAGE_QUERIES = 1 + 1 + RACE_QUERIES + 1  # 7

FRAGMENT = {"HX-Request": "true"}
SEED_EVENT = "/events/soyuz-ms-19-launch/"  # a seed event with events before and after it


@pytest.mark.parametrize(
    ("url", "headers", "rendered"),
    [
        pytest.param("/", {}, INDEX_PAGE_QUERIES, id="index"),
        pytest.param("/", FRAGMENT, INDEX_FRAGMENT_QUERIES, id="index-fragment"),
        pytest.param(SEED_EVENT, {}, EVENT_PAGE_QUERIES, id="event"),
        pytest.param(SEED_EVENT, FRAGMENT, EVENT_PANEL_QUERIES, id="event-panel"),
        pytest.param("/race/", {}, RACE_PAGE_QUERIES, id="race"),
    ],
)
def test_each_main_page_costs_its_pinned_number_of_queries(
    client, seeded, django_assert_num_queries, url, headers, rendered
):
    with django_assert_num_queries(rendered):
        cold = client.get(url, headers=headers)
    assert cold.status_code == 200
    assert cold.content.startswith(b"<!doctype html>") == (not headers)  # the page, or the fragment asked for
    with django_assert_num_queries(CACHED_PAGE_QUERIES):
        warm = client.get(url, headers=headers)
    assert warm.status_code == 200
    assert warm.content == cold.content


def test_the_race_is_computed_once_for_every_filter(client, seeded, django_assert_num_queries):
    """The filters never change the race: a second filter's page reads no race."""
    first = client.get("/?side=russia")
    with django_assert_num_queries(INDEX_PAGE_QUERIES - RACE_QUERIES - 1):
        second = client.get("/?kind=launch")
    assert race_of(first) == race_of(second)


def test_a_change_computes_the_race_again(client, seeded):
    """Keyed by the data version: a correction shows in the race at once, whatever the filter."""
    assert "launched on 5 Oct 2021" in race_of(client.get("/?side=russia"))
    launch = Event.objects.filter(slug="soyuz-ms-19-launch")
    launch.update(start=launch.get().start + dt.timedelta(days=1))  # no signals: the version is bumped by hand
    bump_data_version()
    assert "launched on 6 Oct 2021" in race_of(client.get("/?kind=launch"))


def race_of(response) -> str:
    """The lede and the race table of a timeline page."""
    html = response.content.decode()
    lede = re.search(r'<section id="race-lede".*?</section>', html, re.S)[0]
    return lede + re.search(r'id="race-table".*?</table>', html, re.S)[0]

"""What each public page costs in SQL queries: the same at a few hundred
events as at a few dozen, and, for the main pages, an exact number on the seed
events, cold (rendered) and warm (from the response cache).  (Conditional GET
and the response cache itself: test_caching.py.)

"Many" is a few hundred events here; bench/ measures 10,000."""

from __future__ import annotations

import pytest

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

"""The filter form and the precision-aware filtering selector."""

import datetime as dt

import pytest

from timeline.filters import TimelineFilter
from timeline.forms import EventFilterForm
from timeline.selectors import events_for_timeline


def slugs(filters):
    return set(events_for_timeline(filters).values_list("slug", flat=True))


def test_valid_filter_round_trips_to_a_querystring(seeded):
    form = EventFilterForm({"side": "russia", "kind": ["launch", "return"], "from": "2021-10-01", "q": "Soyuz"})
    assert form.is_valid(), form.errors
    filters = form.to_filter()
    assert filters == TimelineFilter("russia", ("launch", "return"), dt.date(2021, 10, 1), None, "Soyuz")
    assert filters.querystring() == "side=russia&kind=launch&kind=return&from=2021-10-01&q=Soyuz"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"side": "mars"}, "side", "Unknown side: choose one of the sides listed."),
        ({"kind": ["picnic"]}, "kind", "Unknown kind “picnic”: choose from the kinds listed."),
        ({"from": "2021-02-31"}, "from", "Enter a date as YYYY-MM-DD (for example 2021-10-05)."),
        ({"to": "yesterday"}, "to", "Enter a date as YYYY-MM-DD (for example 2021-10-05)."),
        ({"from": "0001-01-01"}, "from", "Choose a date between 1957-10-04 and 2100-12-31."),
        ({"from": "2022-01-01", "to": "2021-01-01"}, "__all__", "“From” must be on or before “To”."),
        ({"q": "x" * 101}, "q", "Search for at most 100 characters."),
    ],
)
def test_bad_filters_explain_themselves(seeded, data, field, message):
    form = EventFilterForm(data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_side_and_kind(seeded):
    found = slugs(TimelineFilter(side="russia", kinds=("launch",)))
    assert found == {"soyuz-ms-19-launch"}


def test_month_precision_event_is_kept_by_a_range_inside_its_month(seeded):
    # Training: May 2021 – 4 Oct 2021.  A range inside May still overlaps it.
    found = slugs(TimelineFilter(date_from=dt.date(2021, 5, 20), date_to=dt.date(2021, 5, 25)))
    assert "film-crew-training" in found
    assert "peresild-shipenko-chosen" not in found  # 13 May


def test_range_boundaries_are_inclusive_days(seeded):
    found = slugs(TimelineFilter(date_from=dt.date(2021, 10, 17), date_to=dt.date(2021, 10, 17)))
    assert {"soyuz-ms-18-undocks", "soyuz-ms-18-lands"} <= found
    assert "filming-aboard-the-iss" not in found  # ends 16 Oct


def test_text_search_covers_people_and_place(seeded):
    assert "soyuz-ms-18-lands" in slugs(TimelineFilter(q="Zhezkazgan"))
    assert "liman-attached-as-director" in slugs(TimelineFilter(q="doug liman"))
    assert slugs(TimelineFilter(q="no-such-words-anywhere")) == set()

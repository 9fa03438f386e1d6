"""The filter form and the precision-aware filtering selector."""

import datetime as dt

import pytest
from django.http import QueryDict

from timeline.filters import TimelineFilter
from timeline.forms import EventFilterForm, RaceForm, TimelineQueryForm
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


# --- `/`'s one query form: filters, page and the race's day ----------------------

TODAY = dt.date(2026, 1, 1)


def timeline_query(query: str) -> TimelineQueryForm:
    form = TimelineQueryForm(QueryDict(query), today=TODAY)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("", ""),
        ("side=russia", "side=russia"),
        # Blank fields go: what a form sent without JavaScript carries.
        ("side=russia&from=&to=&q=&as_of=&page=", "side=russia"),
        ("q=%20%20&side=united-states", "side=united-states"),
        ("q=%20Soyuz%20", "q=Soyuz"),
        # The filters in their one order, then the day, then the page...
        ("page=3&as_of=2021-10-06&to=2021-12-31&kind=launch", "kind=launch&to=2021-12-31&as_of=2021-10-06&page=3"),
        ("q=Soyuz&to=2021-12-31&from=2021-01-01&side=russia", "side=russia&from=2021-01-01&to=2021-12-31&q=Soyuz"),
        # ...the kinds in the order asked.
        ("kind=return&side=russia&kind=launch", "side=russia&kind=return&kind=launch"),
        ("kind=launch&kind=return", "kind=launch&kind=return"),
        # The first page is the page without ?page.
        ("page=1&side=russia", "side=russia"),
        ("page=99", "page=99"),
        # Text is encoded once, as the filter's own query string encodes it.
        ("q=caf%C3%A9+%26+co", "q=caf%C3%A9+%26+co"),
        ("as_of=2026-01-01", "as_of=2026-01-01"),
        # Parameters the page does not read are dropped.
        ("utm_source=mail&side=russia", "side=russia"),
        # A refused part is left out: a bad filter or page takes the list's
        # parameters with it, a bad day only itself.
        ("side=mars&as_of=2021-10-06&page=2", "as_of=2021-10-06"),
        ("side=russia&page=0&as_of=2021-10-06", "as_of=2021-10-06"),
        ("from=2022-01-01&to=2021-01-01&as_of=2021-10-06", "as_of=2021-10-06"),
        ("side=russia&as_of=tomorrow&page=2", "side=russia&page=2"),
        ("side=russia&as_of=2026-01-02", "side=russia"),
    ],
)
def test_the_timeline_query_has_one_canonical_form(seeded, query, canonical):
    assert timeline_query(query).canonical().urlencode() == canonical


def test_the_timeline_query_refuses_its_parts_apart(seeded):
    form = timeline_query("side=russia&kind=launch&page=2&as_of=2021-10-06")
    assert form.is_valid()
    assert form.filters == TimelineFilter(side="russia", kinds=("launch",))
    assert (form.page_number, form.as_of, form.as_of_errors) == (2, dt.date(2021, 10, 6), [])

    bad_day = timeline_query("side=russia&page=2&as_of=soon")
    assert not bad_day.is_valid()
    assert bad_day.filters == TimelineFilter(side="russia")  # the list is still shown
    assert (bad_day.page_number, bad_day.as_of) == (2, None)
    assert bad_day.as_of_errors == ["Enter the as-of date as YYYY-MM-DD (for example 2021-10-06)."]

    bad_page = timeline_query("side=russia&page=two&as_of=2021-10-06")
    assert (bad_page.filters, bad_page.page_number, bad_page.as_of) == (None, 1, dt.date(2021, 10, 6))
    assert bad_page.errors == {"page": ["Give the page as a whole number, such as 2."]}

    bad_filter = timeline_query("side=mars&page=2")
    assert (bad_filter.filters, bad_filter.page_number) == (None, 1)
    assert [field.name for field in bad_filter.filter_fields if field.errors] == ["side"]


@pytest.mark.parametrize(
    ("query", "blank"),
    [
        ("", False),
        ("side=russia&kind=launch", False),
        ("side=russia&q=", True),
        ("q=%20%20", True),
        ("kind=launch&kind=", True),
        ("as_of=", True),
        ("page=", True),
        ("utm_source=", False),  # not the page's parameter
    ],
)
def test_blank_fields_are_spotted_for_the_redirect_to_the_clean_url(seeded, query, blank):
    assert timeline_query(query).has_blank_fields() is blank


def test_the_race_form_and_the_filter_form_give_their_own_canonical_query(seeded):
    assert (
        RaceForm(QueryDict("as_of=2021-10-06&side=russia"), today=TODAY).canonical().urlencode() == "as_of=2021-10-06"
    )
    assert RaceForm(QueryDict("as_of="), today=TODAY).canonical().urlencode() == ""
    assert RaceForm(QueryDict("as_of=2030-01-01"), today=TODAY).canonical().urlencode() == ""
    filters = EventFilterForm(QueryDict("q=Soyuz&kind=return&kind=launch&as_of=2021-10-06&page=2"))
    assert filters.canonical().urlencode() == "kind=return&kind=launch&q=Soyuz"
    assert EventFilterForm(QueryDict("side=mars&q=Soyuz")).canonical().urlencode() == ""

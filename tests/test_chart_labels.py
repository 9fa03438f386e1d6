"""The short labels on the chart: the editors' own or one made from the
kind, sent in order of importance for the page to place (the placing itself
is checked in a real browser: test_browser_chart)."""

from __future__ import annotations

import datetime as dt

from timeline.charts import ChartEvent, ChartInput, ChartLane, build_figure, chart_label, default_label
from timeline.models import Event

from .conftest import chart_of, html_of, make_event

RUSSIA = ChartLane("russia", "Russia", "#b3261e")
USA = ChartLane("united-states", "United States", "#1d4ed8")


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


def event(slug, kind="launch", lane="russia", start=None, **overrides) -> ChartEvent:
    values = {"slug": slug, "lane": lane, "title": f"Title of {slug}", "kind": kind, "kind_label": kind.title()}
    values |= {"start": start or utc(2021, 10, 5), "start_precision": "day", **overrides}
    return ChartEvent(**values)


def test_a_label_is_the_editors_or_one_made_from_the_kind_and_status():
    assert chart_label(event("a", kind="return")) == "Back on Earth"
    assert chart_label(event("b", kind="launch", status="cancelled")) == "Launch (cancelled)"
    assert chart_label(event("c", kind="status_update", status="unconfirmed")) == "Update (unconfirmed)"
    assert chart_label(event("d", label="  Shelved,\n reportedly ")) == "Shelved, reportedly"
    assert default_label(event("e", kind="unknown", kind_label="Something")) == "Something"


def test_labels_come_first_of_each_key_kind_then_the_rest():
    events = (
        event("news", kind="status_update", start=utc(2021, 1, 1)),
        event("second-launch", start=utc(2022, 1, 1)),
        event("launch", start=utc(2021, 10, 5)),
        event("premiere", kind="premiere", start=utc(2023, 4, 12)),
        event("us-launch", lane="united-states", status="cancelled", start=utc(2021, 10, 1)),
        event("named-news", kind="status_update", start=utc(2025, 12, 11), label="Shelved"),
    )
    figure = build_figure(ChartInput((RUSSIA, USA), events))
    labels = [(text, y) for _, y, text, _ in figure["labels"]]
    assert labels == [
        ("Launch (cancelled)", -1),  # the first launches, the earlier first
        ("Launch", 0),
        ("Premiere", 0),
        ("Shelved", 0),  # a status update the editors named, before the one they did not
        ("Update", 0),
        ("Launch", 0),  # a second launch ranks below every first
    ]
    first = figure["labels"][1]
    assert first[0] == "2021-10-05 12:00"  # beside the marker, in the middle of its day
    assert first[3] == RUSSIA.colour
    assert figure["label_style"]["name"] == "label"
    assert figure["label_clearance"] > 0


def test_a_span_is_labelled_at_its_middle():
    span = event("filming", kind="filming", end=utc(2021, 10, 16), end_precision="day")
    figure = build_figure(ChartInput((RUSSIA,), (span,)))
    assert figure["labels"] == [["2021-10-11 00:00", 0, "Filming", RUSSIA.colour]]


def test_an_empty_or_overview_chart_has_no_labels():
    assert build_figure(ChartInput((RUSSIA,), ()))["labels"] == []
    many = tuple(event(f"e{n}", start=utc(2021, 1, 1) + dt.timedelta(days=n)) for n in range(5))
    overview = build_figure(ChartInput((RUSSIA,), many), detail_limit=2)
    assert overview["labels"] == []


def test_the_editors_label_reaches_the_chart(client, russia):
    make_event(russia, kind="return", slug="lands", title="Soyuz MS-18 lands", chart_label="Home with the footage")
    make_event(russia, kind="launch", slug="lifts-off", title="Soyuz MS-19 lifts off", start=utc(2021, 10, 5))
    texts = [label[2] for label in chart_of(html_of(client.get("/")))["labels"]]
    assert texts == ["Launch", "Home with the footage"]


def test_editors_write_the_label_in_admin_and_it_is_held_to_40_characters(editor_client, russia):
    lands = make_event(russia, kind="return", slug="lands")
    page = html_of(editor_client.get(f"/admin/timeline/event/{lands.pk}/change/"))
    assert 'name="chart_label"' in page
    assert 'maxlength="40"' in page
    assert Event._meta.get_field("chart_label").blank

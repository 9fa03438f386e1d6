"""Scale: constant queries, the paginated list, the overview chart for many
events, and the plotly.js bundle the site serves.  (Conditional GET and the
response cache: test_caching.py.)

"Many" is a few hundred events here; bench/ measures 10,000."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from timeline import charts, csp, finders, selectors
from timeline.models import Event

HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/"}


def generate(count: int) -> None:
    call_command("generate_events", count, verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def queries(client, url: str, **headers) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content[:500]
    return len(captured)


def chart_figure(response) -> dict:
    match = re.search(rb'<script id="chart-data" type="application/json">(.*?)</script>', response.content, re.S)
    return json.loads(match.group(1))


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
    generate(150)
    small = queries(client, url, **headers)
    generate(250)
    assert Event.objects.count() > 400
    assert queries(client, url, **headers) == small


def test_event_page_query_count_does_not_grow(client, seeded):
    generate(150)
    slug = Event.objects.filter(slug__startswith="synthetic-").order_by("pk").values_list("slug", flat=True)[75]
    small = queries(client, f"/events/{slug}/?side=russia")
    generate(250)
    assert queries(client, f"/events/{slug}/?side=russia") == small
    assert queries(client, f"/events/{slug}/?side=russia", **HX) == small  # the panel


# --- the paginated list -------------------------------------------------------


def test_pagination_links_keep_the_filter(client, seeded):
    generate(400)
    total = selectors.events_for_timeline(selectors.TimelineFilter(side="russia")).count()
    assert total > 200
    first = client.get("/?side=russia").content.decode()
    assert first.count('class="event-item') == 100
    assert f"(1–100 of {total})" in first
    assert 'href="/?side=russia&amp;page=2"' in first
    assert 'hx-get="/?side=russia&amp;page=2"' in first
    assert 'data-side="united-states" data-kind' not in first  # the list keeps the filter

    second = client.get("/?side=russia&page=2", **HX)
    body = second.content.decode()
    assert second.status_code == 200
    assert "<html" not in body
    assert second.headers["HX-Push-Url"] == "/?side=russia&page=2"
    assert body.count('class="event-item') == 100
    assert 'href="/?side=russia"' in body  # back to the first page
    assert "Page 2 of" in body
    assert set(re.findall(r'data-slug="([^"]+)"', body)).isdisjoint(re.findall(r'data-slug="([^"]+)"', first))


def test_each_page_lists_its_slice_of_the_timeline_in_order(client, seeded):
    """The chart reads plain values of every event; the list reads model rows
    only for its page — the same events, in the timeline's order."""
    generate(250)
    expected = list(selectors.events_for_timeline().values_list("slug", flat=True))
    listed = []
    for number in (1, 2, 3):
        body = client.get("/", {"page": number}).content.decode()
        listed += re.findall(r'class="event-item[^"]*" data-side="[^"]+" data-kind="[^"]+" data-slug="([^"]+)"', body)
    assert listed == expected
    assert selectors.timeline_rows()[0].keys() == set(selectors.TIMELINE_ROW_FIELDS)


def test_page_rows_keep_the_order_asked_and_leave_drafts_out(seeded):
    slugs = ["soyuz-ms-19-launch", "roscosmos-announces-challenge"]
    pks = list(Event.objects.filter(slug__in=slugs).order_by("-start").values_list("pk", flat=True))
    assert [e.slug for e in selectors.events_in_order(pks)] == slugs
    Event.objects.filter(slug=slugs[0]).update(published=False)
    assert [e.slug for e in selectors.events_in_order(pks)] == slugs[1:]


def test_a_page_past_the_end_is_the_last_and_a_bad_page_is_a_400(client, seeded):
    generate(150)
    last = client.get("/?page=99").content.decode()
    assert "Page 2 of 2" in last
    bad = client.get("/?page=two")
    assert bad.status_code == 400
    assert "Give the page as a whole number" in bad.content.decode()
    assert client.get("/?page=0").status_code == 400


# --- the chart at scale -----------------------------------------------------------


def test_many_events_chart_as_an_overview_with_both_lanes(client, seeded, monkeypatch):
    monkeypatch.setattr(charts, "DETAIL_LIMIT", 100)
    generate(300)
    figure = chart_figure(client.get("/"))
    overview = [trace for trace in figure["data"] if trace["meta"]["role"] == "overview"]
    assert {trace["meta"]["lane"] for trace in overview} == {"russia", "united-states"}
    assert sum(sum(trace["marker"]["size"]) for trace in overview) == Event.objects.published().count()
    assert figure["overview"]["events"] == Event.objects.published().count()
    assert "each circle counts" in client.get("/").content.decode()
    first, last = overview[0]["customdata"][0][2:]
    assert first <= last

    # Narrowed to one period, each event is drawn again.
    narrow = chart_figure(client.get(f"/?from={first}&to={last}"))
    assert "overview" not in narrow
    assert any(trace["meta"]["role"] == "points" for trace in narrow["data"])


def test_the_overview_counts_per_kind_and_period():
    lanes = (charts.ChartLane("a", "A", "#b3261e"), charts.ChartLane("b", "B", "#1d4ed8"))

    def event(n, lane, kind, day):
        start = dt.datetime(2021, 3, day, tzinfo=dt.UTC)
        return charts.ChartEvent(f"e{n}", lane, f"E{n}", kind, kind.title(), start, "day")

    events = [event(1, "a", "launch", 1), event(2, "a", "launch", 20), event(3, "a", "return", 2)]
    events += [event(4, "b", "launch", 3)]
    figure = charts.build_figure(charts.ChartInput(lanes, tuple(events)), detail_limit=2)
    traces = {t["meta"]["lane"]: t for t in figure["data"] if t["meta"]["role"] == "overview"}
    assert figure["overview"]["bucket"] == "week"
    assert sorted(traces["a"]["marker"]["size"]) == [1, 1, 1]  # three weeks/kinds
    assert traces["b"]["marker"]["size"] == [1]
    later = charts.ChartEvent("e5", "b", "E5", "launch", "Launch", dt.datetime(2025, 6, 1, tzinfo=dt.UTC), "day")
    months = charts.build_figure(charts.ChartInput(lanes, (*events, later)), detail_limit=2)
    assert months["overview"]["bucket"] == "quarter"
    assert [c[2:] for c in months["data"][0]["customdata"]][0] == ["2021-01-01", "2021-03-31"]
    assert charts.bucket_range(dt.datetime(2021, 11, 5, tzinfo=dt.UTC), "quarter") == (
        dt.date(2021, 10, 1),
        dt.date(2021, 12, 31),
    )
    assert charts.bucket_range(dt.datetime(2021, 2, 5, tzinfo=dt.UTC), "month") == (
        dt.date(2021, 2, 1),
        dt.date(2021, 2, 28),
    )
    detailed = charts.build_figure(charts.ChartInput(lanes, tuple(events)), detail_limit=10)
    assert "overview" not in detailed


# --- the plotly.js bundle ----------------------------------------------------------


def test_the_served_plotly_is_the_basic_bundle_of_the_same_version_when_npm_installed_it():
    if not csp.BASIC_BUNDLE.is_file():
        pytest.skip("npm has not installed plotly.js-basic-dist-min")
    package = csp.plotly_package_js_path()
    version = re.compile(r"plotly\.js(?: \(basic - minified\))? v(\d+\.\d+\.\d+)")
    with package.open() as full, csp.BASIC_BUNDLE.open() as basic:
        assert version.search(full.read(300)).group(1) == version.search(basic.read(300)).group(1)
    assert csp.plotly_js_path() == csp.BASIC_BUNDLE
    assert finders.PlotlyFinder().find("plotly/plotly.min.js") == str(csp.BASIC_BUNDLE)


def test_without_node_the_package_bundle_is_served(monkeypatch, tmp_path):
    monkeypatch.setattr(csp, "BASIC_BUNDLE", tmp_path / "missing.js")
    assert csp.plotly_js_path() == csp.plotly_package_js_path()
    finder = finders.PlotlyFinder()
    assert finder.find("plotly/plotly.min.js") == str(csp.plotly_package_js_path())
    [(name, storage)] = list(finder.list(None))
    assert storage.path(name) == str(csp.plotly_package_js_path())


def test_the_static_plotly_file_is_served(client, db):
    response = client.get("/static/plotly/plotly.min.js")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == csp.plotly_js_path().read_bytes()

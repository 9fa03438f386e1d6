"""The chart builder: plain values in, a Plotly figure (plain dicts) out.

Each figure is also checked against plotly's own validators
(`plotly.graph_objects.Figure`), which the builder skips for speed."""

from __future__ import annotations

import datetime as dt
import json

import plotly.graph_objects as go
import pytest

from timeline import charts
from timeline.charts import (
    CONFIG,
    ChartEvent,
    ChartInput,
    ChartLane,
    ChartPhase,
    build_figure,
    date_text,
    hover_text,
)
from timeline.models import Event

from .conftest import chart_event as event
from .conftest import chart_of, generate_events, html_of, utc

RUSSIA = ChartLane("russia", "Russia", "#b3261e")
USA = ChartLane("united-states", "United States", "#1d4ed8")
LANES = (RUSSIA, USA)


def figure(*events: ChartEvent, lanes=LANES, phases=(), today=None) -> dict:
    return build_figure(ChartInput(lanes=lanes, events=events, phases=phases), today=today)


def traces(fig: dict, role: str, lane: str | None = None) -> list[dict]:
    return [t for t in fig["data"] if t["meta"]["role"] == role and (lane is None or t["meta"].get("lane") == lane)]


def only(fig: dict, role: str, lane: str = "russia") -> dict:
    (trace,) = traces(fig, role, lane)
    return trace


def validate(fig: dict) -> None:
    """Plotly's validators accept the figure, in both the wide and the narrow layout."""
    go.Figure(data=fig["data"], layout=fig["layout"])
    go.Figure(data=fig["data"], layout={**fig["layout"], **fig["narrow"]})
    json.dumps(fig)  # plain JSON: no datetimes, no numpy


# --- structure --------------------------------------------------------------


def test_config_has_no_logo_and_no_cloud_button_and_is_responsive():
    fig = figure(event())
    assert fig["config"] == CONFIG
    assert fig["config"]["displaylogo"] is False
    assert fig["config"]["showSendToCloud"] is False
    assert fig["config"]["showEditInChartStudio"] is False
    assert fig["config"]["responsive"] is True
    assert "width" not in fig["layout"]
    assert fig["layout"]["autosize"] is True


def test_layout_carries_no_template_and_stays_small():
    fig = figure(*(event(f"e{i}", start=utc(2021, 1, 1 + i), start_precision="day") for i in range(20)))
    validate(fig)
    assert "template" not in fig["layout"]
    assert len(json.dumps(fig)) < 25_000


@pytest.mark.parametrize(
    ("lanes", "expected_ticks"),
    [
        ((RUSSIA, USA), ["Russia", "United<br>States"]),
        ((USA, RUSSIA), ["United<br>States", "Russia"]),
        ((RUSSIA,), ["Russia"]),
    ],
)
def test_one_lane_per_side_in_the_given_order_not_first_appearance(lanes, expected_ticks):
    # The US event comes first in time; the lanes still follow the given order.
    fig = figure(
        event("us", lane="united-states", start=utc(2020, 5, 4), start_precision="day"), event("ru"), lanes=lanes
    )
    validate(fig)
    assert fig["layout"]["yaxis"]["ticktext"] == expected_ticks
    assert fig["layout"]["yaxis"]["tickvals"] == [0, -1][: len(lanes)]
    lane_order = [t["meta"]["lane"] for t in fig["data"] if t["meta"]["role"] == "points"]
    assert lane_order == [lane.slug for lane in lanes]


@pytest.mark.parametrize(("lane", "colour"), [("russia", "#b3261e"), ("united-states", "#1d4ed8")])
def test_each_lane_in_its_sides_colour(lane, colour):
    fig = figure(
        event("p", lane=lane),
        event("s", lane=lane, kind="filming", kind_label="Filming", start=utc(2021, 10, 5), start_precision="day",
              end=utc(2021, 10, 16), end_precision="day"),
    )  # fmt: skip
    assert only(fig, "points", lane)["marker"]["color"] == colour
    assert only(fig, "spans", lane)["marker"]["color"] == [colour]


def test_events_of_an_unknown_lane_are_left_out():
    fig = figure(event("ru"), event("mars", lane="mars"))
    slugs = [c[0] for t in fig["data"] for c in t.get("customdata", [])]
    assert slugs == ["ru"]


def test_empty_input_gives_a_valid_figure_with_a_message():
    fig = figure()
    validate(fig)
    assert all(t["x"] in ([], [None]) for t in fig["data"])
    assert [t["meta"]["lane"] for t in traces(fig, "points")] == ["russia", "united-states"]
    assert fig["layout"]["annotations"][-1]["text"] == "No events match these filters."
    assert "rangeslider" not in fig["layout"]["xaxis"]
    assert "updatemenus" not in fig["layout"]


def test_no_lanes_at_all_is_still_valid():
    validate(figure(lanes=()))


# --- points and spans -------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "role", "base", "length_ms"),
    [
        ({}, "points", None, None),
        ({"start": utc(2021, 10, 5), "start_precision": "day", "end": utc(2021, 10, 16), "end_precision": "day"},
         "spans", "2021-10-05 00:00", 12 * 86_400_000),
        # May 2021 – 4 Oct 2021: the certain part starts after May; May itself is drawn pale.
        ({"start": utc(2021, 5, 1), "start_precision": "month", "end": utc(2021, 10, 4), "end_precision": "day"},
         "spans", "2021-06-01 00:00", (utc(2021, 10, 5) - utc(2021, 6, 1)).days * 86_400_000),
        # 2021 – 2022: nothing certain, the whole covered interval is one faint bar.
        ({"start": utc(2021, 1, 1), "start_precision": "year", "end": utc(2022, 1, 1), "end_precision": "year"},
         "spans", "2021-01-01 00:00", (utc(2023, 1, 1) - utc(2021, 1, 1)).days * 86_400_000),
    ],
)  # fmt: skip
def test_point_versus_span(overrides, role, base, length_ms):
    fig = figure(event("x", **overrides))
    validate(fig)
    other = "spans" if role == "points" else "points"
    assert only(fig, role)["customdata"][0][0] == "x"
    assert all(not t["x"] for t in traces(fig, other, "russia"))
    if role == "spans":
        bar = only(fig, "spans")
        assert bar["type"] == "bar"
        assert bar["orientation"] == "h"
        assert bar["base"] == [base]
        assert bar["x"] == [length_ms]
        assert fig["layout"]["barmode"] == "overlay"


@pytest.mark.parametrize(
    ("kind", "status", "symbol", "opacity"),
    [
        ("launch", "happened", "triangle-up", 1.0),
        ("return", "happened", "triangle-down", 1.0),
        ("announcement", "planned", "circle-open", 1.0),
        ("launch", "cancelled", "triangle-up-open", 0.55),
        ("status_update", "unconfirmed", "cross-open-dot", 1.0),
        ("no-such-kind", "happened", "circle", 1.0),
    ],
)
def test_a_symbol_per_kind_hollow_unless_it_happened(kind, status, symbol, opacity):
    fig = figure(event(kind=kind, status=status))
    validate(fig)
    points = only(fig, "points")
    assert points["marker"]["symbol"] == [symbol]
    assert points["marker"]["opacity"] == [opacity]


def test_a_lanes_marks_share_its_one_line_so_no_row_goes_unlabelled():
    fig = figure(
        event("ru", kind="launch"), event("us", lane="united-states", kind="launch"), event("an", kind="announcement")
    )
    ru, us = only(fig, "points", "russia"), only(fig, "points", "united-states")
    assert ru["y"] == [0, 0]
    assert us["y"] == [-1]
    assert fig["layout"]["yaxis"]["tickvals"] == [0, -1]  # each line is labelled with its side


# --- precision --------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "precision", "marker_x", "approx"),
    [
        (utc(2021, 10, 5, 8, 55), "minute", "2021-10-05 08:55", None),
        (utc(2021, 10, 5), "day", "2021-10-05 12:00", None),
        (utc(2021, 10, 1), "month", "2021-10-16 12:00", ("2021-10-01 00:00", "2021-11-01 00:00")),
        (utc(2020, 1, 1), "year", "2020-07-02 00:00", ("2020-01-01 00:00", "2021-01-01 00:00")),
    ],
)
def test_approximate_dates_cover_their_whole_interval(start, precision, marker_x, approx):
    fig = figure(event(start=start, start_precision=precision))
    validate(fig)
    assert only(fig, "points")["x"] == [marker_x]
    bands = traces(fig, "approximate", "russia")
    if approx is None:
        assert bands == []
    else:
        assert bands[0]["x"] == [*approx, None]
        assert bands[0]["hoverinfo"] == "skip"


@pytest.mark.parametrize(
    ("start", "precision", "end", "end_precision", "expected"),
    [
        (utc(2020, 1, 1), "year", None, "", "2020 (known to the year only)"),
        (utc(2021, 10, 1), "month", None, "", "October 2021 (known to the month only)"),
        (utc(2021, 10, 5), "day", None, "", "5 Oct 2021"),
        (utc(2021, 10, 5, 8, 55), "minute", None, "", "5 Oct 2021, 08:55 UTC"),
        (utc(2021, 10, 5), "day", utc(2021, 10, 16), "day", "5–16 Oct 2021"),
        (utc(2021, 5, 1), "month", utc(2021, 10, 4), "day", "May – 4 Oct 2021 (known to the month only)"),
    ],
)
def test_hover_dates_at_their_true_precision(start, precision, end, end_precision, expected):
    item = event(start=start, start_precision=precision, end=end, end_precision=end_precision)
    assert date_text(item) == expected
    text = hover_text(item, RUSSIA)
    assert expected in text
    assert "1 Jan 2020" not in text
    assert "1 Oct 2021" not in text


# --- planned vs actual -------------------------------------------------------

LANDING = {"kind": "return", "kind_label": "Return", "start": utc(2021, 10, 17, 4, 35)}


@pytest.mark.parametrize(
    ("planned", "planned_precision", "status", "marker_x", "hover_line"),
    [
        # Planned 04:36, landed 04:35: a hollow marker joined to the actual one.
        (utc(2021, 10, 17, 4, 36), "minute", "happened", "2021-10-17 04:36",
         "Planned: 17 Oct 2021, 04:36 UTC (1 minute earlier than planned)"),
        # A plan known to the month: drawn over the month.
        (utc(2021, 10, 1), "month", "happened", "2021-10-16 12:00", "Planned: October 2021 (in the planned month)"),
        (utc(2021, 10, 10), "day", "happened", "2021-10-10 12:00",
         "Planned: 10 Oct 2021 (about 7 days later than planned)"),
        (utc(2021, 10, 10), "day", "cancelled", "2021-10-10 12:00", "Planned: 10 Oct 2021<br>"),
    ],
)  # fmt: skip
def test_planned_dates_that_differ_are_hollow_and_joined(planned, planned_precision, status, marker_x, hover_line):
    fig = figure(event("land", planned=planned, planned_precision=planned_precision, status=status, **LANDING))
    validate(fig)
    plan = only(fig, "planned")
    assert plan["x"] == [marker_x]
    assert plan["marker"]["symbol"] == ["triangle-down-open"]
    assert plan["customdata"][0][0] == "land"
    actual_x = only(fig, "points")["x"][0]
    assert only(fig, "planned-link")["x"] == [marker_x, actual_x, None]
    assert hover_line in only(fig, "points")["customdata"][0][1] + "<br>"


def test_a_plan_kept_draws_nothing_extra():
    fig = figure(event(planned=utc(2021, 10, 5, 8, 55), planned_precision="minute"))
    assert traces(fig, "planned") == traces(fig, "planned-link") == []
    assert "Planned" not in only(fig, "points")["customdata"][0][1]


# --- hover ------------------------------------------------------------------


def test_hover_text_is_escaped_wrapped_and_server_made():
    item = event(
        title="<script>alert(1)</script> & a very long title that has to wrap on a narrow phone screen",
        status="unconfirmed",
        status_label="Unconfirmed",
    )
    fig = figure(item)
    points = only(fig, "points")
    assert points["hovertemplate"] == "%{customdata[1]}<extra></extra>"
    slug, text = points["customdata"][0]
    assert slug == "e"
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    assert "&amp;" in text
    assert all(len(line) <= 60 for line in text.split("<br>"))
    assert "Russia · Launch" in text
    assert "Status: Unconfirmed" in text
    # Only <br>: Plotly styles other tags through style attributes the CSP refuses.
    assert text.replace("<br>", "").count("<") == 0


# --- phases, today, range buttons ---------------------------------------------

PHASES = (
    ChartPhase("Announcements", dt.date(2020, 5, 1), dt.date(2020, 11, 2)),
    ChartPhase("Flight", dt.date(2021, 10, 5), dt.date(2021, 10, 17)),
    ChartPhase("Far future", dt.date(2040, 1, 1), dt.date(2040, 12, 31)),
)
SPREAD = (
    event("a", start=utc(2020, 5, 4), start_precision="day"),
    event("b", start=utc(2023, 4, 12), start_precision="day"),
)


def test_phases_are_shaded_labelled_bands_inside_the_range():
    fig = figure(*SPREAD, phases=PHASES)
    validate(fig)
    bands = [s for s in fig["layout"]["shapes"] if s["type"] == "rect"]
    assert [(b["x0"], b["x1"]) for b in bands] == [
        ("2020-05-01 00:00", "2020-11-03 00:00"),
        ("2021-10-05 00:00", "2021-10-18 00:00"),
    ]
    assert all(b["layer"] == "below" and b["yref"] == "paper" for b in bands)
    labels = [a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "phase"]
    assert labels == ["Announcements", "Flight"]
    assert not any(a["visible"] for a in fig["narrow"]["annotations"] if a.get("name") == "phase")


@pytest.mark.parametrize(
    ("today", "drawn"), [(dt.date(2021, 10, 5), True), (dt.date(2030, 1, 1), False), (None, False)]
)
def test_today_line_only_inside_the_range(today, drawn):
    fig = figure(*SPREAD, today=today)
    lines = [s for s in fig["layout"]["shapes"] if s["type"] == "line" and s["xref"] == "x"]
    assert bool(lines) is drawn
    assert any(a["text"] == "Today" for a in fig["layout"]["annotations"]) is drawn
    if drawn:
        assert lines[0]["x0"] == "2021-10-05 00:00"


@pytest.mark.parametrize(
    ("events", "labels"),
    [
        (SPREAD, ["All", "2020", "2021", "Oct 2021", "2023"]),
        ((event("oct"),), ["All", "2021", "Oct 2021"]),
    ],
)
def test_range_buttons_and_no_range_slider(events, labels):
    fig = figure(*events)
    assert "updatemenus" not in fig["layout"]  # the page draws real buttons above the chart
    assert [b["label"] for b in fig["ranges"]] == labels
    assert fig["ranges"][0] == {"label": "All", "value": "all", "range": fig["layout"]["xaxis"]["range"]}
    assert fig["range"] == "all"
    if "Oct 2021" in labels:
        october = next(b for b in fig["ranges"] if b["label"] == "Oct 2021")
        assert october["value"] == "2021-10"
        assert october["range"] == ["2021-10-01 00:00", "2021-11-01 00:00"]
    assert "rangeslider" not in fig["layout"]["xaxis"]  # the buttons and dragging zoom: no second plot to draw
    assert fig["layout"]["yaxis"]["fixedrange"] is True


def test_range_covers_every_interval_and_plan():
    fig = figure(
        event(start=utc(2021, 10, 1), start_precision="month", planned=utc(2021, 9, 1), planned_precision="day")
    )
    low, high = fig["layout"]["xaxis"]["range"]
    assert low < "2021-09-01"
    assert high > "2021-11-01"


def test_narrow_screens_drop_drag_and_the_mode_bar_and_the_figure_has_no_legend():
    fig = figure(*SPREAD, phases=PHASES)
    assert fig["layout"]["showlegend"] is False  # the key is the page's HTML, under the chart
    assert "legend" not in fig["layout"]
    assert "legend" not in fig["narrow"]
    assert "height" not in fig["narrow"]  # the same box on a phone: nothing moves when Plotly takes over
    assert fig["narrow"]["dragmode"] is False
    assert fig["narrow_config"] == {"displayModeBar": False}


def test_the_figure_draws_no_legend_only_traces():
    fig = figure(
        event("a", kind="launch"),
        event("b", kind="return", kind_label="Return", start=utc(2021, 10, 1), start_precision="month"),
    )
    assert traces(fig, "key") == []
    assert all(trace.get("showlegend") is False for trace in fig["data"])


# --- many events: the overview ------------------------------------------------


def test_many_events_chart_as_an_overview_with_both_lanes(client, seeded, monkeypatch):
    monkeypatch.setattr(charts, "DETAIL_LIMIT", 100)
    generate_events(300)
    figure = chart_of(html_of(client.get("/")))
    overview = [trace for trace in figure["data"] if trace["meta"]["role"] == "overview"]
    assert {trace["meta"]["lane"] for trace in overview} == {"russia", "united-states"}
    assert sum(sum(trace["marker"]["size"]) for trace in overview) == Event.objects.published().count()
    assert figure["overview"]["events"] == Event.objects.published().count()
    assert "each circle counts" in client.get("/").content.decode()
    first, last = overview[0]["customdata"][0][2:]
    assert first <= last

    # Narrowed to one period, each event is drawn again.
    narrow = chart_of(html_of(client.get(f"/?from={first}&to={last}")))
    assert "overview" not in narrow
    assert any(trace["meta"]["role"] == "points" for trace in narrow["data"])


def test_the_overview_counts_per_lane_and_period():
    lanes = (charts.ChartLane("a", "A", "#b3261e"), charts.ChartLane("b", "B", "#1d4ed8"))

    def event(n, lane, kind, day):
        start = dt.datetime(2021, 3, day, tzinfo=dt.UTC)
        return charts.ChartEvent(f"e{n}", lane, f"E{n}", kind, kind.title(), start, "day")

    events = [event(1, "a", "launch", 1), event(2, "a", "launch", 20), event(3, "a", "return", 2)]
    events += [event(4, "b", "launch", 3)]
    figure = charts.build_figure(charts.ChartInput(lanes, tuple(events)), detail_limit=2)
    traces = {t["meta"]["lane"]: t for t in figure["data"] if t["meta"]["role"] == "overview"}
    assert figure["overview"]["bucket"] == "week"
    assert traces["a"]["marker"]["size"] == [2, 1]  # a launch and a return in the first week, a launch later
    assert "Launch 1, Return 1" in traces["a"]["customdata"][0][1]
    assert set(traces["a"]["y"]) == {0}  # on the lane's line
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

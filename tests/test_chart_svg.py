"""The chart drawn as SVG in the page: the same values as the Plotly figure,
every mark named and linked, every text escaped, no inline style."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from timeline.charts import ChartEvent, ChartInput, ChartLane, ChartPhase, build_figure, chart_key, chart_svg
from timeline.charts.svg import SYMBOL_PATHS, mark_name

from .conftest import chart_event as event
from .conftest import generate_events, make_event, utc

RUSSIA = ChartLane("russia", "Russia", "#b3261e")
USA = ChartLane("united-states", "United States", "#1d4ed8")
SVG = "{http://www.w3.org/2000/svg}"


def draw(*events: ChartEvent, phases=(), lanes=(RUSSIA, USA), detail_limit=None, view=None) -> str:
    data = ChartInput(lanes, events, phases)
    figure = build_figure(data, detail_limit=detail_limit, view=view)
    links = {"event_url": lambda slug: f"/events/{slug}/", "period_url": lambda first, last: f"/?from={first}"}
    return str(chart_svg(data, figure, **links))


def key(*events: ChartEvent, lanes=(RUSSIA, USA), detail_limit=None) -> str:
    """The HTML key under the chart, the same for the SVG and for Plotly."""
    data = ChartInput(lanes, events, ())
    return str(chart_key(data, build_figure(data, detail_limit=detail_limit)))


def parsed(svg: str) -> ET.Element:
    """The SVG as XML (HTML-escaped text is valid XML): it must parse."""
    return ET.fromstring(svg)


def test_the_svg_parses_as_svg():
    assert parsed(draw(event("launch"))).tag == f"{SVG}svg"


def marks(svg: str) -> dict[str, ET.Element]:
    return {a.get("data-event"): a for a in parsed(svg).iter(f"{SVG}a") if a.get("data-event")}


def test_the_svg_is_an_image_with_a_title_a_description_and_named_linked_marks():
    svg = draw(event("launch"), event("premiere", lane="united-states", kind="premiere", kind_label="Premiere"))
    root = parsed(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-svg-title chart-svg-desc"
    assert root.find(f"{SVG}title").text == "Chart of the timeline"
    assert "2 events, one lane per side (Russia, United States)" in root.find(f"{SVG}desc").text
    drawn = marks(svg)
    assert set(drawn) == {"launch", "premiere"}
    assert drawn["launch"].get("href") == "/events/launch/"
    name = drawn["launch"].find(f"{SVG}title").text
    assert name.startswith("Title of launch. Russia · Launch. 5 Oct 2021, 08:55 UTC")
    # Each lane's marks in its colour, as presentation attributes (the CSP refuses style attributes).
    lanes = {g.get("data-lane"): g for g in root.iter(f"{SVG}g") if g.get("class") == "chart-svg-marks"}
    assert lanes["russia"].get("fill") == "#b3261e"
    assert lanes["united-states"].get("stroke") == "#1d4ed8"
    assert "style=" not in svg
    assert "<script" not in svg


def test_the_kind_is_the_symbol_and_the_labels_are_written():
    svg = draw(event("launch"), event("back", kind="return", kind_label="Return", start=utc(2021, 10, 17, 4, 35)))
    uses = {a.get("data-event"): a.find(f"{SVG}use").get("href") for a in marks(svg).values()}
    assert uses == {"launch": "#chart-svg-triangle-up", "back": "#chart-svg-triangle-down"}
    groups = [g for g in parsed(svg).iter(f"{SVG}g") if g.get("class", "").startswith("chart-svg-label")]
    labels = [text.text for g in groups for text in g]
    assert "Launch" in labels
    assert "Back on Earth" in labels


def test_a_title_is_escaped():
    svg = draw(event("x", title='<script>alert("x")</script> & co', label="<b>bold</b>"))
    assert "<script>" not in svg
    assert "<b>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in svg
    assert "&lt;b&gt;bold&lt;/b&gt;" in svg
    parsed(svg)


def test_a_month_precision_event_is_a_pale_band_over_its_month():
    svg = draw(event("may", start=utc(2020, 5, 1), start_precision="month", kind="announcement"), event("launch"))
    band = marks(svg)["may"].find(f"{SVG}rect")
    assert band.get("class") == "chart-svg-band"
    assert band.get("fill-opacity") == "0.28"
    assert "May 2020" in marks(svg)["may"].find(f"{SVG}title").text
    width = float(band.get("width").rstrip("%"))
    assert 1 < width < 7  # a month of the 17 months shown
    assert "Approximate date" not in svg  # the key is the page's, under the chart
    assert "Approximate date" in key(event("may", start=utc(2020, 5, 1), start_precision="month"), event("launch"))


def test_a_planned_event_is_a_hollow_marker_and_a_span_a_bar():
    svg = draw(
        event("soon", status="planned", status_label="Planned", start=utc(2023, 1, 1), start_precision="year"),
        event("orbit", kind="filming", kind_label="Filming", end=utc(2021, 10, 17), end_precision="day"),
    )
    soon, orbit = marks(svg)["soon"], marks(svg)["orbit"]
    assert soon.find(f"{SVG}use").get("fill") == "#ffffff"
    assert "Status: Planned" in soon.find(f"{SVG}title").text
    assert orbit.find(f"{SVG}rect").get("class") == "chart-svg-bar"
    assert orbit.find(f"{SVG}use") is None
    assert "Not (yet) happened" in key(event("soon", status="planned"))


def test_a_plan_that_differs_is_a_hollow_marker_dotted_to_the_actual_date():
    late = event("late", planned=utc(2021, 10, 1), planned_precision="day")
    drawn = marks(draw(late))["late"]
    assert drawn.find(f"{SVG}line").get("stroke-dasharray") == "2 3"
    assert [use.get("class") for use in drawn.iter(f"{SVG}use")] == ["chart-svg-planned", None]
    assert "Planned: 1 Oct 2021" in mark_name(late, RUSSIA)


def test_phases_are_labelled_bands_and_the_range_is_the_one_shown():
    phases = (ChartPhase("Flight <and> filming", dt.date(2021, 10, 5), dt.date(2021, 10, 17)),)
    svg = draw(event("launch"), event("old", start=utc(2020, 5, 5), start_precision="day"), phases=phases)
    assert "Flight &lt;and&gt; filming" in svg
    october = (dt.date(2021, 10, 1), dt.date(2021, 11, 1))
    shown = draw(event("launch"), event("old", start=utc(2020, 5, 5)), view=october)
    assert set(marks(shown)) == {"launch"}  # May 2020 is outside October 2021
    assert "1 Oct 2021" in shown  # the axis ticks by day


def test_the_axis_ticks_years_over_years():
    svg = draw(event("a", start=utc(2020, 1, 5)), event("b", start=utc(2025, 6, 5)))
    ticks = re.findall(r'font-size="12">(\d{4})</text>', svg)
    assert ticks[:3] == ["2021", "2022", "2023"] or ticks[:3] == ["2020", "2021", "2022"]


def test_an_empty_chart_says_so():
    svg = draw()
    assert "No events match these filters." in svg
    parsed(svg)


def test_every_symbol_of_the_vocabulary_is_drawn():
    from timeline.vocabulary import KIND_SYMBOLS

    assert set(KIND_SYMBOLS.values()) <= set(SYMBOL_PATHS)


def test_the_svg_speaks_russian():
    with translation.override("ru"):
        svg = draw(event("x", start=utc(2021, 10, 5), start_precision="day"))
    assert "5 октября 2021" in svg
    assert "Chart of the timeline" not in svg


def test_many_events_are_counted_circles_linking_to_their_period():
    many = [event(f"e{n}", start=utc(2021, 1 + n % 12, 1 + n % 28, 12, 0)) for n in range(60)]
    svg = draw(*many, detail_limit=10)
    root = parsed(svg)
    lanes = [g for g in root.iter(f"{SVG}g") if g.get("class") == "chart-svg-overview"]
    circles = [circle for g in lanes for circle in g.iter(f"{SVG}circle")]
    assert 1 < len(circles) <= 60
    links = [a for a in root.iter(f"{SVG}a") if a.get("class") == "chart-svg-mark"]
    assert links
    assert all(a.get("href").startswith("/?from=") for a in links)
    assert re.search(r"Russia: \d+ events? from", svg)
    assert not marks(svg)  # no event drawn one by one


@pytest.mark.django_db
def test_the_page_has_the_chart_without_drafts(client, seeded, russia):
    make_event(russia, title="Secret draft launch", slug="secret-draft", published=False)
    html = client.get("/").content.decode()
    chart = re.search(r'<div id="chart".*?</svg></div>', html, re.S)
    assert chart, "no SVG in the chart's box"
    assert 'href="/events/soyuz-ms-19-launch/" data-event="soyuz-ms-19-launch"' in chart[0]
    assert "secret-draft" not in html
    assert "Secret draft launch" not in html
    embed = client.get("/embed/").content.decode()
    assert 'class="chart-svg" role="img"' in embed
    # Framed in another site, a mark opens its event in a new tab, as the embed's other links do.
    assert 'data-event="soyuz-ms-19-launch" target="_blank" rel="noopener">' in embed
    assert 'target="_blank"' not in html.split('<div id="chart"')[1].split("</svg>")[0]


@pytest.mark.django_db
def test_ten_thousand_events_keep_the_svg_small(client, seeded):
    generate_events(10_000)
    html = client.get("/").content.decode()
    svg = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg".*?</svg>', html, re.S)[0]
    assert "chart-svg-overview" in svg
    assert len(svg) < 60_000


def test_the_key_is_an_html_list_of_what_is_drawn_with_svg_swatches_coloured_by_attributes():
    html = key(
        event("a", kind="launch", kind_label="Launch"),
        event(
            "b",
            kind="return",
            kind_label="Return",
            status="planned",
            start=utc(2021, 10, 1),
            start_precision="month",
        ),
    )
    root = ET.fromstring(html)
    assert root.get("class") == "chart-key"
    items = root.findall("ul/li")
    texts = ["".join(item.itertext()) for item in items]
    assert texts == ["Launch", "Return", "Not (yet) happened", "Approximate date"]
    swatches = [item.find("svg") for item in items]  # inline SVG in HTML
    assert all(swatch.get("aria-hidden") == "true" and swatch.get("fill") for swatch in swatches)
    assert swatches[0].find("path").get("d") == SYMBOL_PATHS["triangle-up"]
    assert "style" not in html  # the Content Security Policy refuses inline style
    assert "Planned date" not in html  # only what the chart draws


def test_the_overview_key_says_what_a_circle_means_and_an_empty_chart_has_none():
    many = [event(f"e{n}", start=utc(2021, 1 + n % 12, 1)) for n in range(5)]
    assert "Size: number of events" in key(*many, detail_limit=2)
    assert key() == ""

import re

import pytest
from django.conf import settings

from timeline import selectors
from timeline.csp import EMPTY_STYLE_HASH, plotly_style_hashes
from timeline.models import Event, Statement

from .conftest import chart_of, chart_slugs, generate_events, html_of, make_event, make_phase, queries_for, utc

HX = {"HX-Request": "true"}
HISTORY_RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


def list_slugs(html: str) -> list[str]:
    return re.findall(r'<li class="event-item[^"]*"[^>]*data-slug="([^"]+)"', html)


# --- the timeline page ----------------------------------------------------------


def test_index_is_a_full_page_with_filters_chart_and_list(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    html = html_of(response)
    assert html.startswith("<!doctype html>")
    assert '<form id="filters"' in html
    assert 'method="get"' in html
    assert "All 34 events · Russia: 21 · United States: 13" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert len(list_slugs(html)) == 34
    assert chart_slugs(html) == set(list_slugs(html))
    assert "Soyuz MS-19 lifts off with the film crew" in html
    # plotly.js is ours, fetched by timeline.js once the SVG chart has painted; no inline script but the JSON island.
    assert 'data-plotly="/static/plotly/plotly.min.js"' in html
    assert '<script src="/static/plotly/plotly.min.js"' not in html
    assert '<script src="/static/timeline/timeline.js" defer></script>' in html
    scripts = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert scripts == [' id="chart-data" type="application/json"', ' id="page-messages" type="application/json"']
    assert "HX-Request" in response["Vary"]


def test_list_is_grouped_by_year_with_side_kind_date_and_status(client, seeded):
    html = html_of(client.get("/"))
    years = re.findall(r'<h3 class="year" id="year-(\d{4})">', html)
    assert years == ["2020", "2021", "2022", "2023", "2025"]
    item = re.search(
        r'<li class="event-item[^"]*"[^>]*data-slug="axiom-flight-with-cruise-never-flew".*?</li>', html, re.S
    )
    text = " ".join(re.sub(r"<[^>]+>", " ", item.group(0)).split())
    assert text.startswith("United States Launch October 2021")
    assert "Cancelled (never happened)" in text
    assert 'href="/events/axiom-flight-with-cruise-never-flew/"' in item.group(0)
    assert '<time datetime="2021-10">October 2021</time>' in item.group(0)


def test_filtered_page_without_javascript_shows_the_same_list_and_counts(client, seeded):
    html = html_of(client.get("/", {"side": "russia", "kind": ["launch", "return"]}))
    slugs = list_slugs(html)
    assert slugs == ["soyuz-ms-19-launch", "soyuz-ms-18-undocks", "soyuz-ms-18-lands"]
    assert "3 of 34 events match these filters" in html
    assert chart_slugs(html) == set(slugs)
    # Only the chosen side's lane is drawn; the form shows the choices made.
    assert chart_of(html)["layout"]["yaxis"]["ticktext"] == ["Russia"]
    assert '<option value="russia" selected>' in html
    assert re.search(r'<input[^>]*value="launch"[^>]*checked', html)
    # Links to events carry the filter, for previous/next.
    assert 'href="/events/soyuz-ms-19-launch/?side=russia&amp;kind=launch&amp;kind=return"' in html


def test_text_search_and_date_range(client, seeded):
    html = html_of(client.get("/", {"q": "Zhezkazgan"}))
    assert list_slugs(html) == ["most-footage-done", "soyuz-ms-18-lands"]
    html = html_of(client.get("/", {"from": "2023-01-01", "to": "2023-12-31"}))
    assert list_slugs(html) == ["first-trailer-airs", "challenge-premieres-in-kremlin", "challenge-nationwide-release"]


def test_no_match_says_so(client, seeded):
    html = html_of(client.get("/", {"q": "no-such-words-anywhere"}))
    assert "No published event matches these filters." in html
    assert "No events match these filters." in [a["text"] for a in chart_of(html)["layout"]["annotations"]]


def test_htmx_request_gets_only_the_results_fragment(client, seeded):
    response = client.get("/", {"side": "united-states", "from": "", "to": "", "q": ""}, headers=HX)
    assert response.status_code == 200
    html = html_of(response)
    assert "<html" not in html
    assert "<form" not in html
    assert html.lstrip().startswith('<section id="results"')
    assert "13 of 34 events match these filters" in html
    assert len(list_slugs(html)) == 13
    assert chart_slugs(html) == set(list_slugs(html))
    # The canonical URL (no empty parameters) goes into the history.
    assert response["HX-Push-Url"] == "/?side=united-states"
    assert "HX-Request" in response["Vary"]


def test_asking_again_for_the_view_shown_replaces_the_history_entry(client, seeded):
    headers = {**HX, "HX-Current-URL": "http://testserver/?side=united-states"}
    response = client.get("/", {"side": "united-states", "q": ""}, headers=headers)
    assert response["HX-Replace-Url"] == "/?side=united-states"
    assert "HX-Push-Url" not in response
    response = client.get("/", {"side": "russia"}, headers=headers)
    assert response["HX-Push-Url"] == "/?side=russia"


def test_history_restore_gets_the_full_page(client, seeded):
    response = client.get("/", {"side": "russia"}, headers=HISTORY_RESTORE)
    html = html_of(response)
    assert response.status_code == 200
    assert "<html" in html
    assert '<form id="filters"' in html
    assert "21 of 34 events match these filters" in html


BAD_FILTERS = [
    ({"side": "mars"}, "Unknown side: choose one of the sides listed."),
    ({"kind": "picnic"}, "Unknown kind “picnic”: choose from the kinds listed."),
    ({"from": "2021-02-31"}, "Enter a date as YYYY-MM-DD (for example 2021-10-05)."),
    ({"to": "yesterday"}, "Enter a date as YYYY-MM-DD (for example 2021-10-05)."),
    ({"from": "0001-01-01"}, "Choose a date between 1957-10-04 and 2100-12-31."),
    ({"from": "2022-01-01", "to": "2021-01-01"}, "“From” must be on or before “To”."),
    ({"q": "x" * 101}, "Search for at most 100 characters."),
]


@pytest.mark.parametrize(("params", "message"), BAD_FILTERS)
def test_bad_filters_are_a_400_with_the_message_on_the_page(client, seeded, params, message):
    response = client.get("/", params)
    assert response.status_code == 400
    html = html_of(response)
    assert "<html" in html
    assert "These filters cannot be applied" in html
    assert html.count(message.replace("“", "&ldquo;")) + html.count(message) >= 2  # by the field and in the summary
    assert list_slugs(html) == []
    assert 'id="chart-data"' not in html


@pytest.mark.parametrize(("params", "message"), BAD_FILTERS)
def test_bad_filters_are_a_400_with_the_message_in_the_fragment(client, seeded, params, message):
    response = client.get("/", params, headers=HX)
    assert response.status_code == 400
    html = html_of(response)
    assert "<html" not in html
    assert 'role="alert"' in html
    assert message in html
    # Pushed as asked, so a reload shows the same messages.
    assert response["HX-Push-Url"].startswith("/?")


def test_unknown_methods_are_refused(client, seeded):
    assert client.post("/").status_code == 405


def test_drafts_are_absent_from_page_fragment_and_chart(client, russia):
    make_event(russia, title="Secret draft title", slug="secret-draft", published=False)
    make_event(russia, title="Public title", slug="public")
    for response in (client.get("/"), client.get("/", headers=HX), client.get("/", {"q": "title"})):
        html = html_of(response)
        assert "Public title" in html
        assert "Secret draft title" not in html
        assert "secret-draft" not in html
    assert "1 of 1 event matches these filters" in html_of(client.get("/", {"q": "title"}))


def test_today_and_phases_reach_the_chart(client, russia):
    make_phase(name="Casting & training", start=utc(2021, 1, 1).date(), end=utc(2021, 6, 1).date())
    make_event(russia, start=utc(2021, 3, 1))
    figure = chart_of(html_of(client.get("/")))
    assert [a["text"] for a in figure["layout"]["annotations"] if a.get("name") == "phase"] == [
        "Casting &amp; training"
    ]


# --- the event page and panel ---------------------------------------------------


def test_event_page_shows_sources_and_planned_vs_actual(client, seeded):
    html = html_of(client.get("/events/soyuz-ms-18-lands/"))
    assert "<h1" in html
    assert "17 Oct 2021, 04:35 UTC" in html
    # Every plan with the day it was said; the last (16 Oct: 04:35:42 UTC) stands, and was met.
    assert "17 Oct 2021, 04:36 UTC" in html
    assert "(as planned)" in html
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert "6 Oct 2021 : Unattributed news article said 16 Oct 2021" in text
    assert "25 Apr 2021 : Oleg Novitsky via Kazinform (TASS) planned 17 Oct 2021" in text
    assert 'href="https://tass.com/science/1350503"' in html
    assert 'datetime="2021-10-17T04:35Z"' in html


def test_event_page_says_when_a_date_is_approximate(client, seeded):
    html = html_of(client.get("/events/axiom-flight-with-cruise-never-flew/"))
    assert "October 2021" in html
    assert "(known to the month only)" in html
    assert "Never happened" in html
    assert "1 Oct 2021" not in html


def test_event_page_shows_image_caption_and_credit(client, russia):
    make_event(russia, slug="pictured", image="events/launch.jpg", image_alt="A Soyuz rocket on the pad",
               image_caption="Soyuz MS-19 before launch", image_credit="Roscosmos")  # fmt: skip
    html = html_of(client.get("/events/pictured/"))
    assert '<img src="/media/events/launch.jpg" alt="A Soyuz rocket on the pad"' in html
    assert "Soyuz MS-19 before launch" in html
    assert "Credit: Roscosmos" in html


def test_event_panel_for_htmx_is_a_fragment(client, seeded):
    response = client.get("/events/soyuz-ms-19-launch/", {"side": "russia"}, headers=HX)
    html = html_of(response)
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<article id="event" class="event-detail in-panel"')
    assert "<h2" in html
    assert "data-panel-close" in html
    assert 'href="/?side=russia"' in html  # close: back to the filtered timeline
    assert "HX-Request" in response["Vary"]


def test_event_page_for_history_restore_is_full(client, seeded):
    html = html_of(client.get("/events/soyuz-ms-19-launch/", headers=HISTORY_RESTORE))
    assert "<html" in html
    assert "<h1" in html
    assert "in-panel" not in html


def test_draft_event_page_is_404(client, russia):
    make_event(russia, slug="draft-one", published=False)
    assert client.get("/events/draft-one/").status_code == 404
    assert client.get("/events/draft-one/", headers=HX).status_code == 404
    Event.objects.filter(slug="draft-one").update(published=True)
    assert client.get("/events/draft-one/").status_code == 200


FLIGHTS = {"side": "russia", "kind": ["launch", "return"]}


def pager(html: str) -> tuple[str | None, str | None]:
    prev = re.search(r'<a class="pager-prev" rel="prev"[^>]*href="/events/([^/]+)/', html)
    following = re.search(r'<a class="pager-next" rel="next"[^>]*href="/events/([^/]+)/', html)
    return (prev.group(1) if prev else None, following.group(1) if following else None)


@pytest.mark.parametrize(
    ("slug", "params", "expected"),
    [
        ("soyuz-ms-19-launch", {}, ("filming-aboard-the-iss", "soyuz-ms-19-docks")),
        ("soyuz-ms-19-launch", FLIGHTS, (None, "soyuz-ms-18-undocks")),
        ("soyuz-ms-18-undocks", FLIGHTS, ("soyuz-ms-19-launch", "soyuz-ms-18-lands")),
        ("soyuz-ms-18-lands", FLIGHTS, ("soyuz-ms-18-undocks", None)),
        ("soyuz-ms-19-launch", {"side": "united-states"}, ("axiom-flight-with-cruise-never-flew", "see-1-studio-module-announced")),  # noqa: E501
    ],
)  # fmt: skip
def test_previous_and_next_within_the_filter(client, seeded, slug, params, expected):
    html = html_of(client.get(f"/events/{slug}/", params))
    assert pager(html) == expected
    if params:
        query = "side=" + params["side"]
        assert f"?{query}" in html
    for response in (client.get(f"/events/{slug}/", params, headers=HX),):
        assert pager(html_of(response)) == expected
    if expected[0] is None:
        assert "First event in this filter" in html


def test_event_page_with_a_bad_filter_still_shows_the_event(client, seeded):
    response = client.get("/events/soyuz-ms-19-launch/", {"from": "soon"})
    assert response.status_code == 200
    html = html_of(response)
    assert "The filter in this link could not be used" in html
    assert "Enter a date as YYYY-MM-DD" in html
    assert pager(html) == ("filming-aboard-the-iss", "soyuz-ms-19-docks")


def test_drafts_are_skipped_by_previous_and_next(client, russia):
    make_event(russia, slug="one", start=utc(2021, 1, 1))
    make_event(russia, slug="draft", start=utc(2021, 1, 2), published=False)
    make_event(russia, slug="three", start=utc(2021, 1, 3))
    assert pager(html_of(client.get("/events/one/"))) == (None, "three")


# --- security headers --------------------------------------------------------------


def test_csp_allows_plotlys_two_styles_and_nothing_inline(client, seeded):
    policy = client.get("/")["Content-Security-Policy"]
    style_src = re.search(r"style-src ([^;]+)", policy).group(1).split()
    assert style_src[0] == "'self'"
    assert EMPTY_STYLE_HASH in style_src
    assert len(plotly_style_hashes()) == 2
    assert set(plotly_style_hashes()) <= set(style_src)
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert settings.SECURE_CSP["style-src"][1:] == list(plotly_style_hashes())


# --- constant query counts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "params", "headers"),
    [
        ("/", {}, {}),
        ("/", {"side": "russia", "kind": ["launch", "status_update"], "q": "Event"}, {}),
        ("/", {"side": "russia", "from": "2021-01-01"}, HX),
        ("/events/event-anchor/", {}, {}),
        ("/events/event-anchor/", {"side": "russia", "kind": "status_update"}, HX),
    ],
)
def test_query_count_does_not_grow_with_the_events(client, russia, united_states, url, params, headers):
    anchor = make_event(russia, slug="event-anchor", sources=3)
    for day in (1, 2):
        Statement.objects.create(event=anchor, kind="plan", date=utc(2021, 1, day), date_precision="day",
                                 announced=utc(2020, 12, day), announced_precision="day", publisher="P")  # fmt: skip
    make_phase()
    for i in range(9):
        make_event(russia if i % 2 else united_states, sources=2)
    small = queries_for(client, url, params, headers)
    for i in range(190):
        make_event(russia if i % 2 else united_states, sources=2, start=utc(2020 + i % 4, 1 + i % 12, 1 + i % 28))
    large = queries_for(client, url, params, headers)
    assert small == large
    # `/`: data version, the matching events (plain values), the model rows
    # of the page the list shows, sides, phases, the published count, the
    # race's four, the chart's statements, the lede's latest status updates,
    # the data version for the share card's address; a filter by side checks the side too.
    assert large <= 15


# --- the timeline page: clean URLs without JavaScript ---------------------------------


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ("side=russia&from=&to=&q=", "/?side=russia"),
        ("from=&to=&q=", "/"),
        ("q=%20%20&side=united-states", "/?side=united-states"),
        ("kind=return&side=russia&from=&to=&q=Soyuz&as_of=", "/?side=russia&kind=return&q=Soyuz"),
        ("side=russia&from=&as_of=2021-10-06", "/?side=russia&as_of=2021-10-06"),
    ],
)
def test_a_form_sent_without_javascript_is_redirected_to_the_clean_url(client, seeded, query, location):
    response = client.get(f"/?{query}")
    assert response.status_code == 302
    assert response["Location"] == location
    assert client.get(location).status_code == 200


def test_clean_urls_and_bad_ones_are_not_redirected(client, seeded):
    assert client.get("/?side=russia&kind=launch").status_code == 200
    # A bad value is explained, not redirected away.
    response = client.get("/?side=mars&from=&to=")
    assert response.status_code == 400
    assert "Unknown side" in html_of(response)
    response = client.get("/?side=russia&from=&as_of=tomorrow")
    assert response.status_code == 400


# --- the race comparison on `/` -----------------------------------------------------------


def race_row(html: str, kind: str) -> str:
    start = html.index(f'id="milestone-{kind}"')
    return html[start : html.index("</tr>", start)]


def test_the_race_is_on_the_timeline_page(client, seeded):
    html = html_of(client.get("/"))
    results = html[html.index('<section id="results"') :]
    assert '<section id="race-table"' in results  # inside #results: swapped with the filters
    assert "only Russia so far" in race_row(html, "launch")
    assert "United States first, by 4 months" in race_row(html, "announcement")
    assert "whatever the filters above" in html
    assert "(today)" in html
    # The date field belongs to the filters form, empty while the race is live.
    assert re.search(r'<input type="date" id="as-of" name="as_of" form="filters"\s+value=""', html)
    assert 'href="/race/"' in html


def test_the_race_on_the_timeline_page_counts_both_sides_whatever_the_filters(client, seeded):
    html = html_of(client.get("/", {"side": "united-states", "kind": "announcement"}))
    assert len(list_slugs(html)) == 3
    assert "only Russia so far" in race_row(html, "launch")
    assert "5 Oct 2021, 08:55 UTC" in race_row(html, "launch")
    # Presets keep the filters; the "today" preset drops only the day.
    assert 'id="race-preset-article" href="/?side=united-states&amp;kind=announcement&amp;as_of=2021-10-06"' in html
    assert 'id="race-preset-today" href="/?side=united-states&amp;kind=announcement"' in html


def test_the_race_on_the_timeline_page_as_of_a_day(client, seeded):
    html = html_of(client.get("/", {"side": "russia", "as_of": "2021-10-06"}))
    assert 'The race as it stood on <time datetime="2021-10-06">6 Oct 2021</time>' in html
    assert "planned: 17 Oct 2021" in race_row(html, "return")
    assert 'value="2021-10-06"' in html
    assert 'aria-current="true">The article’s day, 6 Oct 2021' in html
    assert 'href="/race/?as_of=2021-10-06"' in html
    # The chart and the list are the filter's, as the record stood that day (tests/test_known.py).
    assert len(list_slugs(html)) == 15
    assert "soyuz-ms-18-lands" in list_slugs(html)  # the return, then a plan
    assert "challenge-premieres-in-kremlin" not in list_slugs(html)


def test_the_filters_fragment_carries_the_race(client, seeded):
    response = client.get("/", {"side": "russia", "from": "", "as_of": "2021-10-06"}, headers=HX)
    html = html_of(response)
    assert html.lstrip().startswith('<section id="results"')
    assert "planned: 17 Oct 2021" in race_row(html, "return")
    assert response["HX-Push-Url"] == "/?side=russia&as_of=2021-10-06"


@pytest.mark.parametrize(
    ("trigger", "controls"), [("as-of", False), ("race-preset-launch", True), ("race-preset-today", True)]
)
def test_the_race_date_on_the_timeline_page_swaps_only_the_table(client, seeded, trigger, controls):
    headers = {**HX, "HX-Target": "race-table", "HX-Trigger": trigger}
    response = client.get("/", {"as_of": "2021-10-20", "side": "russia", "q": ""}, headers=headers)
    assert response.status_code == 200
    html = html_of(response)
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="race-table"')
    assert "list-heading" not in html
    assert 'id="chart-data"' not in html
    assert "17 Oct 2021, 04:35 UTC" in race_row(html, "return")
    assert "<title>" not in html  # the timeline keeps its own title
    # A preset asked: the date field follows (out of band); the field itself asked: left alone.
    assert ('<div id="race-controls" class="race-controls" hx-swap-oob="true">' in html) is controls
    if controls:
        assert 'value="2021-10-20"' in html
        assert 'href="/?side=russia&amp;as_of=2021-10-06"' in html
    assert response["HX-Push-Url"] == "/?side=russia&as_of=2021-10-20"


BAD_AS_OF = [
    ("2021-02-31", "Enter the as-of date as YYYY-MM-DD (for example 2021-10-06)."),
    ("soon", "Enter the as-of date as YYYY-MM-DD (for example 2021-10-06)."),
    ("1900-01-01", "Choose an as-of date from 1957-10-04 to today"),
    ("9999-12-31", "Choose an as-of date up to today"),
]


@pytest.mark.parametrize(("as_of", "message"), BAD_AS_OF)
@pytest.mark.parametrize(
    "headers", [{}, HX, {**HX, "HX-Target": "race-table", "HX-Trigger": "as-of"}], ids=["page", "results", "race"]
)
def test_a_bad_as_of_on_the_timeline_page_is_a_400_with_the_message(client, seeded, as_of, message, headers):
    response = client.get("/", {"side": "russia", "as_of": as_of}, headers=headers)
    assert response.status_code == 400
    html = html_of(response)
    assert message in html
    assert "That date cannot be shown" in html
    assert 'class="race-table"' not in html
    assert ("<html" in html) is (not headers)
    if headers.get("HX-Target") != "race-table":
        # The timeline itself is still shown for the (valid) filter.
        assert len(list_slugs(html)) == 21
        assert 'aria-invalid="true"' in html


def test_drafts_stay_out_of_the_race_on_the_timeline_page(client, russia, united_states):
    make_event(united_states, kind="launch", title="Secret draft launch", slug="secret-launch", published=False)
    make_event(russia, kind="launch", title="Public launch", slug="public-launch")
    for headers in ({}, {**HX, "HX-Target": "race-table", "HX-Trigger": "as-of"}):
        html = html_of(client.get("/", headers=headers))
        assert "Public launch" in html
        assert "Secret draft launch" not in html
        assert "secret-launch" not in html
        assert "only Russia so far" in race_row(html, "launch")


# --- exports, feed and embed snippet on `/` ---------------------------------------------


def test_exports_feed_and_embed_keep_the_filter(client, seeded):
    for headers in ({}, HX):
        html = html_of(client.get("/", {"side": "russia", "kind": "launch", "as_of": "2021-10-06"}, headers=headers))
        share = html[html.index('<section id="share"') :]
        for path in ("events.json", "events.csv", "timelinejs.json", "events.ics"):
            assert f'href="/export/{path}?side=russia&amp;kind=launch"' in share
        assert "as_of" not in share  # the day is the race's, not the data's
        assert 'href="/feed/"' in share
        assert (
            "&lt;iframe src=&quot;http://testserver/embed/?side=russia&amp;amp;kind=launch&quot; "
            "title=&quot;Space Film Race: the timeline chart&quot;"
        ) in share
        assert "height=&quot;382&quot;" in share  # one lane, its key, the headline and the link back
        assert '<button type="button" data-copy="embed-code" hidden>Copy</button>' in share
        assert 'href="http://testserver/embed/?side=russia&amp;kind=launch">Preview the embed</a>' in share


def test_unfiltered_exports_and_a_two_lane_embed(client, seeded):
    html = html_of(client.get("/"))
    assert 'href="/export/events.json"' in html
    assert "&lt;iframe src=&quot;http://testserver/embed/&quot;" in html
    assert "height=&quot;532&quot;" in html


def test_feed_autodiscovery_and_a_visible_feed_link(client, seeded):
    for url in ("/", "/race/", "/events/soyuz-ms-19-launch/"):
        html = html_of(client.get(url))
        head = html[: html.index("</head>")]
        assert (
            '<link rel="alternate" type="application/atom+xml" title="Space Film Race: new and updated events" '
            'href="/feed/">'
        ) in head
        footer = html[html.index('<footer class="site-footer">') :]
        assert '<a href="/feed/" type="application/atom+xml">Atom feed of new and updated events</a>' in footer


# --- the race and share sections keep the query count constant ---------------------------


@pytest.mark.parametrize(
    ("params", "headers"),
    [
        ({"as_of": "2021-06-01"}, {}),
        ({"side": "russia", "as_of": "2021-06-01"}, HX),
        ({"side": "russia", "as_of": "2021-06-01"}, {**HX, "HX-Target": "race-table", "HX-Trigger": "as-of"}),
    ],
)
def test_query_count_with_the_race_does_not_grow(client, russia, united_states, params, headers):
    for i in range(10):
        make_event(russia if i % 2 else united_states, kind="launch" if i % 3 else "return", sources=2)
    small = queries_for(client, "/", params, headers)
    for i in range(190):
        make_event(russia if i % 2 else united_states, kind="launch" if i % 3 else "arrival", sources=2)
    assert queries_for(client, "/", params, headers) == small


def test_the_race_wears_each_sides_own_colour(client, seeded):
    from timeline.models import Effort

    effort = Effort.objects.get(slug="united-states")
    effort.colour = "#0b6e4f"
    effort.save()
    html = client.get("/race/").content.decode()
    assert html.count('fill="#0b6e4f"') >= 10  # the figures, the column head and every cell
    assert "--united-states" not in html


# --- the paginated list -------------------------------------------------------


def test_pagination_links_keep_the_filter(client, seeded):
    generate_events(400)
    total = selectors.events_for_timeline(selectors.TimelineFilter(side="russia")).count()
    assert total > 200
    first = client.get("/?side=russia").content.decode()
    assert first.count('class="event-item') == 100
    assert f"(1–100 of {total})" in first
    assert 'href="/?side=russia&amp;page=2"' in first
    assert 'hx-get="/?side=russia&amp;page=2"' in first
    assert 'data-side="united-states" data-kind' not in first  # the list keeps the filter

    second = client.get("/?side=russia&page=2", headers={**HX, "HX-Current-URL": "http://testserver/"})
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
    generate_events(250)
    expected = list(selectors.events_for_timeline().values_list("slug", flat=True))
    listed = []
    for number in (1, 2, 3):
        body = client.get("/", {"page": number}).content.decode()
        listed += re.findall(r'class="event-item[^"]*" data-side="[^"]+" data-kind="[^"]+" data-slug="([^"]+)"', body)
    assert listed == expected
    assert selectors.timeline_rows()[0].keys() == {*selectors.TIMELINE_ROW_FIELDS, "planned", "planned_precision"}


def test_a_page_past_the_end_is_the_last_and_a_bad_page_is_a_400(client, seeded):
    generate_events(150)
    last = client.get("/?page=99").content.decode()
    assert "Page 2 of 2" in last
    bad = client.get("/?page=two")
    assert bad.status_code == 400
    assert "Give the page as a whole number" in bad.content.decode()
    assert client.get("/?page=0").status_code == 400


# --- links built from the page's one canonical query ------------------------------


def links_of(html: str) -> list[str]:
    return re.findall(r'(?:href|hx-get|src)="([^"]*)"', html)


def test_page_links_and_event_links_keep_the_filters_and_the_day(client, seeded):
    from django.core.management import call_command

    call_command("generate_events", 250, verbosity=0)
    first = html_of(client.get("/", {"as_of": "2026-11-30", "side": "russia"}))
    assert 'rel="next" href="/?side=russia&amp;as_of=2026-11-30&amp;page=2"' in first
    assert 'href="/events/soyuz-ms-19-launch/?side=russia&amp;as_of=2026-11-30"' in first

    # Asked out of order: the canonical URL goes into the history, and back to page 1 drops ?page.
    second = client.get("/", {"page": "2", "as_of": "2026-11-30", "side": "russia"}, headers=HX)
    assert second["HX-Push-Url"] == "/?side=russia&as_of=2026-11-30&page=2"
    body = html_of(second)
    assert 'rel="prev" href="/?side=russia&amp;as_of=2026-11-30"' in body
    # The race's presets keep the filters, never the page; its own page keeps only the day.
    assert 'id="race-preset-today" href="/?side=russia"' in body
    assert 'href="/race/?as_of=2026-11-30">The race on its own page' in body
    assert "Page 2 of 2" in body
    assert not [link for link in links_of(body) if "page=" in link]  # the last page: no link asks for another


def test_exports_keep_the_kinds_in_the_order_asked_and_the_search(client, seeded):
    query = {"q": "Soyuz", "kind": ["return", "launch"], "side": "russia", "as_of": "2021-10-06", "page": "1"}
    share = html_of(client.get("/", query))
    share = share[share.index('<section id="share"') :]
    for path in ("events.json", "events.csv", "timelinejs.json", "events.ics"):
        assert f'href="/export/{path}?side=russia&amp;kind=return&amp;kind=launch&amp;q=Soyuz"' in share
    assert 'href="http://testserver/embed/?side=russia&amp;kind=return&amp;kind=launch&amp;q=Soyuz"' in share


@pytest.mark.parametrize(
    ("url", "params", "headers"),
    [
        ("/", {}, {}),
        ("/", {"side": "russia", "from": "", "q": "", "as_of": ""}, HX),
        ("/", {"side": "mars"}, {}),
        ("/", {"as_of": "soon"}, {}),
        ("/race/", {}, {}),
        ("/race/", {"as_of": "2021-10-06"}, {}),
        ("/embed/", {}, {}),
        ("/events/soyuz-ms-19-launch/", {}, {}),
        ("/events/soyuz-ms-19-launch/", {"side": "russia", "q": ""}, HX),
    ],
)
def test_no_link_carries_a_bare_question_mark_or_an_empty_parameter(client, seeded, url, params, headers):
    links = links_of(html_of(client.get(url, params, headers=headers)))
    assert links
    for link in (link for link in links if "?" in link):
        query = link.split("?", 1)[1]
        assert query, link
        assert all(pair.split("=", 1)[1] for pair in query.split("&amp;")), link


def test_the_race_on_the_timeline_page_keeps_a_good_day_when_the_filter_is_refused(client, seeded):
    headers = {**HX, "HX-Target": "race-table", "HX-Trigger": "race-preset-article"}
    response = client.get("/", {"side": "mars", "as_of": "2021-10-06"}, headers=headers)
    assert response.status_code == 200  # the race does not read the filters
    assert response["HX-Push-Url"] == "/?as_of=2021-10-06"
    assert 'id="race-preset-today" href="/"' in html_of(response)


def test_with_query_builds_from_the_mappings_given_and_leaves_no_bare_question_mark(rf):
    from django.http import QueryDict
    from django.template import RequestContext, Template

    def render(source: str, **context) -> str:
        request = rf.get("/", {"side": "russia", "page": "4"})  # never read: links say what they keep
        return Template("{% load timeline_tags %}" + source).render(RequestContext(request, context))

    canonical = QueryDict("side=russia&kind=launch&kind=return&as_of=2021-10-06&page=3")
    assert render('{% with_query "/" canonical %}', canonical=QueryDict()) == "/"
    assert render('{% with_query "/race/" as_of=None %}') == "/race/"
    assert render('{% with_query "/" side="united-states" kind="launch" %}') == "/?side=united-states&amp;kind=launch"
    assert render('{% with_query "/" canonical page=None as_of=None %}', canonical=canonical) == (
        "/?side=russia&amp;kind=launch&amp;kind=return"
    )
    assert render('{% with_query "/" canonical page=4 as url %}[{{ url }}]', canonical=canonical) == (
        "[/?side=russia&amp;kind=launch&amp;kind=return&amp;as_of=2021-10-06&amp;page=4]"
    )
    assert render('{% with_query "/" canonical page=None as_of="2021-10-07" %}', canonical=canonical) == (
        "/?side=russia&amp;kind=launch&amp;kind=return&amp;as_of=2021-10-07"
    )


def test_every_export_is_the_one_view_with_its_format(client, seeded):
    from django.urls import resolve, reverse

    from timeline import exports, views

    formats = set()
    for _label, name in exports.EXPORTS:
        match = resolve(reverse(name))
        assert match.func is views.export_events
        formats.add(match.kwargs["export"])
        spec = views.EXPORT_FORMATS[match.kwargs["export"]]
        response = client.get(reverse(name), {"side": "russia"})
        assert response["Content-Type"] == spec.content_type
        assert response["Content-Disposition"] == f'attachment; filename="{spec.filename}"'
        refused = client.get(reverse(name), {"side": "mars"})
        assert refused.status_code == 400
        assert refused["Content-Type"].startswith("application/json" if spec.errors_as_json else "text/plain")
    assert formats == set(views.EXPORT_FORMATS)


@pytest.mark.parametrize(
    ("path", "wide", "narrow", "key"),
    [
        ("/", "use the buttons to zoom", "Tap the buttons to zoom", "Key"),
        ("/ru/", "масштаб меняют кнопки;", "Масштаб меняют кнопки;", "Обозначения"),
    ],
)
def test_the_chart_caption_speaks_of_no_slider_and_the_key_is_under_the_chart(client, seeded, path, wide, narrow, key):
    html = html_of(client.get(path))
    caption = html.split("<figcaption")[1].split("</figcaption>")[0]
    assert wide in caption
    assert narrow in caption
    assert "slider" not in caption
    assert "ползун" not in caption
    box, after = html.split('<div id="chart"')[1].split("</svg></div>", 1)
    assert (
        f'<div class="chart-key"><p class="chart-key-title" id="chart-key-title">{key}</p>' in after.split("<script")[0]
    )
    assert "chart-key" not in box  # not inside the chart's box, which Plotly takes over

"""/embed/: the chart alone for other sites' frames, and who may frame it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from timeline.csp import DEFAULT_EMBED_FRAME_ANCESTORS, frame_ancestors

from .conftest import chart_of, chart_slugs, html_of, make_event, queries_for


def directive(policy: str, name: str) -> str:
    match = re.search(rf"(?:^|;\s*){name} ([^;]+)", policy)
    assert match, f"no {name} in {policy}"
    return match.group(1).strip()


def test_embed_is_the_chart_and_a_link_back_without_site_chrome(client, seeded):
    response = client.get("/embed/")
    assert response.status_code == 200
    html = html_of(response)
    assert len(chart_slugs(html)) == 34
    assert chart_of(html)["layout"]["yaxis"]["ticktext"] == ["Russia", "United<br>States"]
    assert '<div id="chart" class="chart chart-lanes-2"' in html
    assert '</div>\n    <div class="chart-key">' in html  # the key, under the chart's box
    assert "Approximate date" in html.split('<div class="chart-key">')[1].split("</div>")[0]
    assert 'data-plotly="/static/plotly/plotly.min.js"><svg' in html  # the server's SVG chart, until Plotly
    assert '<script src="/static/timeline/timeline.js" defer></script>' in html
    # No site header, footer, filters, list or panel.
    for chrome in ("site-header", "site-footer", 'id="filters"', "event-item", 'id="panel"', "skip-link"):
        assert chrome not in html
    # Only the JSON islands are inline: the figure and the scripts' words.
    assert re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html) == [
        ' id="chart-data" type="application/json"',
        ' id="page-messages" type="application/json"',
    ]
    assert '<a href="/" target="_blank" rel="noopener">Space Film Race: the full timeline' in html
    assert "34 events · Russia: 21 · United States: 13" in " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert '<meta name="robots" content="noindex">' in html


def test_embed_honours_the_filters(client, seeded):
    html = html_of(client.get("/embed/", {"side": "russia", "kind": ["launch", "return"]}))
    assert chart_slugs(html) == {"soyuz-ms-19-launch", "soyuz-ms-18-undocks", "soyuz-ms-18-lands"}
    assert chart_of(html)["layout"]["yaxis"]["ticktext"] == ["Russia"]
    # The way back, and the event links the chart opens, keep the filter.
    assert 'href="/?side=russia&amp;kind=launch&amp;kind=return" target="_blank"' in html
    assert "the timeline with these filters" in html
    assert 'data-filter-query="side=russia&amp;kind=launch&amp;kind=return"' in html
    html = html_of(client.get("/embed/", {"q": "Zhezkazgan"}))
    assert chart_slugs(html) == {"most-footage-done", "soyuz-ms-18-lands"}


def test_embed_leaves_drafts_out(client, russia):
    make_event(russia, title="Secret draft title", slug="secret-draft", published=False)
    make_event(russia, title="Public title", slug="public")
    html = html_of(client.get("/embed/"))
    assert chart_slugs(html) == {"public"}
    assert "Secret draft title" not in html
    assert "secret-draft" not in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"side": "mars"}, "side: Unknown side: choose one of the sides listed."),
        ({"kind": "picnic"}, "kind: Unknown kind “picnic”: choose from the kinds listed."),
        ({"from": "2021-02-31"}, "from: Enter a date as YYYY-MM-DD (for example 2021-10-05)."),
        ({"from": "2022-01-01", "to": "2021-01-01"}, "“From” must be on or before “To”."),
        ({"q": "x" * 101}, "q: Search for at most 100 characters."),
    ],
)
def test_bad_filters_are_a_400_with_the_message_in_the_frame(client, seeded, params, message):
    response = client.get("/embed/", params)
    assert response.status_code == 400
    html = html_of(response)
    assert "This chart cannot be shown" in html
    assert message.replace("“", "&ldquo;").replace("”", "&rdquo;") in html or message in html
    assert 'id="chart-data"' not in html
    assert "plotly.min.js" not in html
    # Still frameable, so the host page shows the message rather than a blocked frame.
    assert "X-Frame-Options" not in response
    assert directive(response["Content-Security-Policy"], "frame-ancestors") == " ".join(settings.EMBED_FRAME_ANCESTORS)


# --- headers -------------------------------------------------------------------------


def test_embed_may_be_framed_as_configured_and_nothing_else_may(client, seeded):
    response = client.get("/embed/")
    policy = response["Content-Security-Policy"]
    assert directive(policy, "frame-ancestors") == " ".join(settings.EMBED_FRAME_ANCESTORS)
    assert settings.EMBED_FRAME_ANCESTORS == ["'self'", "https:"]  # the default
    assert "X-Frame-Options" not in response
    # Otherwise the site's own policy, unchanged: no inline scripts or styles.
    assert directive(policy, "default-src") == "'none'"
    assert directive(policy, "script-src").startswith("'self'")
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    for url in ("/", "/race/", "/events/soyuz-ms-19-launch/", "/export/events.json"):
        other = client.get(url)
        assert other["X-Frame-Options"] == "DENY", url
        assert directive(other["Content-Security-Policy"], "frame-ancestors") == "'none'", url


def test_embed_answers_get_and_head_only(client, seeded):
    assert client.head("/embed/").status_code == 200
    assert client.post("/embed/").status_code == 405


def test_embed_query_count_does_not_grow(client, russia, united_states):
    for i in range(10):
        make_event(russia if i % 2 else united_states, sources=2)
    small = queries_for(client, "/embed/", {"side": "russia"})
    for i in range(190):
        make_event(russia if i % 2 else united_states, sources=2)
    assert queries_for(client, "/embed/", {"side": "russia"}) == small


# --- DJANGO_EMBED_FRAME_ANCESTORS ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "sources"),
    [
        (None, ["'self'", "https:"]),
        ("", ["'self'", "https:"]),
        ("  ", ["'self'", "https:"]),
        ("self", ["'self'"]),
        ("'self' https://news.example.org", ["'self'", "https://news.example.org"]),
        (
            "https://a.example.org, https://*.b.example.com:443",
            ["https://a.example.org", "https://*.b.example.com:443"],
        ),
        ("none", ["'none'"]),
        ("'NONE'", ["'none'"]),
        ("*", ["*"]),
        ("http://localhost:8000 http://localhost:8000", ["http://localhost:8000"]),
    ],
)
def test_frame_ancestors_from_the_environment(value, sources):
    assert frame_ancestors(value) == sources


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://news.example.org/page", "is not a frame-ancestors source"),
        ("'self", "is not a frame-ancestors source"),
        ("https://a.org; script-src *", "is not a frame-ancestors source"),
        ("none https://a.org", "'none' cannot be combined"),
    ],
)
def test_bad_frame_ancestors_are_refused(value, message):
    with pytest.raises(ValueError, match=message):
        frame_ancestors(value)


def test_default_is_documented():
    assert DEFAULT_EMBED_FRAME_ANCESTORS == "'self' https:"
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert "`DJANGO_EMBED_FRAME_ANCESTORS` | `'self' https:`" in readme


def _settings_with(value: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "spacefilm.test_settings", "DJANGO_EMBED_FRAME_ANCESTORS": value}
    code = "import django; django.setup(); from django.conf import settings; print(settings.EMBED_FRAME_ANCESTORS)"
    root = Path(__file__).resolve().parent.parent
    return subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True, text=True, check=False)


def test_the_setting_is_read_from_the_environment():
    result = _settings_with("https://news.example.org, self")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['https://news.example.org', \"'self'\"]"
    result = _settings_with("https://news.example.org/path")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_EMBED_FRAME_ANCESTORS: 'https://news.example.org/path'" in result.stderr

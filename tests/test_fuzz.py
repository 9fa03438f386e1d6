"""Random query strings, path values and htmx headers at every public URL:
never a 5xx, never a traceback.

The routes come from the URLconf (tests/public_urls.py), so new pages are
fuzzed as soon as they exist.  Path parameters get values that match their
converter, real slugs from the seed, and arbitrary text; query strings mix the
parameter names our forms know with random ones, valid values with hostile
ones; every request header django-htmx reads (read from its source, so a new
one is fuzzed after an upgrade) gets valid and hostile values.  The budget
(FUZZ_EXAMPLES, default 1,200 requests in all) is shared between the routes;
raise it for a deeper run:

    FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/test_fuzz.py
"""

from __future__ import annotations

import inspect
import json
import math
import os
import re
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django import forms as django_forms
from django_htmx.middleware import HtmxDetails
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import forms as timeline_forms
from timeline.models import Event

from .public_urls import public_routes

ROUTES = public_routes()
TOTAL_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "1200"))
EXAMPLES_PER_ROUTE = max(100, math.ceil(TOTAL_EXAMPLES / len(ROUTES)))

SEED = json.loads((Path(timeline_forms.__file__).parent / "seed" / "events.json").read_text(encoding="utf-8"))
SEED_SLUGS = sorted({e["slug"] for e in SEED["events"]} | {p["slug"] for p in SEED["phases"]})
SIDE_SLUGS = sorted(e["slug"] for e in SEED["efforts"])
KINDS = [value for value, _ in Event.Kind.choices]


def form_field_names() -> list[str]:
    """Every field name of the forms in timeline.forms: the parameters our
    pages read from the query string."""
    names = set()
    for value in vars(timeline_forms).values():
        is_form = isinstance(value, type) and issubclass(value, django_forms.BaseForm)
        if is_form and value.__module__.startswith("timeline"):
            try:
                names |= set(value().fields)
            except TypeError:  # a form that needs arguments: its declared fields will do
                names |= set(value.base_fields)
    return sorted(names)


KNOWN_PARAMS = sorted(set(form_field_names()) | {"page", "format", "as_of", "slug", "side", "kind", "q"})

text = st.text(st.characters(codec="utf-8"), max_size=60)
long_text = st.text(st.characters(codec="utf-8"), min_size=60, max_size=3000)
hostile = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "%00",
        "%",
        "%zz",
        "%ff%fe",
        "..",
        "../../etc/passwd",
        "..%2f..%2fsettings.py",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\u202e\u0635\u0648\u0631\u0629",
        "🚀" * 50,
        "x" * 5000,
        "9" * 400,
        "-1",
        "0",
        "1e309",
        "NaN",
        "null",
        "[]",
        "{}",
        "true",
    ]
)
dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["2021-02-30", "2021-13-01", "0000-00-00", "99999-01-01", "2021-10", "2021", "05/10/2021"]),
    st.datetimes().map(lambda d: d.isoformat()),
)
param_value = st.one_of(
    st.sampled_from(SIDE_SLUGS + KINDS + SEED_SLUGS),
    dates,
    text,
    long_text,
    hostile,
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
)
known_pairs = st.lists(st.tuples(st.sampled_from(KNOWN_PARAMS), param_value), min_size=1, max_size=8)
any_pairs = st.lists(st.tuples(text, param_value), max_size=4)

query_string = st.one_of(
    st.tuples(known_pairs, any_pairs).map(lambda pairs: urlencode(pairs[0] + pairs[1])),
    known_pairs.map(urlencode),
    # Raw, possibly malformed text: stray %, & and = where a parser may choke.
    st.text(st.characters(codec="utf-8", exclude_characters="#"), max_size=200).map(
        lambda raw: quote(raw, safe="=&%+;,/?:@")
    ),
    st.just("&".join(f"kind={KINDS[i % len(KINDS)]}" for i in range(2000))),  # past DATA_UPLOAD_MAX_NUMBER_FIELDS
)


def path_value(regex: str):
    return st.one_of(
        st.from_regex(regex, fullmatch=True, alphabet=st.characters(codec="utf-8")).filter(lambda v: len(v) < 300),
        st.sampled_from(SEED_SLUGS),
        text,
        long_text,
        hostile,
    )


# Every header django-htmx reads, and the "-URI-AutoEncoded" twins that make
# it percent-decode them.
HTMX_HEADERS = sorted(set(re.findall(r'_get_header_value\("([^"]+)"\)', inspect.getsource(HtmxDetails))))
HTMX_TWINS = [f"{name}-URI-AutoEncoded" for name in HTMX_HEADERS]
header_value = st.one_of(
    st.sampled_from(
        [
            "true",
            "false",
            "TRUE",
            "results",
            "race-table",
            "race-controls",
            "as-of",
            "http://testserver/",
            "http://testserver/?side=russia",
            "https://testserver/",
            "http://[::1",
            "http://[::1]:80/",
            "http://[",
            "http://]",
            "http://testserver:99999/",
            "http://testserver:-1/",
            "http://user@testserver/",
            "//testserver/",
            "/?side=russia",
            "javascript:alert(1)",
            "http://ex\uff03ample/",
            "http://\u2100/",
            "%E0%A4%A",
            "%ZZ",
            "{}",
            '{"target": null}',
        ]
    ),
    hostile,
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=80),
)
htmx_headers = st.fixed_dictionaries(
    {"HX-Request": st.one_of(st.just("true"), header_value)},
    optional={name: header_value for name in [*HTMX_HEADERS, *HTMX_TWINS] if name != "HX-Request"},
)


def route_requests(route):
    return st.tuples(
        st.fixed_dictionaries({name: path_value(regex) for name, regex in route.params}),
        query_string,
        st.one_of(st.just({}), htmx_headers),  # as a plain or an htmx request
    )


TRACEBACK_MARKERS = ["Traceback (most recent call last)", "Exception Value", 'File "/', "django.db.utils"]


def assert_no_server_error(response, url: str) -> None:
    url = url if len(url) < 200 else url[:200] + "…"
    assert response.status_code < 500, f"{response.status_code} for {url!r}"
    if getattr(response, "streaming", False):
        response.close()
        return
    body = response.content.decode("utf-8", errors="replace")
    for marker in TRACEBACK_MARKERS:
        assert marker not in body, f"{marker!r} in the response to {url!r}"


def test_every_public_route_is_fuzzed():
    """The enumeration found the pages (if it finds none, fuzzing proves nothing)."""
    names = {route.name for route in ROUTES}
    assert {"timeline:index", "timeline:event", "healthz"} <= names
    assert not any(name.startswith("admin:") for name in names)
    assert EXAMPLES_PER_ROUTE * len(ROUTES) >= 1000


def test_every_htmx_header_is_fuzzed():
    read_by_our_views = {"HX-Request", "HX-Boosted", "HX-Current-URL", "HX-History-Restore-Request"}
    read_by_our_views |= {"HX-Prompt", "HX-Target", "HX-Trigger", "HX-Trigger-Name"}
    assert read_by_our_views <= set(HTMX_HEADERS)


@pytest.mark.parametrize("route", ROUTES, ids=str)
@pytest.mark.parametrize("current_url", ["http://[::1", "http://[", "http://ex\uff03ample/"])
def test_a_current_url_that_is_no_url_is_ignored(client, seeded, route, current_url):
    """django-htmx cannot parse these (urlsplit raises): the request is
    answered as if the header named another site."""
    url = route.url(**{name: "soyuz-ms-19-launch" for name in route.param_names})
    response = client.get(url, headers={"HX-Request": "true", "HX-Current-URL": current_url})
    assert_no_server_error(response, url)


def test_a_filter_asked_from_an_unparsable_current_url_gets_a_new_history_entry(client, seeded):
    headers = {"HX-Request": "true", "HX-Current-URL": "http://[::1"}
    response = client.get("/?side=russia", headers=headers)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == "/?side=russia"


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_random_input_never_breaks_a_public_url(route, client, seeded):
    @settings(
        max_examples=EXAMPLES_PER_ROUTE,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(request=route_requests(route))
    def fuzz(request):
        values, query, headers = request
        url = route.url(**values) + ("?" + query if query else "")
        assert_no_server_error(client.get(url, headers=headers), f"{url} with {headers}")

    fuzz()

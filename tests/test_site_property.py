"""Whatever an editor can save, every public URL still answers, well formed.

Hypothesis draws a whole small site from the models' own rules: sides
(names, slugs, colours dark enough for the model, lane order), events of
every kind, status and precision anywhere in the accepted range of dates
(timeline/bounds.py), spans, plans, sources with http(s) links and claimed
dates, phases, drafts beside published events, and text with any Unicode
(right-to-left, zero-width, combining marks, emoji, control characters,
maximum lengths, markup, ampersands).  Each record goes through
`full_clean()` then `save()`, as admin and import do, so only what an editor
could save is drawn; a record the model refuses is left out.

Then every public URL (tests/public_urls.py, so new pages are covered) must
answer without a 5xx and with well-formed output: HTML that parses, carries
no traceback and turns no stored text into markup; JSON that parses; CSV
whose rows are the events; an iCalendar file with one VEVENT per event; an
Atom feed that parses as XML.  Each example runs inside a savepoint that is
rolled back, with the response cache emptied, so examples never see each
other's data.

The number of drawn sites is SITE_EXAMPLES (default 25); raise it for a
deeper run:

    SITE_EXAMPLES=500 .venv/bin/pytest tests/test_site_property.py
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlencode

import icalendar
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from timeline import interchange, standings
from timeline import precision as prec
from timeline.bounds import DATE_MAX, DATE_MIN, DATETIME_MAX, DATETIME_MIN
from timeline.caching import clear_response_cache
from timeline.colours import MIN_LANE_CONTRAST, WHITE, contrast_ratio
from timeline.models import Effort, Event, Phase, Source, Statement
from timeline.precision import Precision

from .public_urls import public_routes

SITE_EXAMPLES = int(os.environ.get("SITE_EXAMPLES", "25"))

KINDS = [value for value, _ in Event.Kind.choices]
STATUSES = [value for value, _ in Event.Status.choices]
PRECISIONS = list(Precision)
ATOM = "{http://www.w3.org/2005/Atom}"
TRACEBACK_MARKERS = ["Traceback (most recent call last)", "Exception Value", 'File "/', "django.db.utils"]


def max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


# --- text: any Unicode, and the pieces that break pages ----------------------------

HOSTILE_PIECES = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</textarea></title></script><b>",
    "javascript:alert(1)",
    "&",
    "&amp;",
    "&lt;&#60;&#x3c;",
    "AT&T ",
    "]]>",
    "{{ request }}{% now 'Y' %}",
    '=HYPERLINK("https://example.org")',
    "+1",
    "-2",
    "@SUM(A1)",
    " =1+1",
    "\t=cmd",
    "＝１＋１",
    "'=quoted",
    "\u202e\u0635\u0648\u0631\u0629 \u05e2\u05d1\u05e8\u05d9\u05ea",  # RTL override, Arabic, Hebrew
    "\u200f\u200e\u061c",  # directional marks
    "a\u200bb\u200c\u200d\u2060\ufeff",  # zero-width characters, BOM
    "e\u0301\u0338\u20dd\u0489",  # combining marks
    "Z\u0351\u0352\u0353\u0354\u0355\u0356\u0357",
    "👩\u200d🚀🚀🇷🇺🇺🇸🏳️\u200d🌈",
    "\U0001f9d1\U0001f3fd\u200d\U0001f680",
    "Ⅻ ﬁ ß İ ǅ",  # case and compatibility oddities
    "\u2028\u2029",  # line and paragraph separators
    "line\r\nbreak\rcarriage\n\nparagraph",
    "\x00",
    "\x0b",  # Word's Shift+Enter
    "\x0c\x1b[31m\x7f\x85\x9f",
    "\ufffe\uffff",
    "\U0010ffff\U000e0001",
    "%00%0d%0a%3Cscript%3E",
    "' OR 1=1 --",
    "\\u003cscript\\u003e",
]

_alphabet = st.characters(codec="utf-8")  # every code point but surrogates
_pieces = st.lists(st.one_of(st.text(_alphabet, max_size=12), st.sampled_from(HOSTILE_PIECES)), max_size=8).map("".join)


def text(limit: int, *, required: bool = False):
    """Any text up to `limit` characters, often hostile, sometimes exactly at the limit."""
    at_the_limit = st.lists(st.sampled_from(HOSTILE_PIECES), min_size=1, max_size=4).map(
        lambda pieces: ("".join(pieces) * limit)[:limit]
    )
    values = st.one_of(_pieces, st.text(_alphabet, max_size=min(limit, 40)), at_the_limit).map(lambda t: t[:limit])
    if required:
        return values.filter(bool) | st.sampled_from(HOSTILE_PIECES[:3]).map(lambda t: t[:limit])
    return values


def lines(limit: int = 600):
    """A multi-line field (people, organisations): any text, a line at a time."""
    return st.lists(text(120), max_size=5).map(lambda parts: "\n".join(parts)[:limit])


slugs = st.one_of(
    st.from_regex(r"\A[-a-zA-Z0-9_]{1,40}\Z"),
    st.integers(1, 200).map(lambda n: ("slug-" * 40)[:n]),
)


# --- dates: the accepted range, stored as the first instant of their period ----------

_edge_days = st.sampled_from([DATE_MIN, DATE_MIN + dt.timedelta(days=1), DATE_MAX - dt.timedelta(days=1), DATE_MAX])


def days(min_value: dt.date = DATE_MIN):
    return st.one_of(st.dates(min_value, DATE_MAX), _edge_days.filter(lambda day: day >= min_value))


@st.composite
def at_precision(draw, precision: Precision, min_day: dt.date = DATE_MIN) -> dt.datetime:
    """An instant at `precision` in the accepted range: the first instant of its
    period (precision.truncate), never before DATE_MIN once truncated."""
    day = draw(days(min_day))
    moment = dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC)
    if precision is Precision.MINUTE:
        moment += dt.timedelta(minutes=draw(st.one_of(st.integers(0, 24 * 60 - 1), st.sampled_from([0, 1439]))))
    value = prec.truncate(moment, precision)
    if value < DATETIME_MIN:  # 1957 at year precision is 1957-01-01: take the next whole period
        value = prec.covered_interval(value, precision)[1]
    return value


@st.composite
def dated(draw) -> tuple[dt.datetime, Precision]:
    precision = draw(st.sampled_from(PRECISIONS))
    return draw(at_precision(precision)), precision


@st.composite
def lane_colours(draw) -> str:
    """#rrggbb dark enough for the model (colours.py): drawn, then darkened."""
    channels = [draw(st.integers(0, 255)) for _ in range(3)]
    while contrast_ratio("#{:02x}{:02x}{:02x}".format(*channels), WHITE) < MIN_LANE_CONTRAST:
        channels = [int(c * 0.85) for c in channels]
    colour = "#{:02x}{:02x}{:02x}".format(*channels)
    return colour.upper() if draw(st.booleans()) else colour


# --- links: http(s) only, with hostile paths --------------------------------------

_hosts = st.one_of(
    st.sampled_from(
        ["example.org", "www.bbc.co.uk", "пример.рф", "xn--e1afmkfd.xn--p1ai", "127.0.0.1", "[::1]", "localhost"]
    ),
    st.from_regex(r"\A[a-z0-9]{1,12}(\.[a-z0-9]{1,12}){0,2}\.[a-z]{2,6}\Z"),
)
_no_space = st.characters(codec="utf-8", exclude_categories=("Zs", "Zl", "Zp", "Cc"))
_paths = st.lists(
    st.one_of(
        st.text(_no_space, max_size=12),
        st.sampled_from(['"><script>alert(1)</script>', "'onmouseover=alert(1)'", "?a=1&b=<i>", "#frag", "%3C%22"]),
    ),
    max_size=5,
).map(lambda parts: "/" + "".join(parts))
_url_validator = URLValidator(schemes=["http", "https"])


def _valid_url(url: str) -> bool:
    try:
        _url_validator(url)
    except ValidationError:
        return False
    return True


urls = st.builds(
    lambda scheme, host, port, path: f"{scheme}://{host}{port}{path}"[:500],
    st.sampled_from(["http", "https", "HTTPS"]),
    _hosts,
    st.sampled_from(["", ":8080", ":443"]),
    _paths,
).filter(_valid_url)


# --- a whole site ---------------------------------------------------------------------


@st.composite
def sources(draw) -> dict:
    return {
        "url": draw(st.just("") | urls),
        "publisher": draw(text(max_length(Source, "publisher"), required=True)),
        "title": draw(text(max_length(Source, "title"))),
        "published": draw(st.none() | days()),
        "order": draw(st.integers(0, 32767)),
    }


@st.composite
def statements(draw) -> dict:
    kind = draw(st.sampled_from(["plan", "revision", "postponement", "cancellation", "claim"]))
    date = None if kind == "cancellation" else draw(st.none() | dated())
    announced = draw(st.none() | dated())
    return {
        "kind": kind,
        "date": date[0] if date else None,
        "date_precision": date[1] if date else "",
        "approximate": draw(st.booleans()),
        "wording": draw(text(max_length(Statement, "wording"))),
        "announced": announced[0] if announced else None,
        "announced_precision": announced[1] if announced else "",
        "publisher": draw(text(max_length(Statement, "publisher"), required=True)),
        "url": draw(st.just("") | urls),
        "title": draw(text(max_length(Statement, "title"))),
        "order": draw(st.integers(0, 32767)),
    }


@st.composite
def events(draw, slug: str, sides: int) -> dict:
    start, start_precision = draw(dated())
    end, end_precision = None, ""
    if draw(st.booleans()):  # a span: an end after the start, at its own precision
        end_precision = draw(st.sampled_from(PRECISIONS))
        end = draw(at_precision(end_precision, min_day=start.date()))
        if end < start:  # the end's period began before the start: take its next period
            end = prec.covered_interval(end, end_precision)[1]
        if end > DATETIME_MAX:
            end, end_precision = None, ""
    return {
        "side": draw(st.integers(0, sides - 1)),
        "title": draw(text(max_length(Event, "title"), required=True)),
        "slug": slug,
        "kind": draw(st.sampled_from(KINDS)),
        "status": draw(st.sampled_from(STATUSES)),
        "start": start,
        "start_precision": start_precision,
        "end": end,
        "end_precision": end_precision,
        "place": draw(text(max_length(Event, "place"))),
        "people": draw(lines()),
        "summary": draw(text(2000, required=True)),
        "notes": draw(text(2000)),
        "image_alt": draw(text(max_length(Event, "image_alt"))),
        "image_caption": draw(text(max_length(Event, "image_caption"))),
        "image_credit": draw(text(max_length(Event, "image_credit"))),
        "published": draw(st.sampled_from([True, True, True, False])),
        "sources": draw(st.lists(sources(), max_size=3)),
        "statements": draw(st.lists(statements(), max_size=3)),
    }


@st.composite
def phases(draw, slug: str) -> dict:
    start = draw(days())
    return {
        "name": draw(text(max_length(Phase, "name"), required=True)),
        "slug": slug,
        "start": start,
        "end": draw(days(start)),
        "order": draw(st.integers(0, 32767)),
    }


@st.composite
def sites(draw) -> dict:
    n_sides = draw(st.integers(1, 3))
    names = draw(
        st.lists(text(max_length(Effort, "name"), required=True), min_size=n_sides, max_size=n_sides, unique=True)
    )
    side_slugs = draw(st.lists(slugs.map(lambda s: s[:100]), min_size=n_sides, max_size=n_sides, unique=True))
    sides = [
        {
            "name": name,
            "slug": slug,
            "country": draw(text(2, required=True)),
            "film_title": draw(text(max_length(Effort, "film_title"), required=True)),
            "organisations": draw(lines()),
            "colour": draw(lane_colours()),
            "order": draw(st.integers(0, 32767)),
        }
        for name, slug in zip(names, side_slugs, strict=True)
    ]
    event_slugs = draw(st.lists(slugs, max_size=6, unique=True))
    phase_slugs = draw(st.lists(slugs.map(lambda s: s[:100]), max_size=2, unique=True))
    return {
        "sides": sides,
        "events": [draw(events(slug, n_sides)) for slug in event_slugs],
        "phases": [draw(phases(slug)) for slug in phase_slugs],
    }


def _saved(instance):
    """`instance` cleaned and saved as an editor's form would, or None when the
    model refuses it."""
    try:
        instance.full_clean()
    except ValidationError as error:
        note(f"refused {type(instance).__name__}: {error.message_dict}")
        return None
    instance.save()
    return instance


def save_site(site: dict) -> None:
    sides = [_saved(Effort(**values)) for values in site["sides"]]
    for values in site["phases"]:
        _saved(Phase(**values))
    for values in site["events"]:
        values = dict(values)
        side, source_values = sides[values.pop("side")], values.pop("sources")
        statement_values = values.pop("statements")
        if side is None:
            continue
        event = _saved(Event(effort=side, **values))
        if event is not None:
            for source in source_values:
                _saved(Source(event=event, **source))
            for statement in statement_values:
                _saved(Statement(event=event, **statement))


# --- well-formed output ---------------------------------------------------------------


class MarkupChecker(HTMLParser):
    """Parses a page and records what stored text must never become: inline
    event handlers, scripts that are not our files or JSON data, and links
    that are not web addresses."""

    LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}

    def __init__(self, *, allowed_tags: set[str] | None = None):
        super().__init__(convert_charrefs=True)
        self.allowed_tags = allowed_tags
        self.problems: list[str] = []
        self.json_scripts: list[str] = []
        self._json_script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.allowed_tags is not None and tag not in self.allowed_tags:
            self.problems.append(f"unexpected <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            if name in self.LINK_ATTRIBUTES and value is not None:
                scheme = value.strip().lower().split(":", 1)[0] if ":" in value else ""
                if scheme and scheme not in ("http", "https", "mailto"):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag == "script":
            if attributes.get("type") == "application/json":
                self._json_script = []
            elif not attributes.get("src"):
                self.problems.append(f"inline <script {attrs}>")

    def handle_data(self, data):
        if self._json_script is not None:
            self._json_script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._json_script is not None:
            self.json_scripts.append("".join(self._json_script))
            self._json_script = None


def check_markup(html: str, where: str, *, allowed_tags: set[str] | None = None) -> None:
    checker = MarkupChecker(allowed_tags=allowed_tags)
    checker.feed(html)
    checker.close()
    if checker.problems:
        raise AssertionError(f"{where}: {checker.problems[:5]}")
    for data in checker.json_scripts:
        json.loads(data)


def check_body(response, where: str) -> None:
    """Well formed for its content type, and no traceback anywhere."""
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    if response.status_code in (301, 302, 304):
        return
    if content_type == "image/png":  # the share cards: the one binary answer
        assert body.startswith(b"\x89PNG\r\n\x1a\n"), where
        return
    decoded = body.decode("utf-8")  # strict: every other response is UTF-8
    for marker in TRACEBACK_MARKERS:
        assert marker not in decoded, f"{marker!r} in {where}"
    if content_type == "text/html":
        check_markup(decoded, where)
    elif content_type == "application/json":
        json.loads(decoded)
    elif content_type == "text/csv":
        list(csv.reader(io.StringIO(decoded.removeprefix("\ufeff"), newline="")))
    elif content_type == "text/calendar":
        icalendar.Calendar.from_ical(body)
    elif content_type.endswith("xml"):
        ET.fromstring(body)


def short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


class Site:
    """GETs public URLs and checks each answer.  Strict, the first problem
    fails the test (Hypothesis then shrinks it); collecting, every problem is
    noted and the test fails once with the whole list."""

    def __init__(self, client, *, collect: bool = False):
        self.client = client
        self.collect = collect
        self.problems: list[str] = []
        self.seen: set[tuple[str, bool]] = set()

    def get(self, url: str, *, htmx: bool = False, expect: int | None = None, **headers):
        """The response, checked; None when collecting and it failed."""
        if htmx:
            headers = {"HX-Request": "true", "HX-Current-URL": "http://testserver/", **headers}
        where = f"GET {short(url)}" + (f" with {headers}" if headers else "")
        self.seen.add((url, htmx))
        try:
            try:
                response = self.client.get(url, headers=headers)
            except Exception as error:  # the test client re-raises what the view raised: a 500
                raise AssertionError(f"{where} raised {type(error).__name__}: {short(str(error), 400)}") from error
            assert response.status_code < 500, f"{response.status_code} for {where}"
            if expect is not None:
                assert response.status_code == expect, f"{response.status_code} (not {expect}) for {where}"
            check_body(response, where)
        except Exception as error:
            if not self.collect:
                raise
            self.problems.append(str(error) if isinstance(error, AssertionError) else f"{where}: {error!r}")
            return None
        return response

    def check(self, what: str, function, *args) -> None:
        if not self.collect:
            function(*args)
            return
        try:
            function(*args)
        except Exception as error:
            self.problems.append(f"{what}: {type(error).__name__}: {short(str(error), 600)}")


# --- the whole site ------------------------------------------------------------------


def published_events() -> list[Event]:
    return list(Event.objects.published().order_by("start", "pk").prefetch_related("sources", "statements"))


def filter_queries(site_events: list[Event]):
    """Filters from the data: a side, kinds, a date range and a word that exist,
    as the query string of a valid filter."""
    sides = list(Effort.objects.values_list("slug", flat=True))
    stored_days = [e.start.date() for e in site_events] + [e.covers_until.date() for e in site_events]
    stored_days = [day for day in stored_days if DATE_MIN <= day <= DATE_MAX]
    day = st.sampled_from(stored_days) | days() if stored_days else days()
    words = [w.replace("\x00", "")[:100].strip() for e in site_events for w in f"{e.title} {e.place}".split()]
    words = [w for w in words if w]

    @st.composite
    def query(draw) -> str:
        pairs = []
        if sides and draw(st.booleans()):
            pairs.append(("side", draw(st.sampled_from(sides))))
        pairs += [("kind", kind) for kind in draw(st.lists(st.sampled_from(KINDS), max_size=3, unique=True))]
        chosen = sorted(draw(st.lists(day, max_size=2)))
        if chosen and (len(chosen) == 2 or draw(st.booleans())):
            pairs.append(("from", chosen[0].isoformat()))
        if len(chosen) == 2:
            pairs.append(("to", chosen[1].isoformat()))
        if words and draw(st.booleans()):
            pairs.append(("q", draw(st.sampled_from(words))))
        return urlencode(pairs)

    return query()


def as_of_days(site_events: list[Event]):
    """Days to see the race as of: stored dates up to today, or any day of the range."""
    today = standings.today_utc()
    stored = sorted({e.start.date() for e in site_events if DATE_MIN <= e.start.date() <= today})
    day = st.sampled_from(stored) | st.dates(DATE_MIN, today) if stored else st.dates(DATE_MIN, today)
    return st.lists(day, min_size=1, max_size=2)


def stored_published() -> dict[str, Event]:
    return {event.slug: event for event in Event.objects.published().prefetch_related("sources", "statements")}


def check_json_export(site: Site, suffix: str, expected: list[str] | None) -> list[str] | None:
    """The JSON export's events: published ones only (`expected`, in order, when
    known), each as stored.  Returns their slugs."""
    response = site.get(f"/export/events.json{suffix}", expect=200)
    if response is None:
        return None
    document = json.loads(response.content)
    slugs = [record["slug"] for record in document["events"]]
    stored = stored_published()
    assert set(slugs) <= set(stored), "a draft or unknown event in the JSON export"
    if expected is not None:
        assert slugs == expected, "the JSON export's events are not the published ones, in order"
    for record in document["events"]:
        event = stored[record["slug"]]
        for name in ("title", "summary", "notes", "place", "kind", "status"):
            assert record[name] == getattr(event, name), f"JSON {name} of {short(event.slug, 40)!r}"
        assert [s["publisher"] for s in record["statements"]] == [s.publisher for s in event.statements.all()]
        assert [s["url"] for s in record["sources"]] == [s.url for s in event.sources.all()]
    return slugs


def check_csv_export(site: Site, suffix: str, slugs: list[str] | None) -> None:
    """The CSV parses with the csv module; its rows are the events, cell by cell."""
    response = site.get(f"/export/events.csv{suffix}", expect=200)
    if response is None:
        return
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = [
        {name: interchange.csv_unsafe(value) for name, value in row.items()}
        for row in csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    ]
    if slugs is not None:
        assert [row["slug"] for row in rows] == slugs, "the CSV rows are not the JSON export's events"
    stored = stored_published()
    for cells in rows:
        event = stored[cells["slug"]]
        where = f"CSV row {short(event.slug, 40)!r}"
        for name in ("title", "summary", "notes", "place", "kind", "status"):
            assert cells[name] == getattr(event, name), f"{where}, {name}"
        assert cells["effort"] == event.effort.slug, f"{where}, effort"
        assert cells["people"] == interchange.PEOPLE_SEPARATOR.join(event.people_list), f"{where}, people"
        assert cells["start"] == prec.to_iso(event.start, event.start_precision), f"{where}, start"
        for n, source in enumerate(event.sources.all(), start=1):
            assert (cells[f"source_{n}_url"], cells[f"source_{n}_publisher"], cells[f"source_{n}_title"]) == (
                source.url,
                source.publisher,
                source.title,
            ), f"{where}, source {n}"


TIMELINEJS_TAGS = {"p", "strong", "a", "ul", "li"}


def check_timelinejs_export(site: Site, suffix: str, slugs: list[str] | None) -> None:
    """The TimelineJS JSON parses and has the events; the fields TimelineJS
    puts into its page as HTML carry stored text escaped, the only markup ours."""
    response = site.get(f"/export/timelinejs.json{suffix}", expect=200)
    if response is None:
        return
    document = json.loads(response.content)
    if slugs is not None:
        assert [slide["unique_id"] for slide in document["events"]] == slugs
    for slide in [document["title"], *document["events"], *document.get("eras", [])]:
        where = f"TimelineJS slide {short(slide.get('unique_id', '(title or era)'), 40)!r}"
        check_markup(slide["text"]["headline"], f"{where} headline", allowed_tags=set())
        check_markup(slide["text"].get("text", ""), f"{where} text", allowed_tags=TIMELINEJS_TAGS)
        check_markup(slide.get("group", ""), f"{where} group", allowed_tags=set())
        for name, value in (slide.get("media") or {}).items():
            if name != "url":
                check_markup(value, f"{where} media {name}", allowed_tags=set())


def check_ics_export(site: Site, suffix: str, slugs: list[str] | None) -> None:
    """The calendar parses with icalendar: one VEVENT per event, each readable."""
    response = site.get(f"/export/events.ics{suffix}", expect=200)
    if response is None:
        return
    vevents = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    if slugs is not None:
        assert [str(vevent["uid"]) for vevent in vevents] == [f"{slug}@space-film-race" for slug in slugs]
    for vevent in vevents:
        vevent.decoded("dtstart")
        str(vevent["summary"]), str(vevent["description"])


def check_feed(site: Site, published: list[Event]) -> None:
    """The Atom feed parses as XML, one entry per recent event, no markup from the data."""
    response = site.get("/feed/", expect=200)
    if response is None:
        return
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert len(entries) == min(50, len(published))
    for entry in entries:
        summary = entry.find(f"{ATOM}summary")
        if summary is not None and summary.text:
            check_markup(summary.text, "a feed entry's summary", allowed_tags=TIMELINEJS_TAGS)


def check_exports(site: Site, query: str, expected: list[Event] | None) -> None:
    """Every export of `query` lists the same events (`expected` exactly, when known)."""
    suffix = f"?{query}" if query else ""
    expected_slugs = None if expected is None else [event.slug for event in expected]
    found = []
    site.check(f"JSON export{suffix}", lambda: found.append(check_json_export(site, suffix, expected_slugs)))
    slugs = found[0] if found and found[0] is not None else expected_slugs
    site.check(f"CSV export{suffix}", check_csv_export, site, suffix, slugs)
    site.check(f"TimelineJS export{suffix}", check_timelinejs_export, site, suffix, slugs)
    site.check(f"iCalendar export{suffix}", check_ics_export, site, suffix, slugs)


def check_pages(site: Site, filters: str, race_on: list[dt.date]) -> None:
    """The pages, their htmx fragments and panels, with and without the filter."""
    published = published_events()
    drafts = list(Event.objects.filter(published=False))
    as_of = race_on[0].isoformat()
    for htmx in (False, True):
        site.get("/", htmx=htmx, expect=200)
        if filters:
            site.get(f"/?{filters}", htmx=htmx, expect=200)
        site.get(f"/?as_of={as_of}", htmx=htmx, expect=200)
        for event in published:
            site.get(event.get_absolute_url(), htmx=htmx, expect=200)
            if filters:
                site.get(f"{event.get_absolute_url()}?{filters}", htmx=htmx, expect=200)
        for event in drafts:
            site.get(event.get_absolute_url(), htmx=htmx, expect=404)
        site.get("/race/", htmx=htmx, expect=200)
        for day in race_on:
            site.get(f"/race/?as_of={day.isoformat()}", htmx=htmx, expect=200)
    # The race's own controls on the timeline ask for the race table alone.
    site.get(f"/?as_of={as_of}&{filters}", htmx=True, expect=200, **{"HX-Target": "race-table"})
    site.get(f"/?as_of={as_of}", htmx=True, expect=200, **{"HX-Target": "race-table", "HX-Trigger": "as-of"})
    site.get("/embed/", expect=200)
    if filters:
        site.get(f"/embed/?{filters}", expect=200)


def check_routes(site: Site, filters: str) -> None:
    """Whatever else the URLconf serves: every route, with every stored slug
    (and, for the first, the filter and htmx)."""
    events = list(Event.objects.values_list("slug", flat=True))
    values = events + list(Phase.objects.values_list("slug", flat=True)) or ["none"]
    for route in public_routes():
        if route.params:
            paths = [route.url(**dict.fromkeys(route.param_names, value)) for value in values]
        else:
            paths = [route.url()]
        requests = [(paths[0], htmx) for htmx in (False, True)] + [(path, False) for path in paths[1:]]
        if filters:
            requests += [(f"{paths[0]}?{filters}", htmx) for htmx in (False, True)]
        for url, htmx in requests:
            if (url, htmx) not in site.seen:
                site.get(url, htmx=htmx)


def check_every_public_url(client, *, filters: str, race_on: list[dt.date], collect: bool = False) -> None:
    """The whole site, against what is stored now.  `filters`: a valid
    filter's query string; `race_on`: days to see the race as of (the first
    day of the range and today are added)."""
    site = Site(client, collect=collect)
    race_on = [*race_on, DATE_MIN, standings.today_utc()]
    check_pages(site, filters, race_on)
    published = published_events()
    check_exports(site, "", published)
    if filters:
        check_exports(site, filters, None)
    site.check("Atom feed", check_feed, site, published)
    check_routes(site, filters)
    if site.problems:
        raise AssertionError(f"{len(site.problems)} problems:\n" + "\n".join(site.problems))


# --- the tests -------------------------------------------------------------------------


def test_whatever_an_editor_saves_every_public_url_answers(client, db):
    @settings(
        max_examples=SITE_EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(site=sites(), data=st.data())
    def property_(site, data):
        with transaction.atomic():
            clear_response_cache()
            save_site(site)
            published = published_events()
            filters = data.draw(filter_queries(published), label="filter")
            race_on = data.draw(as_of_days(published), label="as of")
            check_every_public_url(client, filters=filters, race_on=race_on)
            transaction.set_rollback(True)
        clear_response_cache()

    property_()


# --- the fixed net: both ends of the range and the most hostile text -------------------

MOST_HOSTILE = "".join(HOSTILE_PIECES)


def hostile(limit: int) -> str:
    return (MOST_HOSTILE * (limit // len(MOST_HOSTILE) + 1))[:limit]


def test_the_edges_of_the_range_and_the_most_hostile_text(client, db):
    """Readable failures: one event on the first day of the range, one in its
    last minute, and one with every text field full of the worst there is."""
    plain = Effort(name="Russia", slug="russia", country="RU", film_title="Challenge", colour="#b3261e", order=1)
    worst = Effort(
        name=hostile(100),
        slug="s" * 100,
        country="\u202e\x0b",
        film_title=hostile(200),
        organisations=hostile(600),
        colour="#000000",
        order=32767,
    )
    for effort in (plain, worst):
        effort.full_clean()
        effort.save()
    first = Event(
        effort=plain,
        title="Sputnik",
        slug="first-day",
        kind=Event.Kind.ANNOUNCEMENT,
        start=DATETIME_MIN,
        start_precision=Precision.DAY,
        summary="The first day of the range.",
        published=True,
    )
    last = Event(
        effort=plain,
        title="The last minute",
        slug="last-minute",
        kind=Event.Kind.PREMIERE,
        status=Event.Status.PLANNED,
        start=DATETIME_MAX,
        start_precision=Precision.MINUTE,
        summary="The last minute of the range.",
        published=True,
    )
    span = Event(
        effort=worst,
        title=hostile(200),
        slug="h" * 200,
        kind=Event.Kind.FILMING,
        status=Event.Status.UNCONFIRMED,
        start=dt.datetime(DATE_MIN.year + 1, 1, 1, tzinfo=dt.UTC),
        start_precision=Precision.YEAR,
        end=dt.datetime(DATE_MAX.year, 12, 1, tzinfo=dt.UTC),
        end_precision=Precision.MONTH,
        place=hostile(200),
        people="\n".join(hostile(120) for _ in range(5)),
        summary=hostile(3000),
        notes=hostile(3000),
        image_alt=hostile(300),
        image_caption=hostile(300),
        image_credit=hostile(200),
        published=True,
    )
    draft = Event(
        effort=worst,
        title=hostile(200),
        slug="draft",
        kind=Event.Kind.LAUNCH,
        status=Event.Status.PLANNED,
        start=DATETIME_MAX,
        start_precision=Precision.MINUTE,
        summary=hostile(100),
    )
    for event in (first, last, span, draft):
        event.full_clean()
        event.save()
    hostile_url = 'https://example.org/"><img/src=x/onerror=alert(1)>?a=1&b=<script>alert(1)</script>#\u202e'
    for order, event in enumerate((first, last, span)):
        source = Source(
            event=event,
            url=hostile_url,
            publisher=hostile(200),
            title=hostile(300),
            published=DATE_MAX if order else DATE_MIN,
            order=order,
        )
        source.full_clean()
        source.save()
        said = Statement(
            event=event,
            kind="claim",
            url=hostile_url,
            publisher=hostile(200),
            title=hostile(300),
            wording=hostile(300),
            date=DATETIME_MAX if order else DATETIME_MIN,
            date_precision=Precision.MINUTE,
            announced=dt.datetime.combine(DATE_MIN, dt.time.min, tzinfo=dt.UTC),
            announced_precision=Precision.DAY,
            approximate=bool(order),
            order=order,
        )
        said.full_clean()
        said.save()
    for event, value, precision, by in (
        (last, dt.datetime(DATE_MAX.year, 1, 1, tzinfo=dt.UTC), Precision.YEAR, "Nobody yet"),
        (span, DATETIME_MIN, Precision.MINUTE, hostile(200)),
    ):
        plan = Statement(event=event, kind="plan", date=value, date_precision=precision, publisher=by)
        plan.full_clean()
        plan.save()
    for name, start, end in ((hostile(100), DATE_MIN, DATE_MIN), ("All of it", DATE_MIN, DATE_MAX)):
        phase = Phase(name=name, slug=f"phase-{start:%Y}-{end:%Y}", start=start, end=end)
        phase.full_clean()
        phase.save()

    filters = urlencode([("kind", Event.Kind.FILMING), ("from", DATE_MIN), ("to", DATE_MAX), ("q", "<script>")])
    check_every_public_url(client, filters=filters, race_on=[DATE_MIN + dt.timedelta(days=1)], collect=True)

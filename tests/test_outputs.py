"""Everything the site prints is safe for rows that skipped every check.

Each row here is written with `QuerySet.update`, which bypasses the forms'
validators and the model's cleaning, as a shell, a migration or an old row
would.  The outputs are parsed (HTML, Atom XML, iCalendar, JSON, CSV), never
grepped: a link is a link only if a parser sees one."""

from __future__ import annotations

import csv
import io
import json
import xml.dom.minidom
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import icalendar
import pytest
from django.db import connection

from timeline.models import Effort, Event, Phase, Source, Statement
from timeline.text import clean_text

from .conftest import make_event, make_phase, utc

ATOM = "{http://www.w3.org/2005/Atom}"

GOOD_URL = "https://example.org/a-real-article"

# Stored URLs that must never become a link: other schemes (in the spellings
# browsers still run), scheme-relative and relative paths, no host at all.
UNSAFE_URLS = [
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/file",
    "//evil.example/x",
    "/events/elsewhere/",
    "evil.example/x",
    "http://",
    "https:///no-host",
    "",
]


# --- parsing helpers ------------------------------------------------------------


class _Links(HTMLParser):
    """Every URL-valued attribute, and each <a> with the text inside it."""

    URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "ping", "xlink:href", "data"}

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.anchors: list[tuple[str | None, str]] = []
        self._open: list[list] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value or "" for name, value in attrs if name in self.URL_ATTRIBUTES]
        if tag == "a":
            self._open.append([dict(attrs).get("href"), ""])

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, text = self._open.pop()
            self.anchors.append((href, text.strip()))

    def handle_data(self, data):
        for anchor in self._open:
            anchor[1] += data


def parse_links(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser


def assert_only_http_links(html: str, *, linked: str, unlinked: str) -> None:
    """Every URL in `html` is http(s) with a host or a path on this site, the
    source named `linked` links to GOOD_URL, and the one named `unlinked` is
    named without any link."""
    links = parse_links(html)
    for url in links.urls:
        parts = urlsplit(url)
        on_this_site = url.startswith(("/", "#", "?")) and not url.startswith("//")
        assert on_this_site or (parts.scheme in ("http", "https") and parts.netloc), url
    assert (GOOD_URL, linked) in links.anchors
    assert [href for href, text in links.anchors if unlinked in text] == []
    assert unlinked in html


def feed_entries(client) -> list[ET.Element]:
    response = client.get("/feed/")
    assert response.status_code == 200
    xml.dom.minidom.parseString(response.content)  # a second, stricter reader
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def ics_events(client) -> list[icalendar.Event]:
    response = client.get("/export/events.ics")
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).walk("VEVENT")


def csv_rows(client) -> list[dict[str, str]]:
    text = client.get("/export/events.csv").content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text, newline="")))


# --- 1. only http(s) links, at every output --------------------------------------


@pytest.fixture
def two_sources(russia) -> Event:
    """An event citing a real article and, second, a source whose stored URL is set by each test."""
    event = make_event(russia, slug="two-sources", title="Two sources", sources=0)
    Source.objects.create(event=event, url=GOOD_URL, publisher="Good Paper", title="Real article", order=0)
    Source.objects.create(event=event, url="https://example.org/x", publisher="Bad Paper", title="Hostile", order=1)
    return event


def store_url(event: Event, url: str) -> None:
    Source.objects.filter(event=event, publisher="Bad Paper").update(url=url)


@pytest.mark.parametrize("url", UNSAFE_URLS, ids=repr)
def test_event_page_and_panel_link_only_http_urls(client, two_sources, url):
    store_url(two_sources, url)
    page = client.get("/events/two-sources/")
    panel = client.get("/events/two-sources/", headers={"HX-Request": "true"})
    for response in (page, panel):
        assert response.status_code == 200
        # The page names a source by its title.
        assert_only_http_links(response.content.decode(), linked="Real article", unlinked="Hostile")
    assert "<html" not in panel.content.decode()


@pytest.mark.parametrize("url", UNSAFE_URLS, ids=repr)
def test_timelinejs_links_only_http_urls(client, two_sources, url):
    store_url(two_sources, url)
    (slide,) = json.loads(client.get("/export/timelinejs.json").content)["events"]
    assert_only_http_links(slide["text"]["text"], linked="Good Paper: Real article", unlinked="Bad Paper: Hostile")


@pytest.mark.parametrize("url", UNSAFE_URLS, ids=repr)
def test_feed_links_only_http_urls(client, two_sources, url):
    store_url(two_sources, url)
    (entry,) = feed_entries(client)
    assert [link.get("href") for link in entry.findall(f"{ATOM}link")] == ["http://testserver/events/two-sources/"]
    summary = entry.findtext(f"{ATOM}summary")  # HTML, once unescaped by the XML parser
    assert_only_http_links(summary, linked="Good Paper: Real article", unlinked="Bad Paper: Hostile")


@pytest.mark.parametrize("url", UNSAFE_URLS, ids=repr)
def test_ics_description_gives_only_http_urls(client, two_sources, url):
    store_url(two_sources, url)
    (vevent,) = ics_events(client)
    description = str(vevent["description"])
    sources = description.split("Sources:\n")[1].split("\n\n")[0].splitlines()
    assert sources == [f"- Good Paper: Real article <{GOOD_URL}>", "- Bad Paper: Hostile"]
    assert str(vevent["url"]) == "http://testserver/events/two-sources/"


@pytest.mark.parametrize("url", UNSAFE_URLS, ids=repr)
def test_json_and_csv_exports_drop_the_unsafe_url(client, two_sources, url):
    """An export never carries a URL the site would not link to: it becomes "",
    which the import accepts (a source with no public copy)."""
    store_url(two_sources, url)
    (record,) = json.loads(client.get("/export/events.json").content)["events"]
    assert [(s["publisher"], s["url"]) for s in record["sources"]] == [("Good Paper", GOOD_URL), ("Bad Paper", "")]
    (row,) = csv_rows(client)
    assert (row["source_1_url"], row["source_2_url"]) == (GOOD_URL, "")
    assert row["source_2_publisher"] == "Bad Paper"


# --- 2. TimelineJS: every string it puts into HTML is escaped -----------------------

# Markup, and text that looks like escaped markup (it must stay that text, not become markup).
# Under 100 characters: a side's and a phase's name hold no more (the database refuses longer).
HOSTILE = '<img src=x onerror="pwned=1"><script>pwned=2</script>&lt;img src=x onerror="pwned=3"&gt;\'"&'

# TimelineJS 3 treats these as plain text (DOM properties, ids, URLs); every other string is HTML to it.
PLAIN_TEXT_KEYS = {"unique_id", "alt", "url"}
# These it parses as HTML, keeps the text and sets that text as innerHTML: HTML twice over.
TWICE_HTML_KEYS = {"group", "display_date"}
ALLOWED_TAGS = {"p", "strong", "ul", "li", "a"}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.text += data


def markup(html: str) -> _Markup:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser


def strings(value, path=()):
    """(path, string) for every string in a JSON document."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, (*path, key))
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, path)


@pytest.fixture
def hostile_everywhere(russia) -> Event:
    """One event whose every stored text is markup, and a phase and a side named in markup."""
    event = make_event(russia, slug="hostile", sources=1, status=Event.Status.PLANNED)
    Event.objects.filter(pk=event.pk).update(
        title=HOSTILE,
        summary=f"{HOSTILE}\n\n{HOSTILE}",
        place=HOSTILE,
        people=f"{HOSTILE}\n{HOSTILE} (director)",
        image="events/missing.png",
        image_alt=HOSTILE,
        image_caption=HOSTILE,
        image_credit=HOSTILE,
    )
    Source.objects.filter(event=event).update(publisher=HOSTILE, title=HOSTILE, url="javascript:alert(1)")
    said = Statement.objects.create(event=event, kind="plan", date=utc(2021, 2, 1), date_precision="day", publisher="P")
    Statement.objects.filter(pk=said.pk).update(publisher=HOSTILE, url="javascript:alert(1)")
    Effort.objects.filter(pk=russia.pk).update(name=HOSTILE)
    Phase.objects.filter(pk=make_phase().pk).update(name=HOSTILE)
    return event


def test_timelinejs_escapes_every_field_it_puts_into_html(client, hostile_everywhere):
    document = json.loads(client.get("/export/timelinejs.json").content)
    shown = {}
    for path, value in strings(document):
        if path[-1] in PLAIN_TEXT_KEYS:
            continue
        parses = 2 if path[-1] in TWICE_HTML_KEYS else 1
        for _ in range(parses):
            parsed = markup(value)
            for tag, attrs in parsed.tags:
                assert tag in ALLOWED_TAGS, (path, value)
                assert all(name == "href" and tag == "a" for name, _ in attrs), (path, value)
            value = parsed.text
        shown[path] = shown.get(path, "") + value
    # What a reader sees: the stored text, exactly, wherever it is shown.
    assert {path for path, text in shown.items() if HOSTILE in text} == {
        ("events", "text", "headline"),
        ("events", "text", "text"),
        ("events", "group"),
        ("events", "media", "caption"),
        ("events", "media", "credit"),
        ("eras", "text", "headline"),
    }
    for path in [
        ("events", "text", "headline"),
        ("events", "group"),
        ("events", "media", "caption"),
        ("events", "media", "credit"),
        ("eras", "text", "headline"),
    ]:
        assert shown[path] == HOSTILE, path
    # Two paragraphs of summary, planned by, place, two people, the source's publisher and title.
    assert shown["events", "text", "text"].count(HOSTILE) == 2 + 1 + 1 + 2 + 2
    assert shown["events", "display_date"] == hostile_everywhere.date_display
    (slide,) = document["events"]
    # Alt text is plain text to TimelineJS (a DOM property): exactly what the editor wrote.
    assert slide["media"]["alt"] == HOSTILE


def test_timelinejs_alt_falls_back_to_the_plain_caption(client, russia):
    event = make_event(russia, slug="captioned")
    Event.objects.filter(pk=event.pk).update(image="events/a.png", image_alt="", image_caption="Cruise & Liman")
    (slide,) = json.loads(client.get("/export/timelinejs.json").content)["events"]
    assert slide["media"]["caption"] == "Cruise &amp; Liman"
    assert slide["media"]["alt"] == "Cruise & Liman"


# --- 3. text that XML and iCalendar cannot hold never breaks an output --------------

# Every C0 control, DEL, a C1 control and XML's two non-characters.  PostgreSQL
# cannot store NUL at all, so it is left out there.
CONTROLS = "".join(chr(c) for c in range(0x20)) + "\x7f\x85\ufffe\uffff"
# Valid, if odd, Unicode that must come through untouched.
ODD = "RTL \u202eevil\u202c · ZWJ 👩\u200d🚀 · zero\u200bwidth · e\u0301 · 🚀🎬 · \u2028 · ＝"


def stored_controls() -> str:
    return CONTROLS if connection.vendor == "sqlite" else CONTROLS.replace("\x00", "")


@pytest.fixture
def unclean_row(russia) -> Event:
    controls = stored_controls()
    event = make_event(russia, slug="unclean", sources=1)
    Event.objects.filter(pk=event.pk).update(
        title=f"Title{controls}{ODD}",
        summary=f"Summary{controls}{ODD}\r\nsecond line",
        place=f"Place{controls}",
        people=f"Person{controls}\nOther",
        notes=f"Notes{controls}",
    )
    said = Statement.objects.create(event=event, kind="plan", date=utc(2021, 2, 1), date_precision="day", publisher="P")
    Statement.objects.filter(pk=said.pk).update(publisher=f"Said{controls}")
    Source.objects.filter(event=event).update(publisher=f"Paper{controls}", title=f"Story{controls}{ODD}")
    Effort.objects.filter(pk=russia.pk).update(name=f"Russia{controls}")
    event.refresh_from_db()
    return event


def cleaned(event: Event) -> dict[str, str]:
    return {
        "title": clean_text(event.title),
        "summary": clean_text(event.summary),
        "place": clean_text(event.place),
        "side": clean_text(event.effort.name),
    }


def test_clean_text_removes_the_controls_and_keeps_the_odd_unicode():
    """The rule the outputs rely on (a guard for the tests below): tab and
    newline stay, a lone carriage return becomes a newline."""
    assert clean_text(f"a{CONTROLS}b{ODD}") == f"a\t\n\nb{ODD}"


def test_feed_parses_with_controls_in_stored_text(client, unclean_row):
    want = cleaned(unclean_row)
    (entry,) = feed_entries(client)
    assert entry.findtext(f"{ATOM}title") == f"{want['side']}: {want['title']}"
    assert ODD in entry.findtext(f"{ATOM}title")
    summary = entry.findtext(f"{ATOM}summary")
    assert ODD in markup(summary).text
    assert want["summary"] in markup(summary).text
    assert {c.get("term") for c in entry.findall(f"{ATOM}category")} == {want["side"], "Status update"}


def test_ics_parses_with_controls_in_stored_text(client, unclean_row):
    want = cleaned(unclean_row)
    (vevent,) = ics_events(client)
    assert str(vevent["summary"]) == f"{want['side']}: {want['title']}"
    assert str(vevent["location"]) == want["place"]
    description = str(vevent["description"])
    assert description.startswith(want["summary"].strip())
    assert "Who: Person, Other" in description
    assert f"Planned: 1 Feb 2021 ({clean_text(unclean_row.statements.get().publisher)})" in description
    assert all(ord(ch) >= 0x20 or ch in "\t\n" for ch in description)
    assert [str(c) for c in vevent["categories"].cats] == [want["side"], "Status update"]


def test_json_export_carries_the_text_the_model_would_store(client, unclean_row):
    want = cleaned(unclean_row)
    document = json.loads(client.get("/export/events.json").content)
    (record,) = document["events"]
    assert (record["title"], record["summary"], record["place"]) == (want["title"], want["summary"], want["place"])
    assert record["people"] == ["Person", "Other"]  # as the model would split its cleaned text
    assert record["statements"][0]["publisher"] == clean_text(unclean_row.statements.get().publisher)
    assert record["notes"] == clean_text(unclean_row.notes)
    source = unclean_row.sources.get()
    assert record["sources"][0]["publisher"] == clean_text(source.publisher)
    assert record["sources"][0]["title"] == clean_text(source.title)
    assert document["efforts"][0]["name"] == want["side"]


def test_csv_export_carries_the_text_the_model_would_store(client, unclean_row):
    want = cleaned(unclean_row)
    (row,) = csv_rows(client)
    assert (row["title"], row["summary"], row["place"]) == (want["title"], want["summary"], want["place"])
    assert row["source_1_title"] == clean_text(unclean_row.sources.get().title)
    assert ODD in row["source_1_title"]


def test_timelinejs_carries_no_controls(client, unclean_row):
    want = cleaned(unclean_row)
    document = json.loads(client.get("/export/timelinejs.json").content)
    (slide,) = document["events"]
    assert markup(slide["text"]["headline"]).text == want["title"]
    assert markup(slide["group"]).text == want["side"]
    for path, value in strings(document):
        assert all(ord(ch) >= 0x20 or ch in "\t\n" for ch in value), path
        assert clean_text(value) == value, path


@pytest.mark.browser
def test_hostile_text_stays_text_in_real_timelinejs(client, hostile_everywhere, timelinejs_page):
    """The export opened in TimelineJS itself: no injected element, no script run, the words shown as written."""
    page, errors = timelinejs_page, timelinejs_page.errors
    document = json.loads(client.get("/export/timelinejs.json").content)
    page.evaluate("data => { window.timeline = new TL.Timeline('timeline', data); }", document)
    page.evaluate("() => window.timeline.goToId('hostile')")
    image = page.locator("#hostile img.tl-media-image")
    image.wait_for(state="attached")

    assert errors == []
    assert page.locator("[onerror]").count() == 0
    assert page.evaluate("() => [...document.scripts].filter(s => s.text.includes('pwned')).length") == 0
    assert page.evaluate("() => window.pwned === undefined")
    assert page.locator(".tl-timegroup-message").all_text_contents() == [HOSTILE]
    assert page.locator("#hostile .tl-headline").inner_text() == HOSTILE
    assert image.get_attribute("alt") == HOSTILE
    assert HOSTILE in page.locator("#hostile .tl-caption").inner_text()
    assert HOSTILE in page.locator("#hostile .tl-credit").inner_text()
    assert page.locator("#hostile a", has_text=HOSTILE).count() == 0  # the javascript: source is not a link

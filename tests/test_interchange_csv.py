"""CSV cells: spreadsheet formulas defused (OWASP, "CSV Injection"), and every
string restored exactly by the import."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import exports, interchange
from timeline.interchange import csv_safe, csv_unsafe, import_file, looks_like_formula
from timeline.models import Event, Source
from timeline.text import clean_text

from .conftest import make_event


def export_csv(client) -> bytes:
    return client.get("/export/events.csv").content


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# Cells a spreadsheet could run: a sign first, or after leading spaces or tabs,
# in ASCII or full width; a tab or a carriage return first.
FORMULAS = [
    "=SUM(A1:A2)",
    "+1",
    "-1",
    "@cmd",
    "\tTab",
    "\rCR",
    "=",
    " =1+1",
    "   +1",
    "\t=1",
    "\n=1",
    "\u3000=1",  # an ideographic space first
    "\xa0@SUM(A1)",  # a no-break space first
    "＝1+1",
    "＋1",
    "－1",
    "＠SUM(A1)",
    " ＝1",
    # Already starting with apostrophes before a sign: one more, so the import restores them.
    "'=already",
    "''-twice",
    "' =1",
    "'＠",
]
PLAIN = ["plain", "", "'", "'quoted", "''", "1-2", "a=b", " plain", "e-mail", "'' plain", "  ", "\n"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_formula_cell_gets_one_apostrophe_and_loses_it_on_import(text):
    assert looks_like_formula(text.lstrip("'"))
    assert csv_safe(text) == "'" + text
    assert csv_unsafe(csv_safe(text)) == text


@pytest.mark.parametrize("text", PLAIN)
def test_other_cells_are_written_as_they_are(text):
    assert csv_safe(text) == text
    assert csv_unsafe(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "plain",
        "=SUM(A1:A2)",
        "+1",
        "-1",
        "@cmd",
        "\tTab",
        "\rCR",
        "'quoted",
        "'=already",
        "''-twice",
        "",
        "'",
        "=",
    ],
)
def test_formula_defusing_is_lossless(text):
    safe = csv_safe(text)
    assert not safe.startswith(interchange.FORMULA_TRIGGERS)
    assert csv_unsafe(safe) == text


@given(st.text())
def test_any_text_is_defused_and_restored(text):
    safe = csv_safe(text)
    assert safe.startswith("'") or not looks_like_formula(safe)
    assert csv_unsafe(safe) == text


def csv_file(rows: list[list[str]]) -> str:
    """Rows written as the CSV export writes them: a byte-order mark, CRLF line ends."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


person = st.text().map(str.strip).filter(lambda t: t and not {";", "\n", "\r"} & set(t))


@given(
    title=st.text(),
    summary=st.text(),
    notes=st.text(),
    people=st.lists(person, max_size=3),
    publisher=st.text().filter(str.strip),
    source_title=st.text(),
)
def test_any_text_survives_csv_out_and_back(title, summary, notes, people, publisher, source_title):
    """Any Unicode text at all (RTL, zero-width, combining marks, emoji, NUL,
    line breaks, formula signs): the CSV reader hands back exactly what the
    writer was given."""
    source = {"url": "", "publisher": publisher, "title": source_title, "published": None}
    said = {
        "kind": "claim", "date": "2021-10-16", "approximate": False, "wording": title, "announced": None,
        "publisher": publisher, "url": "", "title": source_title,
    }  # fmt: skip
    record = {
        "slug": "s", "effort": "russia", "title": title, "kind": "launch", "status": "happened",
        "start": "2021-10-05T08:55Z", "end": None, "place": "",
        "people": people, "summary": summary, "notes": notes, "image": None, "published": True,
        "sources": [source], "statements": [said],
    }  # fmt: skip
    text = csv_file([interchange.csv_header(1, 1), interchange.record_to_csv_row(record, 1, 1)])
    back = interchange.parse_csv(interchange.decode(text.encode()))
    [event] = back.events
    assert (event["title"], event["summary"], event["notes"], event["people"]) == (title, summary, notes, people)
    assert event["sources"] == [{**source, "url": None, "title": source_title or None}]
    [statement] = event["statements"]
    assert (statement["wording"] or "", statement["publisher"], statement["title"] or "") == (
        title,
        publisher,
        source_title,
    )


def test_formula_like_text_survives_a_csv_round_trip(client, russia):
    make_event(
        russia,
        slug="formula",
        title='=HYPERLINK("http://evil.example","x")',
        summary="-40 °C at night",
        people="@someone",
    )
    data = export_csv(client)
    cells = dict(zip(*csv_rows(data)[:2], strict=True))
    assert cells["title"] == '\'=HYPERLINK("http://evil.example","x")'
    assert cells["summary"] == "'-40 °C at night"
    assert cells["people"] == "'@someone"
    Event.objects.filter(slug="formula").update(title="changed")
    result = import_file(data)
    assert result.changes == {"formula": ["title"]}
    event = Event.objects.get(slug="formula")
    assert event.title == '=HYPERLINK("http://evil.example","x")'
    assert event.summary == "-40 °C at night"


@pytest.mark.parametrize("text", [t for t in FORMULAS + PLAIN if t.strip()])
def test_an_exported_event_imports_back_unchanged(client, russia, text):
    """Export then import, through the database: every string exactly as it was."""
    stored = clean_text(text)  # what the model stores (a lone carriage return is a line break)
    make_event(russia, slug="drawn", title=stored, summary=stored, notes=stored, place=stored.replace("\n", " "))
    Source.objects.filter(event__slug="drawn").update(title=stored, publisher=f"{stored} press")
    data = export_csv(client)
    cells = dict(zip(*csv_rows(data)[:2], strict=True))
    assert cells["title"] == csv_safe(stored)
    assert not looks_like_formula(cells["title"]) or cells["title"].startswith("'")
    result = import_file(data)
    assert (result.unchanged, result.updated, result.created) == (["drawn"], [], [])


drawn_text = st.text(max_size=80).map(clean_text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=drawn_text.filter(str.strip),
    summary=drawn_text.filter(str.strip),
    notes=drawn_text,
    publisher=drawn_text.filter(str.strip),
)
def test_any_stored_text_survives_export_and_import(russia, title, summary, notes, publisher):
    """Whatever text the model can store comes back from a CSV export unchanged:
    the import finds nothing to update."""
    Event.objects.all().delete()
    event = make_event(russia, slug="drawn", title=title, summary=summary, notes=notes, sources=0)
    Source.objects.create(event=event, publisher=publisher, title=notes, order=1)
    events = Event.objects.select_related("effort").prefetch_related("sources")
    data = exports.events_csv(events).encode()
    result = import_file(data)
    assert (result.unchanged, result.updated) == (["drawn"], [])

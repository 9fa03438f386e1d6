"""Importing events from JSON and CSV: all or nothing, every problem located."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from timeline import interchange
from timeline.interchange import ImportRejected, csv_safe, csv_unsafe, import_file
from timeline.models import Effort, Event, Phase, Source

from .conftest import make_event, utc

HEADER_COLUMNS = (
    "slug, effort, title, kind, status, start, end, planned, planned_by, place, people, summary, notes, "
    "image_url, image_alt, image_caption, image_credit, published"
)


def snapshot():
    """Everything an import could touch, timestamps included."""
    return (
        list(Event.objects.order_by("pk").values_list()),
        list(Source.objects.order_by("pk").values_list()),
        list(Effort.objects.order_by("pk").values_list()),
        list(Phase.objects.order_by("pk").values_list()),
    )


def export_csv(client, query: str = "") -> bytes:
    return client.get(f"/export/events.csv{query}").content


def export_json(client, query: str = "") -> bytes:
    return client.get(f"/export/events.json{query}").content


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def edit_csv(data: bytes, row: int, column: str, value: str) -> bytes:
    """The CSV with one cell changed; `row` counts as a spreadsheet does (header = 1)."""
    rows = csv_rows(data)
    rows[row - 1][rows[0].index(column)] = value
    return csv_bytes(rows)


def rejected(data: bytes, **kwargs) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_file(data, **kwargs)
    return [str(problem) for problem in caught.value.problems]


def command_error(path, *args) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("import_events", str(path), *args, verbosity=0)
    return str(caught.value)


@pytest.fixture
def seed_csv(client, seeded) -> bytes:
    return export_csv(client)


@pytest.fixture
def seed_json(client, seeded) -> bytes:
    return export_json(client)


# --- Bad files: the exact error, and the database untouched -----------------------


def test_wrong_columns_are_named(seed_csv):
    rows = csv_rows(seed_csv)
    rows[0][rows[0].index("title")] = "titel"
    before = snapshot()
    assert rejected(csv_bytes(rows)) == [
        "header: unknown column “titel”. The columns are "
        f"{HEADER_COLUMNS}, then source_1_url, source_1_publisher, source_1_title, source_1_published, "
        "source_1_claimed, source_2_url, ... as many sources as needed.",
        "header: missing column “title”.",
    ]
    assert snapshot() == before


def test_a_file_with_the_wrong_columns_altogether(db):
    assert rejected(b"name,date\nLaunch,2021-10-05\n", fmt="csv") == [
        "header: unknown columns “name”, “date”. The columns are "
        f"{HEADER_COLUMNS}, then source_1_url, source_1_publisher, source_1_title, source_1_published, "
        "source_1_claimed, source_2_url, ... as many sources as needed.",
        "header: missing columns “slug”, “effort”, “title”, “kind”, “status”, “start”, “end”, “planned”, "
        "“planned_by”, “place”, “people”, “summary”, “notes”, “image_alt”, “image_caption”, “image_credit”, "
        "“published”.",
    ]
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2021-02-31", "“2021-02-31” is not a real date (day is out of range for month)."),
        ("5 Oct 2021", "“5 Oct 2021” is not a date: write 2020, 2020-05, 2020-05-04 or 2021-10-05T08:55Z (UTC)."),
        ("2021-10-05T08:55:30Z", "“2021-10-05T08:55:30Z”: give times to the minute; seconds must be 00."),
        ("", "a start date is required (2020, 2020-05, 2020-05-04 or 2021-10-05T08:55Z)."),
    ],
)
def test_bad_dates(seed_csv, value, message):
    before = snapshot()
    assert rejected(edit_csv(seed_csv, 3, "start", value)) == [f"row 3, column start: {message}"]
    assert snapshot() == before


def test_unknown_side(seed_csv):
    before = snapshot()
    assert rejected(edit_csv(seed_csv, 2, "effort", "mars")) == [
        "row 2, column effort: unknown side “mars” (known: russia, united-states)."
    ]
    assert snapshot() == before


def test_end_before_start(seed_csv):
    data = edit_csv(edit_csv(seed_csv, 4, "start", "2021-10-05"), 4, "end", "2021-10-01")
    before = snapshot()
    assert rejected(data) == ["row 4, column end: The end (1 Oct 2021) cannot be before the start (5 Oct 2021)."]
    assert snapshot() == before


def test_duplicate_slug_in_the_file(seed_csv):
    slug = csv_rows(seed_csv)[1][0]
    before = snapshot()
    assert rejected(edit_csv(seed_csv, 5, "slug", slug)) == [
        f"row 5, column slug: duplicate slug “{slug}”: also on row 2."
    ]
    assert snapshot() == before


def test_non_utf8_bytes(seed_csv):
    # The export saved again as Latin-1, as an old spreadsheet might.
    data = seed_csv.decode("utf-8-sig").encode("latin-1", "replace")
    first = next(i for i, byte in enumerate(data) if byte >= 0x80)
    assert data[first : first + 4] == b"\xf3pez"  # Michael López-Alegría, the first accent in the file
    line = data.count(b"\n", 0, first) + 1
    before = snapshot()
    assert rejected(data) == [
        f"file: the file is not UTF-8 text (byte 0xf3 on line {line}). "
        "Save it as UTF-8 (in Excel: “CSV UTF-8”) and try again."
    ]
    assert rejected(b"slug,effort\n\xff\xfe caf\xe9\n", fmt="json") == [
        "file: the file is not UTF-8 text (byte 0xff on line 2). "
        "Save it as UTF-8 (in Excel: “CSV UTF-8”) and try again."
    ]
    assert snapshot() == before


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"  \r\n\n"])
def test_empty_file(seeded, data):
    before = snapshot()
    assert rejected(data, fmt="csv") == ["file: the file is empty."]
    assert rejected(data, fmt="json") == ["file: the file is empty."]
    assert snapshot() == before


def test_header_only_csv_and_event_free_json(seeded):
    before = snapshot()
    assert rejected(",".join(interchange.CSV_EVENT_COLUMNS).encode()) == [
        "file: the file has a header row but no events."
    ]
    assert rejected(b'{"schema": "spacefilm.events/1", "events": []}') == ["events: the file holds no events."]
    assert snapshot() == before


def test_a_file_over_the_limit_is_refused_before_it_is_read(seeded, tmp_path):
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB on disk (sparse): never read
    before = snapshot()
    expected = "file: the file is 50.0 MB; imports are limited to 5 MB (5,242,880 bytes). Split it into smaller files."
    assert command_error(huge) == f"{huge}: nothing imported; {expected}"
    assert rejected(b"x" * (50 * 1024 * 1024)) == [expected]
    assert snapshot() == before


def test_every_problem_in_the_file_is_listed_and_nothing_is_written(seed_csv):
    data = edit_csv(seed_csv, 2, "effort", "mars")
    data = edit_csv(data, 3, "kind", "moonwalk")
    data = edit_csv(data, 4, "title", "")
    data = edit_csv(data, 5, "source_1_url", "not a url")
    data = edit_csv(data, 6, "published", "perhaps")
    data = edit_csv(data, 7, "title", "A perfectly good new title")  # valid, but must not be saved either
    before = snapshot()
    assert rejected(data) == [
        "row 2, column effort: unknown side “mars” (known: russia, united-states).",
        "row 3, column kind: unknown kind “moonwalk”; choose one of announcement, partner_joins, crew_selection, "
        "training, launch, arrival, filming, return, premiere, status_update.",
        "row 4, column title: This field cannot be blank.",
        "row 5, column source_1_url: Enter a valid URL.",
        "row 6, column published: “perhaps” is not true or false.",
    ]
    assert snapshot() == before


def test_json_problems_name_the_field_and_the_event(seed_json):
    document = json.loads(seed_json)
    document["events"][0]["start"] = "2021-02-31"
    document["events"][1]["sources"][0]["published"] = "yesterday"
    document["events"][2]["titel"] = "typo"
    del document["events"][3]["notes"]
    document["events"][4]["effort"] = "mars"
    before = snapshot()
    assert rejected(json.dumps(document).encode()) == [
        "row 3, column titel: unknown field; the fields are slug, effort, title, kind, status, start, end, planned, "
        "planned_by, place, people, summary, notes, image, published, sources.",
        'row 4, column notes: missing field (write "", [] or null for none).',
    ]
    del document["events"][2]["titel"]
    document["events"][3]["notes"] = ""
    assert rejected(json.dumps(document).encode()) == [
        "row 1, column start: “2021-02-31” is not a real date (day is out of range for month).",
        "row 2, column sources[1].published: “yesterday” is not a date: write YYYY-MM-DD.",
        "row 5, column effort: unknown side “mars” (known: russia, united-states).",
    ]
    assert snapshot() == before


def test_invalid_json_is_located(db):
    assert rejected(b'{"schema": "spacefilm.events/1",\n "events": [}') == [
        "file: not valid JSON: Expecting value (line 2, character 13)."
    ]
    assert rejected(b"[1, 2]", fmt="json") == [
        "file: expected a JSON object with “schema” and “events”, as spacefilm.events/1 exports are."
    ]


def test_a_short_row_is_reported_not_shifted(seed_csv):
    rows = csv_rows(seed_csv)
    rows[2] = rows[2][:-3]
    assert rejected(csv_bytes(rows)) == [f"row 3: {len(rows[2])} cells, but the header has {len(rows[0])} columns."]


# --- Good files ----------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(seed_csv, seed_json):
    before = snapshot()
    for data in (seed_csv, seed_json, seed_csv):
        result = import_file(data)
        assert (result.created, result.updated, len(result.unchanged)) == ([], [], 33)
        assert not result.changed
    assert snapshot() == before


def test_csv_creates_and_updates_by_slug_with_sources(seed_csv):
    rows = csv_rows(seed_csv)
    header = rows[0]
    new = dict.fromkeys(header, "")
    new |= {
        "slug": "soyuz-ms-19-press-conference",
        "effort": "russia",
        "title": "Crew press conference at Baikonur",
        "kind": "status_update",
        "start": "2021-10-04T10:00Z",
        "people": "Yulia Peresild; Klim Shipenko\nAnton Shkaplerov",
        "summary": "The crew answered questions behind glass.",
        "published": "true",
        "source_2_publisher": "TASS",  # a gap in the source groups is fine
        "source_2_url": "https://tass.com/science/1345000",
    }
    launch_row = next(i for i, row in enumerate(rows) if row[0] == "soyuz-ms-19-launch")
    rows[launch_row][header.index("title")] = "Soyuz MS-19 lifts off"
    rows[launch_row][header.index("source_1_title")] = "Launch report"
    rows.append([new[name] for name in header])
    result = import_file(csv_bytes(rows))
    assert result.created == ["soyuz-ms-19-press-conference"]
    assert result.updated == ["soyuz-ms-19-launch"]
    assert result.changes == {"soyuz-ms-19-launch": ["title", "sources"]}
    assert len(result.unchanged) == 32

    event = Event.objects.get(slug="soyuz-ms-19-press-conference")
    assert event.published
    assert event.start == utc(2021, 10, 4, 10, 0)
    assert event.start_precision == "minute"
    assert event.people_list == ["Yulia Peresild", "Klim Shipenko", "Anton Shkaplerov"]
    assert [(s.publisher, s.url, s.order) for s in event.sources.all()] == [
        ("TASS", "https://tass.com/science/1345000", 1)
    ]
    launch = Event.objects.get(slug="soyuz-ms-19-launch")
    assert launch.title == "Soyuz MS-19 lifts off"
    assert launch.sources.first().title == "Launch report"


def test_dry_run_shows_what_would_change_and_writes_nothing(seed_csv, tmp_path, capsys):
    data = edit_csv(seed_csv, 2, "title", "A new headline")
    rows = csv_rows(data)
    slug = rows[1][0]
    path = tmp_path / "events.csv"
    path.write_bytes(data)
    before = snapshot()
    call_command("import_events", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert f"  ~ {slug}: would update title" in out
    assert "Dry run, nothing written. Events: 0 would be created, 1 would be updated, 32 unchanged." in out
    assert snapshot() == before

    call_command("import_events", str(path))
    out = capsys.readouterr().out
    assert f"  ~ {slug}: update title" in out
    assert "Events: 0 created, 1 updated, 32 unchanged." in out
    assert Event.objects.get(slug=slug).title == "A new headline"


def test_command_lists_every_problem_and_exits_non_zero(seed_csv, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(edit_csv(edit_csv(seed_csv, 2, "effort", "mars"), 3, "start", "2021-02-31"))
    before = snapshot()
    assert command_error(path) == (
        f"{path}: nothing imported; 2 problems to fix:\n"
        "row 2, column effort: unknown side “mars” (known: russia, united-states).\n"
        "row 3, column start: “2021-02-31” is not a real date (day is out of range for month)."
    )
    assert snapshot() == before


def test_format_option_overrides_the_file_name(seed_json, tmp_path):
    path = tmp_path / "events.txt"
    path.write_bytes(seed_json)
    call_command("import_events", str(path), "--format", "json", verbosity=0)
    assert command_error(path, "--format", "csv").startswith(f"{path}: nothing imported; 2 problems to fix:\nheader:")


def test_large_files_show_progress(russia, tmp_path, capsys):
    header = interchange.csv_header(1)
    rows = [header]
    for n in range(1, 251):
        record = dict.fromkeys(header, "")
        record |= {
            "slug": f"bulk-{n}",
            "effort": "russia",
            "title": f"Bulk event {n}",
            "kind": "status_update",
            "start": "2021-10-05",
            "summary": "Imported in bulk.",
            "published": "false",
        }
        rows.append([record[name] for name in header])
    path = tmp_path / "bulk.csv"
    path.write_bytes(csv_bytes(rows))
    call_command("import_events", str(path))
    captured = capsys.readouterr()
    assert "Checked 25 of 250 rows (10%)" in captured.err
    assert "Checked 250 of 250 rows (100%)" in captured.err
    assert "Saved 250 of 250 rows (100%)" in captured.err
    assert "Events: 250 created, 0 updated, 0 unchanged." in captured.out
    assert Event.objects.filter(slug__startswith="bulk-", published=False).count() == 250


def test_json_can_bring_its_own_sides_and_phases(db, seeded, client):
    document = json.loads(export_json(client))
    Event.objects.all().delete()
    Effort.objects.all().delete()
    Phase.objects.all().delete()
    result = import_file(json.dumps(document).encode())
    assert result.efforts_created == ["russia", "united-states"]
    assert result.phases_created == ["announcements", "casting-and-training", "flight", "release-and-aftermath"]
    assert len(result.created) == 33
    assert Effort.objects.get(slug="russia").organisation_list == [
        "Roscosmos",
        "Channel One",
        "Yellow, Black and White",
    ]


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


# --- Properties ------------------------------------------------------------------

cell_text = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00")).map(str.strip)


@given(cell_text)
def test_any_text_is_defused_and_restored(text):
    safe = csv_safe(text)
    assert not safe.startswith(interchange.FORMULA_TRIGGERS)
    assert csv_unsafe(safe) == text


@given(
    title=cell_text,
    summary=cell_text,
    person=cell_text.filter(lambda t: ";" not in t and "\n" not in t and "\r" not in t),
    publisher=cell_text,
)
def test_any_text_survives_csv_out_and_back(title, summary, person, publisher):
    record = {
        "slug": "s", "effort": "russia", "title": title, "kind": "launch", "status": "happened",
        "start": "2021-10-05T08:55Z", "end": None, "planned": None, "planned_by": "", "place": "",
        "people": [person] if person else [], "summary": summary, "notes": "", "image": None,
        "published": True, "sources": [{"url": "", "publisher": publisher, "title": "", "published": None,
                                        "claimed": None}],
    }  # fmt: skip
    rows = [interchange.csv_header(1), interchange.record_to_csv_row(record, 1)]
    parsed = interchange.parse_csv(csv_bytes(rows).decode())
    back = parsed.events[0]
    assert (back["title"], back["summary"], back["people"]) == (title, summary, record["people"])
    assert back["sources"] == ([{**record["sources"][0], "url": None, "title": None}] if publisher else [])

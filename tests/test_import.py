"""Importing events from JSON and CSV: all or nothing, every problem located."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import interchange
from timeline.interchange import ImportRejected, import_file
from timeline.models import Effort, Event, Phase

from .conftest import csv_bytes, csv_rows, edit_csv, stored_rows, utc

HEADER_COLUMNS = (
    "slug, effort, title, kind, status, start, end, place, people, summary, notes, "
    "image_url, image_alt, image_caption, image_credit, published, title_ru, place_ru, people_ru, summary_ru, notes_ru"
)
MORE_COLUMNS = (
    "then source_1_url, source_1_publisher, source_1_title, source_1_published, source_2_url, ... as many "
    "sources as needed, and statement_1_kind, statement_1_date, statement_1_approximate, statement_1_wording, "
    "statement_1_announced, statement_1_publisher, statement_1_url, statement_1_title, statement_2_kind, ... "
    "as many statements as needed."
)


EXPECTED_SCHEMAS = "spacefilm.events/2 (or the older spacefilm.events/1)"


def export_csv(client, query: str = "") -> bytes:
    return client.get(f"/export/events.csv{query}").content


def export_json(client, query: str = "") -> bytes:
    return client.get(f"/export/events.json{query}").content


def rejected(data: bytes, **kwargs) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_file(data, **kwargs)
    return [str(problem) for problem in caught.value.problems]


def command_error(path, *args) -> str:
    with pytest.raises(CommandError) as caught:
        call_command("import_events", str(path), *args, verbosity=0)
    return str(caught.value)


@pytest.fixture
def seed_json(client, seeded) -> bytes:
    return export_json(client)


# --- Bad files: the exact error, and the database untouched -----------------------


def test_wrong_columns_are_named(seed_csv):
    rows = csv_rows(seed_csv)
    rows[0][rows[0].index("title")] = "titel"
    before = stored_rows()
    assert rejected(csv_bytes(rows)) == [
        f"header: unknown column “titel”. The columns are {HEADER_COLUMNS}, {MORE_COLUMNS}",
        "header: missing column “title”.",
    ]
    assert stored_rows() == before


def test_a_file_with_the_wrong_columns_altogether(db):
    assert rejected(b"name,date\nLaunch,2021-10-05\n", fmt="csv") == [
        f"header: unknown columns “name”, “date”. The columns are {HEADER_COLUMNS}, {MORE_COLUMNS}",
        "header: missing columns “slug”, “effort”, “title”, “kind”, “status”, “start”, “end”, "
        "“place”, “people”, “summary”, “notes”, “image_alt”, “image_caption”, “image_credit”, "
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
    before = stored_rows()
    assert rejected(edit_csv(seed_csv, 3, "start", value)) == [f"row 3, column start: {message}"]
    assert stored_rows() == before


def test_unknown_side(seed_csv):
    before = stored_rows()
    assert rejected(edit_csv(seed_csv, 2, "effort", "mars")) == [
        "row 2, column effort: unknown side “mars” (known: russia, united-states)."
    ]
    assert stored_rows() == before


def test_end_before_start(seed_csv):
    data = edit_csv(edit_csv(seed_csv, 4, "start", "2021-10-05"), 4, "end", "2021-10-01")
    before = stored_rows()
    assert rejected(data) == ["row 4, column end: The end (1 Oct 2021) cannot be before the start (5 Oct 2021)."]
    assert stored_rows() == before


def test_duplicate_slug_in_the_file(seed_csv):
    slug = csv_rows(seed_csv)[1][0]
    before = stored_rows()
    assert rejected(edit_csv(seed_csv, 5, "slug", slug)) == [
        f"row 5, column slug: duplicate slug “{slug}”: also on row 2."
    ]
    assert stored_rows() == before


def test_non_utf8_bytes(seed_csv):
    # The export saved again as Latin-1, as an old spreadsheet might.
    data = seed_csv.decode("utf-8-sig").encode("latin-1", "replace")
    first = next(i for i, byte in enumerate(data) if byte >= 0x80)
    assert data[first] in (0xF3, 0xAB)  # López-Alegría's accent, or a Russian text's opening «
    line = data.count(b"\n", 0, first) + 1
    before = stored_rows()
    assert rejected(data) == [
        f"file: the file is not UTF-8 text (byte 0x{data[first]:02x} on line {line}). "
        "Save it as UTF-8 (in Excel: “CSV UTF-8”) and try again."
    ]
    assert rejected(b"slug,effort\n\xff\xfe caf\xe9\n", fmt="json") == [
        "file: the file is not UTF-8 text (byte 0xff on line 2). "
        "Save it as UTF-8 (in Excel: “CSV UTF-8”) and try again."
    ]
    assert stored_rows() == before


@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", b"  \r\n\n"])
def test_empty_file(seeded, data):
    before = stored_rows()
    assert rejected(data, fmt="csv") == ["file: the file is empty."]
    assert rejected(data, fmt="json") == ["file: the file is empty."]
    assert stored_rows() == before


def test_header_only_csv_and_event_free_json(seeded):
    before = stored_rows()
    assert rejected(",".join(interchange.CSV_EVENT_COLUMNS).encode()) == [
        "file: the file has a header row but no events."
    ]
    assert rejected(b'{"schema": "spacefilm.events/1", "events": []}') == ["events: the file holds no events."]
    assert stored_rows() == before


def test_a_file_over_the_limit_is_refused_before_it_is_read(seeded, tmp_path):
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB on disk (sparse): never read
    before = stored_rows()
    expected = "file: the file is 50.0 MB; imports are limited to 5 MB (5,242,880 bytes). Split it into smaller files."
    assert command_error(huge) == f"{huge}: nothing imported; {expected}"
    assert rejected(b"x" * (50 * 1024 * 1024)) == [expected]
    assert stored_rows() == before


def test_every_problem_in_the_file_is_listed_and_nothing_is_written(seed_csv):
    data = edit_csv(seed_csv, 2, "effort", "mars")
    data = edit_csv(data, 3, "kind", "moonwalk")
    data = edit_csv(data, 4, "title", "")
    data = edit_csv(data, 5, "source_1_url", "not a url")
    data = edit_csv(data, 6, "published", "perhaps")
    data = edit_csv(data, 7, "title", "A perfectly good new title")  # valid, but must not be saved either
    before = stored_rows()
    assert rejected(data) == [
        "row 2, column effort: unknown side “mars” (known: russia, united-states).",
        "row 3, column kind: unknown kind “moonwalk”; choose one of announcement, partner_joins, crew_selection, "
        "training, launch, arrival, filming, return, premiere, status_update.",
        "row 4, column title: This field cannot be blank.",
        "row 5, column source_1_url: Enter a valid URL.",
        "row 6, column published: “perhaps” is not true or false.",
    ]
    assert stored_rows() == before


def test_json_problems_name_the_field_and_the_event(seed_json):
    document = json.loads(seed_json)
    document["events"][0]["start"] = "2021-02-31"
    document["events"][1]["sources"][0]["published"] = "yesterday"
    document["events"][2]["titel"] = "typo"
    del document["events"][3]["notes"]
    document["events"][4]["effort"] = "mars"
    before = stored_rows()
    assert rejected(json.dumps(document).encode()) == [
        "row 3, column titel: unknown field; the fields are slug, effort, title, kind, status, start, end, "
        "place, people, summary, notes, image, published, sources, statements, "
        "and optionally title_ru, place_ru, people_ru, summary_ru, notes_ru.",
        'row 4, column notes: missing field (write "", [] or null for none).',
    ]
    del document["events"][2]["titel"]
    document["events"][3]["notes"] = ""
    assert rejected(json.dumps(document).encode()) == [
        "row 1, column start: “2021-02-31” is not a real date (day is out of range for month).",
        "row 2, column sources[1].published: “yesterday” is not a date: write YYYY-MM-DD.",
        "row 5, column effort: unknown side “mars” (known: russia, united-states).",
    ]
    assert stored_rows() == before


def test_invalid_json_is_located(db):
    assert rejected(b'{"schema": "spacefilm.events/1",\n "events": [}') == [
        "file: not valid JSON: Expecting value (line 2, character 13)."
    ]
    assert rejected(b"[1, 2]", fmt="json") == [
        "file: expected a JSON object with “schema” and “events”, as spacefilm.events/2 exports are."
    ]


def test_a_short_row_is_reported_not_shifted(seed_csv):
    rows = csv_rows(seed_csv)
    rows[2] = rows[2][:-3]
    assert rejected(csv_bytes(rows)) == [f"row 3: {len(rows[2])} cells, but the header has {len(rows[0])} columns."]


# --- Good files ----------------------------------------------------------------


def test_importing_the_same_file_twice_changes_nothing(seed_csv, seed_json):
    before = stored_rows()
    for data in (seed_csv, seed_json, seed_csv):
        result = import_file(data)
        assert (result.created, result.updated, len(result.unchanged)) == ([], [], 34)
        assert not result.changed
    assert stored_rows() == before


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
    assert len(result.unchanged) == 33

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
    before = stored_rows()
    call_command("import_events", str(path), "--dry-run")
    out = capsys.readouterr().out
    assert f"  ~ {slug}: would update title" in out
    assert "Dry run, nothing written. Events: 0 would be created, 1 would be updated, 33 unchanged." in out
    assert stored_rows() == before

    call_command("import_events", str(path))
    out = capsys.readouterr().out
    assert f"  ~ {slug}: update title" in out
    assert "Events: 0 created, 1 updated, 33 unchanged." in out
    assert Event.objects.get(slug=slug).title == "A new headline"


def test_command_lists_every_problem_and_exits_non_zero(seed_csv, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(edit_csv(edit_csv(seed_csv, 2, "effort", "mars"), 3, "start", "2021-02-31"))
    before = stored_rows()
    assert command_error(path) == (
        f"{path}: nothing imported; 2 problems to fix:\n"
        "row 2, column effort: unknown side “mars” (known: russia, united-states).\n"
        "row 3, column start: “2021-02-31” is not a real date (day is out of range for month)."
    )
    assert stored_rows() == before


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


def test_a_dry_run_of_a_large_file_says_its_saves_are_trials(russia, tmp_path, capsys):
    header = interchange.csv_header(1)
    rows = [header]
    for n in range(1, 201):
        record = dict.fromkeys(header, "") | {"slug": f"bulk-{n}", "effort": "russia", "title": f"Bulk event {n}"}
        rows.append([(record | {"kind": "launch", "start": "2021", "summary": "In bulk."})[name] for name in header])
    path = tmp_path / "bulk.csv"
    path.write_bytes(csv_bytes(rows))
    call_command("import_events", str(path), "--dry-run")
    captured = capsys.readouterr()
    assert "Checked 200 of 200 rows (100%)" in captured.err
    assert "Tried saving 200 of 200 rows (100%)" in captured.err
    assert "Saved" not in captured.err
    assert "Dry run, nothing written. Events: 200 would be created, 0 would be updated, 0 unchanged." in captured.out
    assert not Event.objects.exists()


def test_the_command_refuses_a_hostile_file_and_names_the_problem(seeded, client, tmp_path):
    text = export_json(client).decode().replace('"order": 1', '"order": ' + "9" * 5000, 1)
    path = tmp_path / "events.json"
    path.write_text(text)
    before = stored_rows()
    for args in ((), ("--dry-run",)):
        assert command_error(path, *args) == (
            f"{path}: nothing imported; 1 problem to fix:\n"
            "efforts[1].order: Ensure this value is less than or equal to 32767."
        )
    assert stored_rows() == before


def test_json_can_bring_its_own_sides_and_phases(db, seeded, client):
    document = json.loads(export_json(client))
    Event.objects.all().delete()
    Effort.objects.all().delete()
    Phase.objects.all().delete()
    result = import_file(json.dumps(document).encode())
    assert result.efforts_created == ["russia", "united-states"]
    assert result.phases_created == ["announcements", "casting-and-training", "flight", "release-and-aftermath"]
    assert len(result.created) == 34
    assert Effort.objects.get(slug="russia").organisation_list == [
        "Roscosmos",
        "Channel One",
        "Yellow, Black and White",
    ]


# --- Hostile values: the preview finds every one, located, and nothing is written ---

RANGE = "1957-10-04 … 2100-12-31"
HUGE = "9" * 5000  # more digits than Python reads as a number (4,300)
NESTED = "[" * 500 + "]" * 500
AS_DATE = "expected a date as text (2020, 2020-05, 2020-05-04 or 2021-10-05T08:55Z)"


def refused_alike(data: bytes) -> list[str]:
    """The problems a preview reports, once it is checked that Import reports
    exactly the same and that neither writes anything."""
    before = stored_rows()
    previewed = rejected(data, dry_run=True)
    assert rejected(data) == previewed
    assert stored_rows() == before
    return previewed


def preview_agrees_with_import(data: bytes) -> None:
    """The preview writes nothing; when it refuses the file, Import refuses it
    with the same problems, and when it takes it, so does Import."""
    before = stored_rows()
    try:
        import_file(data, dry_run=True)
    except ImportRejected:
        refused_alike(data)
        return
    assert stored_rows() == before
    import_file(data)


def with_raw_json(document: dict, path: tuple, raw: str) -> bytes:
    """`document` as JSON with the value at `path` written as `raw` JSON text
    (NaN, Infinity and numbers Python would not print pass through as written)."""
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = "\x00value\x00"
    return json.dumps(document).replace('"\\u0000value\\u0000"', raw).encode()


@pytest.mark.parametrize(
    ("field", "raw", "problem"),
    [
        ("title", "5", "title: expected text, not 5."),
        ("title", "null", "title: This field cannot be blank."),
        ("title", '["Launch"]', "title: expected text, not a list."),
        ("title", NESTED, "title: expected text, not a list."),
        ("title", HUGE, "title: expected text, not a number 5,000 digits long."),
        ("summary", '{"text": "x"}', "summary: expected text, not an object."),
        ("kind", "true", "kind: expected text, not true."),
        ("effort", "7", "effort: expected text, not 7."),
        ("slug", "1.5", "slug: expected text, not 1.5."),
        ("published", "1", "published: expected true or false, not 1."),
        ("published", "NaN", "published: expected true or false, not NaN."),
        ("start", "2021", f"start: {AS_DATE}, not 2021."),
        ("start", "Infinity", f"start: {AS_DATE}, not Infinity."),
        ("start", '"9999-12-31"', f"start: “9999-12-31” is outside the accepted range, {RANGE}."),
        ("start", '"0001-01-01T00:00Z"', f"start: “0001-01-01T00:00Z” is outside the accepted range, {RANGE}."),
        ("end", '"2101"', f"end: “2101” is outside the accepted range, {RANGE}."),
        (
            "statements",
            '[{"kind": "plan", "date": "1957-10-03", "publisher": "TASS"}]',
            f"statements[1].date: “1957-10-03” is outside the accepted range, {RANGE}.",
        ),
        (
            "statements",
            '[{"kind": "rumour", "date": "2021-10", "publisher": "TASS"}]',
            "statements[1].kind: unknown kind “rumour”; choose one of plan, revision, postponement, cancellation, "
            "claim.",
        ),
        (
            "statements",
            '[{"kind": "plan", "publisher": "TASS"}]',
            "statements[1].date: A plan or forecast needs the date it gave.",
        ),
        ("statements", "[5]", "statements[1]: each statement must be an object."),
        ("people", "[1]", "people: expected a list of text; item 1 is 1."),
        ("people", "-Infinity", "people: expected a list of text, not -Infinity."),
        ("image", "[]", "image: expected an object {url, alt, caption, credit} or null."),
        ("image", '{"alt": 5}', "image.alt: expected text, not 5."),
        ("sources", "5", "sources: sources must be a list."),
        ("sources", "[5]", "sources[1]: each source must be an object."),
        (
            "sources",
            '[{"url": "", "publisher": 12, "title": "", "published": null}]',
            "sources[1].publisher: expected text, not 12.",
        ),
        (
            "sources",
            '[{"url": "", "publisher": "TASS", "title": "", "published": "9999-01-01"}]',
            f"sources[1].published: “9999-01-01” is outside the accepted range, {RANGE}.",
        ),
        (
            "statements",
            '[{"kind": "claim", "date": "2021-10-16", "publisher": "TASS", "announced": "2101-01"}]',
            f"statements[1].announced: “2101-01” is outside the accepted range, {RANGE}.",
        ),
    ],
)
def test_any_json_value_in_an_event_is_refused_where_it_is(seed_json, field, raw, problem):
    data = with_raw_json(json.loads(seed_json), ("events", 0, field), raw)
    assert refused_alike(data) == [f"row 1, column {problem}"]


@pytest.mark.parametrize(
    ("key", "field", "raw", "problem"),
    [
        ("efforts", "order", "Infinity", "expected a whole number, not Infinity."),
        ("efforts", "order", "-Infinity", "expected a whole number, not -Infinity."),
        ("efforts", "order", "NaN", "expected a whole number, not NaN."),
        ("efforts", "order", "1.5", "expected a whole number, not 1.5."),
        ("efforts", "order", "2.0", "expected a whole number, not 2.0."),
        ("efforts", "order", "true", "expected a whole number, not true."),
        ("efforts", "order", '"3"', "expected a whole number, not the text “3”."),
        ("efforts", "order", "-1", "Ensure this value is greater than or equal to 0."),
        ("efforts", "order", "32768", "Ensure this value is less than or equal to 32767."),
        ("efforts", "order", HUGE, "Ensure this value is less than or equal to 32767."),
        ("efforts", "order", "-" + HUGE, "Ensure this value is greater than or equal to 0."),
        ("efforts", "name", "null", "This field cannot be blank."),
        ("efforts", "name", "5", "expected text, not 5."),
        ("efforts", "organisations", '[["Roscosmos"]]', "expected a list of text; item 1 is a list."),
        ("phases", "order", "Infinity", "expected a whole number, not Infinity."),
        ("phases", "start", '"9999-01-01"', f"“9999-01-01” is outside the accepted range, {RANGE}."),
        ("phases", "end", "20211005", "expected a date as text (YYYY-MM-DD), not 20211005."),
        ("phases", "start", '"2021-02-31"', "“2021-02-31” is not a date: write YYYY-MM-DD."),
    ],
)
def test_any_json_value_in_a_side_or_phase_is_refused_where_it_is(seed_json, key, field, raw, problem):
    data = with_raw_json(json.loads(seed_json), (key, 0, field), raw)
    assert refused_alike(data) == [f"{key}[1].{field}: {problem}"]


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ('{"schema": NaN, "events": []}', f"schema: unsupported schema “NaN”; expected {EXPECTED_SCHEMAS}."),
        (f'{{"schema": {NESTED}, "events": []}}', f"schema: unsupported schema “a list”; expected {EXPECTED_SCHEMAS}."),
        ('{"events": Infinity}', "events: expected a list of events."),
        ('{"events": [], "efforts": [5]}', "efforts[1]: each side must be an object."),
        ('{"events": [], "phases": [[]]}', "phases[1]: each phase must be an object."),
        ('{"events": [NaN]}', "row 1: each event must be an object with named fields."),
        ('{"events": ' + "[" * 100_000 + "]" * 100_000 + "}", "file: the JSON is nested too deeply."),
    ],
)
def test_any_json_document_is_refused_with_a_reason(seeded, raw, problem):
    assert refused_alike(raw.encode()) == [problem]


def test_a_start_in_9999_is_found_by_the_preview_in_csv_too(seed_csv):
    data = edit_csv(seed_csv, 3, "start", "9999-12-31")
    assert refused_alike(data) == [f"row 3, column start: “9999-12-31” is outside the accepted range, {RANGE}."]


def test_repeats_within_a_file_are_found_by_the_preview(seed_json):
    document = json.loads(seed_json)
    china = {**document["efforts"][0], "slug": "china", "name": "China", "name_ru": "Китай", "order": 3}
    document["efforts"] += [china, {**china, "slug": "china-national"}, {**china, "name": "People's Republic"}]
    document["phases"].append({**document["phases"][0], "name": "Announcements, again"})
    document["events"][4]["slug"] = document["events"][1]["slug"]
    slug = document["events"][1]["slug"]
    assert refused_alike(json.dumps(document).encode()) == [
        "efforts[4].name: duplicate name “China”: also in efforts[3].",
        "efforts[5].slug: duplicate slug “china”: also in efforts[3].",
        "phases[5].slug: duplicate slug “announcements”: also in phases[1].",
        f"row 5, column slug: duplicate slug “{slug}”: also on row 2.",
    ]


def test_a_new_side_may_not_take_the_name_of_a_stored_one(seed_json):
    document = json.loads(seed_json)
    document["efforts"].append({**document["efforts"][0], "slug": "russian-federation"})
    assert refused_alike(json.dumps(document).encode()) == [
        "efforts[3].name: Effort with this Name already exists.",
        "efforts[3].name_ru: Effort with this Name [ru] already exists.",  # the copy's Russian name too
    ]


def test_the_preview_finds_what_only_the_database_would_refuse(seed_json):
    """The preview runs the import's own writes and rolls them back, so even a
    rule the forms do not know (here a unique index added to the database) is
    found before Import is pressed, at the row that breaks it."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # PostgreSQL indexes no table with checks pending
        cursor.execute("CREATE UNIQUE INDEX one_title_each ON timeline_event (title)")
    document = json.loads(seed_json)
    document["events"][1]["title"] = document["events"][0]["title"]
    [problem] = refused_alike(json.dumps(document).encode())
    assert problem.startswith("row 2: the database refused this row, nothing was saved (")


def test_a_preview_writes_and_rolls_back_so_an_import_still_works(seed_json):
    document = json.loads(seed_json)
    document["events"][0]["title"] = "A retitled event"
    china = {"slug": "china", "name": "China", "name_ru": "Китай", "order": 3}
    document["efforts"].append({**document["efforts"][0], **china})
    data = json.dumps(document).encode()
    before = stored_rows()
    preview = import_file(data, dry_run=True)
    assert (preview.efforts_created, preview.updated, preview.created_ids, preview.updated_ids) == (
        ["china"],
        [document["events"][0]["slug"]],
        [],
        [],
    )
    assert stored_rows() == before
    result = import_file(data)
    assert (result.efforts_created, result.updated) == (preview.efforts_created, preview.updated)
    assert Event.objects.get(slug=document["events"][0]["slug"]).title == "A retitled event"


def test_an_import_can_be_refused_for_what_it_would_change(seed_json):
    """One run checks and writes: problems with what the file would change
    (here, a side an account may not create) roll the import back."""
    document = json.loads(seed_json)
    document["events"][0]["title"] = "A retitled event"
    china = {"slug": "china", "name": "China", "name_ru": "Китай", "order": 3}
    document["efforts"].append({**document["efforts"][0], **china})
    parsed = interchange.read_file(json.dumps(document).encode())

    def no_new_sides(result):
        return [interchange.Problem(None, "permission", f"may not create “{slug}”.") for slug in result.efforts_created]

    before = stored_rows()
    with pytest.raises(ImportRejected) as caught:
        interchange.apply(parsed, refuse=no_new_sides)
    assert [str(problem) for problem in caught.value.problems] == ["permission: may not create “china”."]
    assert stored_rows() == before
    assert interchange.apply(parsed, refuse=lambda result: []).efforts_created == ["china"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=8,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    place=st.sampled_from(
        [("events", 0, name) for name in interchange.EVENT_FIELDS]
        + [("efforts", 0, name) for name in interchange.EFFORT_FIELDS]
        + [("phases", 0, name) for name in interchange.PHASE_FIELDS]
        + [("events", 0, "sources", 0, name) for name in interchange.SOURCE_FIELDS]
        + [("events", 0, "image", name) for name in ("url", "alt", "caption", "credit")]
    ),
    value=json_values,
)
def test_no_json_value_anywhere_passes_the_preview_and_fails_the_import(seed_json, place, value):
    """Whatever value any field holds, the preview and the import agree: both
    refuse it with the same located problems and write nothing, or both take it."""
    document = json.loads(seed_json)
    document["events"] = document["events"][:1]
    document["events"][0]["image"] = {"url": "", "alt": "", "caption": "", "credit": ""}
    target = document
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = value
    data = json.dumps(document).encode()
    preview_agrees_with_import(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(column=st.sampled_from(interchange.csv_header(1)), text=st.text(max_size=40))
def test_no_csv_cell_passes_the_preview_and_fails_the_import(seed_csv, column, text):
    rows = csv_rows(seed_csv)[:2]
    rows[1][rows[0].index(column)] = text
    data = csv_bytes([row[: len(interchange.csv_header(1))] for row in rows])
    preview_agrees_with_import(data)

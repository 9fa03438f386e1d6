"""The events' interchange format (schema "spacefilm.events/2"): out and in.

One shape for the seed file, the JSON export and the JSON import:

    {"schema": "spacefilm.events/2",
     "efforts": [{slug, name, country, film_title, organisations: [..], colour, order}],
     "phases":  [{slug, name, start: "YYYY-MM-DD", end: "YYYY-MM-DD", order}],
     "events":  [{slug, effort: <effort slug>, title, kind, status, start, end,
                  place, people: [..], summary, notes, [internal_notes: on import only],
                  image: {url, alt, caption, credit} | null, published,
                  sources: [{url, publisher, title, published: "YYYY-MM-DD" | null}],
                  statements: [{kind: plan | revision | postponement | cancellation | claim,
                                date: <date at precision or null>, approximate: true | false,
                                wording, announced: <date at precision or null>,
                                publisher, url, title}]}],
     "statements": [{effort: <effort slug>, milestone: <kind>, ...the same fields}]}

The document's own "statements" are a side's plans for milestones no event
stands for yet; an import that carries the key replaces them all.

A "date at precision" is written only as far as it is known, and its precision
is read from its length: "2020", "2020-05", "2020-05-04", "2021-10-05T08:55Z".
CSV carries the same event fields, one row per event (see `schema`).  Files
in the older "spacefilm.events/1" (an event's "planned" and "planned_by", a
source's "claimed") still import, as statements (`legacy`).

The package, in the order a file travels:

- `records`: rows out, as records and CSV rows (the exports use them);
  `formulas` defuses spreadsheet formulas in CSV cells, losslessly.
- `reading`: bytes in (size, UTF-8, format), then `json_reader` or
  `csv_reader` into the same JSON-shaped records (`parsed`); `legacy`
  reads the old schema's plans and claims as statements.
- `planning`: every record validated by its ModelForm (`forms`, `fields`),
  with the model's own rules, before anything is written; `writing` then
  creates or updates by slug; `importing` runs both in one transaction, and a
  preview runs the same code in a transaction that is rolled back.

A file with any bad row changes nothing (every problem is reported as "row N,
column X: message"), and importing the same file twice changes nothing.
Files are bounded (MAX_IMPORT_BYTES, MAX_IMPORT_ROWS) and must be UTF-8.
"""

from .csv_reader import parse_csv
from .formulas import FORMULA_TRIGGERS, csv_safe, csv_unsafe, looks_like_formula
from .importing import apply, import_file, import_payload
from .json_reader import parse_json, parse_payload
from .parsed import ParsedFile
from .problems import ImportRejected, Problem
from .reading import check_size, decode, detect_format, read_file, size_problem
from .records import (
    csv_header,
    effort_to_record,
    event_to_record,
    phase_to_record,
    record_to_csv_row,
    side_statement_to_record,
    source_to_record,
    statement_to_record,
)
from .schema import (
    CSV_EVENT_COLUMNS,
    EFFORT_FIELDS,
    EVENT_FIELDS,
    EVENT_IMPORT_ONLY_FIELDS,
    FORMATS,
    MAX_IMPORT_BYTES,
    MAX_IMPORT_ROWS,
    PEOPLE_SEPARATOR,
    PHASE_FIELDS,
    SCHEMA,
    SCHEMA_V1,
    SOURCE_FIELDS,
    STATEMENT_FIELDS,
)
from .writing import ImportResult

__all__ = [
    "CSV_EVENT_COLUMNS", "EFFORT_FIELDS", "EVENT_FIELDS", "EVENT_IMPORT_ONLY_FIELDS", "FORMATS", "FORMULA_TRIGGERS",
    "MAX_IMPORT_BYTES", "MAX_IMPORT_ROWS", "PEOPLE_SEPARATOR", "PHASE_FIELDS", "SCHEMA", "SCHEMA_V1", "SOURCE_FIELDS",
    "STATEMENT_FIELDS",
    "ImportRejected", "ImportResult", "ParsedFile", "Problem",
    "apply", "check_size", "csv_header", "csv_safe", "csv_unsafe", "decode", "detect_format", "effort_to_record",
    "event_to_record", "import_file", "import_payload", "looks_like_formula", "parse_csv", "parse_json",
    "parse_payload", "phase_to_record", "read_file", "record_to_csv_row", "size_problem", "source_to_record",
    "side_statement_to_record", "statement_to_record",
]  # fmt: skip

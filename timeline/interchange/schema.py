"""The shape of the interchange format, "spacefilm.events/2": names and limits.

Every other module of the package reads its field names, column names and
limits from here, so the format is stated once.
"""

from __future__ import annotations

import re

SCHEMA = "spacefilm.events/2"
# The schema before statements: an event's one planned date and "planned by",
# a source's "claimed" date.  Its files still import (`legacy`).
SCHEMA_V1 = "spacefilm.events/1"
SCHEMAS = (SCHEMA, SCHEMA_V1)

EFFORT_FIELDS = ["slug", "name", "country", "film_title", "organisations", "colour", "order"]
PHASE_FIELDS = ["slug", "name", "start", "end", "order"]
EVENT_FIELDS = [
    "slug", "effort", "title", "kind", "status", "start", "end",
    "place", "people", "summary", "notes", "image", "published", "sources", "statements",
]  # fmt: skip
SOURCE_FIELDS = ["url", "publisher", "title", "published"]
# A statement: a date at precision ("date", "announced") or null; "approximate" true or false.
STATEMENT_FIELDS = ["kind", "date", "approximate", "wording", "announced", "publisher", "url", "title"]
# A side's statement about a milestone no event stands for yet (the document's own "statements", JSON only).
SIDE_STATEMENT_FIELDS = ["effort", "milestone", *STATEMENT_FIELDS]
V1_EVENT_FIELDS = [
    "slug", "effort", "title", "kind", "status", "start", "end", "planned", "planned_by",
    "place", "people", "summary", "notes", "image", "published", "sources",
]  # fmt: skip
V1_SOURCE_FIELDS = [*SOURCE_FIELDS, "claimed"]
# Fields a JSON import may carry but no export ever writes: editors' own notes.
EVENT_IMPORT_ONLY_FIELDS = ["internal_notes"]

# The Russian texts (timeline/translation.py): optional keys and columns, so
# a file written before they existed still imports, and a file without them
# leaves the stored Russian texts as they are.  The unsuffixed keys are the
# English texts.
EFFORT_TRANSLATIONS = ["name_ru", "film_title_ru"]
PHASE_TRANSLATIONS = ["name_ru"]
EVENT_TRANSLATIONS = ["title_ru", "place_ru", "people_ru", "summary_ru", "notes_ru"]
IMAGE_FIELDS = ["url", "alt", "caption", "credit"]  # "url" is informational: images are uploaded in admin

# CSV layout: one row per event.  The columns mirror the JSON event fields; the
# image's fields are flattened (image_url, image_alt, ...), people are
# "; "-separated, each source takes four numbered columns, source_1_url ...
# source_1_published, source_2_url ..., and each statement eight,
# statement_1_kind ... statement_1_title: as many groups as the events need.
# The old layout's "planned" and "planned_by" columns and its source_N_claimed
# still import, as statements (`legacy`).
CSV_EVENT_COLUMNS = [
    "slug", "effort", "title", "kind", "status", "start", "end",
    "place", "people", "summary", "notes", "image_url", "image_alt", "image_caption",
    "image_credit", "published", *EVENT_TRANSLATIONS,
]  # fmt: skip
CSV_V1_COLUMNS = ["planned", "planned_by"]
CSV_OPTIONAL_COLUMNS = {"image_url", *EVENT_TRANSLATIONS}
PEOPLE_SEPARATOR = "; "
SOURCE_COLUMN = re.compile(r"^source_(?P<n>[1-9]\d{0,2})_(?P<field>url|publisher|title|published|claimed)$")
STATEMENT_COLUMN = re.compile(
    r"^statement_(?P<n>[1-9]\d{0,2})_(?P<field>kind|date|approximate|wording|announced|publisher|url|title)$"
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 10_000  # events in one file; sides and phases are held to the same number
FORMATS = ("json", "csv")

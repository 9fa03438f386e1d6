"""The shape of the interchange format, "spacefilm.events/1": names and limits.

Every other module of the package reads its field names, column names and
limits from here, so the format is stated once.
"""

from __future__ import annotations

import re

SCHEMA = "spacefilm.events/1"

EFFORT_FIELDS = ["slug", "name", "country", "film_title", "organisations", "colour", "order"]
PHASE_FIELDS = ["slug", "name", "start", "end", "order"]
EVENT_FIELDS = [
    "slug", "effort", "title", "kind", "status", "start", "end", "planned", "planned_by",
    "place", "people", "summary", "notes", "image", "published", "sources",
]  # fmt: skip
# Fields a JSON import may carry but no export ever writes: editors' own notes.
EVENT_IMPORT_ONLY_FIELDS = ["internal_notes"]
SOURCE_FIELDS = ["url", "publisher", "title", "published", "claimed"]
IMAGE_FIELDS = ["url", "alt", "caption", "credit"]  # "url" is informational: images are uploaded in admin

# CSV layout: one row per event.  The columns mirror the JSON event fields; the
# image's fields are flattened (image_url, image_alt, ...), people are
# "; "-separated, and each source takes five numbered columns, source_1_url ...
# source_1_claimed, source_2_url ... as many groups as the events need.
CSV_EVENT_COLUMNS = [
    "slug", "effort", "title", "kind", "status", "start", "end", "planned", "planned_by",
    "place", "people", "summary", "notes", "image_url", "image_alt", "image_caption",
    "image_credit", "published",
]  # fmt: skip
CSV_OPTIONAL_COLUMNS = {"image_url"}
PEOPLE_SEPARATOR = "; "
SOURCE_COLUMN = re.compile(r"^source_(?P<n>[1-9]\d{0,2})_(?P<field>url|publisher|title|published|claimed)$")

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 10_000  # events in one file; sides and phases are held to the same number
FORMATS = ("json", "csv")

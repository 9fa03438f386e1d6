"""Files in the schema before statements ("spacefilm.events/1", and CSV files
with "planned" columns) read as statements.

An event's planned date and "planned by" become one plan, said on the day
"planned by" names (`timeline.legacy_plans`), and each source's "claimed"
date a claim, said on the source's publication day: exactly what the data
migration made of the stored rows.  A problem with them is still reported
at the field the file wrote ("planned", "sources[2].claimed").
"""

from __future__ import annotations

from typing import Any

from .. import legacy_plans
from .. import precision as prec

Origins = dict[int, tuple[str, str]]  # statement index -> (the field its date came from, the field of the rest)


def upgrade(record: dict[str, Any], *, source_name) -> tuple[dict[str, Any], Origins]:
    """`record` (an event in the old shape) in the new one, and where each
    statement came from.  `source_name(index, field)`: a source field's name
    in the file."""
    record = dict(record)
    planned, planned_by = record.pop("planned", None), record.pop("planned_by", None)
    statements: list[dict[str, Any]] = []
    origins: Origins = {}
    if planned or (isinstance(planned_by, str) and planned_by.strip()):
        said = legacy_plans.read_planned_by(planned_by if isinstance(planned_by, str) else "")
        statements.append(
            {
                "kind": "plan",
                "date": planned,
                "approximate": False,
                "wording": said.wording,
                "announced": prec.to_iso(said.announced, said.announced_precision) if said.announced else None,
                "publisher": said.publisher,
                "url": "",
                "title": "",
            }
        )
        origins[len(statements)] = ("planned", "planned_by")
    sources = record.get("sources")
    if isinstance(sources, list):
        upgraded = []
        for index, source in enumerate(sources, start=1):
            if not isinstance(source, dict):
                upgraded.append(source)
                continue
            source = dict(source)
            claimed = source.pop("claimed", None)
            upgraded.append(source)
            if claimed in (None, ""):
                continue
            statements.append(
                {
                    "kind": "claim",
                    "date": claimed,
                    "approximate": False,
                    "wording": "",
                    "announced": source.get("published"),
                    "publisher": source.get("publisher"),
                    "url": source.get("url") or "",
                    "title": source.get("title") or "",
                }
            )
            origins[len(statements)] = (source_name(index, "claimed"), source_name(index))
        record["sources"] = upgraded
    own = record.get("statements")
    record["statements"] = statements + (own if isinstance(own, list) else [])  # a CSV row may have both
    return record, origins

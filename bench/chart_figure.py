"""How long the timeline chart takes to build, per request.

    .venv/bin/python bench/chart_figure.py

Builds the figure for the 33 seed events (and for 10x as many) the way the
page does (plain dicts, timeline.charts.build_figure) and the way plotly's
Python API would (graph_objects.Figure + to_json, with its validators), and
prints a table of median times and JSON sizes.  Needs no database: the seed
file is read directly.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import plotly.graph_objects as go  # noqa: E402

from timeline import charts, vocabulary  # noqa: E402
from timeline.precision import parse_iso  # noqa: E402


def seed_input(copies: int = 1) -> charts.ChartInput:
    data = json.loads((ROOT / "timeline" / "seed" / "events.json").read_text())
    lanes = tuple(charts.ChartLane(e["slug"], e["name"], e["colour"]) for e in data["efforts"])
    phases = tuple(
        charts.ChartPhase(p["name"], dt.date.fromisoformat(p["start"]), dt.date.fromisoformat(p["end"]))
        for p in data["phases"]
    )
    events = []
    for copy in range(copies):
        for record in data["events"]:
            start, start_precision = parse_iso(record["start"])
            end, end_precision = parse_iso(record["end"]) if record["end"] else (None, "")
            planned, planned_precision = parse_iso(record["planned"]) if record["planned"] else (None, "")
            events.append(
                charts.ChartEvent(
                    slug=f"{record['slug']}-{copy}",
                    lane=record["effort"],
                    title=record["title"],
                    kind=record["kind"],
                    kind_label=vocabulary.KIND_LABELS[record["kind"]],
                    start=start,
                    start_precision=start_precision,
                    end=end,
                    end_precision=end_precision,
                    status=record["status"],
                    status_label=vocabulary.STATUS_LABELS[record["status"]],
                    planned=planned,
                    planned_precision=planned_precision,
                )
            )
    return charts.ChartInput(lanes, tuple(events), phases)


def median_ms(function, repeat: int = 30) -> float:
    function()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    today = dt.date(2026, 11, 24)
    print(f"{'events':>7}  {'build_figure + json':>20}  {'go.Figure + to_json':>20}  {'JSON size':>10}")
    for copies in (1, 10):
        data = seed_input(copies)

        def plain(data=data):
            return json.dumps(charts.build_figure(data, today=today))

        def validated(data=data):
            figure = charts.build_figure(data, today=today)
            return go.Figure(data=figure["data"], layout=figure["layout"]).to_json()

        size = len(plain())
        print(
            f"{len(data.events):>7}  {median_ms(plain):>17.2f} ms  {median_ms(validated, 10):>17.2f} ms  "
            f"{size / 1024:>7.1f} kB"
        )


if __name__ == "__main__":
    main()

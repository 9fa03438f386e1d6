"""The benchmarks behind `make bench`: server time, queries, bytes, browser.

    .venv/bin/python bench/run.py [--sizes 100,1000,10000] [--repeat 40] [--no-browser]

Everything runs against a temporary SQLite database (migrated, seeded, then
filled with `generate_events`) and a temporary collectstatic target with the
production storage (CompressedManifestStaticFilesStorage), with production
settings (debug off) and bench/urls.py, which adds the bare view /bench/bare/.

(a) server time, in this process through Django's test Client (the whole
    middleware stack, no network), median and p90 after warm-up, as a ratio
    to the bare view measured at the same moment: "warm" is a repeat request
    (served from the cache keyed on the data version), "cold" the first
    request after a data change (the version is bumped before each one);
(b) SQL queries per page, cold and warm, at each size;
(c) bytes for a first visit (HTML compressed as a proxy would, static files
    as whitenoise serves them, brotli and gzip) and a repeat visit (the page
    revalidated with If-None-Match; hashed static files are immutable);
(d) headless Chromium (Debian's, Playwright) against gunicorn (2 workers) on
    127.0.0.1:$BENCH_PORT (8107): first contentful paint and the chart drawn
    (`#chart[data-chart-ready]`, set by timeline.js after Plotly.react), as
    a ratio to the bare page's first contentful paint;
(e) the chart at first paint against TimelineJS 3 with the same events, in
    the same run, alternated (bench/firstmark.py): first mark, interactive
    chart, bytes, DOM nodes and layout shift, and their ratios.

Prints a table and writes bench/results/latest.md (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_CURRENT_URL": "http://testserver/"}
FRAGMENT = "/?side=russia&kind=launch&kind=return"


def setup_django(tmp: Path) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_DEBUG="0",
        DJANGO_LOG_LEVEL="ERROR",
        # Playwright's sync API runs an event loop in this thread; Django only writes between its calls.
        DJANGO_ALLOW_ASYNC_UNSAFE="true",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_events", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)


def set_size(n: int) -> int:
    """N synthetic events besides the seed; returns the published total."""
    from django.core.management import call_command

    from timeline.models import Event

    with open(os.devnull, "w") as quiet:
        call_command("generate_events", n, clear=True, stdout=quiet)
    return Event.objects.published().count()


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median_p90(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]


# --- (a) + (b) ------------------------------------------------------------------


def server_rows(n: int, total: int, repeat: int) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from timeline.caching import bump_data_version
    from timeline.models import Event

    client = Client()
    slug = Event.objects.published().order_by("start", "pk").values_list("slug", flat=True)[total // 2]
    pages = [
        ("/", "/", {}),
        ("fragment (htmx, filtered)", FRAGMENT, HX),
        ("event page", f"/events/{slug}/", {}),
        ("/race/", "/race/", {}),
    ]

    def get(url, headers):
        response = client.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code)
        return response

    cold_repeat = max(3, repeat // (1 if total < 500 else 4 if total < 5000 else 8))
    rows = []
    for label, url, headers in pages:
        for _ in range(5):  # warm-up
            get("/bench/bare/", {})
            get(url, headers)
        bare, warm = [], []
        for _ in range(repeat):  # alternated, so a busy moment of the machine weighs on both alike
            bare += timed(lambda: get("/bench/bare/", {}), 1)
            warm += timed(lambda url=url, headers=headers: get(url, headers), 1)

        cold = []
        for _ in range(cold_repeat):
            bump_data_version()
            cold += timed(lambda url=url, headers=headers: get(url, headers), 1)
        bump_data_version()
        with CaptureQueriesContext(connection) as cold_queries:
            get(url, headers)
        with CaptureQueriesContext(connection) as warm_queries:
            get(url, headers)
        bare_median, _ = median_p90(bare)
        rows.append(
            {
                "events": total,
                "page": label,
                "bare": bare_median,
                "warm": median_p90(warm),
                "cold": median_p90(cold),
                "queries": (len(cold_queries), len(warm_queries)),
            }
        )
    return rows


# --- (c) --------------------------------------------------------------------------


def wire_bytes() -> list[dict]:
    """First and repeat visit to / (at the current size), per asset."""
    import brotli
    from django.test import Client

    client = Client()
    page = client.get("/")
    html = page.content
    # plotly.js is fetched by timeline.js once the page has painted (data-plotly): counted, after the rest.
    assets = re.findall(rb'<(?:script|link)[^>]+(?:src|href)="(/static/[^"]+)"', html)
    assets += re.findall(rb'data-plotly="(/static/[^"]+)"', html)[:1]
    rows = [
        {
            "asset": "HTML (/)",
            "kind": "HTML",
            "raw": len(html),
            "br": len(brotli.compress(html)),
            "gzip": len(gzip.compress(html, 6)),
            "repeat": _repeat_html(client, page),
        }
    ]
    for url in dict.fromkeys(a.decode() for a in assets):
        sizes = {}
        for encoding in ("br", "gzip", "identity"):
            response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
            assert response.status_code == 200, url
            sizes[encoding] = len(b"".join(response.streaming_content))
            cache_control = response.headers.get("Cache-Control", "")
        name = url.rsplit("/", 1)[-1]
        kind = (
            "plotly.js"
            if "plotly" in url
            else "htmx"
            if "htmx" in url
            else "our JS/CSS"
            if url.endswith((".js", ".css"))
            else "other"
        )
        if kind == "other":
            continue  # the favicon: fetched once, not render-blocking
        rows.append(
            {
                "asset": name,
                "kind": kind,
                "raw": sizes["identity"],
                "br": sizes["br"],
                "gzip": sizes["gzip"],
                "repeat": "0 B (immutable, not refetched)" if "immutable" in cache_control else cache_control,
            }
        )
    return rows


def _repeat_html(client, page) -> str:
    again = client.get("/", HTTP_IF_NONE_MATCH=page.headers["ETag"])
    return f"{again.status_code}, {len(again.content)} B body" if again.status_code == 304 else "200 (not cached!)"


# --- (d) --------------------------------------------------------------------------


class Gunicorn:
    def __init__(self, port: int):
        self.port = port
        self.process = None

    def __enter__(self):
        env = dict(os.environ)
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "spacefilm.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--no-control-socket",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start on port {self.port}")

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


MEASURE = """() => {
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const chart = performance.getEntriesByName('chart-ready')[0];
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return {
    fcp: paint ? paint.startTime : null,
    chart: chart ? chart.startTime : null,
    bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
  };
}"""


def browser_rows(sizes: list[int], port: int, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with Gunicorn(port), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        base = f"http://127.0.0.1:{port}"

        def visit(path: str, wait_chart: bool) -> dict:
            context = browser.new_context()  # an empty cache: a first visit
            page = context.new_page()
            page.goto(base + path, wait_until="load")
            if wait_chart:
                page.wait_for_selector("#chart[data-chart-ready]", state="attached", timeout=30_000)
            else:
                page.wait_for_function("() => performance.getEntriesByName('first-contentful-paint').length")
            result = page.evaluate(MEASURE)
            # A repeat visit in the same context: revalidated page, cached assets.
            if wait_chart:
                page.goto(base + path, wait_until="load")
                page.wait_for_selector("#chart[data-chart-ready]", state="attached", timeout=30_000)
                result["repeat_bytes"] = page.evaluate(MEASURE)["bytes"]
            context.close()
            return result

        for n in sizes:
            total = set_size(n)
            for _ in range(4):  # fill both workers' caches and the OS's
                visit("/", True)
            bare = [visit("/bench/bare/", False)["fcp"] for _ in range(runs)]
            results = [visit("/", True) for _ in range(runs)]
            rows.append(
                {
                    "events": total,
                    "bare_fcp": statistics.median(bare),
                    "fcp": median_p90([r["fcp"] for r in results]),
                    "chart": median_p90([r["chart"] for r in results]),
                    "bytes": statistics.median(r["bytes"] for r in results),
                    "repeat_bytes": statistics.median(r["repeat_bytes"] for r in results),
                }
            )
        browser.close()
    return rows


def firstmark(sizes: list[int], port: int, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    from bench.firstmark import firstmark_rows

    with Gunicorn(port), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return firstmark_rows(browser, f"http://127.0.0.1:{port}", sizes, set_size, runs)
        finally:
            browser.close()


# --- the report ----------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1000:,.1f} kB"


def report(
    server: list[dict], wire: list[dict], browser: list[dict] | None, machine: str, against: list[dict] | None = None
) -> str:
    lines = [f"# Benchmarks — {machine}", ""]
    lines += [
        "## (a, b) Server time and queries (in-process, production settings; ratio to the bare view)",
        "",
        "| events | page | bare median | warm median (p90) | warm ÷ bare | cold median (p90) | cold ÷ bare "
        "| queries cold / warm |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in server:
        (wm, wp), (cm, cp) = row["warm"], row["cold"]
        lines.append(
            f"| {row['events']:,} | {row['page']} | {row['bare']:.2f} ms | {wm:.2f} ms ({wp:.2f}) "
            f"| {wm / row['bare']:.1f}× | {cm:.1f} ms ({cp:.1f}) | {cm / row['bare']:.0f}× "
            f"| {row['queries'][0]} / {row['queries'][1]} |"
        )
    first_br = sum(r["br"] for r in wire)
    first_gz = sum(r["gzip"] for r in wire)
    lines += [
        "",
        "## (c) Bytes on the wire, first visit to / (compressed) and repeat visit",
        "",
        "| asset | part | raw | brotli | gzip | repeat visit |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    for row in wire:
        lines.append(
            f"| {row['asset']} | {row['kind']} | {kb(row['raw'])} | {kb(row['br'])} | {kb(row['gzip'])} "
            f"| {row['repeat']} |"
        )
    lines.append(f"| **total** | | {kb(sum(r['raw'] for r in wire))} | **{kb(first_br)}** | {kb(first_gz)} | |")
    lines += ["", "HTML is compressed here as a proxy in front would; static files as whitenoise serves them."]
    if browser:
        lines += [
            "",
            "## (d) Headless Chromium, gunicorn (2 workers), first visit (empty browser cache)",
            "",
            "| events | bare page FCP | FCP median (p90) | FCP ÷ bare | chart drawn median (p90) | bytes (first) "
            "| bytes (repeat) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in browser:
            (fm, fp), (chm, chp) = row["fcp"], row["chart"]
            lines.append(
                f"| {row['events']:,} | {row['bare_fcp']:.0f} ms | {fm:.0f} ms ({fp:.0f}) "
                f"| {fm / row['bare_fcp']:.1f}× | {chm:.0f} ms ({chp:.0f}) | {kb(row['bytes'])} "
                f"| {kb(row['repeat_bytes'])} |"
            )
        lines += [
            "",
            "Chromium asks for gzip, not brotli, over plain http; bytes are the sum of transferSize "
            "(HTML uncompressed: gunicorn serves it as Django makes it).",
        ]
    if against:
        from bench.firstmark import report_lines

        lines += report_lines(against)
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " / ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), load average {load} at the start, "
        f"Python {platform.python_version()}, {dt.date.today().isoformat()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--browser-sizes", default="100,10000")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--browser-runs", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--firstmark-sizes", default="0,1000,10000", help="synthetic events besides the seed")
    parser.add_argument("--firstmark-runs", type=int, default=5)
    parser.add_argument("--only-firstmark", action="store_true", help="only (e), the comparison with TimelineJS")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8107")))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    (ROOT / ".tmp").mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="bench-", dir=ROOT / ".tmp"))
    try:
        print(f"Preparing a database and static files in {tmp} ...", flush=True)
        setup_django(tmp)
        server = []
        for n in [] if args.only_firstmark else sizes:
            print(f"Server time at {n:,} synthetic events ...", flush=True)
            server += server_rows(n, set_size(n), args.repeat)
        print("Bytes on the wire ...", flush=True)
        wire = wire_bytes()
        browser = None
        if not args.no_browser and not args.only_firstmark:
            print("Headless Chromium ...", flush=True)
            browser = browser_rows([int(s) for s in args.browser_sizes.split(",")], args.port, args.browser_runs)
        against = None
        if not args.no_browser:
            print("First mark against TimelineJS ...", flush=True)
            sizes_e = [int(s) for s in args.firstmark_sizes.split(",")]
            against = firstmark(sizes_e, args.port, args.firstmark_runs)
        text = report(server, wire, browser, machine(), against)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    print(text)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "latest.md").write_text(text)
    print(f"Written to {results / 'latest.md'}")


if __name__ == "__main__":
    main()

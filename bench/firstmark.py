"""(e) The chart at first paint against TimelineJS, side by side in one run.

For each size, alternately (A/B, each load in a fresh browser context, so
an empty cache), Chromium loads our `/` from gunicorn and a small page that
loads TimelineJS 3 (from npm: node_modules/@knight-lab/timelinejs, served
gzipped on the same origin by Playwright's routing) and hands it our own
`/export/timelinejs.json`: the same events.  Measured in the page:

- first mark: ours, the first frame painted with the server's SVG chart in
  the page (the first animation frame after it is parsed, and never before
  the first contentful paint); TimelineJS's, the first frame painted after
  its `ready` event (3.9's event for "built and shown"; its `loaded` events
  are its slides' and media's);
- interactive chart: ours, Plotly drawn (`performance.mark("chart-ready")`,
  timeline.js); TimelineJS's, the same frame (it is interactive then);
- bytes before the first mark (transfer sizes of what had arrived by then)
  and in all; DOM nodes once interactive; cumulative layout shift.
"""

from __future__ import annotations

import gzip
import mimetypes
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMELINEJS = ROOT / "node_modules" / "@knight-lab" / "timelinejs" / "dist"
PREFIX = "/bench/timelinejs/"

HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>TimelineJS</title>
<link rel="stylesheet" href="css/timeline.css"><script src="js/timeline.js"></script></head>
<body><div id="timeline" style="width: 100%; height: 700px"></div><script>
fetch("/export/timelinejs.json").then((response) => response.json()).then((data) => {
  // Drawn: the first frame painted after the timeline says it is ready (its constructor
  // builds it at once from data in hand; "ready" comes at the end of that).
  const painted = () => requestAnimationFrame(() => requestAnimationFrame(() => performance.mark("tl-loaded")));
  const timeline = new TL.Timeline("timeline", data);
  if (timeline.ready) painted();
  else timeline.on("ready", painted);
});
</script></body></html>"""

# Before anything of the page: layout shifts, and the first frame with our SVG chart in it.
OBSERVE = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
new MutationObserver((changes, observer) => {
  if (!document.querySelector("#chart svg.chart-svg use, #chart svg.chart-svg circle")) return;
  observer.disconnect();
  requestAnimationFrame(() => requestAnimationFrame((time) => { window.__svgPainted = time; }));
}).observe(document, {childList: true, subtree: true});
"""

MEASURE = """([mark, routed]) => {
  const nav = performance.getEntriesByType("navigation")[0];
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const ready = performance.getEntriesByName(mark)[0];
  const painted = Math.max(window.__svgPainted || Infinity, fcp ? fcp.startTime : 0);
  const first = mark === "tl-loaded" ? ready.startTime : painted;
  const resources = performance.getEntriesByType("resource").filter((r) => !r.name.includes(routed));
  const size = (entry) => (entry.name.includes(routed) ? 0 : entry.transferSize || entry.encodedBodySize || 0);
  return {
    first,
    interactive: ready.startTime,
    bytes_first: size(nav) + resources.filter((r) => r.responseEnd <= first).reduce((s, r) => s + size(r), 0),
    bytes: size(nav) + resources.reduce((s, r) => s + size(r), 0),
    nodes: document.getElementsByTagName("*").length,
    cls: window.__cls,
  };
}"""


def _serve_timelinejs(route, served: list[int]) -> None:
    """The host page and TimelineJS's files.  Playwright hands a routed body
    to the page as it is, so they go uncompressed and `served` counts the
    bytes each would take gzipped, as a static server sends them."""
    path = route.request.url.split(PREFIX, 1)[1].split("?")[0] or "index.html"
    if path == "index.html":
        body, kind = HOST_PAGE.encode(), "text/html"
    else:
        dist = TIMELINEJS.resolve()  # node_modules may be a link
        file = (dist / path).resolve()
        if dist not in file.parents or not file.is_file():
            route.fulfill(status=404, body=b"")
            return
        body, kind = file.read_bytes(), mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    served.append(len(gzip.compress(body, 6)))
    route.fulfill(status=200, body=body, headers={"Content-Type": kind})


def firstmark_rows(browser, base: str, sizes: list[int], set_size, runs: int) -> list[dict]:
    """Ours and TimelineJS's figures (medians of `runs`, alternated) at each size."""
    if not (TIMELINEJS / "js" / "timeline.js").exists():
        raise SystemExit("TimelineJS is missing: run `npm ci` (make bench does).")

    def load(path: str, mark: str, timeout: int) -> dict:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        served: list[int] = []
        context.route(f"{base}{PREFIX}**", lambda route: _serve_timelinejs(route, served))
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.add_init_script(OBSERVE)
        page.goto(base + path, wait_until="load", timeout=timeout)
        try:
            page.wait_for_function(f"() => performance.getEntriesByName({mark!r}).length", timeout=timeout)
        except Exception as error:
            state = page.evaluate("() => [typeof TL, document.body.innerHTML.slice(0, 300)]")
            raise RuntimeError(f"{path}: no {mark} ({problems}, {state})") from error
        page.wait_for_timeout(200)  # a late layout shift is counted
        result = page.evaluate(MEASURE, [mark, PREFIX])
        if served:  # TimelineJS needs all of its files before its first mark
            result["bytes"] += sum(served)
            result["bytes_first"] += sum(served)
        context.close()
        return result

    rows = []
    for n in sizes:
        total = set_size(n)
        timeout = 120_000 if total > 5000 else 30_000
        count = runs if total < 5000 else max(2, runs // 2)
        load("/", "chart-ready", timeout)  # each worker's response cache and the OS's, as a visitor after a change
        load("/", "chart-ready", timeout)
        ours, theirs = [], []
        for _ in range(count):
            ours.append(load("/", "chart-ready", timeout))
            theirs.append(load(PREFIX + "index.html", "tl-loaded", timeout))
        rows.append({"events": total, "ours": _medians(ours), "timelinejs": _medians(theirs), "runs": count})
    return rows


def _medians(results: list[dict]) -> dict:
    return {key: statistics.median(result[key] for result in results) for key in results[0]}


def report_lines(rows: list[dict]) -> list[str]:
    lines = [
        "",
        "## (e) First mark and interactive chart against TimelineJS 3 (same events, same run, alternated)",
        "",
        "| events | | first mark | interactive chart | bytes before first mark | bytes in all | DOM nodes "
        "| layout shift |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ours, theirs = row["ours"], row["timelinejs"]
        for name, values in (("ours", ours), ("TimelineJS", theirs)):
            lines.append(
                f"| {row['events']:,} | {name} | {values['first']:.0f} ms | {values['interactive']:.0f} ms "
                f"| {values['bytes_first'] / 1000:,.0f} kB | {values['bytes'] / 1000:,.0f} kB | {values['nodes']:,.0f} "
                f"| {values['cls']:.3f} |"
            )
        lines.append(
            f"| {row['events']:,} | **ours ÷ TimelineJS** | **{ours['first'] / theirs['first']:.2f}×** "
            f"| **{ours['interactive'] / theirs['interactive']:.2f}×** "
            f"| {ours['bytes_first'] / theirs['bytes']:.2f}× of its total | {ours['bytes'] / theirs['bytes']:.2f}× "
            f"| {ours['nodes'] / theirs['nodes']:.2f}× | |"
        )
    lines += [
        "",
        f"Medians of {', '.join(str(row['runs']) for row in rows)} loads each, alternated, each in a fresh browser "
        "context (empty cache), 1280×900. Our first mark: the first frame painted with the SVG chart; "
        "TimelineJS's: the first frame after its `ready` event, which is also when it is interactive. "
        "TimelineJS is served from the same origin and counted at its gzipped size; "
        "Chromium asks gzip, not brotli, over plain http.",
    ]
    return lines

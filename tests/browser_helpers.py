"""What the browser tests check on every page: axe-core accessibility rules,
console errors, uncaught exceptions and Content Security Policy violations.

    from .browser_helpers import assert_no_axe_violations

    def test_page(page, live_server, page_problems):   # page_problems: tests/conftest.py
        page.goto(live_server.url + "/")
        assert_no_axe_violations(page)
        page_problems.assert_none()

axe-core comes from npm (package.json / package-lock.json; `make test` runs
`npm ci`).  It is evaluated through the DevTools protocol rather than with
`page.add_script_tag`, which inserts an inline <script>: our CSP blocks that
(rightly), and the blocked attempt would itself count as a violation.
Evaluation through the protocol is not subject to the page's CSP, so the
policy stays on while axe runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
AXE_JS = Path(os.environ.get("AXE_JS") or BASE_DIR / "node_modules" / "axe-core" / "axe.min.js")

# WCAG 2.0-2.2 A and AA, plus axe's best practices (landmarks, one h1, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

_RUN_AXE = """async ({context, options}) => {
  const results = await window.axe.run(context || document, options);
  return results.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html, summary: n.failureSummary})),
  }));
}"""


def inject_axe(page) -> None:
    """Load axe-core into the current document (again after each navigation)."""
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core is missing at {AXE_JS}: run `npm ci` (make test does) or set AXE_JS.")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))


def axe_violations(page, *, context=None, disable_rules=()) -> list[dict]:
    """axe's violations on the page as it is now, as plain dicts."""
    inject_axe(page)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    return page.evaluate(_RUN_AXE, {"context": context, "options": options})


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
        if len(v["nodes"]) > 5:
            lines.append(f"    ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


def assert_no_axe_violations(page, *, context=None, disable_rules=()) -> None:
    """Fail listing every axe violation (rule, elements, how to fix) on the page.

    `context` narrows the check (an axe context such as {"include": ["#main"]});
    `disable_rules` turns named rules off: say why next to the call."""
    violations = axe_violations(page, context=context, disable_rules=disable_rules)
    assert not violations, f"axe found {len(violations)} violation(s) on {page.url}:\n" + format_violations(violations)


# Runs in every document before the page's own scripts; reports each CSP
# violation to Python through an exposed binding (bindings and init scripts
# come through the DevTools protocol, so the CSP does not block them).
_CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (e) => {
  window.__reportCspViolation({
    directive: e.effectiveDirective || e.violatedDirective,
    blocked: e.blockedURI,
    source: e.sourceFile,
    line: e.lineNumber,
    sample: e.sample,
    page: document.location.href,
  });
});
"""


@dataclass
class PageProblems:
    """Console errors, uncaught exceptions and CSP violations seen by a page,
    across navigations, from the moment `watch` attached."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[dict] = field(default_factory=list)
    page: object = field(default=None, repr=False)

    @classmethod
    def watch(cls, page) -> PageProblems:
        problems = cls(page=page)
        page.on("console", problems._on_console)
        page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
        page.expose_function("__reportCspViolation", problems._on_csp_violation)
        page.add_init_script(_CSP_LISTENER)
        return problems

    def _on_console(self, message) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.console_errors.append(f"{message.text} [{where}]" if where else message.text)

    def _on_csp_violation(self, report: dict) -> None:
        self.csp_violations.append(report)

    def clear(self) -> None:
        self.console_errors.clear()
        self.page_errors.clear()
        self.csp_violations.clear()

    def describe(self) -> str:
        lines = [f"console error: {text}" for text in self.console_errors]
        lines += [f"uncaught exception: {text}" for text in self.page_errors]
        lines += [
            f"CSP violation: {v['directive']} blocked {v['blocked'] or 'inline'} "
            f"(in {v['source'] or v['page']}:{v['line']}) {v['sample'] or ''}".rstrip()
            for v in self.csp_violations
        ]
        return "\n".join(lines)

    def settle(self) -> None:
        """Let the page deliver events already queued (CSP reports are tasks)."""
        if self.page is not None and not self.page.is_closed():
            self.page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")

    def assert_none(self) -> None:
        self.settle()
        problems = [*self.console_errors, *self.page_errors, *self.csp_violations]
        assert not problems, "the page reported problems:\n" + self.describe()


# --- what the chart drew, read from its SVG --------------------------------------------

# Per chart trace drawn in the main plot (not the range slider): its role,
# lane and the number of marks (markers or bars) actually in the SVG.
DRAWN_TRACES = """() => {
  const chart = document.getElementById('chart');
  const plot = chart.querySelector('g.subplot.xy .overplot');
  return [...plot.querySelectorAll('g.trace')].map(g => {
    const trace = g.__data__[0].trace;
    const marks = g.querySelectorAll(trace.type === 'bar' ? 'g.point path' : 'path.point').length;
    return {role: trace.meta.role, lane: trace.meta.lane || null, marks};
  }).filter(t => t.role === 'points' || t.role === 'spans');
}"""

# The centre of the marker for `slug`, in page coordinates.
POINT_CENTRE = """(slug) => {
  const chart = document.getElementById('chart');
  const plot = chart.querySelector('g.subplot.xy .overplot');
  for (const g of plot.querySelectorAll('g.trace')) {
    const trace = g.__data__[0].trace;
    if (trace.meta.role !== 'points') continue;
    const index = trace.customdata.findIndex(c => c[0] === slug);
    if (index < 0) continue;
    const box = g.querySelectorAll('path.point')[index].getBoundingClientRect();
    return {x: box.x + box.width / 2, y: box.y + box.height / 2};
  }
  return null;
}"""

# An init script for conftest.watched_page: each document keeps the CSP
# violations it sees in window.__violations.
RECORD_CSP_VIOLATIONS = """document.addEventListener('securitypolicyviolation', e => {
  window.__violations = window.__violations || [];
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});"""

/* Space Film Race: the chart's visible range, in the URL and on its buttons.
 *
 * ?range= is "all", a year (2021), a month (2021-10) or two days
 * (2021-10-01..2021-10-20); see timeline/charts/ranges.py, which reads it
 * so that the server draws the first paint at that range.  Here:
 * - show(value): a range button was pressed (click, Enter or Space): zoom;
 * - moved(chart, keys): the chart's range changed (a button, a
 *   drag): press the matching button (aria-pressed), say the range in the
 *   live region, keep it in the filters' hidden field (a filter change
 *   keeps it) and in the URL: a button's range gets a history entry of its
 *   own, a drag's replaces the current one once it rests;
 * - current(chart): the ?range= value of what the chart shows.
 * Back and Forward ask the server for the entry's page (timeline.js).
 */
(function () {
  "use strict";

  var pushNext = false; // the next change is a button's: a history entry of its own
  var timer = null;
  var FIRST_DAY = Date.UTC(1957, 9, 4); // the site's range of dates (timeline/bounds.py)
  var LAST_DAY = Date.UTC(2100, 11, 31);

  function byId(id) {
    return document.getElementById(id);
  }

  function milliseconds(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?/.exec(String(text));
    if (!m) return NaN;
    var seconds = Number(m[6] || 0) + Number(m[7] || 0);
    return Date.UTC(+m[1], m[2] - 1, +m[3], +(m[4] || 0), +(m[5] || 0)) + Math.round(seconds * 1000);
  }

  function day(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function buttonFor(chart, value) {
    return (chart._figure.ranges || []).find(function (b) {
      return b.value === value;
    });
  }

  // A button's value when the chart shows its range (to the minute), else from..to in days.
  function current(chart) {
    var shown = chart._fullLayout.xaxis.range.map(milliseconds);
    var button = (chart._figure.ranges || []).find(function (b) {
      var ends = b.range.map(milliseconds);
      return Math.abs(ends[0] - shown[0]) < 60000 && Math.abs(ends[1] - shown[1]) < 60000;
    });
    if (button) return button.value;
    if (isNaN(shown[0]) || isNaN(shown[1])) return "all"; // nothing drawn on a date axis
    var first = day(Math.min(Math.max(shown[0], FIRST_DAY), LAST_DAY));
    var last = day(Math.max(Math.min(shown[1] - 1, LAST_DAY), FIRST_DAY));
    return first + ".." + (last < first ? first : last);
  }

  function dayWords(iso) {
    var options = { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" };
    return new Date(iso + "T00:00:00Z").toLocaleDateString(words().date_locale || "en-GB", options);
  }

  // The page's words (timeline.js reads them from #page-messages), English without it.
  function words() {
    return window.SpaceFilmWords || {};
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_, name) {
      return values[name];
    });
  }

  // What the live region says: "The chart shows Oct 2021.", "... 4 Oct 2021 to 3 Nov 2021."
  function saying(chart, value) {
    var w = words();
    if (value === "all") return w.chart_all || "The chart shows the whole race.";
    var button = buttonFor(chart, value);
    var days = button ? [] : value.split("..").map(dayWords);
    var range = button ? button.label : fill(w.chart_span || "%(from)s to %(to)s", { from: days[0], to: days[1] });
    return fill(w.chart_shows || "The chart shows %(range)s.", { range: range });
  }

  function intoUrl(value, push) {
    var filters = byId("filters");
    if (!filters || document.querySelector("#panel #event")) return; // the embed's address; an open panel's
    var url = new URL(window.location.href);
    if (url.pathname !== new URL(filters.action).pathname) return;
    if (value === "all") url.searchParams.delete("range");
    else url.searchParams.set("range", value);
    if (url.href === window.location.href) return;
    // htmx history entries, the one left and the new one: Back and Forward
    // ask the server for them, which draws their range (htmx marks the
    // entries it leaves the same way).
    if (push && !(window.history.state && window.history.state.htmx)) {
      window.history.replaceState({ htmx: true }, "", window.location.href);
    }
    window.history[push ? "pushState" : "replaceState"]({ htmx: true }, "", url.pathname + url.search);
    if (window.SpaceFilmLanguages) window.SpaceFilmLanguages.follow(); // the switch keeps the range
  }

  function moved(chart, keys) {
    var changed = keys.some(function (key) {
      return key.indexOf("xaxis.range") === 0 || key === "xaxis.autorange";
    });
    if (!changed) return; // a resize
    var value = current(chart);
    document.querySelectorAll("button.chart-range").forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-range") === value));
    });
    if (byId("chart-range")) byId("chart-range").value = value === "all" ? "" : value;
    if (byId("chart-range-status")) byId("chart-range-status").textContent = saying(chart, value);
    window.clearTimeout(timer);
    var push = pushNext;
    pushNext = false;
    if (push) intoUrl(value, true);
    else timer = window.setTimeout(intoUrl, 300, value, false); // a drag: once it rests
  }

  function show(value) {
    var chart = byId("chart");
    if (chart && !chart.hasAttribute("data-chart-ready")) {
      chart._pendingRange = value; // pressed before plotly.js has drawn: zoomed once it has (timeline.js)
      return;
    }
    var button = chart && chart._figure && chart._fullLayout && buttonFor(chart, value);
    if (!button || !window.Plotly) return;
    pushNext = true;
    window.Plotly.relayout(chart, { "xaxis.range": button.range.slice() });
  }

  window.SpaceFilmRange = { current: current, moved: moved, show: show };
})();

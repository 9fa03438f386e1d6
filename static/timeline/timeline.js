/* Space Film Race: what htmx does not do by itself.
 *
 * The server renders everything, the chart's figure included (JSON in
 * <script id="chart-data">); htmx fetches and swaps it as the templates'
 * hx-* attributes and the htmx-config in base.html say.  This file draws
 * the chart (its labels: chart_labels.js; its range in the URL:
 * chart_range.js), opens and closes the event panel (focus, Escape, the
 * arrows) and, on Back and Forward, asks the server for the page again.
 * Without it (or without Plotly) the page is a plain, working document.
 */
// The words the scripts say to readers, in the page's language: base.html and
// embed.html hand them over in #page-messages (timeline/script_words.py).
window.SpaceFilmWords = (function () {
  var element = document.getElementById("page-messages");
  var words = element ? JSON.parse(element.textContent) : {};
  var english = {
    language: "en",
    date_locale: "en-GB",
    copied: "Copied",
    press_to_copy: "Press Ctrl+C to copy",
    unpublished: "This event is no longer published.",
    chart_all: "The chart shows the whole race.",
    chart_shows: "The chart shows %(range)s.",
    chart_span: "%(from)s to %(to)s",
  };
  return Object.assign(english, words);
})();

(function () {
  "use strict";
  var htmx = window.htmx;
  if (!htmx) return; // the page works without us

  var WIDE = window.matchMedia("(min-width: 48rem)");
  var opener = null; // a selector for what opened the panel: its list link, or the chart

  function byId(id) {
    return document.getElementById(id);
  }

  function panel() {
    return byId("panel");
  }

  function panelIsOpen() {
    return !!(panel() && panel().querySelector("#event"));
  }

  // The words this script says, in the page's language (timeline/script_words.py).
  var WORDS = window.SpaceFilmWords;

  // --- the chart -----------------------------------------------------------

  function layoutFor(figure) {
    // Phones get the server's "narrow" overrides (the key below, no drag-to-pan, ...).
    return Object.assign({}, figure.layout, WIDE.matches ? {} : figure.narrow || {});
  }

  function configFor(figure) {
    var config = WIDE.matches ? figure.config : Object.assign({}, figure.config, figure.narrow_config || {});
    // Plotly's mode bar and date axis in the page's language (registered once, below).
    return WORDS.plotly ? Object.assign({}, config, { locale: WORDS.plotly.name }) : config;
  }

  // The labels beside the marks (chart_labels.js), placed again for what is
  // shown; data-labels says for which range they were placed last.
  function placeLabels(chart) {
    var labels = window.SpaceFilmLabels;
    var done = labels ? labels.place(chart) : Promise.resolve();
    return done.then(function () {
      if (window.SpaceFilmRange) chart.setAttribute("data-labels", window.SpaceFilmRange.current(chart));
    });
  }

  // plotly.js (1.2 MB) is asked for only once the page, the server's SVG
  // chart in it, has painted, so it never holds up the first paint or
  // DOMContentLoaded; every chart waiting for it is drawn when it arrives.
  var plotlyLoaded = null;

  function withPlotly(chart) {
    if (window.Plotly) return Promise.resolve();
    if (!plotlyLoaded) {
      plotlyLoaded = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = chart.getAttribute("data-plotly");
        script.onload = resolve;
        script.onerror = reject;
        window.requestAnimationFrame(function () {
          window.setTimeout(function () {
            document.head.appendChild(script);
          }, 0);
        });
      });
    }
    return plotlyLoaded;
  }

  function drawChart(dataElement) {
    var chart = byId("chart");
    if (!chart || chart._figure || !chart.getAttribute("data-plotly")) return;
    var figure = (chart._figure = JSON.parse(dataElement.textContent));
    withPlotly(chart)
      .then(function () {
        if (!chart.isConnected) return Promise.reject(); // swapped out meanwhile: its successor draws itself
        if (WORDS.plotly && !drawChart.localeRegistered) {
          window.Plotly.register(WORDS.plotly); // the page's language for the axis and the mode bar
          drawChart.localeRegistered = true;
        }
        // Plotly puts its chart before the SVG, which covers it (in the same box) until it is drawn.
        return window.Plotly.react(chart, figure.data, layoutFor(figure), configFor(figure));
      })
      .then(function () {
        var drawn = chart.querySelector(":scope > .chart-svg");
        if (drawn) drawn.remove();
        chart.on("plotly_click", function (event) {
          var custom = event.points && event.points[0] && event.points[0].customdata;
          if (custom && custom[0]) openEvent(custom[0]);
          else if (custom && custom[2]) showPeriod(custom[2], custom[3]);
        });
        chart.on("plotly_relayout", function (change) {
          chartMoved(chart, change);
        });
        return placeLabels(chart);
      })
      .then(function () {
        // For tests and the benchmark: the chart is on screen.
        chart.setAttribute("data-chart-ready", "");
        if (window.performance && performance.mark) performance.mark("chart-ready");
        var pending = chart._pendingRange; // a range button pressed while plotly.js was on its way
        delete chart._pendingRange;
        if (pending && window.SpaceFilmRange) window.SpaceFilmRange.show(pending);
      })
      .catch(function () {}); // no plotly.js: the SVG stays, a working chart of links
  }

  WIDE.addEventListener("change", function () {
    var chart = byId("chart");
    var figure = chart && chart._figure;
    if (!figure || !window.Plotly) return;
    window.Plotly.react(chart, figure.data, layoutFor(figure), configFor(figure)).then(function () {
      return placeLabels(chart);
    });
  });

  // The chart moved (a button, a drag, a resize): its labels
  // again, and its range into the URL and the buttons (chart_range.js).
  function chartMoved(chart, change) {
    var keys = Object.keys(change || {});
    var labelsOnly = keys.every(function (key) {
      return key.indexOf("annotations") === 0;
    });
    if (keys.length && labelsOnly) return; // the labels' own relayout
    placeLabels(chart);
    if (window.SpaceFilmRange) window.SpaceFilmRange.moved(chart, keys);
  }

  // The overview (many events) counts events per period: a click on a count
  // narrows the filters to that period, where each event is drawn.
  function showPeriod(first, last) {
    if (!byId("id_from") || !byId("id_to")) return;
    byId("id_from").value = first;
    byId("id_to").value = last;
    byId("filters").requestSubmit();
  }

  function eventUrl(slug) {
    // The timeline's panel, or the embedded chart, knows the events' address.
    var holder = panel() || byId("chart");
    var url = holder.getAttribute("data-event-url").replace("EVENT-SLUG", encodeURIComponent(slug));
    var query = (byId("results") || holder).getAttribute("data-filter-query");
    var range = byId("chart-range") && byId("chart-range").value;
    if (range) query = (query ? query + "&" : "") + "range=" + encodeURIComponent(range);
    return query ? url + "?" + query : url;
  }

  function openEvent(slug) {
    if (panel()) {
      // The chart is inside #results, whose hx-* attributes say: into the panel, URL pushed.
      htmx.ajax("GET", eventUrl(slug), { source: byId("chart") });
    } else if (window.self !== window.top) {
      window.open(eventUrl(slug), "_blank", "noopener"); // the embed, framed in another site's page
    } else {
      window.location.assign(eventUrl(slug));
    }
  }

  // --- htmx's events -----------------------------------------------------------

  htmx.onLoad(function (element) {
    if (!element.querySelector) return;
    var data = element.id === "chart-data" ? element : element.querySelector("#chart-data");
    if (data) drawChart(data);
    var results = element.id === "results" ? element : element.querySelector("#results");
    var summary = results && results.querySelector("#counts, .form-errors h2");
    if (summary && byId("results-status")) {
      byId("results-status").textContent = summary.textContent.replace(/\s+/g, " ").trim();
    }
    element.querySelectorAll("button[data-copy][hidden]").forEach(function (button) {
      button.hidden = false; // copying needs this script
    });
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var item = elt.classList.contains("event-link") && elt.closest("[data-slug]");
    if (item) opener = '[data-slug="' + item.getAttribute("data-slug") + '"] .event-link';
    else if (elt.id === "chart") opener = "#chart";
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.xhr.status !== 404 || !detail.target || detail.target.id !== "panel") return;
    detail.shouldSwap = false;
    detail.isError = false;
    var message = document.createElement("p");
    message.className = "notice";
    message.setAttribute("role", "alert");
    message.textContent = WORDS.unpublished;
    panel().replaceChildren(message);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target || {};
    if (target.id === "results" && panelIsOpen()) {
      panel().replaceChildren(); // new filters: the open panel belonged to the old view
    } else if (target.id === "panel" && panelIsOpen()) {
      byId("event-title").focus({ preventScroll: true });
      panel().scrollTop = 0;
    }
  });

  // --- Back and Forward ------------------------------------------------------
  //
  // htmx keeps no copy of past pages (historyCacheSize: 0), so none is ever
  // parsed back in with Plotly's inline styles, which the CSP refuses.  On
  // Back and Forward the page is asked of the server again, here rather than
  // by htmx itself for two reasons: a bad filter's page is a 400 (with its
  // messages), which htmx's own restore would not show; and on the timeline
  // an event's address stands for its panel over the timeline of its filter,
  // where the server, asked for that address alone, answers with the event's
  // own page.  Each request that needs what the one before brings (the panel
  // over its timeline, the next step of the arrow keys) waits for it.

  var turn = Promise.resolve();

  function inTurn(task) {
    turn = turn.then(task).catch(function () {});
  }

  function isEventPath(path) {
    var address = panel() && panel().getAttribute("data-event-url").split("EVENT-SLUG");
    var pathname = path.split("?")[0];
    return !!address && pathname.startsWith(address[0]) && pathname.endsWith(address[1]);
  }

  function giveFocusBack() {
    var target = (opener && document.querySelector(opener)) || byId("chart");
    opener = null;
    if (!target) return;
    if (target.id === "chart") target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  document.addEventListener("htmx:historyCacheMiss", function (event) {
    event.preventDefault();
    var path = event.detail.path;
    var main = event.detail.historyElt;
    var panelPath = isEventPath(path) ? path : "";
    var page = panelPath ? byId("filters").getAttribute("action") + path.slice(path.split("?")[0].length) : path;
    var closing = panelIsOpen();
    inTurn(function () {
      return htmx.ajax("GET", page, {
        source: main,
        target: main,
        swap: "innerHTML",
        select: "[hx-history-elt] > *",
        headers: { "HX-History-Restore-Request": "true" },
      });
    });
    inTurn(function () {
      if (panelPath) {
        opener = null; // nothing on this page opened that one
        return htmx.ajax("GET", panelPath, { source: panel() }); // the panel's hx-target: itself
      }
      if (closing && document.activeElement === document.body) giveFocusBack();
    });
  });

  // A panel is only ever opened by pushing its URL on top of the timeline
  // view it was opened from (previous/next replace it), so closing it is Back.
  function closePanel(link) {
    if (window.history.state && window.history.state.htmx) window.history.back();
    else window.location.assign(link.href);
  }

  // Previous/next in the panel, through the pager's hx-* attributes (and the
  // panel's): into the panel, URL replaced.  Two quick presses of Left are two
  // steps back: the second link is only known once the first step is in.
  function step(key) {
    inTurn(function () {
      var link = panelIsOpen() && panel().querySelector('a[data-key="' + key + '"]');
      if (link) return htmx.ajax("GET", link.getAttribute("href"), { source: link });
    });
  }

  // --- clicks and keys ---------------------------------------------------------

  document.addEventListener("click", function (event) {
    var range = event.target.closest("button.chart-range");
    if (range && window.SpaceFilmRange) window.SpaceFilmRange.show(range.getAttribute("data-range"));
    var copy = event.target.closest("button[data-copy]");
    if (copy) copyFrom(copy, byId(copy.getAttribute("data-copy")));
    var close = event.target.closest("[data-panel-close]");
    if (close && panelIsOpen()) {
      event.preventDefault();
      closePanel(close);
    }
    // In-page links (the skip links, the error summary's) move focus without
    // adding a "#..." entry to the history: going back to such an entry would
    // send focus to its target rather than to the link that opened the panel.
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var link = event.target.closest('a[href^="#"]');
    var target = link && byId(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) return;
    event.preventDefault();
    if (!target.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });

  function copyFrom(button, field) {
    var label = button.textContent;
    function done(text) {
      button.textContent = text;
      window.setTimeout(function () {
        button.textContent = label;
      }, 2000);
    }
    function fallback() {
      field.focus();
      field.select();
      done(document.execCommand && document.execCommand("copy") ? WORDS.copied : WORDS.press_to_copy);
    }
    if (!navigator.clipboard || !window.isSecureContext) return fallback();
    navigator.clipboard.writeText(field.value).then(function () {
      done(WORDS.copied);
    }, fallback);
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.target.matches("input, textarea, select, [contenteditable]")) return; // the field's keys
    var scope = panelIsOpen() ? panel() : document.querySelector("#event:not(.in-panel)");
    if (!scope) return;
    if (event.key === "Escape" && panelIsOpen()) {
      event.preventDefault();
      closePanel(scope.querySelector("[data-panel-close]"));
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      var link = scope.querySelector('a[data-key="' + event.key + '"]');
      if (!link) return;
      event.preventDefault();
      if (panelIsOpen()) step(event.key);
      else window.location.assign(link.href);
    }
  });
})();

// --- Sharing: the system's share sheet, where the browser has one ----------------
// The buttons stay hidden without it; "Copy link" is the copy button above.
(function () {
  if (!navigator.share) return;
  htmx.onLoad(function (element) {
    element.querySelectorAll("button[data-share][hidden]").forEach(function (button) {
      button.hidden = false;
    });
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-share]");
    if (!button) return;
    var data = { title: button.dataset.shareTitle, text: button.dataset.shareText, url: button.dataset.shareUrl };
    navigator.share(data).catch(function () {}); // dismissed: nothing to do
  });
})();

// --- The language switch follows the address ------------------------------------
// The switch and the hreflang alternates name this page in each language: the
// same path and query under the other language's prefix (data-language-prefix,
// timeline/templatetags/languages.py).  Filters, the panel, ?as_of= and the
// chart's range change the address without a new page (htmx pushes it, or
// chart_range.js does): the links are rewritten from it then, and on Back.
window.SpaceFilmLanguages = (function () {
  function follow() {
    var nav = document.querySelector(".language-switch[data-prefix]");
    if (!nav) return;
    var own = nav.getAttribute("data-prefix");
    var path = window.location.pathname;
    if (own && path !== own && path.indexOf(own + "/") !== 0) return; // not one of this language's pages
    var rest = path.slice(own.length) + window.location.search;
    document.querySelectorAll("[data-language-prefix]").forEach(function (link) {
      var url = new URL(link.getAttribute("data-language-prefix") + rest, link.href);
      link.setAttribute("href", link.tagName === "LINK" ? url.href : url.pathname + url.search);
    });
  }
  ["htmx:pushedIntoHistory", "htmx:replacedInHistory"].forEach(function (name) {
    document.addEventListener(name, follow);
  });
  window.addEventListener("popstate", follow);
  // A click on the switch reads the address as it is now, whatever moved it.
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".language-switch a[data-language-prefix]")) follow();
  });
  return { follow: follow };
})();

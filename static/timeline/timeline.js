/* Space Film Race: the Plotly <-> htmx bridge, the event panel, the keys.
 *
 * The server renders everything: the filtered list, the counts, the event
 * panel, and the chart's figure as JSON (<script id="chart-data"
 * type="application/json">, from json_script).  This file only
 *   - draws that figure with Plotly whenever htmx loads new content
 *     (htmx.onLoad runs after the swap has settled; see STACK-NOTES),
 *   - turns a click on a point into an htmx request for the event's panel,
 *   - lets a 400 (bad filters) swap in, so its messages show,
 *   - manages the panel: focus, Escape, arrow keys, closing, the live status,
 *   - keeps the form's state in the DOM so htmx's history snapshots hold it.
 * Without it (or without Plotly) the page is a plain, working document.
 */
(function () {
  "use strict";
  if (!window.htmx) return; // the page works without us

  var WIDE = window.matchMedia("(min-width: 48rem)");
  var opener = null; // what opened the panel: {slug, from: "list" | "chart"}

  function panel() {
    return document.getElementById("panel");
  }

  function panelIsOpen() {
    var el = panel();
    return !!(el && el.querySelector("#event"));
  }

  // --- the chart -----------------------------------------------------------

  function layoutFor(figure) {
    // Phones get the server's "narrow" overrides (no legend, no drag-to-pan, ...).
    return WIDE.matches ? figure.layout : Object.assign({}, figure.layout, figure.narrow || {});
  }

  function drawChart(dataElement) {
    var chart = document.getElementById("chart");
    if (!chart || !window.Plotly || dataElement._drawn) return;
    dataElement._drawn = true;
    var figure = JSON.parse(dataElement.textContent);
    chart.replaceChildren(); // a history snapshot may hold a stale drawing
    chart._figure = figure;
    window.Plotly.react(chart, figure.data, layoutFor(figure), figure.config).then(function () {
      chart.on("plotly_click", function (event) {
        var point = event.points && event.points[0];
        var custom = point && point.customdata;
        if (custom && custom[0]) openEvent(custom[0], "chart");
        else if (custom && custom[2]) showPeriod(custom[2], custom[3]);
      });
      // For tests and the benchmark: the chart is on screen.
      chart.setAttribute("data-chart-ready", "");
      if (window.performance && performance.mark) performance.mark("chart-ready");
    });
  }

  // The overview (many events) counts events per period: a click on a count
  // narrows the filters to that period, where each event is drawn.
  function showPeriod(first, last) {
    var form = document.getElementById("filters");
    var from = document.getElementById("id_from");
    var to = document.getElementById("id_to");
    if (!form || !from || !to) return;
    from.value = first;
    to.value = last;
    if (form.requestSubmit) form.requestSubmit();
    else window.htmx.trigger(form, "submit");
  }

  WIDE.addEventListener("change", function () {
    var chart = document.getElementById("chart");
    if (chart && chart._figure && window.Plotly) {
      var figure = chart._figure;
      window.Plotly.react(chart, figure.data, layoutFor(figure), figure.config);
    }
  });

  function eventUrl(slug) {
    var chart = document.getElementById("chart");
    var results = document.getElementById("results");
    var url = chart.getAttribute("data-event-url").replace("EVENT-SLUG", encodeURIComponent(slug));
    var holder = chart.hasAttribute("data-filter-query") ? chart : results;
    var query = holder ? holder.getAttribute("data-filter-query") : "";
    return query ? url + "?" + query : url;
  }

  function openEvent(slug, from) {
    if (!panel()) {
      // A page without a panel (the embedded chart): go to the event's page;
      // framed in another site's page, open it in a new tab instead.
      if (window.self !== window.top) window.open(eventUrl(slug), "_blank", "noopener");
      else window.location.assign(eventUrl(slug));
      return;
    }
    opener = { slug: slug, from: from };
    // The chart carries hx-push-url, so the panel's URL lands in the history.
    window.htmx.ajax("GET", eventUrl(slug), {
      source: document.getElementById("chart"),
      target: "#panel",
      swap: "innerHTML",
    });
  }

  // --- new content -----------------------------------------------------------

  window.htmx.onLoad(function (element) {
    var data =
      element.id === "chart-data" ? element : element.querySelector && element.querySelector("#chart-data");
    if (data) drawChart(data);
    announceResults(element);
    if (element.querySelectorAll) {
      element.querySelectorAll("button[data-copy][hidden]").forEach(function (button) {
        button.hidden = false; // copying needs this script
      });
    }
  });

  // --- "Copy" buttons (the embed snippet) --------------------------------------

  function copyFrom(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
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
      done(document.execCommand && document.execCommand("copy") ? "Copied" : "Press Ctrl+C to copy");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () {
        done("Copied");
      }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    if (button) copyFrom(button);
  });

  function announceResults(element) {
    var status = document.getElementById("results-status");
    if (!status || !element.querySelector) return;
    var results = element.id === "results" ? element : element.querySelector("#results");
    if (!results || !results.isConnected) return;
    var summary = results.querySelector("#counts, .form-errors h2");
    if (summary) status.textContent = summary.textContent.replace(/\s+/g, " ").trim();
  }

  // Bad filters come back as 400 with the form's messages: show them.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (detail.xhr.status === 400 && detail.target && /^(results|race-table)$/.test(detail.target.id)) {
      detail.shouldSwap = true;
      detail.isError = false;
    } else if (detail.xhr.status === 404 && detail.target && detail.target.id === "panel") {
      detail.shouldSwap = false;
      var message = document.createElement("p");
      message.className = "notice";
      message.setAttribute("role", "alert");
      message.textContent = "This event is no longer published.";
      panel().replaceChildren(message);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target) return;
    if (target.id === "results") {
      // New filters: the open panel belonged to the old view.
      if (panelIsOpen()) panel().replaceChildren();
      document.body.classList.remove("panel-open");
    } else if (target.id === "panel") {
      if (panelIsOpen()) {
        document.body.classList.add("panel-open");
        var title = document.getElementById("event-title");
        if (title) title.focus({ preventScroll: true });
        panel().scrollTop = 0;
      }
    }
  });

  document.addEventListener("htmx:historyRestore", function () {
    var open = panelIsOpen();
    document.body.classList.toggle("panel-open", open);
    if (!open && opener) {
      var target =
        opener.from === "list" ? document.querySelector('[data-slug="' + opener.slug + '"] .event-link') : null;
      target = target || document.getElementById("chart");
      if (target) {
        if (!target.hasAttribute("tabindex") && target.id === "chart") target.setAttribute("tabindex", "-1");
        target.focus({ preventScroll: true });
      }
      opener = null;
    }
  });

  // A panel is only ever opened by pushing its URL on top of the timeline
  // view it was opened from (previous/next replace it), so closing it is
  // "back": htmx puts that view back as it was, and "forward" reopens the panel.
  function closePanel(link) {
    if (!panelIsOpen()) return;
    if (window.history.state && window.history.state.htmx) {
      window.history.back();
      return;
    }
    // Not an entry htmx made: ask for the timeline's view (this link pushes its URL).
    window.htmx.ajax("GET", link.getAttribute("href"), { source: link, target: "#results", swap: "outerHTML" });
  }

  // Remember what opened the panel from the list, to give focus back.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.classList && elt.classList.contains("event-link")) {
      var item = elt.closest("[data-slug]");
      opener = { slug: item ? item.getAttribute("data-slug") : "", from: "list" };
    }
  });

  document.addEventListener("click", function (event) {
    var close = event.target.closest && event.target.closest("[data-panel-close]");
    if (close && panelIsOpen()) {
      event.preventDefault();
      closePanel(close);
    }
  });

  // In-page links (the skip links, the error summary's) move focus without
  // adding a "#..." entry to the history: going back to such an entry would
  // send focus to its target rather than to the link that opened the panel.
  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    var target = link && document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) return;
    event.preventDefault();
    if (!target.matches("a[href], button, input, select, textarea, summary, [tabindex]")) {
      target.setAttribute("tabindex", "-1");
    }
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  });

  // --- keys -----------------------------------------------------------------

  function typingIn(element) {
    if (!element) return false;
    var tag = element.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || element.isContentEditable;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (typingIn(event.target)) return;
    var scope = panelIsOpen() ? panel() : document.querySelector("#event:not(.in-panel)");
    if (!scope) return;
    if (event.key === "Escape" && panelIsOpen()) {
      event.preventDefault();
      closePanel(scope.querySelector("[data-panel-close]"));
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      var link = scope.querySelector('a[data-key="' + event.key + '"]');
      if (!link) return;
      event.preventDefault();
      if (panelIsOpen()) {
        step(event.key);
      } else {
        window.location.assign(link.href);
      }
    }
  });

  // Previous/next in the panel.  A key pressed while the last step is still
  // loading waits for it: its link is only known once that panel is in, and
  // two quick presses of Left are two steps back.
  var pendingKeys = [];
  var stepping = false;

  function step(key) {
    if (stepping) {
      pendingKeys.push(key);
      return;
    }
    var link = panelIsOpen() && panel().querySelector('a[data-key="' + key + '"]');
    if (!link) {
      pendingKeys = [];
      return;
    }
    stepping = true;
    // Straight to htmx: new content is only wired up once it settles, and
    // a fast key press must not fall through to a full page load.
    window.htmx.ajax("GET", link.getAttribute("href"), { source: link, target: "#panel", swap: "innerHTML" });
  }

  function stepDone(event) {
    if (!stepping || !event.detail.target || event.detail.target.id !== "panel") return;
    if (event.type === "htmx:afterRequest" && event.detail.successful) return; // wait for the settle
    stepping = false;
    if (event.type === "htmx:afterSettle" && pendingKeys.length) step(pendingKeys.shift());
    else pendingKeys = [];
  }
  document.addEventListener("htmx:afterSettle", stepDone);
  document.addEventListener("htmx:afterRequest", stepDone);
  document.addEventListener("htmx:historyRestore", function () {
    stepping = false;
    pendingKeys = [];
  });

  // --- history snapshots -----------------------------------------------------
  //
  // htmx snapshots <main> (innerHTML) before the URL changes, and puts the
  // snapshot back on "back".  Two things need care:
  //
  // 1. The form: innerHTML holds attributes, not what the reader has since
  //    ticked or typed.  Once new results have settled, the form's current
  //    state *is* the state of the new URL, so it is written into the
  //    attributes then; later changes (made before leaving this URL) stay
  //    out of this URL's snapshot, as they should.
  // 2. Plotly's drawing carries style attributes that the CSP refuses when
  //    the snapshot is parsed back in.  It is left out of the snapshot (the
  //    chart is redrawn from #chart-data anyway): detached while htmx takes
  //    the snapshot, in the same task, and put back before anything paints.

  function keepFormStateInAttributes() {
    var form = document.getElementById("filters");
    if (!form) return;
    form.querySelectorAll("input, select").forEach(function (control) {
      if (control.type === "checkbox" || control.type === "radio") {
        control.toggleAttribute("checked", control.checked);
      } else if (control.tagName === "SELECT") {
        Array.prototype.forEach.call(control.options, function (option) {
          option.toggleAttribute("selected", option.selected);
        });
      } else {
        control.setAttribute("value", control.value);
      }
    });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "results") keepFormStateInAttributes();
  });

  document.addEventListener("htmx:beforeHistorySave", function () {
    var chart = document.getElementById("chart");
    if (!chart || !chart.firstChild) return;
    var drawing = document.createDocumentFragment();
    while (chart.firstChild) drawing.appendChild(chart.firstChild);
    var classes = chart.className;
    var inlineStyle = chart.style.cssText;
    chart.classList.remove("js-plotly-plot");
    chart.removeAttribute("style");
    // htmx snapshots synchronously after this event; microtasks run after that.
    window.queueMicrotask(function () {
      chart.appendChild(drawing);
      chart.className = classes;
      if (inlineStyle) chart.style.cssText = inlineStyle;
    });
  });
})();

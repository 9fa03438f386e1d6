/* Space Film Race: the short labels beside the chart's key milestones.
 *
 * The server sends every event's label in order of importance
 * (figure.labels: [x, y, text, colour], see timeline/charts/labels.py).
 * After each drawing, zoom, pan or resize, timeline.js calls
 * SpaceFilmLabels.place(chart): each label in turn takes the first place
 * where it fits, above or below its mark, a little to either side, on one
 * of three rows, clear of every lane's line (so of every mark), of the
 * phase and "today" labels and of the labels already placed, inside its
 * lane and inside the plot, and a lane takes only as many as its width
 * leaves room for.  A label that fits nowhere is left out until a closer
 * zoom makes room, so how many show follows the range shown.
 */
(function () {
  "use strict";

  var GAP = 3; // px between a label and anything it must clear
  var ROWS = 3; // rows of labels above and below a lane's line
  var PX_PER_LABEL = 110; // at most one label per this much of the plot's width, per lane (at least three)
  var REPEAT_PX = 160; // no label repeats one of its lane's within this distance
  var canvas = null;
  var widths = {};

  function textWidth(text, font) {
    var key = font + "|" + text;
    if (!(key in widths)) {
      canvas = canvas || document.createElement("canvas");
      var context = canvas.getContext("2d");
      context.font = font;
      widths[key] = context.measureText(text).width;
    }
    return widths[key];
  }

  // A label's box (w, h) as Plotly draws it: the text, its padding and border.
  function boxSize(text, style, family) {
    var size = (style.font && style.font.size) || 11;
    var edge = 2 * ((style.borderpad || 0) + (style.borderwidth || 0));
    var font = size + "px " + family;
    return { w: Math.ceil(textWidth(text, font)) + edge + 2, h: Math.ceil(size * 1.35) + edge };
  }

  function overlaps(a, b) {
    return a.left < b.right + GAP && b.left < a.right + GAP && a.top < b.bottom + GAP && b.top < a.bottom + GAP;
  }

  // The boxes of the chart's own annotations (phases, "today") drawn now,
  // relative to the plot area: labels keep clear of them.
  function fixedBoxes(chart, count, origin) {
    var boxes = [];
    chart.querySelectorAll(".infolayer g.annotation").forEach(function (element) {
      if (Number(element.getAttribute("data-index")) >= count) return;
      var text = element.querySelector(".annotation-text-g") || element;
      var r = text.getBoundingClientRect();
      if (!r.width || !r.height) return;
      var x = origin.x;
      var y = origin.y;
      boxes.push({ left: r.left - x, right: r.right - x, top: r.top - y, bottom: r.bottom - y });
    });
    return boxes;
  }

  // The places to try for a label of size `box` whose mark is at (x, y):
  // nearest rows first, centred, then leaning right, then left.
  function candidates(x, y, box, clearance) {
    var places = [];
    var lean = Math.max(0, box.w / 2 - 8);
    for (var row = 0; row < ROWS; row++) {
      var dy = clearance + GAP + box.h / 2 + row * (box.h + GAP);
      [-dy, dy].forEach(function (offset) {
        [0, lean, -lean].forEach(function (dx) {
          places.push({ dx: dx, dy: offset });
        });
      });
    }
    return places;
  }

  function fits(rect, lane, placed) {
    if (rect.left < 0 || rect.right > lane.width || rect.top < lane.top || rect.bottom > lane.bottom) return false;
    if (rect.bottom > lane.line - lane.clearance - GAP && rect.top < lane.line + lane.clearance + GAP) return false;
    for (var i = 0; i < placed.length; i++) if (overlaps(rect, placed[i])) return false;
    return true;
  }

  function laneOf(xa, ya, y, clearance) {
    var top = ya.d2p(y + 0.5);
    var bottom = ya.d2p(y - 0.5);
    return {
      top: Math.max(0, Math.min(top, bottom)) + 1,
      bottom: Math.min(ya._length, Math.max(top, bottom)) - 1,
      line: ya.d2p(y),
      width: xa._length,
      clearance: clearance,
    };
  }

  // Whether the lane has room for another label: few enough already, and
  // none with the same words near by ("Crew chosen" three times over).
  function wanted(item, x, context) {
    var shown = context.shown[item[1]] || (context.shown[item[1]] = []);
    if (shown.length >= Math.max(3, Math.floor(context.xa._length / PX_PER_LABEL))) return false;
    return !shown.some(function (other) {
      return other.text === item[2] && Math.abs(other.x - x) < REPEAT_PX;
    });
  }

  function fit(item, context) {
    var x = context.xa.d2p(item[0]);
    if (!(x >= 0 && x <= context.xa._length)) return null; // its mark is out of view
    if (!wanted(item, x, context)) return null;
    var lane = laneOf(context.xa, context.ya, item[1], context.clearance);
    var box = boxSize(item[2], context.style, context.family);
    var places = candidates(x, lane.line, box, context.clearance);
    for (var i = 0; i < places.length; i++) {
      var cx = x + places[i].dx;
      var cy = lane.line + places[i].dy;
      var rect = { left: cx - box.w / 2, right: cx + box.w / 2, top: cy - box.h / 2, bottom: cy + box.h / 2 };
      if (!fits(rect, lane, context.placed)) continue;
      context.placed.push(rect);
      context.shown[item[1]].push({ text: item[2], x: x });
      return Object.assign({}, context.style, {
        x: item[0],
        y: item[1],
        text: item[2],
        ax: places[i].dx,
        ay: places[i].dy,
        xanchor: "center",
        yanchor: "middle",
        bordercolor: item[3],
        arrowcolor: item[3],
      });
    }
    return null;
  }

  function place(chart) {
    var figure = chart._figure;
    var full = chart._fullLayout;
    var svg = chart.querySelector(".main-svg");
    if (!figure || !full || !full.xaxis || !full.yaxis || !svg || !window.Plotly) return Promise.resolve();
    var base = (chart.layout.annotations || []).filter(function (annotation) {
      return annotation.name !== "label";
    });
    var frame = svg.getBoundingClientRect();
    var origin = { x: frame.left + full.xaxis._offset, y: frame.top + full.yaxis._offset };
    var context = {
      xa: full.xaxis,
      ya: full.yaxis,
      style: figure.label_style || {},
      family: (full.font && full.font.family) || "sans-serif",
      clearance: figure.label_clearance || 11,
      placed: fixedBoxes(chart, base.length, origin),
      shown: {}, // per lane: the labels placed so far
    };
    var labels = [];
    (figure.labels || []).forEach(function (item) {
      var annotation = fit(item, context);
      if (annotation) labels.push(annotation);
    });
    return window.Plotly.relayout(chart, { annotations: base.concat(labels) });
  }

  window.SpaceFilmLabels = { place: place };
})();

"""How the chart looks: colours, sizes, fonts, marker symbols and Plotly's literal style.

What is drawn, and where, is decided in the other modules; they take their
looks from here, so a colour or a size is changed in one place.  A built
figure is only ever serialised: the dicts below are shared by every figure,
never copied, and nothing may change them in place.
"""

from __future__ import annotations

from typing import Any

from .. import vocabulary

# --- colours --------------------------------------------------------------------

INK, MUTED = "#1b1b1f", "#555a63"
WHITE = "#ffffff"
PHASE_FILLS = ("#eef1f5", "#f8f9fb")
GRID = "#e4e7eb"
AXIS_LINE = "#9aa1ab"
SEPARATOR = "#c3c8cf"  # between lanes, and round the range buttons

# --- sizes ------------------------------------------------------------------------

LANE_HEIGHT = 150  # px per lane
CHROME_HEIGHT = 64  # px round the lanes: the phase labels' top margin and the date axis
BAR_WIDTH = 0.06
HOVER_WRAP = 42  # characters per hover line: readable on a 375 px phone
OVERVIEW_MAX_PX = 26  # diameter of the overview's largest circle
POINT_SIZE = 13  # an event's marker
PLAN_SIZE = 11  # a planned date's hollow marker, and the key's markers
BAND_WIDTH = 9  # the pale band over an approximate date
POINT_LINE_WIDTH = 2  # a marker's edge
PLAN_LINE_WIDTH = 1.5  # a planned marker's edge, and the dotted line to the actual date

# --- symbols and fading -----------------------------------------------------------

# Marker symbols by kind, and by status the hollow variants and fading: the vocabulary's.
KIND_SYMBOLS = vocabulary.KIND_SYMBOLS
DEFAULT_SYMBOL = vocabulary.DEFAULT_SYMBOL
STATUS_SYMBOL_SUFFIX = {status.value: status.symbol_suffix for status in vocabulary.STATUSES}
STATUS_OPACITY = {status.value: status.opacity for status in vocabulary.STATUSES if status.opacity != 1.0}
BAND_ALPHA = 0.28  # the approximate band, over the lane's colour
OVERVIEW_ALPHA = 0.55  # the overview's circles
HOLLOW_BAR_OPACITY = 0.45  # a span that did not (certainly) happen
VAGUE_BAR_OPACITY = 0.5  # at most, for a span with no certain part
PLAN_OPACITY = 0.8


def symbol_for(kind: str, status: str, *, hollow: bool = False) -> str:
    base = KIND_SYMBOLS.get(kind, DEFAULT_SYMBOL)
    suffix = "-open" if hollow else STATUS_SYMBOL_SUFFIX.get(status, "")
    return base + suffix


def translucent(colour: str, alpha: float) -> str:
    """'#rrggbb' -> 'rgba(r,g,b,a)'."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


# --- traces -------------------------------------------------------------------------

LINES = {"type": "scatter", "mode": "lines"}
MARKERS = {"type": "scatter", "mode": "markers"}
BARS = {"type": "bar", "orientation": "h"}
HOVER = "%{customdata[1]}<extra></extra>"  # customdata is [slug, text, ...]
HOVER_FONT = {"color": INK, "size": 13}
NO_LINE = {"width": 0}


def hover_label(colour: str) -> dict[str, Any]:
    """A hover box on white, edged in the lane's colour."""
    return {"bgcolor": WHITE, "bordercolor": colour, "font": HOVER_FONT, "align": "left"}


# --- the layout ---------------------------------------------------------------------

LAYOUT = {
    "margin": {"l": 8, "r": 8, "t": 32, "b": 24, "autoexpand": True},
    "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13, "color": INK},
    "paper_bgcolor": WHITE,
    "plot_bgcolor": WHITE,
    "barmode": "overlay",
    "dragmode": "pan",
    "hovermode": "closest",
    "hoverdistance": 12,
}
XAXIS = {
    "type": "date",
    "showgrid": True,
    "gridcolor": GRID,
    "linecolor": AXIS_LINE,
    "ticks": "outside",
    "tickfont": {"size": 12},
    "automargin": True,
}
LANE_LABEL_FONT = {"size": 13}
YAXIS = {"fixedrange": True, "showgrid": False, "zeroline": False, "automargin": True}
SEPARATOR_LINE = {"color": SEPARATOR, "width": 1}
PHASE_LABEL_FONT = {"size": 11, "color": MUTED}
PHASE_LABEL_STEP = 15  # px between the labels of neighbouring phases, so they do not collide
TODAY_LINE = {"color": INK, "width": 1.5, "dash": "dot"}
TODAY_LABEL = {"showarrow": False, "font": {"size": 11, "color": INK}, "bgcolor": "rgba(255,255,255,0.8)"}
MESSAGE_FONT = {"size": 15, "color": MUTED}

# The labels beside the key milestones (charts.labels; placed by the page).
CHART_LABEL = {
    "name": "label",
    "xref": "x",
    "yref": "y",
    "showarrow": True,
    "arrowhead": 0,
    "arrowwidth": 1,
    "standoff": POINT_SIZE / 2 + 1,
    "axref": "pixel",
    "ayref": "pixel",
    "font": {"size": 11, "color": INK},
    "bgcolor": "rgba(255,255,255,0.92)",
    "borderwidth": 1,
    "borderpad": 2,
    "captureevents": False,
}
MARK_CLEARANCE = POINT_SIZE / 2 + POINT_LINE_WIDTH + 1  # px above and below a lane's line that labels keep clear

# Plotly's options: no logo, no cloud ("share") or Chart Studio buttons, no
# selection tools a timeline has no use for, resizes with its container, and
# no scroll-wheel zoom (it would hijack scrolling the page, on phones too).
CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "responsive": True,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines"],
    "toImageButtonOptions": {"format": "png", "filename": "space-film-race", "scale": 2},
}

# On a phone: no mode bar (its zoom tools need dragging, which is off there,
# and it would crowd the chart); the range buttons zoom.
NARROW_CONFIG: dict[str, Any] = {"displayModeBar": False}

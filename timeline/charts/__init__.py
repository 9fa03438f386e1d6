"""The timeline chart: plain values in, a Plotly figure (plain dicts) out.

No ORM, no request, no templates.  `build_figure` takes lanes, events and
phases as the small frozen dataclasses of `inputs` (see
`timeline.selectors.chart_input` for the adapter from database rows) and returns
``{"data": [...], "layout": {...}, "config": {...}, "narrow": {...}}``,
ready for ``Plotly.react(element, data, layout, config)``; ``narrow`` holds
the top-level layout keys to override on a narrow (phone) screen.

The figure is built as plain dicts rather than through
``plotly.graph_objects``: the validators cost milliseconds per request.  The
tests check the structure against ``plotly.graph_objects.Figure`` instead.

How the chart reads:
- one lane per side, top to bottom in the sides' own order, in the side's
  colour; within a lane each kind of event has its own row, so the two
  sides' launches (or returns) line up across the lanes;
- a point event is a marker whose symbol says its kind; a span (the days in
  orbit, the training) is a bar;
- a date known only to the month or year is drawn over the whole interval it
  covers (a pale band) with its marker in the middle, so it reads as
  approximate; a span's approximate ends are pale, its certain part solid;
- a status other than "happened" is a hollow marker (cancelled: faded);
- a planned date that differs from the record is a hollow marker joined to
  the actual one by a dotted line;
- phases are shaded bands labelled at the top; "today" is a dotted line when
  it falls inside the range;
- hover text is made here, from the same precision-aware helpers as the list,
  and handed to Plotly in `customdata` ([slug, text]) so a click can open the
  event's panel by its slug.

What is drawn: `figure` (the assembly), `lanes` (each lane's traces),
`overview` (many events, counted), `key`, `layout`, `hover` (the texts),
`positions` (dates and rows on the axes).  How it looks: `style`.
"""

from .figure import build_figure
from .hover import date_text, hover_text
from .inputs import ChartEvent, ChartInput, ChartLane, ChartPhase
from .overview import DETAIL_LIMIT, bucket_range, overview_bucket
from .positions import chart_range, kind_row_offset, plotly_date
from .style import CONFIG

__all__ = [
    "CONFIG",
    "DETAIL_LIMIT",
    "ChartEvent",
    "ChartInput",
    "ChartLane",
    "ChartPhase",
    "bucket_range",
    "build_figure",
    "chart_range",
    "date_text",
    "hover_text",
    "kind_row_offset",
    "overview_bucket",
    "plotly_date",
]

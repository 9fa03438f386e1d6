"""Thin views: validate the query string, read through selectors, render.

Each view serves a full page, and only its partial when htmx asks (and the
request is not htmx restoring a page from history, which needs it all).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext, pgettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe
from django_htmx.http import push_url, replace_url

from . import asof, charts, exports, gaps, ics, known, precision, preview, selectors, sharing, standings, vocabulary
from . import race as race_module
from .caching import cached_by_data_version
from .forms import EventFilterForm, RaceForm, TimelineQueryForm
from .models import Event
from .selectors import TimelineFilter


def _wants_fragment(request) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


EVENTS_PER_PAGE = 100

# The request headers each view reads (through request.htmx): its responses
# vary on them, and so do their ETags and cache keys.
PAGE_HEADERS = ("HX-Request", "HX-History-Restore-Request")
INDEX_HEADERS = (*PAGE_HEADERS, "HX-Target", "HX-Trigger", "HX-Current-URL")
RACE_HEADERS = (*PAGE_HEADERS, "HX-Trigger")


@require_safe
@cached_by_data_version(vary=INDEX_HEADERS, live=True)
@preview.drafts_for_staff
def index(request):
    """The timeline: filters, chart, counts, the race as of ?as_of, the event
    list (a page of it at a time), exports and the embed snippet.  Bad
    filters, a bad page or a bad as-of date get the form's messages and a
    400, on the page and in the fragment."""
    today = timezone.now().date()
    form = TimelineQueryForm(request.GET, today=today)
    canonical = form.canonical()
    url = reverse("timeline:index", query=canonical) if form.is_valid() else request.get_full_path()

    if form.is_valid() and not request.htmx and form.has_blank_fields():
        return redirect(url)  # the canonical URL of a form sent without JavaScript
    if _wants_fragment(request) and request.htmx.target == "race-table":
        return _index_race_fragment(request, form, today)

    context = {"form": form, "today": today, "canonical": canonical}
    filters = form.filters
    if filters is not None:
        # The chart's planned markers show the plans that stood on the race's day (now, for today).
        cutoff = race_module.cutoff(form.as_of or today, timezone.now()) if not form.as_of_errors else None
        context["event_query"] = _event_query(filters, form.as_of)
        context |= _timeline_context(
            filters,
            today,
            form.page_number,
            cutoff=cutoff,
            view=form.chart_view,
            as_known=form.as_of is not None,
            event_query=context["event_query"],
        )
        context["as_of_day"] = form.as_of  # a chosen day (None: the record as it stands)
        context |= _index_race_context(form, today, efforts=context["efforts"])
        context |= _share_context(request, filters, context["figure"])
        context["active_filters"] = filters.describe({effort.slug: effort.name for effort in context["efforts"]})
        if context.get("race_lede"):
            context["share"] = sharing.lede_share(
                request, context, "timeline:card-index", reverse("timeline:index", query=canonical)
            )
    else:
        context |= {"filters": TimelineFilter(), "events": []}
    status = 200 if form.is_valid() else 400

    if _wants_fragment(request):
        context["filters_oob"] = True  # the control the filters fold behind names the new ones
        context["lede_oob"] = True  # and the lede, above the form, follows the day
        response = render(request, "timeline/index.html#results", context, status=status)
        return _history_entry(request, response, url)
    return render(request, "timeline/index.html", context, status=status)


def _history_entry(request, response, url: str):
    """The history gets the canonical URL (no empty parameters), and one
    entry per view: asking again for the view already shown (Enter after
    typing, say) replaces the entry instead of adding one."""
    if url == _current_path(request):
        return replace_url(response, url)
    return push_url(response, url)


def _current_path(request) -> str | None:
    """The path of the page htmx says the browser shows; None when
    HX-Current-URL names another site or is no URL at all ("http://[::1")."""
    try:
        return request.htmx.current_url_abs_path
    except ValueError:
        return None


# --- `/`: the race, exports and the embed ----------------------------------------


def _index_race_context(form: TimelineQueryForm, today, efforts=None) -> dict:
    """The race comparison on `/`.  It is about both sides, so it counts every
    published event as the race stood on ?as_of: the filters choose what the
    chart and the list show, never the race.  It reads only the rows it can
    show (a few queries, whatever the number of events), not the page's;
    `efforts`: the sides the page has already read, if any."""
    action = reverse("timeline:index")
    if form.as_of_errors:
        return standings.race_error_context(form.as_of_errors, today=today, action=action) | {"race_panel": True}
    context = standings.shared_race_context(form.as_of, today=today, efforts=efforts, action=action, lede=True)
    return context | {"race_panel": True}  # the race's event links open the panel, as the list's do


def _index_race_fragment(request, form: TimelineQueryForm, today):
    """The race's date field or a preset on `/` asked: only the race table,
    and the controls (out of band) when a preset asked, so the date field
    follows; when the field itself asked, it is left alone (focus, typing).
    The filters do not change the race, so only a bad day is a 400."""
    canonical = form.canonical()
    context = {"form": form, "today": today, "canonical": canonical}
    context |= _index_race_context(form, today)
    context["index_race_oob"] = request.htmx.trigger != "as-of"
    context["lede_oob"] = True  # the lede is written from the same day
    status = 400 if form.as_of_errors else 200
    response = render(request, "timeline/index.html#race-update", context, status=status)
    url = request.get_full_path() if form.as_of_errors else reverse("timeline:index", query=canonical)
    return _history_entry(request, response, url)


def _share_context(request, filters: TimelineFilter, figure: dict) -> dict:
    """Exports, the feed and the embed snippet, all keeping the current filter."""
    embed_url = request.build_absolute_uri(reverse("timeline:embed", query=QueryDict(filters.querystring())))
    height = figure["layout"].get("height", EMBED_CHART_HEIGHT) + EMBED_KEY_HEIGHT + EMBED_CREDIT_HEIGHT
    height += EMBED_HEADLINE_HEIGHT
    return {
        "export_formats": exports.EXPORTS,
        "embed_url": embed_url,
        # Plain text (escaped once for the snippet's attribute, again by the template).
        "embed_snippet": EMBED_SNIPPET.format(url=escape(embed_url), title=escape(embed_title()), height=height),
    }


EMBED_CHART_HEIGHT = 364  # px of a two-lane chart (charts.style: CHROME_HEIGHT and LANE_HEIGHT a lane)
EMBED_KEY_HEIGHT = 56  # px under it for its key, in two rows (charts.key)
EMBED_CREDIT_HEIGHT = 48  # px under the chart for the link back (embed.html)
EMBED_HEADLINE_HEIGHT = 64  # px above it for the headline
EMBED_SNIPPET = (
    '<iframe src="{url}" title="{title}" width="100%" height="{height}" style="border:0" loading="lazy"></iframe>'
)


def embed_title() -> str:
    """The embedded chart's name, for the <iframe>'s title."""
    return gettext("Space Film Race: the timeline chart")


def _timeline_context(
    filters: TimelineFilter,
    today,
    page_number: int = 1,
    *,
    listed: bool = True,
    cutoff=None,
    view: charts.View | None = None,
    as_known: bool = False,
    framed: bool = False,
    event_query: str = "",
) -> dict:
    """Six queries whatever the number of events: the matching events as
    plain values with the plans that stood at `cutoff` (None: now) (the
    chart draws all of them and the counts count them), sides, phases, the
    published count, and the model rows of the one page the list shows
    (`listed`; the embed has no list).  The chart shows `view` (?range=),
    or everything.  `as_known` (a chosen day): only what could be known at
    `cutoff`, as it was known then (`timeline.known`); `framed`: the embed's,
    whose chart opens events in a new tab; `event_query`: what the chart's
    links to events keep (the filter, a chosen day)."""
    rows = selectors.timeline_rows(filters, cutoff or timezone.now(), as_known=as_known)
    efforts = selectors.efforts_in_order()
    lanes = [effort for effort in efforts if not filters.side or effort.slug == filters.side]
    data = selectors.chart_input(rows, lanes, selectors.phases_in_order())
    figure = charts.build_figure(data, today=today, view=view)
    links = {"event_url": _event_url(event_query), "period_url": _period_url(filters), "new_tab": framed}
    chart_svg = charts.chart_svg(data, figure, today=today, **links)
    chart_key = charts.chart_key(data, figure)
    per_side = Counter(row["effort_id"] for row in rows)
    page = Paginator(rows, EVENTS_PER_PAGE).get_page(page_number)  # past the end: the last page
    if listed:
        page.object_list = _listed(page.object_list, as_known)
    return {
        "filters": filters,
        "events": rows,
        "page": page,
        "page_links": _page_links(page),
        "figure": figure,
        "chart_svg": chart_svg,
        "chart_key": chart_key,
        "side_counts": [(effort, per_side[effort.pk]) for effort in lanes],
        "published_count": selectors.events_published_count(),
        "efforts": efforts,
    }


def _listed(rows: list[dict], as_known: bool) -> list:
    """The model rows of one page of the list; on a chosen day, shown as they were known then."""
    events = selectors.events_in_order([row["pk"] for row in rows])
    if as_known:
        by_pk = {row["pk"]: row for row in rows}
        for event in events:
            known.show_as_known(event, by_pk[event.pk])
    return events


def _event_query(filters: TimelineFilter, as_of) -> str:
    """What an event's link from the timeline keeps: the filter, and the chosen day."""
    query = QueryDict(filters.querystring(), mutable=True)
    if as_of is not None:
        query["as_of"] = as_of.isoformat()
    return query.urlencode()


def _event_url(query: str = ""):
    """An event's page by its slug, with `query`, for the chart's marks (one reverse for them all)."""
    pattern = reverse("timeline:event", args=["EVENT-SLUG"]) + (f"?{query}" if query else "")
    return lambda slug: pattern.replace("EVENT-SLUG", slug)


def _period_url(filters: TimelineFilter):
    """The timeline narrowed to a period, for the overview's circles (the
    filters kept, From and To replaced), as a click on one asks with JavaScript."""
    index = reverse("timeline:index")

    def url(first, last) -> str:
        query = QueryDict(filters.querystring(), mutable=True)
        query["from"], query["to"] = first.isoformat(), last.isoformat()
        return f"{index}?{query.urlencode()}"

    return url


def _page_links(page) -> list[dict]:
    """First / previous / next / last: each link is the page's canonical
    query with its ?page (none for the first)."""
    if not page.has_other_pages():
        return []
    last = page.paginator.num_pages
    links = [
        ("first", pgettext("the list's pages", "First"), 1, page.number > 2),
        ("prev", pgettext("the list's pages", "Previous"), page.number - 1, page.has_previous()),
        ("next", pgettext("the list's pages", "Next"), page.number + 1, page.has_next()),
        ("last", pgettext("the list's pages", "Last"), last, page.number < last - 1),
    ]
    return [
        {"rel": rel, "label": label, "number": number, "page": number if number > 1 else None}
        for rel, label, number, shown in links
        if shown
    ]


@require_safe
@cached_by_data_version(vary=PAGE_HEADERS)
@preview.drafts_for_staff
def event_detail(request, slug):
    """One event: a full page, or the timeline's side panel for htmx.
    Previous/next run within the filter carried in the query string.  Staff
    may open a draft's page (admin's "View on site"), marked as a draft."""
    try:
        event = selectors.event_by_slug(slug, drafts=preview.is_staff(request))
    except Event.DoesNotExist:
        raise Http404(gettext("No published event has this address.")) from None

    form = EventFilterForm(request.GET)
    if form.is_valid():
        filters, filter_errors = form.to_filter(), []
    else:
        # The event is still worth showing; the bad filter is explained and dropped.
        filters = TimelineFilter()
        filter_errors = [message for messages in form.errors.values() for message in messages]
    previous, following = selectors.event_neighbours(event, filters)
    sources = list(event.sources.all())
    as_of, as_of_errors = _event_as_of(request)
    context = {
        "event": event,
        "sources": sources,
        **_statements_context(event, as_of),
        "filters": filters,
        "canonical": QueryDict(_event_query(filters, as_of)),  # what every link here keeps: the filter, the day
        "filter_errors": filter_errors + as_of_errors,
        "previous": previous,
        "next": following,
        "corrections": list(event.corrections.all()),
    }
    context["share"] = sharing.event_share(request, event, standings.today_utc())
    if _wants_fragment(request):
        # The panel's links say whether its URL is pushed (open) or replaced (previous/next).
        return render(request, "timeline/event.html#event", context | {"in_panel": True})
    return render(request, "timeline/event.html", context)


def _event_as_of(request):
    """?as_of= on an event page: what had been said of it by the end of that
    day (None: now); a refused day is explained and dropped."""
    if not request.GET.get("as_of"):
        return None, []
    form = RaceForm({"as_of": request.GET["as_of"]}, today=standings.today_utc())
    if form.is_valid():
        return form.cleaned_data["as_of"], []
    return None, [message for messages in form.errors.values() for message in messages]


def _statements_context(event: Event, as_of) -> dict:
    """What had been said of `event` by the end of `as_of` (None: by now,
    `timeline.asof`): the statements public then, the plan that stood, and
    how the record compares with it."""
    cutoff = race_module.cutoff(as_of or standings.today_utc(), timezone.now())
    said = [statement.said() for statement in event.statements.all()]
    over = event.is_over_by(cutoff)
    standing = asof.standing(asof.public(said, cutoff, over))
    return {
        "said": asof.public(said, cutoff, over),
        "standing": standing,
        "plan_as_of": as_of,
        "known_then": _known_then(event, said, cutoff) if as_of else None,
        "difference": _planned_difference(event, standing.plan) if over and not standing.withdrawn else "",
    }


def _known_then(event: Event, said: list[asof.Said], cutoff) -> dict:
    """How the timeline showed `event` at `cutoff` (`timeline.known`): not at
    all (``{"known": False}``), or at other dates or another status than the
    record's now, with who published the plan."""
    row = {field: getattr(event, field) for field in known.SHOWN_FIELDS} | {"created": event.created}
    then = known.row_as_known(row, said, cutoff)
    if then is None:
        return {"known": False}
    date = precision.format_date(then["start"], then["start_precision"])
    said_as = {
        vocabulary.PLANNED: gettext("planned for %(date)s"),
        vocabulary.CANCELLED: gettext("a plan for %(date)s, cancelled"),
    }.get(then["status"], gettext("under way since %(date)s")) % {"date": date}
    return {
        "known": True,
        "changed": any(then[field] != row[field] for field in known.SHOWN_FIELDS),
        "text": said_as,
        "by": then["known_by"],
    }


def _planned_difference(event: Event, plan: asof.Said | None) -> str:
    """How the record compares with the plan that stood ("" when there was
    none, or the event did not happen).  Against a time the plan gave as
    approximate, only which way it went."""
    if plan is None or not plan.dated or event.status != Event.Status.HAPPENED:
        return ""
    difference = gaps.describe_difference(event.start, event.start_precision, plan.date, plan.precision)
    if plan.approximate and difference.endswith("than planned"):
        direction = "later" if "later" in difference else "earlier"
        return f"{direction} than the approximate plan"
    return difference


# --- the race comparison -----------------------------------------------------------


@require_safe
@cached_by_data_version(vary=RACE_HEADERS, live=True)
@preview.drafts_for_staff
def race(request):
    """/race/?as_of=YYYY-MM-DD: the race milestone by milestone, as it stood
    on that day.  htmx requests (not history restores) get only the table."""
    today = standings.today_utc()
    form = RaceForm(request.GET, today=today)
    if form.is_valid():
        context, status = standings.race_context(form.as_of_or_today, today=today, lede=True), 200
        context["share"] = sharing.lede_share(
            request, context, "timeline:card-race", reverse("timeline:race", query=form.canonical())
        )
    else:
        errors = [message for messages in form.errors.values() for message in messages]
        context, status = standings.race_error_context(errors, today=today), 400
    context |= {"race_form": form, "canonical": form.canonical()}
    template = "timeline/race.html"
    if _wants_fragment(request):
        template += "#race-table"
        context["race_fragment"] = True  # with a <title> for the history entry
        # A preset link asked: refresh the date control too (out of band);
        # when the control itself asked, leave it alone (focus, typing).
        context["race_oob_controls"] = request.htmx.trigger != "race-controls"
    return render(request, template, context, status=status)


# --- Data out: exports of the published events, honouring the timeline's filters.


def _filter_errors(form) -> dict[str, list[str]]:
    return {("filter" if name == "__all__" else name): list(errors) for name, errors in form.errors.items()}


def _invalid_filter(form, *, as_json: bool) -> HttpResponse:
    errors = _filter_errors(form)
    if as_json:
        return JsonResponse({"error": "invalid filter", "errors": errors}, status=400)
    lines = [f"{name}: {message}" for name, messages in errors.items() for message in messages]
    return HttpResponse(
        gettext("Invalid filter.") + "\n" + "\n".join(lines) + "\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def _events_json(events: list[Event], *, absolute) -> str:
    efforts, phases = selectors.efforts_in_order(), selectors.phases_in_order()
    document = exports.events_payload(
        events, efforts, phases, absolute=absolute, side_statements=selectors.side_statements_in_order()
    )
    return exports.to_json(document)


def _timelinejs_json(events: list[Event], *, absolute) -> str:
    return exports.to_json(exports.timelinejs(events, selectors.phases_in_order(), absolute=absolute))


@dataclass(frozen=True)
class ExportFormat:
    document: Callable[..., str]  # (events, *, absolute) -> the file's text
    content_type: str
    filename: str
    errors_as_json: bool  # a refused filter is explained in JSON, else in plain text


EXPORT_FORMATS = {
    "json": ExportFormat(_events_json, "application/json", "space-film-race-events.json", errors_as_json=True),
    "csv": ExportFormat(
        exports.events_csv,
        "text/csv; charset=utf-8; header=present",
        "space-film-race-events.csv",
        errors_as_json=False,
    ),
    "timelinejs": ExportFormat(
        _timelinejs_json, "application/json", "space-film-race-timelinejs.json", errors_as_json=True
    ),
    "ics": ExportFormat(ics.events_ics, "text/calendar; charset=utf-8", "space-film-race.ics", errors_as_json=False),
}


@require_safe
@cached_by_data_version()
def export_events(request, export: str):
    """The filtered published events as a download in one of EXPORT_FORMATS
    (the URLconf names it), or a 400 explaining the filter."""
    spec = EXPORT_FORMATS[export]
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        return _invalid_filter(form, as_json=spec.errors_as_json)
    events = list(selectors.events_for_timeline(form.to_filter()))
    document = spec.document(events, absolute=request.build_absolute_uri)
    response = HttpResponse(document, content_type=spec.content_type)
    response["Content-Disposition"] = f'attachment; filename="{spec.filename}"'
    # Published data, no cookies needed: other newsrooms' pages (TimelineJS) may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- The embeddable chart: the one page other sites may frame. ------------------

EMBED_CSP = {**settings.SECURE_CSP, "frame-ancestors": settings.EMBED_FRAME_ANCESTORS}


@require_safe
@xframe_options_exempt
@csp_override(EMBED_CSP)
@cached_by_data_version()
def embed(request):
    """/embed/?<filters>: the chart alone, and a link to the full timeline
    with the same filter; no site chrome.  Framed by the sites that
    DJANGO_EMBED_FRAME_ANCESTORS allows; bad filters are a 400 with the
    messages, in the frame."""
    form = EventFilterForm(request.GET)
    if not form.is_valid():
        context = {"errors": _filter_errors(form), "canonical": form.canonical()}
        return render(request, "timeline/embed.html", context, status=400)
    context = _timeline_context(form.to_filter(), timezone.now().date(), listed=False, framed=True)
    context["canonical"] = form.canonical()
    context["race_lede"] = standings.shared_race_context(today=standings.today_utc(), lede=True)["race_lede"]
    return render(request, "timeline/embed.html", context)

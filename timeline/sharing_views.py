"""The views that make links travel: share cards (PNG, cached a year at a
versioned address) and the oEmbed answer.  The pages' share tags are built
in `timeline.views` with `timeline.sharing`."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from django.http import Http404, HttpResponse, JsonResponse, QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils.html import escape
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_safe

from . import cards, selectors, sharing, standings
from .caching import cached_by_data_version
from .forms import EventFilterForm, RaceForm
from .models import Event
from .selectors import TimelineFilter
from .views import EMBED_CHART_HEIGHT, EMBED_CREDIT_HEIGHT, EMBED_HEADLINE_HEIGHT, EMBED_KEY_HEIGHT, embed_title


def _long_lived(view):
    """A card asked for at its current version (?v=, `sharing.card_version`)
    never changes: cache it for a year.  Any other version is the current
    card, to be revalidated (what `cached_by_data_version` says)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        current = sharing.card_version(standings.today_utc())
        if response.status_code in (200, 304) and request.GET.get("v") == current:
            response.headers["Cache-Control"] = sharing.LONG_LIVED
        return response

    return wrapper


def _png(card: cards.Card) -> HttpResponse:
    return HttpResponse(cards.draw_card(card), content_type="image/png")


def _lede_card(request, kicker_for_today: str = "") -> HttpResponse:
    today = standings.today_utc()
    form = RaceForm(request.GET, today=today)
    if not form.is_valid():
        lines = [message for messages in form.errors.values() for message in messages]
        return HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")
    day = form.as_of_or_today
    context = standings.race_context(day, today=today, lede=True)
    kicker = kicker_for_today if day == today else sharing.as_of_kicker(context["race_as_of_text"])
    return _png(sharing.lede_card(context["race_lede"], kicker))


@require_safe
@_long_lived
@cached_by_data_version()
def card_index(request):
    """/card.png?as_of=: the timeline's share card, the race at a glance."""
    return _lede_card(request)


@require_safe
@_long_lived
@cached_by_data_version()
def card_race(request):
    """/race/card.png?as_of=: the race page's share card."""
    return _lede_card(request, pgettext("share card of the race page", "Who got there first"))


@require_safe
@_long_lived
@cached_by_data_version()
def card_event(request, slug):
    """/events/<slug>/card.png: the event's headline over both sides' key milestones today."""
    try:
        event = selectors.event_by_slug(slug, drafts=False)
    except Event.DoesNotExist:
        raise Http404(gettext("No published event has this address.")) from None
    lede = standings.race_context(today=standings.today_utc(), lede=True)["race_lede"]
    return _png(sharing.event_card(event, lede))


OEMBED_PAGES = {"timeline:index", "timeline:race", "timeline:event", "timeline:embed"}
OEMBED_WIDTH = 800
# The chart, its key, the link back, the headline.
OEMBED_HEIGHT = EMBED_CHART_HEIGHT + EMBED_KEY_HEIGHT + EMBED_CREDIT_HEIGHT + EMBED_HEADLINE_HEIGHT


def _oembed_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _dimension(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    if not value:
        return None
    if not value.isdecimal() or not 0 < int(value) <= 10_000:
        raise ValueError(f"{name} must be a whole number of pixels from 1 to 10000.")
    return int(value)


@require_safe
@cached_by_data_version()
def oembed(request):
    """/oembed?url=<a page of this site>&maxwidth=&maxheight=: the rich oEmbed
    answer (JSON) a CMS asks when given one of our links: an iframe of the
    embed with the page's filters (no ?url=: the timeline).  Other sites'
    URLs are a 404, format=xml a 501 (only JSON is offered), another format
    or a bad size a 400."""
    answer = request.GET.get("format", "json")
    if answer == "xml":  # the spec's other format: not implemented here
        return _oembed_error("Only format=json is offered.", 501)
    if answer != "json":
        return _oembed_error("Unknown format: ask for format=json.", 400)
    # Without ?url=, the answer is the timeline's own.
    url = request.GET.get("url") or request.build_absolute_uri(reverse("timeline:index"))
    try:
        maxwidth, maxheight = _dimension(request, "maxwidth"), _dimension(request, "maxheight")
    except ValueError as error:
        return _oembed_error(str(error), 400)
    filters = _oembed_filters(request, url)
    if filters is None:
        return _oembed_error("This URL is not a published page of this site.", 404)
    response = JsonResponse(_oembed_payload(request, filters, maxwidth, maxheight))
    response["Access-Control-Allow-Origin"] = "*"  # published data: any consumer may ask
    return response


def _oembed_filters(request, url: str) -> TimelineFilter | None:
    """The filters of `url` when it is a published page of this site (its
    host, one of OEMBED_PAGES), else None.  A bad filter in it embeds all events."""
    try:
        parts = urlsplit(url)
        match = resolve(parts.path)
    except (ValueError, Resolver404):
        return None
    ours = parts.scheme in ("http", "https") and parts.netloc == request.get_host()
    if not ours or match.view_name not in OEMBED_PAGES:
        return None
    if match.view_name == "timeline:event" and not Event.objects.published().filter(slug=match.kwargs["slug"]).exists():
        return None
    form = EventFilterForm(QueryDict(parts.query))
    return form.to_filter() if form.is_valid() else TimelineFilter()


def _oembed_payload(request, filters: TimelineFilter, maxwidth: int | None, maxheight: int | None) -> dict:
    """The rich answer: an iframe of the embed within maxwidth × maxheight,
    titled with the headline; the share card as thumbnail when it fits."""
    embed_url = request.build_absolute_uri(reverse("timeline:embed", query=QueryDict(filters.querystring())))
    width = min(OEMBED_WIDTH, maxwidth or OEMBED_WIDTH)
    height = min(OEMBED_HEIGHT, maxheight or OEMBED_HEIGHT)
    today = standings.today_utc()
    payload = {
        "version": "1.0",
        "type": "rich",
        "provider_name": sharing.SITE_NAME,
        "provider_url": request.build_absolute_uri(reverse("timeline:index")),
        "title": standings.race_context(today=today, lede=True)["race_lede"].headline,
        "html": OEMBED_IFRAME.format(url=escape(embed_url), title=escape(embed_title()), width=width, height=height),
        "width": width,
        "height": height,
    }
    if (maxwidth or sharing.CARD_WIDTH) >= sharing.CARD_WIDTH and (
        maxheight or sharing.CARD_HEIGHT
    ) >= sharing.CARD_HEIGHT:
        payload |= {
            "thumbnail_url": sharing.card_url(request, "timeline:card-index", today),
            "thumbnail_width": sharing.CARD_WIDTH,
            "thumbnail_height": sharing.CARD_HEIGHT,
        }
    return payload


OEMBED_IFRAME = (
    '<iframe src="{url}" title="{title}" width="{width}" height="{height}" style="border:0" loading="lazy"></iframe>'
)

"""The Atom feed of recently published or updated events (/feed/).

What it prints is asked again here, not trusted from the row (a row can reach
the database without the model's checks): text goes through
`text.clean_text`, since one control character XML cannot hold would make
the whole feed unreadable, and a source links out only when its URL is
absolute http(s) (`links.safe_url`).  It speaks the language of its address
(/feed/ English, /ru/feed/ Russian: its words, the events' texts and
`xml:lang`)."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape, format_html, format_html_join
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from . import selectors
from .links import safe_url
from .models import Event, Source
from .precision import Precision, format_date
from .text import clean_text

FEED_SIZE = 50


def _source_html(source: Source) -> str:
    url = safe_url(source.url)
    return format_html('<a href="{}">{}</a>', url, str(source)) if url else escape(str(source))


class RecentEventsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Space Film Race: new and updated events")
    subtitle = _(
        "The race to shoot the first feature film in orbit, event by sourced event: "
        "every event as it is published or updated."
    )
    link = reverse_lazy("timeline:index")
    feed_url = reverse_lazy("timeline:feed")
    author_name = _("Space Film Race editors")

    def items(self):
        return selectors.events_recently_updated(FEED_SIZE)

    def item_title(self, item: Event) -> str:
        return clean_text(f"{item.effort.name}: {item.title}")

    def item_description(self, item: Event) -> str:
        # HTML (escaped once more by the feed generator, as Atom's type="html" wants).
        sources = format_html_join("", "<li>{}</li>", ((_source_html(s),) for s in item.sources.all()))
        status = "" if item.status == Event.Status.HAPPENED else f" · {item.get_status_display()}"
        corrections = format_html_join(
            "",
            "<p><strong>{}</strong> {}</p>",
            ((_corrected_on(c.date), c.note) for c in item.corrections.all()),
        )
        # The plan as it stands now: only statements already public (`timeline.asof`).
        planned = item.plan_summary(timezone.now())
        plan = (
            format_html("<p>{}</p>", pgettext("a feed entry", "Planned: %(plan)s") % {"plan": planned})
            if planned
            else ""
        )
        description = format_html(
            "<p><strong>{}</strong>{}</p>{}<p>{}</p>{}<p>{}</p><ul>{}</ul>",
            item.date_display,
            status,
            plan,
            item.summary,
            corrections,
            pgettext("a feed entry", "Sources:"),
            sources,
        )
        return clean_text(description)

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_updateddate(self, item: Event):
        return item.updated

    def item_categories(self, item: Event):
        return [clean_text(item.effort.name), item.get_kind_display()]


def _corrected_on(day: dt.date) -> str:
    """ "Corrected on 6 Oct 2021:" """
    when = format_date(dt.datetime.combine(day, dt.time.min, tzinfo=dt.UTC), Precision.DAY)
    return gettext("Corrected on %(day)s:") % {"day": when}

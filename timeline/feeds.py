"""The Atom feed of recently published or updated events (/feed/)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from . import selectors
from .models import Event

FEED_SIZE = 50


class RecentEventsFeed(Feed):
    feed_type = Atom1Feed
    title = "Space Film Race: new and updated events"
    subtitle = (
        "The race to shoot the first feature film in orbit, event by sourced event: "
        "every event as it is published or updated."
    )
    link = reverse_lazy("timeline:index")
    feed_url = reverse_lazy("timeline:feed")
    author_name = "Space Film Race editors"

    def items(self):
        return selectors.events_recently_updated(FEED_SIZE)

    def item_title(self, item: Event) -> str:
        return f"{item.effort.name}: {item.title}"

    def item_description(self, item: Event) -> str:
        # HTML (escaped once more by the feed generator, as Atom's type="html" wants).
        links = ((format_html('<a href="{}">{}</a>', s.url, str(s)) if s.url else str(s),) for s in item.sources.all())
        sources = format_html_join("", "<li>{}</li>", links)
        status = "" if item.status == Event.Status.HAPPENED else f" · {item.get_status_display()}"
        return format_html(
            "<p><strong>{}</strong>{}</p><p>{}</p><p>Sources:</p><ul>{}</ul>",
            item.date_display,
            status,
            item.summary,
            sources,
        )

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_updateddate(self, item: Event):
        return item.updated

    def item_categories(self, item: Event):
        return [item.effort.name, item.get_kind_display()]

"""How a page travels: its share card, its OpenGraph and Twitter tags, its
oEmbed answer.

A card's address carries a version (`card_version`: the data version and
the day, since the race as of today moves with the day), so a card can be
cached for a year: when anything it shows changes, pages point at a new
address.  The meta tags are absolute URLs, as chat and social apps need.
A card speaks the language of its address (/card.png, /ru/card.png), as
the page that points at it does."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext, pgettext, pgettext_lazy

from . import race
from .caching import data_version
from .cards import Card, CardSide
from .models import Event

SITE_NAME = "Space Film Race"
CARD_WIDTH, CARD_HEIGHT = 1200, 630
LONG_LIVED = "public, max-age=31536000, immutable"
# Card rows are narrow: the lede's labels, shortened where they would not fit.
CARD_LABELS = {
    "filming": pgettext_lazy("share card, a milestone", "Filming"),
    "return": pgettext_lazy("share card, a milestone", "Back on Earth"),
}


@dataclass(frozen=True)
class ShareMeta:
    """What a page's <head> tells chat and social apps (base.html)."""

    title: str
    description: str
    url: str  # absolute, canonical
    image: str  # absolute
    image_alt: str
    oembed: str = ""  # absolute, the page's oEmbed answer
    kind: str = "website"  # og:type


def as_of_kicker(day: str) -> str:
    """ "As of 6 Oct 2021": the line above a card of the race on a past day."""
    return pgettext("share card", "As of %(day)s") % {"day": day}


def card_version(today: dt.date) -> str:
    """Changes whenever a card could: with the data, and with the day."""
    return hashlib.sha256(f"{data_version()}|{today.isoformat()}".encode()).hexdigest()[:16]


def lede_card(lede: race.Lede, kicker: str = "") -> Card:
    sides = []
    for entry in lede.sides:
        # A card has little room: a milestone with nothing on record is left out, except the launch.
        nothing = str(race.lede.NONE_ON_RECORD)
        shown = [m for m in entry.milestones if m.reached or m.kind == "launch" or m.text != nothing]
        lines = [(str(CARD_LABELS.get(m.kind, m.label)), m.text) for m in shown]
        if entry.status:  # what became of a side that never flew
            lines.append((pgettext("share card: a side's latest status update", "Latest"), entry.status))
        sides.append(CardSide(entry.side.name, entry.side.colour, tuple(lines)))
    return Card(lede.headline, tuple(sides), kicker)


def event_card(event: Event, lede: race.Lede | None) -> Card:
    kicker = f"{event.effort.name} · {event.get_kind_display()} · {event.start_display}"
    base = lede_card(lede) if lede else Card(event.title, ())
    return Card(event.title, base.sides, kicker)


def card_alt(card: Card) -> str:
    """The card's words, for readers who cannot see it."""
    parts = [gettext("Share card: %(headline)s.") % {"headline": card.headline}]
    if card.kicker:
        parts.append(f"{card.kicker}.")
    for side in card.sides:
        lines = "; ".join(
            pgettext("a card's line read out: its label and its text", "%(label)s %(text)s")
            % {"label": label, "text": text}
            for label, text in side.lines
        )
        parts.append(f"{side.name}: {lines}.")
    if not card.sides:
        parts.append(gettext("Below it, each side’s key milestones."))
    return " ".join(parts)


def card_url(request, name: str, today: dt.date, *, query: dict | None = None, **kwargs) -> str:
    """The absolute, versioned address of a card (`name`: its URL name)."""
    params = {key: value for key, value in (query or {}).items() if value} | {"v": card_version(today)}
    return request.build_absolute_uri(reverse(name, kwargs=kwargs or None, query=params))


def oembed_url(request, page_url: str) -> str:
    return request.build_absolute_uri(reverse("timeline:oembed", query={"url": page_url, "format": "json"}))


def share_meta(request, *, title: str, description: str, url: str, card: Card, image: str, kind="website"):
    """The page's share tags; `url` and `image` absolute."""
    return ShareMeta(
        title=title,
        description=description,
        url=url,
        image=image,
        image_alt=card_alt(card),
        oembed=oembed_url(request, url),
        kind=kind,
    )


def lede_share(request, context: dict, card_name: str, path: str) -> ShareMeta:
    """The share tags of a page led by the race at a glance (`/`, `/race/`),
    from its race context (`standings.race_context(..., lede=True)`)."""
    lede, today = context["race_lede"], context["race_today"]
    kicker = "" if context["race_is_today"] else as_of_kicker(context["race_as_of_text"])
    as_of = None if context["race_is_today"] else context["race_as_of"].isoformat()
    return share_meta(
        request,
        title=lede.headline,
        description=lede.standfirst,
        url=request.build_absolute_uri(path),
        card=lede_card(lede, kicker),
        image=card_url(request, card_name, today, query={"as_of": as_of}),
    )


def event_share(request, event: Event, today: dt.date) -> ShareMeta:
    """An event's share tags: its own page, whatever filter the link carried."""
    summary = event.summary if len(event.summary) <= 300 else event.summary[:297] + "…"
    return share_meta(
        request,
        title=event.title,
        description=summary,
        url=request.build_absolute_uri(event.get_absolute_url()),
        card=event_card(event, None),
        image=card_url(request, "timeline:card-event", today, slug=event.slug),
        kind="article",
    )

"""Every read of the timeline's data goes through here."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Effort, Event, Phase


def efforts_in_order() -> list[Effort]:
    return list(Effort.objects.order_by("order", "name"))


def phases_in_order() -> list[Phase]:
    return list(Phase.objects.order_by("start", "order"))


def events_published() -> QuerySet[Event]:
    """Published events with their side and sources, oldest first."""
    return Event.objects.published().select_related("effort").prefetch_related("sources").order_by("start", "pk")


def event_published_by_slug(slug: str) -> Event:
    """Raises Event.DoesNotExist for drafts and unknown slugs alike."""
    return events_published().get(slug=slug)

"""The reads the public pages make (timeline/selectors.py)."""

from __future__ import annotations

from timeline import selectors
from timeline.models import Event


def test_page_rows_keep_the_order_asked_and_leave_drafts_out(seeded):
    slugs = ["soyuz-ms-19-launch", "roscosmos-announces-challenge"]
    pks = list(Event.objects.filter(slug__in=slugs).order_by("-start").values_list("pk", flat=True))
    assert [e.slug for e in selectors.events_in_order(pks)] == slugs
    Event.objects.filter(slug=slugs[0]).update(published=False)
    assert [e.slug for e in selectors.events_in_order(pks)] == slugs[1:]

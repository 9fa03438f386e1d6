"""The writes: each service does one change to the record, whole or not at all."""

from __future__ import annotations

import pytest

from timeline import interchange, services
from timeline.models import Event

from .conftest import make_event


def test_publishing_changes_only_the_drafts_and_says_which(russia):
    draft = make_event(russia, published=False)
    public = make_event(russia, published=True)
    changed = services.events_publish(events=Event.objects.all(), published=True)
    assert [event.pk for event in changed] == [draft.pk]
    assert set(Event.objects.values_list("published", flat=True)) == {True}
    assert services.events_publish(events=Event.objects.filter(pk=public.pk), published=False)[0].pk == public.pk
    assert not Event.objects.get(pk=public.pk).published


def test_seeding_twice_changes_nothing(db):
    first = services.events_seed()
    again = services.events_seed()
    assert len(first.created) == Event.objects.count() > 30
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, Event.objects.count())


def one_event_file(russia, **changes) -> interchange.ParsedFile:
    """A file of one new event, as an export writes it."""
    record = interchange.event_to_record(make_event(russia, slug="new-one", title="New one", sources=0))
    Event.objects.all().delete()
    return interchange.parse_payload({"schema": interchange.SCHEMA, "events": [record | changes]})


def test_an_import_dry_run_is_the_import_rolled_back(russia):
    parsed = one_event_file(russia)
    preview = services.events_import(parsed=parsed, dry_run=True)
    assert preview.created == ["new-one"]
    assert not Event.objects.filter(slug="new-one").exists()
    services.events_import(parsed=parsed)
    assert Event.objects.get(slug="new-one").title == "New one"


def test_a_refused_import_writes_nothing(russia):
    parsed = one_event_file(russia, start="2999-01-01")
    with pytest.raises(interchange.ImportRejected, match="2100-12-31"):
        services.events_import(parsed=parsed)
    assert not Event.objects.exists()

"""Every rule of Event.clean() and Source.clean(), with the message an editor sees."""

import pytest
from django.core.exceptions import ValidationError

from timeline.models import Effort, Event, Phase, Source

from .conftest import utc


def event(effort, **overrides):
    values = {
        "title": "T",
        "slug": "t",
        "kind": "launch",
        "start": utc(2021, 10, 5),
        "start_precision": "day",
        "summary": "S",
    }
    values.update(overrides)
    return Event(effort=effort, **values)


def errors_of(instance) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as info:
        instance.full_clean()
    return info.value.message_dict


def test_a_valid_span_passes(russia):
    event(
        russia, start=utc(2021, 5, 1), start_precision="month", end=utc(2021, 10, 4), end_precision="day"
    ).full_clean()


def test_end_before_start_is_rejected(russia):
    errors = errors_of(event(russia, end=utc(2021, 10, 1), end_precision="day"))
    assert errors["end"] == ["The end (1 Oct 2021) cannot be before the start (5 Oct 2021)."]


def test_end_inside_a_coarser_start_still_counts_as_before(russia):
    # Start "October 2021", end "1 Sep 2021": before, whatever the day.
    errors = errors_of(
        event(russia, start=utc(2021, 10, 1), start_precision="month", end=utc(2021, 9, 1), end_precision="day")
    )
    assert "cannot be before the start (October 2021)" in errors["end"][0]


@pytest.mark.parametrize(
    ("value", "precision", "message"),
    [
        (utc(2021, 5, 13), "month", "A month-precision date must be the 1st of the month at 00:00 UTC"),
        (utc(2021, 3, 1), "year", "A year-precision date must be 1 January at 00:00 UTC"),
        (utc(2021, 10, 5, 8, 55), "day", "A day-precision date must be 00:00 UTC"),
        (utc(2021, 10, 5, 8, 55, 2), "minute", "A minute-precision date must be a whole minute"),
    ],
)
def test_start_must_match_its_precision(russia, value, precision, message):
    errors = errors_of(event(russia, start=value, start_precision=precision))
    assert errors["start"][0].startswith(message)
    assert "Did you mean" in errors["start"][0]


def test_end_must_match_its_precision(russia):
    errors = errors_of(event(russia, end=utc(2021, 10, 16, 20, 41), end_precision="day"))
    assert errors["end"][0].startswith("A day-precision date must be 00:00 UTC")


def test_end_needs_a_precision(russia):
    errors = errors_of(event(russia, end=utc(2021, 10, 16), end_precision=""))
    assert errors["end_precision"] == ["Give the end's precision (year, month, day or minute)."]


def test_end_precision_needs_an_end(russia):
    errors = errors_of(event(russia, end=None, end_precision="day"))
    assert errors["end"] == ["An end precision was chosen but no end given: add the date or clear it."]


def test_planned_date_needs_a_precision(russia):
    errors = errors_of(event(russia, planned=utc(2021, 10, 17), planned_precision=""))
    assert errors["planned_precision"] == ["Give the planned date's precision (year, month, day or minute)."]


def test_planned_precision_needs_a_planned_date(russia):
    errors = errors_of(event(russia, planned_precision="day"))
    assert "no planned date given" in errors["planned"][0]


def test_planned_date_must_match_its_precision(russia):
    errors = errors_of(event(russia, planned=utc(2021, 10, 17, 4, 36), planned_precision="day"))
    assert errors["planned"][0].startswith("A day-precision date must be 00:00 UTC")


def test_planned_by_needs_a_planned_date(russia):
    errors = errors_of(event(russia, planned_by="Roscosmos"))
    assert errors["planned"] == ["“Planned by” needs a planned date."]


def test_unknown_kind_and_status_are_rejected(russia):
    errors = errors_of(event(russia, kind="picnic", status="maybe"))
    assert "Value 'picnic' is not a valid choice." in errors["kind"]
    assert "Value 'maybe' is not a valid choice." in errors["status"]


def test_effort_colour_must_be_hex(db):
    effort = Effort(name="X", slug="x", country="XX", film_title="F", colour="red")
    with pytest.raises(ValidationError) as info:
        effort.full_clean()
    assert info.value.message_dict["colour"] == ["Give the colour as a six-digit hex code, such as #b3261e."]


def test_phase_cannot_end_before_it_starts(db):
    phase = Phase(name="P", slug="p", start=utc(2021, 5, 1).date(), end=utc(2021, 4, 1).date())
    with pytest.raises(ValidationError) as info:
        phase.full_clean()
    assert info.value.message_dict["end"] == ["The phase cannot end before it starts."]


@pytest.mark.parametrize(
    ("claimed", "precision", "field", "message"),
    [
        (utc(2021, 10, 16), "", "claimed_precision", "Give the claimed date's precision"),
        (None, "day", "claimed", "A claimed-date precision was chosen"),
        (utc(2021, 10, 16, 3), "day", "claimed", "A day-precision date must be 00:00 UTC"),
    ],
)
def test_source_claimed_date_rules(russia, claimed, precision, field, message):
    parent = event(russia)
    parent.save()
    source = Source(
        event=parent, publisher="P", url="https://example.org", claimed=claimed, claimed_precision=precision
    )
    with pytest.raises(ValidationError) as info:
        source.full_clean()
    assert info.value.message_dict[field][0].startswith(message)


def test_planned_differs_compares_date_and_precision(russia):
    same = event(russia, planned=utc(2021, 10, 5), planned_precision="day")
    other = event(russia, planned=utc(2021, 10, 4), planned_precision="day")
    assert not same.planned_differs
    assert other.planned_differs
    assert other.planned_display == "4 Oct 2021"

"""Every rule of the models (Event.clean(), Source.clean(), stored text, links), with the message an editor sees."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from timeline.models import Effort, Event, Phase, Source, Statement

from .conftest import make_event, utc


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


def statement(parent, **overrides) -> Statement:
    values = {"kind": "plan", "date": utc(2021, 10, 17), "date_precision": "day", "publisher": "Roscosmos"}
    values.update(overrides)
    return Statement(event=parent, **values)


def test_a_stated_date_needs_a_precision(russia):
    errors = errors_of(statement(event(russia), date_precision=""))
    assert errors["date_precision"] == ["Give the stated date's precision (year, month, day or minute)."]


def test_a_stated_precision_needs_a_date(russia):
    errors = errors_of(statement(event(russia), kind="postponement", date=None))
    assert "no stated date given" in errors["date"][0]


def test_a_stated_date_must_match_its_precision(russia):
    errors = errors_of(statement(event(russia), date=utc(2021, 10, 17, 4, 36)))
    assert errors["date"][0].startswith("A day-precision date must be 00:00 UTC")


def test_a_publication_date_must_match_its_precision(russia):
    errors = errors_of(statement(event(russia), announced=utc(2021, 4, 25, 3), announced_precision="day"))
    assert errors["announced"][0].startswith("A day-precision date must be 00:00 UTC")


def test_a_plan_needs_its_date_and_a_cancellation_has_none(russia):
    assert errors_of(statement(event(russia), date=None, date_precision=""))["date"] == [
        "A plan or forecast needs the date it gave."
    ]
    cancelled = errors_of(statement(event(russia), kind="cancellation"))
    assert cancelled["date"] == ["A cancellation gives no date: clear it (a new date is a revision)."]
    statement(event(russia), kind="cancellation", date=None, date_precision="").full_clean(exclude=["event"])
    statement(event(russia), kind="postponement", date=None, date_precision="").full_clean(exclude=["event"])


def test_a_statement_is_about_an_event_or_a_sides_milestone(russia):
    alone = Statement(kind="plan", date=utc(2021, 10, 17), date_precision="day", publisher="P")
    assert "Say which event it is about" in errors_of(alone)["milestone"][0]
    Statement(
        effort=russia, milestone="launch", kind="plan", date=utc(2021, 10, 5), date_precision="day", publisher="P"
    ).full_clean()
    both = statement(event(russia), effort=russia, milestone="launch")
    assert "takes its side and milestone from it" in errors_of(both)["milestone"][0]


def test_a_statement_cannot_be_published_in_the_future(russia):
    from django.utils import timezone

    tomorrow = (timezone.now() + dt.timedelta(days=2)).replace(hour=0, minute=0, second=0, microsecond=0)
    errors = errors_of(statement(event(russia), announced=tomorrow, announced_precision="day"))
    assert errors["announced"] == ["The publication date is still to come: a statement is recorded once it is public."]


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


def test_plan_summary_compares_the_plan_that_stood_with_the_record(russia):
    parent = event(russia)
    parent.save()
    assert parent.plan_summary() == ""
    Statement.objects.create(
        event=parent, kind="plan", date=utc(2021, 10, 4), date_precision="day", publisher="Roscosmos",
        announced=utc(2021, 5, 13), announced_precision="day",
    )  # fmt: skip
    assert parent.plan_summary() == "4 Oct 2021 (Roscosmos, 13 May 2021)"
    assert parent.plan_summary(utc(2021, 5, 13)) == ""  # not public before the end of 13 May
    Statement.objects.create(
        event=parent, kind="revision", date=utc(2021, 10, 5), date_precision="day", publisher="Roscosmos",
        announced=utc(2021, 8, 10), announced_precision="day",
    )  # fmt: skip
    assert parent.plan_summary() == ""  # the revision stands, and it matches the record


# --- stored text: control characters out, on save and before validation ---------


def text_fields(model) -> list[str]:
    """The free-text fields (a choice with a control character in it is no valid choice anyway;
    a derived field such as the search text is nobody's to write)."""
    return [
        f.attname
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices and f.editable
    ]


def test_a_vertical_tab_saved_from_a_shell_is_stored_without_it_and_the_feed_stays_up(client, russia):
    # Word's Shift+Enter is a vertical tab; XML cannot hold one.
    created = make_event(russia, title="Crew\x0b announced", summary="First line\r\nsecond\x00 line")
    stored = Event.objects.get(pk=created.pk)
    assert stored.title == "Crew announced"
    assert stored.summary == "First line\nsecond line"
    feed = client.get("/feed/")
    assert feed.status_code == 200
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.findtext(f"{atom}title") for entry in ET.fromstring(feed.content).iter(f"{atom}entry")]
    assert any("Crew announced" in title for title in titles)


@pytest.mark.parametrize("model", [Effort, Phase, Event, Source])
def test_every_text_field_of_every_model_is_cleaned_on_save(russia, model):
    instance = {
        Effort: lambda: Effort(name="N", slug="n", country="NL", film_title="F", colour="#1d4ed8"),
        Phase: lambda: Phase(name="P", slug="p", start=utc(2021, 1, 1).date(), end=utc(2021, 2, 1).date()),
        Event: lambda: event(russia),
        Source: lambda: Source(event=make_event(russia, sources=0), publisher="P"),
    }[model]()
    dirty = {name: f"{getattr(instance, name) or 'x'}\x0b\ufffe" for name in text_fields(model)}
    for name, value in dirty.items():
        setattr(instance, name, value)
    instance.save()
    stored = model.objects.values(*dirty).get(pk=instance.pk)
    assert stored == {name: value.removesuffix("\x0b\ufffe") for name, value in dirty.items()}


def test_validation_sees_the_cleaned_text_so_the_length_limit_counts_what_is_stored(russia):
    title = "x" * 200  # the most a title may hold
    instance = event(russia, title=title[:50] + "\x07" + title[50:], summary="a\rb")
    instance.full_clean()
    assert (instance.title, instance.summary) == (title, "a\nb")
    instance.title += "y"
    assert "Ensure this value has at most 200 characters (it has 201)." in errors_of(instance)["title"]


# --- source links: http and https only ---------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "Give a web address starting with http:// or https:// (not javascript:)."),
        ("JavaScript:alert(1)", "Give a web address starting with http:// or https:// (not JavaScript:)."),
        ("ftp://ftp.example.org/launch.txt", "Give a web address starting with http:// or https:// (not ftp:)."),
        (
            "data:text/html,<script>alert(1)</script>",
            "Give a web address starting with http:// or https:// (not data:).",
        ),
        ("not a link", "Enter a valid URL."),
    ],
)
def test_a_source_link_must_be_http_or_https(russia, url, message):
    parent = event(russia)
    parent.save()
    errors = errors_of(Source(event=parent, publisher="P", url=url))
    assert errors["url"] == [message]


@pytest.mark.parametrize("url", ["https://tass.com/science/1345787", "http://example.org/", ""])
def test_web_links_and_no_link_are_accepted(russia, url):
    parent = event(russia)
    parent.save()
    Source(event=parent, publisher="P", url=url).full_clean()


# --- "happened" cannot lie in the future -------------------------------------------


def test_a_happened_event_dated_in_the_future_is_refused_naming_the_field(russia):
    premiere = event(russia, kind="premiere", status="happened", start=utc(2099, 6, 1), start_precision="month")
    errors = errors_of(premiere)
    assert errors == {
        "status": [
            "The status cannot be “happened”: the start (June 2099) is still to come. "
            "Choose “planned”, or correct the start."
        ]
    }


def test_the_same_event_planned_is_accepted(russia):
    event(russia, kind="premiere", status="planned", start=utc(2099, 6, 1), start_precision="month").full_clean()


@pytest.mark.parametrize(
    ("hours_from_now", "precision", "refused"),
    [
        # A start at the minute: refused while it is still to come, accepted once it has begun.
        (3, "minute", True),
        (-3, "minute", False),
        # A coarse start counts from its first instant: this month, this year have begun.
        (0, "month", False),
        (0, "year", False),
        (400 * 24, "year", True),
    ],
)
def test_happened_is_judged_by_when_the_start_begins(russia, hours_from_now, precision, refused):
    import datetime as dt

    from django.utils import timezone

    from timeline.precision import truncate

    start = truncate(timezone.now() + dt.timedelta(hours=hours_from_now), precision)
    candidate = event(russia, status="happened", start=start, start_precision=precision)
    if refused:
        assert "status" in errors_of(candidate)
    else:
        candidate.full_clean()


def test_a_start_with_its_own_error_gets_only_that_message(russia):
    candidate = event(russia, status="happened", start=utc(2099, 6, 2), start_precision="month")
    assert list(errors_of(candidate)) == ["start"]


def test_a_start_past_the_accepted_range_gets_only_the_range_message(russia):
    candidate = event(russia, status="happened", start=utc(2101, 1, 1), start_precision="year")
    assert list(errors_of(candidate)) == ["start"]

"""The statement model: what was said about an event, or about a side's
milestone with no event yet, and the day it became public.

It lives beside `timeline.models` (which imports it, so Django finds it
there as `timeline.models.Statement`) to keep the model file readable.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from . import asof
from . import precision as prec
from .model_fields import CleanTextModel, InDateRange, WebURLField, in_accepted_range
from .model_history import recorded_history
from .models import PRECISION_CHOICES, Effort, Event, date_at_precision_problems


class Statement(CleanTextModel):
    """A plan, a forecast, a revision, a postponement, a cancellation or another
    source's date, with the day it became public (`timeline.asof`: the race
    and every page "as of a day" use only what had been published by then).

    About an event, or, while no event exists yet, about a milestone of a
    side ("Russia's launch").  A later statement supersedes an earlier one;
    a claim is shown beside the plan, never instead of it."""

    Kind = models.TextChoices("Kind", [(value.upper(), (value, label)) for value, label in asof.KINDS])

    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        related_name="statements",
        null=True,
        blank=True,
        help_text="The event it is about.",
    )
    effort = models.ForeignKey(
        Effort,
        on_delete=models.CASCADE,
        related_name="statements",
        null=True,
        blank=True,
        verbose_name="side",
        help_text="Only while no event exists yet: the side whose milestone it is about.",
    )
    milestone = models.CharField(
        max_length=20,
        choices=Event.Kind.choices,
        blank=True,
        help_text="Only while no event exists yet: which milestone of the side (launch, return, premiere…).",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.PLAN)
    date = models.DateTimeField(
        null=True,
        blank=True,
        validators=[InDateRange("stated date")],
        help_text="The date it gave (UTC, at its precision); none for a cancellation "
        "or a postponement with no new date.",
    )
    date_precision = models.CharField(max_length=6, choices=PRECISION_CHOICES, blank=True)
    approximate = models.BooleanField(
        default=False, help_text="The source gave the time as approximate (“about 10 a.m. EDT”)."
    )
    wording = models.CharField(
        max_length=300, blank=True, help_text="What it said, in its own words: “Oct. 16 (Oct. 17 Kazakhstan time)”."
    )
    announced = models.DateTimeField(
        null=True,
        blank=True,
        validators=[InDateRange("publication date")],
        help_text="When it became public (UTC, at its precision).  Without it, the statement counts "
        "in the race of a day only once the event itself is over.",
    )
    announced_precision = models.CharField(max_length=6, choices=PRECISION_CHOICES, blank=True)
    publisher = models.CharField(max_length=200, help_text="Who said it, or who reported it: “Roscosmos via TASS”.")
    url = WebURLField(max_length=500, blank=True, help_text="An http(s) address of where it was said.")
    title = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Their order on the page; of two published the same day, the later in this order stands."
    )

    history = recorded_history()

    class Meta:
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["effort", "milestone"])]

    def __str__(self) -> str:
        said = self.said()
        what = said.date_text or self.get_kind_display().lower()
        return f"{self.publisher}: {what}" + (f" ({said.announced_text})" if said.announced_text else "")

    def said(self) -> asof.Said:
        """This statement as the plain value `timeline.asof` reads."""
        return asof.Said(
            kind=self.kind,
            publisher=self.publisher,
            date=self.date,
            precision=self.date_precision,
            announced=self.announced,
            announced_precision=self.announced_precision,
            approximate=self.approximate,
            wording=self.wording,
            url=self.url,
            title=self.title,
            order=self.order,
            pk=self.pk or 0,
        )

    def clean_fields(self, exclude=None) -> None:
        """A plan, a revision or a claim needs its date: said here, where a
        date a form already refused is left out (`exclude`), so the editor
        reads why the date was refused, not that it is missing."""
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        refused = set(exclude or ()) | set(errors)
        if self.kind in asof.DATED_KINDS and self.date is None and not {"date", "kind"} & refused:
            errors.setdefault("date", []).append(f"A {self.get_kind_display().lower()} needs the date it gave.")
        if errors:
            raise ValidationError(errors)

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        for field, label in (("date", "stated date"), ("announced", "publication date")):
            for name, message in date_at_precision_problems(self, field, label):
                add(name, message)
        about_event = self.event_id is not None or (Statement.event.is_cached(self) and self.event is not None)
        about_side = self.effort_id is not None or (Statement.effort.is_cached(self) and self.effort is not None)
        if not about_event and not (about_side and self.milestone):
            add("milestone", "Say which event it is about, or, while there is none yet, the side and its milestone.")
        elif about_event and (about_side or self.milestone):
            add("milestone", "A statement about an event takes its side and milestone from it: clear them.")
        if self.kind in asof.UNDATED_KINDS and self.date is not None:
            add("date", "A cancellation gives no date: clear it (a new date is a revision).")
        announced_ok = self.announced and self.announced_precision and "announced" not in errors
        if announced_ok and in_accepted_range(self.announced):
            begins, _ = prec.covered_interval(self.announced, self.announced_precision)
            if begins > timezone.now():
                add("announced", "The publication date is still to come: a statement is recorded once it is public.")
        if errors:
            raise ValidationError(errors)

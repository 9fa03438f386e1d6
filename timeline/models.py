"""The domain: two efforts racing, their dated events, sources and phases.

Every rule a stored value must keep lives here, on the fields and in
`clean()`, so admin, import and any later path refuse the same values:

- every date lies in the one accepted range (`timeline.bounds`), so no page
  has to compute with a year 21 typed for 2021, or with the year 9999;
- every text field is cleaned on save and before validation
  (`timeline.text.clean_text`), so no control character reaches the feed;
- a source's link is http or https (`timeline.links`), so none is a script.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import pgettext

from . import asof, search, vocabulary
from . import precision as prec
from .colours import GOOD_LANE_CONTRAST, MIN_LANE_CONTRAST, WHITE, contrast_ratio
from .model_fields import (  # noqa: F401  (InDateRange, WebURLField: named by migrations)
    CleanTextModel,
    InDateRange,
    WebURLField,
    in_accepted_range,
)
from .model_history import recorded_history
from .precision import Precision

PRECISION_CHOICES = [(p.value, p.label) for p in Precision]

colour_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Give the colour as a six-digit hex code, such as #b3261e.")


class Effort(CleanTextModel):
    """One side of the race."""

    name = models.CharField(max_length=100, unique=True, help_text="Shown as the lane label, e.g. “Russia”.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in URLs: ?side=russia")
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. RU.")
    film_title = models.CharField(max_length=200)
    organisations = models.TextField(blank=True, help_text="One organisation per line.")
    colour = models.CharField(
        max_length=7,
        validators=[colour_validator],
        help_text="Lane colour; keep a contrast of 4.5:1 or more against white.",
    )
    order = models.PositiveSmallIntegerField(default=0, help_text="Lane order, top first.")

    history = recorded_history()

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_list(self) -> list[str]:
        return [line.strip() for line in self.organisations.splitlines() if line.strip()]

    def clean(self) -> None:
        # The lane colour marks points and swatches on white: too pale, and they vanish.
        if self.colour and colour_validator.regex.fullmatch(self.colour):
            ratio = contrast_ratio(self.colour, WHITE)
            if ratio < MIN_LANE_CONTRAST:
                raise ValidationError(
                    {
                        "colour": (
                            f"{self.colour} is too pale on the white page: its contrast is {ratio:.1f}:1, "
                            f"at least {MIN_LANE_CONTRAST:g}:1 is needed ({GOOD_LANE_CONTRAST:g}:1 or more is better). "
                            "Choose a darker colour."
                        )
                    }
                )


class Phase(CleanTextModel):
    """A named era shaded behind the chart."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    start = models.DateField(validators=[InDateRange("start")])
    end = models.DateField(validators=[InDateRange("end")])
    order = models.PositiveSmallIntegerField(default=0)

    history = recorded_history()

    class Meta:
        ordering = ["start", "order"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": "The phase cannot end before it starts."})


class EventQuerySet(models.QuerySet):
    def published(self) -> EventQuerySet:
        return self.filter(published=True)


CHART_LABEL_MAX_LENGTH = 40  # a label must fit beside its marker on a phone


class Event(CleanTextModel):
    # Both from the vocabulary (timeline/vocabulary.py), kinds in race order.
    Kind = models.TextChoices("Kind", [(kind.value.upper(), (kind.value, kind.label)) for kind in vocabulary.KINDS])
    Status = models.TextChoices("Status", [(s.value.upper(), (s.value, s.label)) for s in vocabulary.STATUSES])

    effort = models.ForeignKey(Effort, on_delete=models.PROTECT, related_name="events", verbose_name="side")
    title = models.CharField(max_length=200)
    chart_label = models.CharField(
        max_length=CHART_LABEL_MAX_LENGTH,
        blank=True,
        help_text="A few words written next to the event on the chart (e.g. “Launch”, “Back on Earth”). "
        "Blank: the kind, such as “Launch”. The chart shows the key milestones' labels where they fit.",
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the event's URL: /events/<slug>/")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.HAPPENED)

    start = models.DateTimeField(
        validators=[InDateRange("start")],
        help_text="UTC. At year/month/day precision, the first instant of that period.",
    )
    start_precision = models.CharField(max_length=6, choices=PRECISION_CHOICES, default=Precision.DAY)
    end = models.DateTimeField(
        null=True, blank=True, validators=[InDateRange("end")], help_text="Only for spans (days in orbit, training)."
    )
    end_precision = models.CharField(max_length=6, choices=PRECISION_CHOICES, blank=True)

    place = models.CharField(max_length=200, blank=True)
    people = models.TextField(blank=True, help_text="One person per line, with their role in brackets.")
    summary = models.TextField()
    notes = models.TextField(
        blank=True,
        help_text="For readers, shown on the event's page: where the sources disagree, and what is unconfirmed.",
    )
    internal_notes = models.TextField(
        blank=True,
        help_text="For editors only (research notes, leads, doubts): never shown on the site, in a feed or an export.",
    )

    image = models.ImageField(upload_to="events/", blank=True)
    image_alt = models.CharField(max_length=300, blank=True, help_text="What the image shows, for screen readers.")
    image_caption = models.CharField(max_length=300, blank=True)
    image_credit = models.CharField(max_length=200, blank=True)

    covers_until = models.DateTimeField(
        editable=False, null=True, help_text="End of the interval the event covers at its precision (derived)."
    )
    search_text = models.TextField(
        editable=False, blank=True, default="", help_text="What the search reads, in every language (derived)."
    )

    published = models.BooleanField(default=False, help_text="Drafts are visible only in admin.")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()
    history = recorded_history(excluded=("updated", "covers_until"))

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["published", "start"]),
            models.Index(fields=["effort", "kind"]),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.covers_until = self.compute_covers_until()
        self.clean_text_fields()  # searched as stored
        self.search_text = search.search_text(search.searched_values(self))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "covers_until", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("timeline:event", kwargs={"slug": self.slug})

    def compute_covers_until(self):
        """The end of what this event covers: a month-precision event covers the whole month."""
        if self.end and self.end_precision:
            return prec.covered_interval(self.end, self.end_precision)[1]
        if self.start and self.start_precision:
            return prec.covered_interval(self.start, self.start_precision)[1]
        return self.start

    # Display helpers: plain values of this row only, never across a relation.
    @property
    def date_display(self) -> str:
        return prec.format_span(self.start, self.start_precision, self.end, self.end_precision or None)

    @property
    def start_display(self) -> str:
        return prec.format_date(self.start, self.start_precision)

    @property
    def people_list(self) -> list[str]:
        return [line.strip() for line in self.people.splitlines() if line.strip()]

    # What was said of it, as of a cut-off (`timeline.asof`); `statements` should be prefetched.
    def is_over_by(self, cutoff) -> bool:
        """Whether the whole period its start covers had passed by `cutoff` (None: always)."""
        return cutoff is None or prec.covered_interval(self.start, self.start_precision)[1] <= prec.as_utc(cutoff)

    def standing(self, cutoff=None) -> asof.Standing:
        """The plan that stood at `cutoff` (None: everything recorded), and the claims beside it."""
        said = [statement.said() for statement in self.statements.all()]
        return asof.standing_at(said, cutoff, self.is_over_by(cutoff))

    def plan_summary(self, cutoff=None) -> str:
        """ "5 Oct 2021 (Roscosmos, 13 May 2021)" when the plan that stood
        differs from the record, "planned Oct 2021, cancelled (…)" when it was
        withdrawn; "" otherwise."""
        standing = self.standing(cutoff)
        plan = standing.plan
        if plan is None:
            return ""
        if not standing.withdrawn and (prec.as_utc(plan.date), plan.precision) == (
            prec.as_utc(self.start),
            self.start_precision,
        ):
            return ""
        return pgettext("a plan (who said it)", "%(date)s (%(by)s)") % {
            "date": plan.date_text,
            "by": standing.attribution,
        }

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}

        def add(field: str, message: str) -> None:
            errors.setdefault(field, []).append(message)

        for field, label in (("start", "start"), ("end", "end")):
            for name, message in date_at_precision_problems(self, field, label, required=field == "start"):
                add(name, message)

        if self.start and self.end and self.start_precision and self.end_precision:
            start_from, _ = prec.covered_interval(self.start, self.start_precision)
            _, end_until = prec.covered_interval(self.end, self.end_precision)
            if self.end < self.start or end_until <= start_from:
                add(
                    "end",
                    f"The end ({prec.format_date(self.end, self.end_precision)}) cannot be before "
                    f"the start ({prec.format_date(self.start, self.start_precision)}).",
                )
        start_ok = self.start and self.start_precision and not {"start", "start_precision"} & errors.keys()
        if start_ok and self.status == self.Status.HAPPENED and in_accepted_range(self.start):
            # What has not begun cannot have happened: the race and the calendars would call it done.
            begins, _ = prec.covered_interval(self.start, self.start_precision)
            if begins > timezone.now():
                start = prec.format_date(self.start, self.start_precision)
                add(
                    "status",
                    f"The status cannot be “happened”: the start ({start}) is still to come. "
                    "Choose “planned”, or correct the start.",
                )
        if errors:
            raise ValidationError(errors)


class Source(CleanTextModel):
    """Where a fact comes from.  What a source said a date would be (or was,
    where it differs from the record) is a `Statement`, with the day it said it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sources")
    url = WebURLField(
        max_length=500, blank=True, help_text="An http(s) address; leave empty only for a source with no public copy."
    )
    publisher = models.CharField(max_length=200)
    title = models.CharField(max_length=300, blank=True)
    published = models.DateField(null=True, blank=True, validators=[InDateRange("publication date")])
    order = models.PositiveSmallIntegerField(default=0)

    history = recorded_history()

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title}" if self.title else self.publisher


def date_at_precision_problems(instance, field: str, label: str, *, required: bool = False) -> list[tuple[str, str]]:
    """A date and its precision field agree: both or neither, and the date
    is the first instant of its period ("2021-10-01" for "Oct 2021")."""
    value = getattr(instance, field)
    precision = getattr(instance, f"{field}_precision")
    if value is not None and not precision:
        return [(f"{field}_precision", f"Give the {label}'s precision (year, month, day or minute).")]
    if value is None and precision and not required:
        article = "An" if label[0] in "aeiou" else "A"
        return [(field, f"{article} {label} precision was chosen but no {label} given: add the date or clear it.")]
    if value is not None and precision and not prec.is_consistent(value, precision):
        return [(field, prec.consistency_message(value, precision))]
    return []


class Correction(models.Model):
    """A correction readers are told of: a published event's date, title or
    status changed, and why (the newsroom's "Corrected on <date>: <note>")."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="corrections")
    date = models.DateField(default=timezone.localdate, help_text="The day the correction was made.")
    note = models.CharField(max_length=500, help_text="What was wrong, in a sentence for readers.")

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"Corrected on {self.date:%d %b %Y}: {self.note}"


class ChangeSet(models.Model):
    """The history rows one action wrote (an import, or the undoing of one),
    so the action can be undone as a whole (`timeline.history`)."""

    class Kind(models.TextChoices):
        IMPORT = "import", "Import"
        UNDO = "undo", "Undo"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(max_length=300, blank=True, help_text="What was done, e.g. the file imported.")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(default=timezone.now)
    undone_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="undoes", editable=False
    )

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = "change set"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.created:%d %b %Y %H:%M}" + (f": {self.label}" if self.label else "")


class DataVersion(models.Model):
    """One row that changes whenever anything the public pages show changes.

    Every transaction that saves or deletes an Effort, Event, Source or Phase
    (admin, import, seed) gives it a new random token once, after it commits
    (`timeline.signals`); bulk writes that bypass signals call
    `timeline.caching.bump_data_version()` themselves.  Pages derive their
    ETag and cache keys from it, so every worker on every host sees a change
    the moment it is committed."""

    token = models.CharField(max_length=32)
    changed = models.DateTimeField()

    class Meta:
        verbose_name = "data version"

    def __str__(self) -> str:
        return f"{self.token} ({self.changed:%Y-%m-%d %H:%M:%S})"


# Statements have a module of their own (the model file stays readable); Django
# finds the model through this import.
from .statement_model import Statement  # noqa: E402, F401

"""One ModelForm for each kind of record in a file: side, phase, event, source.

Each form reads a JSON-shaped record with the strict fields of `fields.py`,
chosen from the model field's type, then runs the model's own rules on the
result (`Model.full_clean`, as admin does), so the import refuses exactly
what the model refuses.  `form_problems` turns `form.errors` into the located
problems an editor reads.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from ..models import Effort, Event, Phase, Source, Statement
from .fields import Code, FromDate, IsoDate, Lines, Nested, PrecisionDate, Text, Truth, Vocabulary, WholeNumber
from .problems import Problem
from .schema import EFFORT_FIELDS, EFFORT_TRANSLATIONS, EVENT_TRANSLATIONS, PHASE_FIELDS, PHASE_TRANSLATIONS

PORTABLE_RANGES = BaseDatabaseOperations.integer_field_ranges
NO_SIDES_YET = "none yet: import the sides first (JSON “efforts”) or add them in admin"

# The strict field for each type of model field, most specific first.
_FIELD_CLASSES = [
    (models.DateTimeField, PrecisionDate),
    (models.DateField, IsoDate),
    (models.BooleanField, Truth),
    (models.IntegerField, WholeNumber),
    (models.CharField, Text),
    (models.TextField, Text),
]


def record_formfield(model_field, **kwargs):
    """The form field that reads `model_field` from a record.  An empty
    required value reads as the model says it ("This field cannot be blank.")."""
    messages = {"required": model_field.error_messages["blank"], **(kwargs.pop("error_messages", None) or {})}
    if model_field.name.endswith("_precision"):
        return FromDate()
    if model_field.choices:
        default = model_field.get_default() if model_field.has_default() else ""
        return Vocabulary(
            choices=model_field.choices,
            noun=model_field.name,
            default=default,
            required=not (model_field.blank or default),
            error_messages=messages,
        )
    form_class = kwargs.pop("form_class", None)
    form_class = form_class or next(cls for base, cls in _FIELD_CLASSES if isinstance(model_field, base))
    if isinstance(model_field, models.IntegerField):
        # The range every database holds (SQLite alone would take any 64-bit
        # number): a file that imports here imports on PostgreSQL too.
        kwargs["min_value"], kwargs["max_value"] = PORTABLE_RANGES[model_field.get_internal_type()]
    return model_field.formfield(form_class=form_class, error_messages=messages, **kwargs)


class _SharedFields(dict):
    """A form class's fields, shared by all its forms instead of copied for each.

    Django copies every field (and its widget) for each form so that a page
    may change them while it renders.  A record form is never rendered and
    none of its fields changes once built, and a file holds up to 10,000
    rows, each read by three or more forms: copying would cost more than the
    validation itself."""

    def __deepcopy__(self, memo):
        return dict(self)


def shared_fields(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    form_class.base_fields = _SharedFields(form_class.base_fields)
    return form_class


class RecordForm(forms.ModelForm):
    """A record's values, validated by its model's rules."""

    class Meta:  # each form's Meta inherits this one
        formfield_callback = record_formfield

    def clean(self):
        """Each date at a precision fills in its model field and that field's precision."""
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, PrecisionDate) and name in data:
                data[name], data[f"{name}_precision"] = data[name] or (None, "")
        return data

    def add_error(self, field, error):
        """A model rule about a field the form does not carry is reported for
        the whole record (Django would refuse the unknown field name)."""
        if field is None and hasattr(error, "error_dict"):
            for name in [name for name in error.error_dict if name != NON_FIELD_ERRORS and name not in self.fields]:
                error.error_dict.setdefault(NON_FIELD_ERRORS, []).extend(error.error_dict.pop(name))
        super().add_error(field, error)


@shared_fields
class EffortForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Effort
        fields = EFFORT_FIELDS + EFFORT_TRANSLATIONS
        field_classes = {"slug": Code, "country": Code, "colour": Code, "organisations": Lines}


@shared_fields
class PhaseForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Phase
        fields = PHASE_FIELDS + PHASE_TRANSLATIONS
        field_classes = {"slug": Code}


@shared_fields
class EventForm(RecordForm):
    """An event record; its sources and statements are read by SourceForm
    and StatementForm, one each."""

    effort = Code(required=False)  # a side's slug: see clean_effort
    image = Nested(dict, error_messages={"invalid": "expected an object {url, alt, caption, credit} or null."})
    sources = Nested(list, error_messages={"invalid": "sources must be a list."})
    statements = Nested(list, error_messages={"invalid": "statements must be a list."})

    class Meta(RecordForm.Meta):
        model = Event
        fields = [
            "slug", "title", "kind", "status", "start", "start_precision", "end", "end_precision",
            "place", "people", "summary", "notes", "internal_notes", "image_alt", "image_caption", "image_credit",
            "published", *EVENT_TRANSLATIONS,
        ]  # fmt: skip
        field_classes = {"slug": Code, "people": Lines, "people_ru": Lines}
        error_messages = {
            "slug": {"required": "a slug is required."},
            "start": {"required": "a start date is required (2020, 2020-05, 2020-05-04 or 2021-10-05T08:55Z)."},
        }

    field_order = ["slug", "effort", "title", "kind", "status", "start", "end", "image", "sources", "statements"]

    def __init__(self, record: dict, *, sides: dict[str, Effort]):
        image = record.get("image")
        details = image if isinstance(image, dict) else {}
        data = {**record, **{f"image_{name}": details.get(name) for name in ("alt", "caption", "credit")}}
        super().__init__(data, instance=Event())
        self.sides = sides  # those in the database and those the file itself brings (not saved yet)
        # The Russian texts the record gives; the others keep what is stored (writing._save_event).
        self.instance.translations_given = frozenset(name for name in EVENT_TRANSLATIONS if name in record)

    def clean_effort(self):
        slug = self.cleaned_data["effort"]
        known = ", ".join(sorted(self.sides)) or NO_SIDES_YET
        if not slug:
            raise forms.ValidationError(f"a side is required (known: {known}).", code="required")
        if slug not in self.sides:
            raise forms.ValidationError(f"unknown side “{slug[:40]}” (known: {known}).", code="invalid_choice")
        return self.sides[slug]

    def clean(self):
        data = super().clean()
        if data.get("effort") is not None:
            self.instance.effort = data["effort"]  # a side the file brings is saved before its events
        return data

    def validate_unique(self):
        """Not needed: a row whose slug exists updates that event, and the
        importer refuses a slug repeated within the file."""


@shared_fields
class SourceForm(RecordForm):
    class Meta(RecordForm.Meta):
        model = Source
        fields = ["url", "publisher", "title", "published"]
        field_classes = {"url": Code}

    def __init__(self, record: dict, *, order: int):
        super().__init__(record, instance=Source(order=order))

    def validate_unique(self):
        """Not needed: a source has no unique field, and its event is new or replaced."""


@shared_fields
class StatementForm(RecordForm):
    """A statement of an event record: about the event the record holds
    (saved with it), so it names no event, side or milestone itself."""

    class Meta(RecordForm.Meta):
        model = Statement
        fields = [
            "kind", "date", "date_precision", "approximate", "wording",
            "announced", "announced_precision", "publisher", "url", "title",
        ]  # fmt: skip
        field_classes = {"url": Code}
        error_messages = {"publisher": {"required": "say who made the statement (publisher)."}}

    def __init__(self, record: dict, *, order: int):
        super().__init__(record, instance=Statement(order=order, event=Event()))

    def validate_unique(self):
        """Not needed: a statement has no unique field, and its event is new or replaced."""


def form_problems(form: forms.BaseForm, row: int | None, column_of: Callable[[str], str]) -> list[Problem]:
    """`form.errors` as located problems; a precision's problem is its date's."""
    return [
        Problem(row, "" if name == NON_FIELD_ERRORS else column_of(name.removesuffix("_precision")), message)
        for name, messages in form.errors.items()
        for message in messages
    ]


@shared_fields
class SideStatementForm(RecordForm):
    """A side's statement about a milestone no event stands for yet."""

    effort = Code(required=False)  # a side's slug, as an event's

    class Meta(RecordForm.Meta):
        model = Statement
        fields = [
            "milestone", "kind", "date", "date_precision", "approximate", "wording",
            "announced", "announced_precision", "publisher", "url", "title",
        ]  # fmt: skip
        field_classes = {"url": Code}
        error_messages = {"publisher": {"required": "say who made the statement (publisher)."}}

    def __init__(self, record: dict, *, order: int, sides: dict[str, Effort]):
        super().__init__(record, instance=Statement(order=order))
        self.sides = sides

    def clean_effort(self):
        slug = self.cleaned_data["effort"]
        known = ", ".join(sorted(self.sides)) or NO_SIDES_YET
        if slug not in self.sides:
            raise forms.ValidationError(f"unknown side “{slug[:40]}” (known: {known}).", code="invalid_choice")
        return self.sides[slug]

    def clean(self):
        data = super().clean()
        # A side the file names but that is unknown is reported once, as the side's (a stand-in keeps
        # the model from saying the statement is about nothing).
        self.instance.effort = data["effort"] if data.get("effort") is not None else Effort()
        return data

    def validate_unique(self):
        """Not needed: a statement has no unique field."""

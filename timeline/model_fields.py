"""The building blocks every model shares: the date-range validator, the
web-link field and the clean-text base.

They are re-exported by `timeline.models`, the path migrations name them by.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.deconstruct import deconstructible

from . import precision as prec
from .bounds import DATE_MAX, DATE_MIN, in_range
from .links import ALLOWED_URL_SCHEMES
from .text import clean_text


@deconstructible(path="timeline.models.InDateRange")  # the path migrations name it by
class InDateRange:
    """Refuses a date or an instant outside the accepted range, naming the field:
    "The start must lie between 1957-10-04 and 2100-12-31 (got 0021-11-03)"."""

    code = "out_of_range"

    def __init__(self, label: str):
        self.label = label

    def __call__(self, value: dt.date | dt.datetime) -> None:
        try:
            inside = in_range(value)
        except (OverflowError, ValueError):  # an instant at the very edge of Python's calendar
            inside = False
        if not inside:
            raise ValidationError(
                "The %(label)s must lie between %(first)s and %(last)s (got %(value)s).",
                code=self.code,
                params={
                    "label": self.label,
                    "first": DATE_MIN.isoformat(),
                    "last": DATE_MAX.isoformat(),
                    "value": _day_text(value),
                },
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, InDateRange) and other.label == self.label


def in_accepted_range(value: dt.date | dt.datetime) -> bool:
    """Whether `value` lies in the accepted range (False at the edges of Python's calendar)."""
    try:
        return in_range(value)
    except (OverflowError, ValueError):
        return False


def _day_text(value: dt.date | dt.datetime) -> str:
    """The day of `value` (in UTC) as 0021-11-03: four-digit years, whatever the platform's strftime."""
    if isinstance(value, dt.datetime):
        with contextlib.suppress(OverflowError):  # an offset past Python's last instant: its own day will do
            value = prec.as_utc(value)
        value = value.date()
    return value.isoformat()


_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")


class WebURLValidator(URLValidator):
    """Django's URL check with http and https only, and a message that says
    so when the address has another scheme (javascript:, ftp:, data:)."""

    def __init__(self):
        super().__init__(schemes=list(ALLOWED_URL_SCHEMES))

    def __call__(self, value) -> None:
        scheme = _SCHEME.match(value) if isinstance(value, str) else None
        if scheme and scheme[1].lower() not in self.schemes:
            raise ValidationError(
                "Give a web address starting with http:// or https:// (not %(scheme)s:).",
                code="scheme",
                params={"scheme": scheme[1]},
            )
        super().__call__(value)


web_url_validator = WebURLValidator()


class WebURLFormField(forms.URLField):
    """The form side of WebURLField: the same check, the same message."""

    default_validators = [web_url_validator]


class WebURLField(models.URLField):
    """A URL field for links readers follow: http and https only, in the
    model and in every form made from it (Django's own URL field also takes
    ftp, and its form says only "Enter a valid URL")."""

    default_validators = [web_url_validator]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": WebURLFormField, **kwargs})

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        return name, "timeline.models.WebURLField", args, kwargs  # the path migrations name it by


class CleanTextModel(models.Model):
    """Cleans every text field (`timeline.text.clean_text`) before validation
    and again on save, so admin's form and an import validate the text as it
    will be stored (a maximum length counts the cleaned text), and a save
    that skipped validation (a shell, a script) stores it clean too.  Bulk
    writes (`bulk_create`, `QuerySet.update`) bypass both; callers validate
    their rows first (import runs `full_clean`)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.clean_text_fields()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None) -> None:
        self.clean_text_fields()
        super().clean_fields(exclude=exclude)

    def clean_text_fields(self) -> None:
        """Each column's own value, read and written past any descriptor: a
        translated field's descriptor (`title`) reads another language's
        text when the current one has none, and writing that back would
        store it as the current language's.  A deferred field is not loaded,
        so it has nothing to clean."""
        values = self.__dict__
        for field in self._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField):
                value = values.get(field.attname)
                if isinstance(value, str):
                    values[field.attname] = clean_text(value)

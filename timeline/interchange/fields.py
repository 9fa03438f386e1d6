"""Form fields that read one value of an interchange record.

A record holds JSON values (a CSV row's are all text, which is also JSON).
Each field takes the JSON types the format gives its value, refuses any
other with a message that says what it expected and what it found (a number
where text belongs, a list where an object does, true where a number does,
1.5 or Infinity for an order), and cleans the value to what the model
stores.  The model's own rules then run on the result (ModelForm), so the
import refuses what admin refuses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from .. import bounds
from .. import precision as prec
from ..text import clean_text
from .json_reader import describe


def wrong_type(expected: str, value: Any) -> ValidationError:
    return ValidationError(f"expected {expected}, not {describe(value)}.", code="wrong_type")


def _outside(text: str) -> ValidationError:
    return ValidationError(f"“{text}” is outside the accepted range, {bounds.range_text()}.", code="out_of_range")


class Text(forms.CharField):
    """Text, or null for none.  Kept exactly as written, so that every string
    survives an export and an import unchanged, and cleaned of control
    characters as the model stores text.  Only where text is required does
    a value of nothing but whitespace count as none, as in admin."""

    def __init__(self, *, strip: bool = False, **kwargs):
        super().__init__(strip=strip, **kwargs)

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise wrong_type("text", value)
        if value is None or (self.required and not value.strip()):
            return self.empty_value
        return super().to_python(clean_text(value))


class Code(Text):
    """A slug, a country or colour code, a URL: spaces around it are dropped.
    What it may hold is the model's rule (its validators run on it)."""

    def __init__(self, *, allow_unicode: bool = False, **kwargs):
        super().__init__(strip=True, **kwargs)


class Lines(Text):
    """One item a line (people, organisations): a list of text, or text."""

    def to_python(self, value):
        if isinstance(value, list):
            for position, item in enumerate(value, start=1):
                if not isinstance(item, str):
                    raise ValidationError(f"expected a list of text; item {position} is {describe(item)}.")
            value = "\n".join(item.strip() for item in value if item.strip())
        elif value is not None and not isinstance(value, str):
            raise wrong_type("a list of text", value)
        return super().to_python(value)


class WholeNumber(forms.IntegerField):
    """A whole number (an order); null or left out is 0, the model's default.
    The model's range (0 to 32,767) is checked by the model's own validators."""

    def to_python(self, value):
        if value is None or value == "":
            return 0
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong_type("a whole number", value)
        return int(value)


class Truth(forms.Field):
    """true or false, and the words a CSV cell may use for them (true/false,
    yes/no, 1/0; empty is false)."""

    WORDS = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False, "": False}

    def to_python(self, value):
        if isinstance(value, bool):
            return value
        if value is None:
            return False
        if not isinstance(value, str):
            raise wrong_type("true or false", value)
        word = value.strip().lower()
        if word not in self.WORDS:
            raise ValidationError(f"“{word[:20]}” is not true or false.", code="invalid")
        return self.WORDS[word]

    def validate(self, value):
        """False is an answer, not a missing value."""


class IsoDate(forms.Field):
    """A plain date, "YYYY-MM-DD", within the accepted range; null or "" for none."""

    def to_python(self, value):
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise wrong_type("a date as text (YYYY-MM-DD)", value)
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValidationError(f"“{value[:40]}” is not a date: write YYYY-MM-DD.", code="invalid") from None
        if not bounds.in_range(day):
            raise _outside(value.strip()[:40])
        return day


class PrecisionDate(forms.Field):
    """A date written only as far as it is known ("2020", "2020-05",
    "2020-05-04", "2021-10-05T08:55Z"), within the accepted range; null or ""
    for none.  Cleans to (first instant, precision): the form stores the
    precision in the model's `<name>_precision` field."""

    def to_python(self, value):
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise wrong_type("a date as text (2020, 2020-05, 2020-05-04 or 2021-10-05T08:55Z)", value)
        try:
            moment, precision = prec.parse_iso(value)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None
        if not bounds.in_range(moment):
            raise _outside(value.strip()[:40])
        return moment, precision.value


class FromDate(forms.CharField):
    """A date's precision: never read from the file, always from its date
    (see PrecisionDate)."""

    def __init__(self):
        super().__init__(required=False)

    def to_python(self, value):
        return ""


class Vocabulary(forms.ChoiceField):
    """One of the model's choices, by its stored value; empty means the model's
    default when it has one (an event's status is "happened" unless said)."""

    def __init__(self, *, noun: str, default: str = "", **kwargs):
        super().__init__(**kwargs)
        self.noun, self.default = noun, default

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise wrong_type("text", value)
        return (value or "").strip() or self.default

    def validate(self, value):
        forms.Field.validate(self, value)
        if value and not self.valid_value(value):
            values = ", ".join(str(key) for key, _ in self.choices)
            raise ValidationError(f"unknown {self.noun} “{value[:40]}”; choose one of {values}.", code="invalid_choice")


class Nested(forms.Field):
    """A nested value of one JSON type (the image's object, the sources' list),
    or null; its parts are read by their own fields and forms."""

    def __init__(self, kind: type, **kwargs):
        super().__init__(required=False, **kwargs)
        self.kind = kind

    def to_python(self, value):
        if value is not None and not isinstance(value, self.kind):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return value

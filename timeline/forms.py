"""The public URL scheme of the timeline's filters, validated server-side.

    ?side=<effort slug>        one side (russia, united-states)
    &kind=<kind>&kind=<kind>   one or more kinds (announcement, launch, ...)
    &from=YYYY-MM-DD           events covering any moment on or after this day
    &to=YYYY-MM-DD             events covering any moment on or before this day
    &q=<text>                  words in the title, summary, people or place

Dates are precision-aware: an event known only as "May 2021" covers the whole
month, so ?from=2021-05-15 keeps it.
"""

from __future__ import annotations

import datetime as dt

from django import forms

from .bounds import DATE_MAX, DATE_MIN
from .filters import TimelineFilter
from .models import Effort, Event

MIN_DATE, MAX_DATE = DATE_MIN, DATE_MAX  # the one accepted range (bounds.py)
MAX_QUERY_LENGTH = 100


class BoundedDateField(forms.DateField):
    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            input_formats=["%Y-%m-%d"],
            error_messages={"invalid": "Enter a date as YYYY-MM-DD (for example 2021-10-05)."},
            widget=forms.DateInput(attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()}),
            **kwargs,
        )

    def validate(self, value):
        super().validate(value)
        if value and not (MIN_DATE <= value <= MAX_DATE):
            raise forms.ValidationError(
                f"Choose a date between {MIN_DATE:%Y-%m-%d} and {MAX_DATE:%Y-%m-%d}.", code="out_of_range"
            )


class EventFilterForm(forms.Form):
    side = forms.ModelChoiceField(
        queryset=Effort.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label="Both sides",
        error_messages={"invalid_choice": "Unknown side: choose one of the sides listed."},
    )
    kind = forms.MultipleChoiceField(
        choices=Event.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Unknown kind “%(value)s”: choose from the kinds listed."},
    )
    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        strip=True,
        label="Search",
        error_messages={"max_length": f"Search for at most {MAX_QUERY_LENGTH} characters."},
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Title, person, place…"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two are added by name.
        self.fields["from"] = BoundedDateField(label="From")
        self.fields["to"] = BoundedDateField(label="To")
        self.order_fields(["side", "kind", "from", "to", "q"])

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and start > end:
            raise forms.ValidationError("“From” must be on or before “To”.", code="reversed_range")
        return data

    def to_filter(self) -> TimelineFilter:
        """The validated filter; call only when is_valid()."""
        data = self.cleaned_data
        side = data.get("side")
        return TimelineFilter(
            side=side.slug if side else None,
            kinds=tuple(data.get("kind") or ()),
            date_from=data.get("from"),
            date_to=data.get("to"),
            q=data.get("q") or "",
        )


class PageForm(forms.Form):
    """?page=N: which page of the timeline's event list (1 when absent; past
    the last page, the last)."""

    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=1_000_000,
        error_messages={
            "invalid": "Give the page as a whole number, such as 2.",
            "min_value": "Pages are numbered from 1.",
            "max_value": "There are not that many pages.",
        },
    )


# --- the race comparison's as-of control ----------------------------------------


class RaceForm(forms.Form):
    """?as_of=YYYY-MM-DD: the race as it stood at the end of that day (UTC).

    Empty or absent means today.  Days after today are refused: the record
    cannot say how the race will stand."""

    as_of = forms.DateField(
        required=False,
        label="As of",
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "Enter the as-of date as YYYY-MM-DD (for example 2021-10-06)."},
    )

    def __init__(self, *args, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["as_of"].widget = forms.DateInput(
            attrs={"type": "date", "min": MIN_DATE.isoformat(), "max": today.isoformat()}
        )

    def clean_as_of(self):
        value = self.cleaned_data.get("as_of")
        if value and value < MIN_DATE:
            raise forms.ValidationError(
                f"Choose an as-of date from {MIN_DATE:%Y-%m-%d} to today ({self.today:%Y-%m-%d}).", code="too_early"
            )
        if value and value > self.today:
            raise forms.ValidationError(
                f"Choose an as-of date up to today ({self.today:%Y-%m-%d}): the race cannot be shown as it will stand.",
                code="future",
            )
        return value

    @property
    def as_of_or_today(self) -> dt.date:
        """The validated day; call only when is_valid()."""
        return self.cleaned_data.get("as_of") or self.today

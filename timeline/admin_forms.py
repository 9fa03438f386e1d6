"""The editors' admin forms: text stored as it will be shown, no lost update,
a time asked for only where the precision needs one, images with alt text,
and the correction note a published event's change needs.

The admin (timeline.admin) builds its forms from these; the public query
forms are in timeline.forms.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.db import models
from django.utils.timezone import get_current_timezone, make_aware

from .conflicts import ConflictGuardMixin
from .corrections import CorrectionNoteForm
from .precision import Precision
from .text import clean_text

SLUG_EXAMPLE = "soyuz-ms-19-launch"


class CleanTextForm(forms.ModelForm):
    """Reads the submitted text through the stored-text rule (timeline.text)
    before any field sees it, so a length limit counts the text as it will be
    stored, and a form shown again with its errors shows that text."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "lists"):
            data = data.copy()
            for key, values in list(data.lists()):
                data.setlist(key, [clean_text(value) for value in values])
        super().__init__(data, *args, **kwargs)


class DateOptionalTimeWidget(admin_widgets.AdminSplitDateTime):
    """The admin's date and time inputs, the time labelled as needed only at
    minute precision (precision-time.js hides it at any other)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["time_label"] = "Time (UTC, at minute precision):"
        return context


class DateOptionalTimeField(forms.SplitDateTimeField):
    """A date with an optional time: no time means 00:00 UTC, the first
    instant of the day, as year, month and day precision store it.  Whether a
    minute-precision date lacks its time is for the form to say
    (PrecisionTimeMixin), which knows the precision."""

    widget = DateOptionalTimeWidget

    def __init__(self, **kwargs):
        label = str(kwargs.get("label") or "date").lower()
        kwargs["require_all_fields"] = False
        kwargs["error_messages"] = {
            "required": f"Give the {label} date (YYYY-MM-DD).",
            "incomplete": f"Give the {label} date (YYYY-MM-DD) as well as the time.",
            **kwargs.get("error_messages", {}),
        }
        super().__init__(**kwargs)
        self.fields[1].required = False

    def compress(self, data_list):
        if not data_list or data_list[0] in self.empty_values:
            return super().compress(data_list)
        day, time = data_list[0], data_list[1] if data_list[1] not in self.empty_values else dt.time()
        return make_aware(dt.datetime.combine(day, time), get_current_timezone())


# For a ModelAdmin's formfield_overrides: every date and time, a date with an optional time.
DATE_OPTIONAL_TIME = {models.DateTimeField: {"form_class": DateOptionalTimeField, "widget": DateOptionalTimeWidget}}


class PrecisionTimeMixin(forms.ModelForm):
    """A minute-precision date needs its time; other precisions need none."""

    dated_fields: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name in self.dated_fields:
            if name not in self.fields or name in self.errors:
                continue
            typed_day = (self.data.get(self.add_prefix(f"{name}_0")) or "").strip()
            typed_time = (self.data.get(self.add_prefix(f"{name}_1")) or "").strip()
            if typed_day and not typed_time and data.get(f"{name}_precision") == Precision.MINUTE:
                self.add_error(name, "At minute precision give the time too (HH:MM, UTC), or choose day precision.")
        return data


class EditorForm(ConflictGuardMixin, CleanTextForm):
    """Sides and phases: clean text, and no save over someone else's."""


class EventForm(CorrectionNoteForm, PrecisionTimeMixin, ConflictGuardMixin, CleanTextForm):
    """The event form, with the correction note readers see (timeline.corrections)."""

    dated_fields = ("start", "end")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            slug = self.instance.slug if self.instance.pk and self.instance.slug else SLUG_EXAMPLE
            self.fields["slug"].help_text = (
                f"The end of the event's web address, for example /events/{slug}/: "
                "lower-case letters, digits and hyphens."
            )

    def clean(self):
        data = super().clean()
        image = data.get("image")
        if image and not (data.get("image_alt") or "").strip() and "image_alt" in self.fields:
            self.add_error(
                "image_alt",
                "Say what the image shows (its alt text): readers who cannot see it hear this instead.",
            )
        return data


class SourceForm(ConflictGuardMixin, CleanTextForm):
    """A source: who published it, where and when."""


class StatementForm(PrecisionTimeMixin, ConflictGuardMixin, CleanTextForm):
    """A plan, revision, cancellation or claim: the time of its date and of
    its publication asked for only at minute precision."""

    dated_fields = ("date", "announced")

"""Public corrections: a published event whose date, title or status changes
tells its readers so, on its page and in the feed ("Corrected on <date>:
<note>", the newsroom convention).

The admin form asks for the note, and refuses the save without one when the
event is published (a draft's readers are only editors: optional there).
The comparison is with the row as stored, not with the form's starting
values, so the same rule holds in a form restoring an older version.
"""

from __future__ import annotations

from django import forms

from .models import Event

CORRECTED_FIELDS = {
    "title": "title",
    # The title in each language (timeline/translation.py): admin edits these.
    "title_en": "title",
    "title_ru": "title",
    "start": "date",
    "start_precision": "date",
    "end": "date",
    "end_precision": "date",
    "status": "status",
}
NOTE_HELP = (
    "Required when a published event’s date, title or status changes: say what was wrong, in a sentence "
    "for readers. Shown on the event’s page and in the feed as “Corrected on <date>: <note>”. "
    "Optional for a draft."
)


def corrected(stored: Event, values: dict) -> list[str]:
    """What readers would see change ("date", "title", "status"), comparing
    `stored` with the form's cleaned `values` (fields with errors are absent)."""
    found = []
    for field, what in CORRECTED_FIELDS.items():
        if field in values and (values[field] or None) != (getattr(stored, field) or None) and what not in found:
            found.append(what)
    return found


def in_words(changes: list[str]) -> str:
    """["date", "title", "status"] -> "date, title and status"."""
    return " and ".join(filter(None, [", ".join(changes[:-1]), changes[-1]])) if changes else ""


def needs_note(stored: Event | None, values: dict) -> list[str]:
    """The changes that need a correction note: none for a new event or a draft."""
    return corrected(stored, values) if stored is not None and stored.published else []


class CorrectionNoteForm(forms.ModelForm):
    """The event form's correction note (not a model field: a saved note
    becomes a `Correction`, see `EventAdmin.save_model`)."""

    correction_note = forms.CharField(
        label="Correction note",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NOTE_HELP,
    )

    def clean(self):
        cleaned = super().clean()
        stored = Event.objects.filter(pk=self.instance.pk).first() if self.instance.pk else None
        changes = needs_note(stored, cleaned)
        if changes and not cleaned.get("correction_note", "").strip():
            self.add_error(
                "correction_note",
                f"This event is published and its {in_words(changes)} changed: write a correction note "
                "telling readers what was corrected.",
            )
        return cleaned

"""No lost update: an admin form remembers what it showed, and a save from a
form opened before someone else's save is refused.

Each change form (and each inline form of a stored row) carries a hidden,
signed snapshot of the editable values as the form showed them.  On save
the row as stored now is compared with that snapshot; if anyone has saved
it in between, the save is refused with what changed meanwhile
("Title: old → new"), the editor's input stays in the form, and the
snapshot moves on to the stored values, so saving again keeps the editor's
version deliberately.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import signing
from django.db import models, transaction
from django.utils.functional import cached_property

SNAPSHOT_FIELD = "opened_as"
_SALT = "timeline.conflicts.snapshot"
_SHOWN_LENGTH = 80  # longer values are cut in the message: the form shows them whole


def _watched_fields(form: forms.ModelForm) -> list[models.Field]:
    """The model fields the form edits: those another save could overwrite."""
    return [f for f in form._meta.model._meta.concrete_fields if f.name in form.fields and f.editable]


def snapshot(form: forms.ModelForm, instance: models.Model) -> dict[str, str]:
    return {f.name: f.value_to_string(instance) for f in _watched_fields(form)}


def _signed(values: dict[str, str]) -> str:
    return signing.dumps(values, salt=_SALT, compress=True)


def _shown(field: models.Field, raw: str) -> str:
    """A stored value as the editor knows it: the choice's label, the related row's name."""
    if raw in ("", "None"):
        return "(empty)"
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=raw).first()
        return str(related) if related is not None else raw
    if isinstance(field, models.BooleanField):
        return "yes" if raw == "True" else "no"
    text = " ".join(raw.split())
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 1] + "…"


def differences(form: forms.ModelForm, seen: dict[str, str], now: dict[str, str]) -> list[str]:
    """'Label: old → new' for every watched field stored differently from what the form showed."""
    lines = []
    for field in _watched_fields(form):
        if field.name in seen and seen[field.name] != now.get(field.name):
            label = form.fields[field.name].label or field.verbose_name
            before, after = _shown(field, seen[field.name]), _shown(field, now[field.name])
            lines.append(f"{str(label).capitalize()}: {before} → {after}")
    return lines


class ConflictGuardMixin(forms.ModelForm):
    """For a ModelForm of a stored row: refuses the save when the row changed
    after the form was opened.  Name SNAPSHOT_FIELD in the admin's fields or
    fieldsets so the hidden input is rendered."""

    opened_as = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[SNAPSHOT_FIELD].initial = _signed(snapshot(self, self.instance))

    @cached_property
    def changed_data(self) -> list[str]:
        """The snapshot is bookkeeping, not a change the editor made."""
        return [name for name in super().changed_data if name != SNAPSHOT_FIELD]

    def _seen(self) -> dict[str, Any] | None:
        token = self.data.get(self.add_prefix(SNAPSHOT_FIELD)) or ""
        if not token:
            return None
        try:
            return signing.loads(token, salt=_SALT)
        except signing.BadSignature:
            raise forms.ValidationError(
                "This form's record of what it showed is damaged: reload the page and make your change again.",
                code="bad_snapshot",
            ) from None

    def clean(self):
        data = super().clean()
        if self.instance.pk is None or not self.is_bound:
            return data
        seen = self._seen()
        if seen is None:
            return data  # a form from before this check (or a script): nothing to compare with
        stored = self._stored_now()
        if stored is None:
            raise forms.ValidationError(
                "Someone else deleted this %(what)s after you opened it: nothing was saved.",
                code="deleted",
                params={"what": self._meta.model._meta.verbose_name},
            )
        now = snapshot(self, stored)
        changed = differences(self, seen, now)
        if changed:
            self._move_snapshot_on(stored)
            raise forms.ValidationError(
                "Someone else saved this %(what)s after you opened it, so your changes were not saved. "
                "Changed meanwhile: %(changes)s. Your input is still in the form: check it against these "
                "values and save again to keep your version.",
                code="stale",
                params={"what": self._meta.model._meta.verbose_name, "changes": "; ".join(changed)},
            )
        return data

    def _stored_now(self) -> models.Model | None:
        """The row as stored now.  Inside the admin's transaction it is read
        with a row lock, so of two saves at the same moment the second waits
        for the first and then sees what it wrote."""
        rows = self._meta.model._default_manager.filter(pk=self.instance.pk)
        if transaction.get_connection(rows.db).in_atomic_block:
            rows = rows.select_for_update()
        return rows.first()

    def _move_snapshot_on(self, stored: models.Model) -> None:
        """The form shown again remembers the stored values it was refused against."""
        data = self.data.copy() if not getattr(self.data, "_mutable", True) else self.data
        data[self.add_prefix(SNAPSHOT_FIELD)] = _signed(snapshot(self, stored))
        self.data = data

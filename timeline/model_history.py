"""What every recorded model's history rows share: the change set a change
belongs to.

`recorded_history()` is the one line a model needs to keep its history
(django-simple-history): who changed it, when, and every field's value after
each change, so any two versions can be compared and any one restored.  The
change set (`ChangeSet`) groups the rows one action wrote, an import say, so
that action can be undone as a whole (`timeline.history`).
"""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class InChangeSet(models.Model):
    """The base of every historical model here: the change set its row belongs to, if any."""

    change_set = models.ForeignKey(
        "timeline.ChangeSet",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The import (or undo) this change was part of.",
    )

    class Meta:
        abstract = True


def recorded_history(*, excluded: tuple[str, ...] = ()) -> HistoricalRecords:
    """Keep this model's history: `history = recorded_history()` in its body,
    then `makemigrations`.  `excluded`: fields derived from others (or bumped
    on every save) that would only add noise to every comparison."""
    return HistoricalRecords(bases=[InChangeSet], excluded_fields=list(excluded), user_related_name="+")

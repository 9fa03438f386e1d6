"""The record's history: change sets, restoring one version, undoing one import.

Every model with `history = recorded_history()` (timeline.model_history)
keeps a row per change in its historical table (django-simple-history): who,
when, and every field's value after the change.  Here:

- `change_set(kind, label)`: every history row written inside it belongs to
  one `ChangeSet`, so an import is one change that can be undone as a whole;
- `undo(change_set)`: puts every row the change set touched back as it was
  before, in one transaction, itself recorded as a change set.  It refuses,
  naming them, when any of those rows changed after it: undoing would
  silently throw away that later work;
- `restore(record)`: one row back to an earlier version.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models.deletion import ProtectedError, RestrictedError
from django.db.models.signals import ModelSignal
from simple_history.models import HistoricalRecords, registered_models
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_create_with_history

from .model_history import InChangeSet
from .models import ChangeSet

_current_change_set: ContextVar[int | None] = ContextVar("current_change_set", default=None)


class UndoRefused(Exception):
    """The change set cannot be undone; `problems` say why, for the editor."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


# --- which models keep their history, and in which order to put them back -----------


def recorded_models() -> list[type[models.Model]]:
    """Every model whose history rows carry a change set, parents before
    children (a side before its events, an event before its sources)."""
    found = [
        model
        for model in registered_models.values()
        if issubclass(model.history.model, InChangeSet) and model._meta.app_label == "timeline"
    ]
    return sorted(found, key=lambda model: (_depth(model, set(found)), model._meta.model_name))


def _depth(model, recorded: set, seen: frozenset = frozenset()) -> int:
    parents = [
        field.related_model
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in recorded and field.related_model is not model
    ]
    if not parents or model in seen:
        return 0
    return 1 + max(_depth(parent, recorded, seen | {model}) for parent in parents)


# --- change sets ------------------------------------------------------------------------


def _request_user():
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@contextmanager
def change_set(kind: str, label: str = "", user=None) -> Iterator[ChangeSet]:
    """Everything saved or deleted inside belongs to one new change set, in
    one transaction.  A change set that recorded nothing is not kept."""
    with transaction.atomic():
        record = ChangeSet.objects.create(kind=kind, label=label[:300], user=user or _request_user())
        token = _current_change_set.set(record.pk)
        try:
            yield record
        finally:
            _current_change_set.reset(token)
        if record.label != label[:300]:
            record.save(update_fields=["label"])
        if not any(history_of(record)):
            record.delete()


def _stamp(sender, history_instance, **kwargs) -> None:
    if isinstance(history_instance, InChangeSet):
        history_instance.change_set_id = _current_change_set.get()


def connect_history_signals(signal: ModelSignal = pre_create_historical_record) -> None:
    signal.connect(_stamp, dispatch_uid="timeline-history-change-set")


def bulk_create_recorded(objects: list[models.Model], model: type[models.Model]) -> list[models.Model]:
    """`bulk_create` that keeps the history (bulk_create sends no signals),
    in the current change set."""
    return bulk_create_with_history(
        objects, model, custom_historical_attrs={"change_set_id": _current_change_set.get()}
    )


def history_of(record: ChangeSet) -> Iterator[models.Model]:
    """The history rows of `record`, model by model, parents first, oldest first."""
    for model in recorded_models():
        yield from model.history.filter(change_set=record).order_by("history_date", "history_id")


# --- undoing a change set ----------------------------------------------------------------


@dataclass
class _Touched:
    model: type[models.Model]
    pk: int
    first: models.Model  # its first history row in the change set
    last: models.Model  # and its last

    def __str__(self) -> str:
        return f"{self.model._meta.verbose_name} “{self.last.history_object}”"


def _touched(record: ChangeSet) -> list[_Touched]:
    touched: dict[tuple, _Touched] = {}
    for row in history_of(record):
        model = row.instance_type
        key = (model, row.id)
        if key in touched:
            touched[key].last = row
        else:
            touched[key] = _Touched(model, row.id, row, row)
    return list(touched.values())


def _changed_since(item: _Touched) -> bool:
    latest = item.model.history.filter(id=item.pk).order_by("-history_date", "-history_id").first()
    return latest is not None and latest.history_id != item.last.history_id


def _state_before(item: _Touched):
    """The history row holding the state before the change set: None when the
    change set created the row (undoing deletes it)."""
    if item.first.history_type == "+":
        return None
    if item.first.history_type == "-":
        return item.first  # a deleted row's last values
    previous = item.first.prev_record
    if previous is None:
        raise UndoRefused([f"No earlier version of the {item} is recorded."])
    return previous


def undo(record: ChangeSet, *, user=None) -> ChangeSet:
    """Put back everything `record` changed, as one new change set; raises
    UndoRefused (having changed nothing) when that would lose later work."""
    if record.undone_by_id:
        raise UndoRefused([f"This change was already undone ({record.undone_by})."])
    touched = _touched(record)
    later = [str(item) for item in touched if _changed_since(item)]
    if later:
        raise UndoRefused(
            [f"Changed again since, so undoing would lose that work: {', '.join(later)}. Restore those one by one."]
        )
    with change_set(ChangeSet.Kind.UNDO, f"Undo of {record}", user=user) as undoing:
        # Children first for what goes, parents first for what comes back.
        for item in reversed(touched):
            if _state_before(item) is None:
                _delete(item)
        for item in touched:
            if (before := _state_before(item)) is not None:
                restore(before, reason=f"Undo of {record}")
        record.undone_by = undoing
        record.save(update_fields=["undone_by"])
    return undoing


def _delete(item: _Touched) -> None:
    try:
        for row in item.model.objects.filter(pk=item.pk):
            row._change_reason = "Undo: it did not exist before"
            row.delete()
    except (ProtectedError, RestrictedError):
        raise UndoRefused([f"The {item} is used by rows added since; it cannot go."]) from None


def restore(version, *, reason: str = "") -> models.Model:
    """Save the row as it was in `version` (a history row): a new version,
    recorded like any other change."""
    instance = version.instance
    instance._change_reason = reason or f"Restored the version of {version.history_date:%d %b %Y %H:%M} UTC"
    instance.save()
    return instance

"""Signal handlers: the data version follows every committed change, and the
"Editors" group follows the models after every migrate."""

from __future__ import annotations

import threading
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from .caching import bump_data_version

# --- the data version ------------------------------------------------------------


class _Bumps(threading.local):
    """How many times this thread has bumped the data version.  A change
    remembers the count it saw; after the commit only the first of a
    transaction's changes still sees that count, so a transaction that saved
    a thousand rows bumps once.  A rolled-back transaction's callbacks never
    run and leave the count alone, so the next transaction bumps as it should."""

    made = 0


_bumps = _Bumps()


def _bump_once(seen: int) -> None:
    if _bumps.made == seen:
        bump_data_version()
        _bumps.made += 1


def data_changed(sender, *, raw: bool = False, using: str = "default", **kwargs) -> None:
    """A saved or deleted row the public pages show: bump the data version
    once the transaction commits.  Not inside it, where the one version row
    would stay locked (on PostgreSQL) for as long as an import runs."""
    if raw:  # loaddata: the fixture sets what it sets
        return
    transaction.on_commit(partial(_bump_once, _bumps.made), using=using)


def connect_data_signals() -> None:
    from .models import Correction, Effort, Event, Phase, Source, Statement

    for model in (Effort, Event, Phase, Source, Statement, Correction):
        post_save.connect(data_changed, sender=model, dispatch_uid=f"data-version-save-{model.__name__}")
        post_delete.connect(data_changed, sender=model, dispatch_uid=f"data-version-delete-{model.__name__}")


# --- the Editors group -----------------------------------------------------------

EDITOR_GROUP = "Editors"
EDITOR_PERMISSIONS = {
    "event": ["add", "change", "delete", "view"],
    "source": ["add", "change", "delete", "view"],
    "statement": ["add", "change", "delete", "view"],
    "phase": ["add", "change", "delete", "view"],
    "effort": ["change", "view"],
}


def ensure_editors_group(sender, using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.using(using).get_or_create(name=EDITOR_GROUP)
    codenames = [f"{action}_{model}" for model, actions in EDITOR_PERMISSIONS.items() for action in actions]
    perms = Permission.objects.using(using).filter(content_type__app_label="timeline", codename__in=codenames)
    group.permissions.add(*perms)

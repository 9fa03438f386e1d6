"""An import file kept between its preview and its import, so the editor
does not choose it a second time.

The previewed bytes are kept server-side, in IMPORT_HOLD_DIR, under a
random token that only the account that made the preview can redeem, for
HOLD_SECONDS.  A hold is deleted once imported, and any hold past its time
is deleted the next time anyone previews or imports.  Nothing of it is
served: the directory lies outside MEDIA_ROOT.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

HOLD_SECONDS = 30 * 60
_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


@dataclass(frozen=True)
class Held:
    token: str
    name: str
    fmt: str
    data: bytes


def _dir() -> Path:
    return Path(settings.IMPORT_HOLD_DIR)


def _paths(token: str) -> tuple[Path, Path]:
    return _dir() / f"{token}.upload", _dir() / f"{token}.json"


def sweep(now: float | None = None) -> None:
    """Delete every hold older than HOLD_SECONDS (and any half-written one)."""
    folder = _dir()
    if not folder.is_dir():
        return
    limit = (now or time.time()) - HOLD_SECONDS
    for path in folder.iterdir():
        try:
            if path.suffix in {".upload", ".json"} and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
        except OSError:
            continue  # another process deleted it first


def hold(user, data: bytes, *, name: str, fmt: str) -> str:
    """Keep `data` for `user`; returns the token that redeems it."""
    sweep()
    _dir().mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(24)
    upload, meta = _paths(token)
    upload.write_bytes(data)
    # Written last: a hold counts only once its description is there.
    meta.write_text(json.dumps({"user": user.pk, "name": name, "format": fmt, "held_at": time.time()}))
    return token


def take(user, token: str) -> Held | None:
    """The file `user` held under `token`, or None when there is no such
    hold for this account (never made, made by someone else, or expired)."""
    sweep()
    if not _TOKEN.fullmatch(token or ""):
        return None
    upload, meta_path = _paths(token)
    try:
        meta = json.loads(meta_path.read_text())
        if meta.get("user") != user.pk:
            return None
        if time.time() - float(meta.get("held_at", 0)) > HOLD_SECONDS:
            release(token)
            return None
        return Held(token, str(meta.get("name", "")), str(meta.get("format", "")), upload.read_bytes())
    except (OSError, ValueError):
        return None


def release(token: str) -> None:
    if _TOKEN.fullmatch(token or ""):
        for path in _paths(token):
            path.unlink(missing_ok=True)

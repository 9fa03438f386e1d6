"""System checks (`manage.py check`) for settings that would run the site unsafely."""

from __future__ import annotations

from django.conf import settings
from django.core import checks


def allowed_hosts_are_named(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """With debug off, ALLOWED_HOSTS must name the site's hosts: "*" accepts
    any Host header, and the absolute links the site builds (the feed, the
    exports, the embed snippet) would carry whatever host a request names."""
    if settings.DEBUG or "*" not in settings.ALLOWED_HOSTS:
        return []
    return [
        checks.Error(
            "DJANGO_ALLOWED_HOSTS contains '*', which accepts requests for any host name.",
            hint="List the site's host names instead, comma-separated (e.g. spacefilm.example.org).",
            id="timeline.E001",
        )
    ]

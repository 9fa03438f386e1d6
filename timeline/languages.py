"""The page a reader is on, in each language the site speaks.

English pages live at /, Russian ones under /ru/ (spacefilm/urls.py).  The
language switch and the `hreflang` alternates link each page to its twin:
the same view with the same arguments and the same query (filters, event,
as_of, range), only the language prefix changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation


@dataclass(frozen=True)
class LanguageVersion:
    code: str  # "ru", as hreflang and lang say it
    name: str  # in its own language: "Русский"
    url: str  # the site path with its query: "/ru/race/?as_of=2021-10-17"
    current: bool


def path_in(full_path: str, language: str) -> str | None:
    """`full_path` (a site path with its query) as the same view in
    `language`, or None when it names no public page (a 404, the admin)."""
    parts = urlsplit(full_path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    if not match.namespace:  # admin, media, the health probe: one address, no language
        return None
    with translation.override(language):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.captured_kwargs)
        except NoReverseMatch:
            return None
    return urlunsplit(("", "", path, parts.query, ""))


def home_in(language: str) -> str:
    with translation.override(language):
        return reverse("timeline:index")


def language_versions(full_path: str | None, current: str | None = None) -> list[LanguageVersion]:
    """The page at `full_path` in every language, the current one marked.
    No path (an error page), or one that names no public page, links each
    language's home."""
    current = current or translation.get_language()
    return [
        LanguageVersion(code, name, (full_path and path_in(full_path, code)) or home_in(code), code == current)
        for code, name in settings.LANGUAGES
    ]

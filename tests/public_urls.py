"""Every public URL of the site, read from the URLconf.

The fuzz and draft-leak tests walk this list, so a page added to the URLconf
is covered without touching them.  Public means everything outside the admin.

    for route in public_routes():
        route.name          # "timeline:event"
        route.template      # "/events/{slug}/"
        route.params        # {"slug": "[-a-zA-Z0-9_]+"}  (regex each value matches)
        route.url(slug="soyuz-ms-19-launch")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

PRIVATE_NAMESPACES = {"admin"}

_ROUTE_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>")


@dataclass(frozen=True)
class PublicRoute:
    name: str
    template: str
    params: tuple[tuple[str, str], ...]  # (name, regex) pairs, in path order

    @property
    def param_names(self) -> list[str]:
        return [name for name, _ in self.params]

    def url(self, **values: str) -> str:
        """The path with `values` percent-encoded into it (any text: values
        need not match the route, that is the point of fuzzing)."""
        return self.template.format(**{name: quote(str(value), safe="") for name, value in values.items()})

    def __str__(self) -> str:
        return self.name


def _route_piece(pattern: RoutePattern) -> tuple[str, list[tuple[str, str]]]:
    route = str(pattern)
    params = [(m["name"], pattern.converters[m["name"]].regex) for m in _ROUTE_PARAM.finditer(route)]
    template = _ROUTE_PARAM.sub(lambda m: "{" + m["name"] + "}", route.replace("{", "{{").replace("}", "}}"))
    return template, params


def _regex_piece(pattern: RegexPattern) -> tuple[str, list[tuple[str, str]]]:
    regex = str(pattern).removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    template, params, i = "", [], 0
    while match := _REGEX_GROUP.search(regex, i):
        template += _literal(regex[i : match.start()])
        depth, j = 1, match.end()
        while depth:  # find the group's closing parenthesis
            depth += {"(": 1, ")": -1}.get(regex[j], 0) if regex[j - 1] != "\\" else 0
            j += 1
        params.append((match["name"], regex[match.end() : j - 1]))
        template += "{" + match["name"] + "}"
        i = j
    return template + _literal(regex[i:]), params


def _literal(regex_text: str) -> str:
    text = re.sub(r"\\(.)", r"\1", regex_text)
    if re.search(r"[][()*+?|^$]", text):
        raise ValueError(f"cannot enumerate the URL regex {regex_text!r}: name its variable parts")
    return text.replace("{", "{{").replace("}", "}}")


def _piece(pattern) -> tuple[str, list[tuple[str, str]]]:
    if isinstance(pattern, RoutePattern):
        return _route_piece(pattern)
    if isinstance(pattern, RegexPattern):
        return _regex_piece(pattern)
    return "", []  # LocalePrefixPattern and the like: no fixed text of their own


def public_routes(urlconf=None) -> list[PublicRoute]:
    routes: list[PublicRoute] = []

    def walk(patterns, prefix: str, params: list, namespace: str) -> None:
        for entry in patterns:
            template, own = _piece(entry.pattern)
            if isinstance(entry, URLResolver):
                if entry.namespace in PRIVATE_NAMESPACES:
                    continue
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, prefix + template, params + own, inner)
            elif isinstance(entry, URLPattern):
                path = "/" + prefix + template
                name = f"{namespace}{entry.name}" if entry.name else path
                routes.append(PublicRoute(name=name, template=path, params=tuple(params + own)))

    walk(get_resolver(urlconf).url_patterns, "", [], "")
    return routes

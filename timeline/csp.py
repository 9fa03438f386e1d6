"""The style hashes plotly.js needs under a strict Content Security Policy.

plotly.js writes its CSS into the page in two ways:

- it creates an *empty* ``<style>`` element and fills it through CSSOM
  (``insertRule``): allowed by the hash of the empty string;
- it injects MapLibre's stylesheet as a ``<style>`` with fixed text, once,
  when the bundle loads: allowed by the hash of exactly that text.

MapLibre's CSS changes with every plotly.js release, so its hash is computed
here from the plotly.js file actually served (`plotly_js_path`: npm's basic
bundle, or the plotly package's full one), read once at settings import, and
never hard-coded.  This module imports neither Django's app registry nor
plotly itself, so settings can use it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from importlib.util import find_spec
from pathlib import Path

EMPTY_STYLE_HASH = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"

# `e.textContent='...maplibregl...'`: the single-quoted literal plotly.js
# assigns to the <style> it injects.
_MAPLIBRE_CSS = re.compile(r"""\.textContent='((?:[^'\\]|\\.)*\.maplibregl-(?:[^'\\]|\\.)*)'""", re.DOTALL)
_JS_ESCAPE = re.compile(r"""\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])""")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


# plotly.js's "basic" bundle (scatter, bar, pie: all this chart uses) from npm
# (package.json pins the plotly.js version the plotly package bundles): 330 kB
# brotli instead of 1.1 MB.  Without node it is absent and the full bundle
# from the plotly package is served instead, at the same static path.
NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
BASIC_BUNDLE = NODE_MODULES / "plotly.js-basic-dist-min" / "plotly-basic.min.js"


def plotly_package_js_path() -> Path | None:
    """The installed plotly package's full plotly.min.js, found without importing plotly."""
    spec = find_spec("plotly")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).resolve().parent / "package_data" / "plotly.min.js"
    return path if path.is_file() else None


def plotly_js_path() -> Path | None:
    """The plotly.js file the site serves as static/plotly/plotly.min.js: the
    basic bundle when npm installed it, else the plotly package's full one."""
    if BASIC_BUNDLE.is_file():
        return BASIC_BUNDLE
    return plotly_package_js_path()


def style_hash(text: str) -> str:
    """The CSP source expression allowing a <style> whose text is exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def unescape_js_string(body: str) -> str:
    """The value of a JavaScript string literal's body (without its quotes)."""

    def replace(match: re.Match[str]) -> str:
        escape = match.group(1)
        if escape.startswith("u{"):
            return chr(int(escape[2:-1], 16))
        if escape[0] in "ux" and len(escape) > 1:
            return chr(int(escape[1:], 16))
        if escape in ("\n", "\r\n", "\r", "\u2028", "\u2029"):
            return ""  # a line continuation
        return _SIMPLE_ESCAPES.get(escape, escape)

    return _JS_ESCAPE.sub(replace, body)


def maplibre_css(source: str) -> str | None:
    """The MapLibre stylesheet text that `source` (plotly.min.js) injects, if any."""
    match = _MAPLIBRE_CSS.search(source)
    return unescape_js_string(match.group(1)) if match else None


@cache
def plotly_style_hashes(path: Path | None = None) -> tuple[str, ...]:
    """The style-src hashes plotly.js needs: the empty style, and MapLibre's
    CSS when the installed bundle carries it."""
    path = path or plotly_js_path()
    hashes = [EMPTY_STYLE_HASH]
    if path is not None:
        css = maplibre_css(path.read_text(encoding="utf-8"))
        if css is not None:
            hashes.append(style_hash(css))
    return tuple(hashes)


# --- who may frame the embeddable chart (/embed/) -------------------------------

# The embed is public, read-only and cookie-free (no form, no session), so any
# page served over HTTPS may frame it by default; the site itself too.  Every
# other page keeps `frame-ancestors 'none'` and `X-Frame-Options: DENY`.
DEFAULT_EMBED_FRAME_ANCESTORS = "'self' https:"

_KEYWORDS = {"self": "'self'", "none": "'none'"}
# A host source (scheme://host:port, wildcards allowed) or a scheme source ("https:").
_SOURCE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*://)?(?:\*\.)?[a-z0-9.-]+(?::(?:\d+|\*))?|\*)$", re.I)


def frame_ancestors(value: str | None) -> list[str]:
    """The `frame-ancestors` sources in DJANGO_EMBED_FRAME_ANCESTORS (spaces or
    commas between them; `self` and `none` may be written without quotes).

    Empty or unset: DEFAULT_EMBED_FRAME_ANCESTORS.  Raises ValueError on a
    source that is not one (a path, a quote left open, `'none'` with others)."""
    tokens = [token for token in re.split(r"[\s,]+", (value or "").strip()) if token]
    if not tokens:
        tokens = DEFAULT_EMBED_FRAME_ANCESTORS.split()
    sources = []
    for token in tokens:
        bare = token.strip("'").lower() if token.startswith("'") and token.endswith("'") and len(token) > 2 else None
        if bare in _KEYWORDS:
            sources.append(_KEYWORDS[bare])
        elif token.lower() in _KEYWORDS:
            sources.append(_KEYWORDS[token.lower()])
        elif _SOURCE.match(token):
            sources.append(token)
        else:
            raise ValueError(
                f"DJANGO_EMBED_FRAME_ANCESTORS: {token!r} is not a frame-ancestors source "
                "(use 'self', 'none', https:, or origins such as https://news.example.org)."
            )
    if "'none'" in sources and len(sources) > 1:
        raise ValueError("DJANGO_EMBED_FRAME_ANCESTORS: 'none' cannot be combined with other sources.")
    return list(dict.fromkeys(sources))

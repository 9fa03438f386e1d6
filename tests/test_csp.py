"""The style hashes plotly.js needs, computed from the installed bundle."""

import base64
import hashlib

import pytest

from timeline.csp import (
    EMPTY_STYLE_HASH,
    maplibre_css,
    plotly_js_path,
    plotly_style_hashes,
    style_hash,
    unescape_js_string,
)


def test_empty_style_hash_is_the_hash_of_nothing():
    assert style_hash("") == EMPTY_STYLE_HASH


@pytest.mark.parametrize(
    ("literal", "value"),
    [
        (r"a{b:c}", "a{b:c}"),
        (r"it\'s", "it's"),
        (r"\"q\"", '"q"'),
        (r"a\nb\tc", "a\nb\tc"),
        (r"\u00e9\x41\u{1F680}", "éA🚀"),
        ("line\\\ncontinued", "linecontinued"),
        (r"back\\slash", "back\\slash"),
    ],
)
def test_javascript_string_literals_are_read_as_the_browser_does(literal, value):
    assert unescape_js_string(literal) == value


def test_the_maplibre_css_is_found_in_a_bundle_and_hashed_exactly():
    bundle = """var x;e.textContent='.maplibregl-map{font:12px/20px Helvetica}\\n.a:after{content:\\'\\'}',x=1;"""
    css = maplibre_css(bundle)
    assert css == ".maplibregl-map{font:12px/20px Helvetica}\n.a:after{content:''}"
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert style_hash(css) == f"'sha256-{digest}'"
    assert maplibre_css("no styles here") is None


def test_the_installed_plotly_bundle_gives_two_hashes():
    path = plotly_js_path()
    assert path is not None
    assert path.name in {"plotly.min.js", "plotly-basic.min.js"}
    hashes = plotly_style_hashes()
    assert hashes[0] == EMPTY_STYLE_HASH
    assert len(hashes) == 2
    assert hashes[1] == style_hash(maplibre_css(path.read_text(encoding="utf-8")))


def test_a_bundle_without_maplibre_needs_only_the_empty_hash(tmp_path):
    bundle = tmp_path / "plotly.min.js"
    bundle.write_text("var Plotly = {};")
    assert plotly_style_hashes(bundle) == (EMPTY_STYLE_HASH,)

"""The one plotly.js file the site serves (timeline/finders.py): npm's basic
bundle of the installed plotly's version when npm installed it, else the
package's full bundle."""

from __future__ import annotations

import re

import pytest

from timeline import csp, finders


def test_the_served_plotly_is_the_basic_bundle_of_the_same_version_when_npm_installed_it():
    if not csp.BASIC_BUNDLE.is_file():
        pytest.skip("npm has not installed plotly.js-basic-dist-min")
    package = csp.plotly_package_js_path()
    version = re.compile(r"plotly\.js(?: \(basic - minified\))? v(\d+\.\d+\.\d+)")
    with package.open() as full, csp.BASIC_BUNDLE.open() as basic:
        assert version.search(full.read(300)).group(1) == version.search(basic.read(300)).group(1)
    assert csp.plotly_js_path() == csp.BASIC_BUNDLE
    assert finders.PlotlyFinder().find("plotly/plotly.min.js") == str(csp.BASIC_BUNDLE)


def test_without_node_the_package_bundle_is_served(monkeypatch, tmp_path):
    monkeypatch.setattr(csp, "BASIC_BUNDLE", tmp_path / "missing.js")
    assert csp.plotly_js_path() == csp.plotly_package_js_path()
    finder = finders.PlotlyFinder()
    assert finder.find("plotly/plotly.min.js") == str(csp.plotly_package_js_path())
    [(name, storage)] = list(finder.list(None))
    assert storage.path(name) == str(csp.plotly_package_js_path())


def test_the_static_plotly_file_is_served(client, db):
    response = client.get("/static/plotly/plotly.min.js")
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body == csp.plotly_js_path().read_bytes()

"""Serve plotly.min.js from the installed plotly package, and nothing else of it.

plotly/package_data also holds a 5 MB widget bundle, datasets and templates;
exposing the whole folder would collect and compress all of that.  This finder
exposes exactly one file, as static/plotly/plotly.min.js.
"""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
STATIC_PATH = "plotly/plotly.min.js"


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.storage = FileSystemStorage(location=str(PLOTLY_JS.parent))
        self.storage.prefix = "plotly"

    def check(self, **kwargs):
        from django.core.checks import Error

        if not PLOTLY_JS.is_file():
            return [Error(f"plotly.min.js not found at {PLOTLY_JS}", id="timeline.E001")]
        return []

    def find(self, path, find_all=False, **kwargs):
        if path == STATIC_PATH:
            return [str(PLOTLY_JS)] if find_all else str(PLOTLY_JS)
        return []

    def list(self, ignore_patterns):
        yield PLOTLY_JS.name, self.storage

"""Serve plotly.js as static/plotly/plotly.min.js, and nothing else of plotly.

The file is `timeline.csp.plotly_js_path()`: plotly.js's basic bundle from
npm (node_modules/plotly.js-basic-dist-min, pinned in package.json to the
plotly.js version of the installed plotly package) when it is installed, else
the full plotly.min.js inside the plotly package, so `make run` works on a
machine without node.  The CSP's style hashes are computed from the same file.

plotly/package_data also holds a 5 MB widget bundle, datasets and templates;
exposing the whole folder would collect and compress all of that.  This finder
exposes exactly one file.
"""

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

from .csp import plotly_js_path

STATIC_PATH = "plotly/plotly.min.js"


class _OneFileStorage(FileSystemStorage):
    """The folder holding the served file, listed as that one file under its static name."""

    def __init__(self, path):
        super().__init__(location=str(path.parent))
        self.file_name = path.name

    def path(self, name):
        return super().path(self.file_name if name == "plotly.min.js" else name)

    def open(self, name, mode="rb"):
        return super().open(self.file_name if name == "plotly.min.js" else name, mode)


class PlotlyFinder(BaseFinder):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.file = plotly_js_path()
        self.storage = _OneFileStorage(self.file) if self.file else None
        if self.storage is not None:
            self.storage.prefix = "plotly"

    def check(self, **kwargs):
        from django.core.checks import Error

        if self.file is None or not self.file.is_file():
            return [Error("plotly.js not found: install the plotly package (requirements.txt)", id="timeline.E001")]
        return []

    def find(self, path, find_all=False, **kwargs):
        if path == STATIC_PATH and self.file is not None:
            return [str(self.file)] if find_all else str(self.file)
        return []

    def list(self, ignore_patterns):
        if self.storage is not None:
            yield "plotly.min.js", self.storage

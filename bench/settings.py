"""Production settings for the benchmarks, plus a bare view to compare with.

bench/run.py sets DATABASE_URL (a temporary SQLite file) and
DJANGO_STATIC_ROOT (a temporary collectstatic target) before Django starts.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "b" * 60)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "0")

from spacefilm.settings import *  # noqa: E402,F403

ROOT_URLCONF = "bench.urls"

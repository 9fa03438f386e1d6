"""Production configuration: the settings as an operator runs them.

Settings are read once per process, so the cases that need a different
environment run Django in a subprocess, with the environment built here from
scratch (nothing of the test run's DJANGO_* variables leaks in)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.utils import get_random_secret_key
from django.templatetags.static import static
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parent.parent
A_REAL_KEY = get_random_secret_key()


def production_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    """What an operator sets (see .env.example), over a clean environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="spacefilm.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=A_REAL_KEY,
        DJANGO_ALLOWED_HOSTS="spacefilm.example.org",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://spacefilm.example.org",
        DJANGO_SECURE_PROXY="1",
        DJANGO_HTTPS="1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(args: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return run(["-c", code], env)


# --- manage.py check --deploy ------------------------------------------------------


def test_check_deploy_with_production_settings_has_no_warnings(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    # Nothing silenced either.
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_notices_a_site_served_without_https(tmp_path):
    """The check is live: switching HTTPS off is reported, not absorbed."""
    result = run(["manage.py", "check", "--deploy"], production_env(tmp_path, DJANGO_HTTPS="0"))
    assert "security.W004" in result.stderr  # no HSTS
    assert "security.W008" in result.stderr  # no HTTPS redirect
    assert "security.W012" in result.stderr  # session cookie not secure


# --- settings refuse an unsafe production start ------------------------------------

STARTS = "import django; django.setup(); print('started')"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param({"DJANGO_SECRET_KEY": None}, "it is not set", id="no-key"),
        pytest.param({"DJANGO_SECRET_KEY": ""}, "it is not set", id="empty-key"),
        pytest.param(
            {"DJANGO_SECRET_KEY": "replace-with-50-random-characters" + "x" * 20},
            "it is a placeholder",
            id="env-example-placeholder",
        ),
        pytest.param({"DJANGO_SECRET_KEY": "change-me" * 8}, "it is a placeholder", id="change-me"),
        pytest.param(
            {"DJANGO_SECRET_KEY": "django-insecure-development-only-key-never-use-in-production"},
            "it is the development key",
            id="development-key",
        ),
        pytest.param({"DJANGO_SECRET_KEY": "s3cr3t-but-short"}, "shorter than 50", id="short-key"),
        pytest.param({"DJANGO_SECRET_KEY": "ab" * 40}, "too repetitive", id="repetitive-key"),
        pytest.param({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS must list", id="no-hosts"),
        pytest.param({"DJANGO_ALLOWED_HOSTS": " , "}, "DJANGO_ALLOWED_HOSTS must list", id="blank-hosts"),
        pytest.param({"DJANGO_ADMIN_URL": "/"}, "DJANGO_ADMIN_URL must be a path", id="admin-at-root"),
    ],
)
def test_production_settings_refuse_to_start(tmp_path, overrides, message):
    result = run_python(STARTS, production_env(tmp_path, **overrides))
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_start_with_a_real_key_and_hosts(tmp_path):
    result = run_python(STARTS, production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_debug_settings_start_without_any_configuration(tmp_path):
    env = production_env(tmp_path, DJANGO_DEBUG="1", DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None)
    result = run_python(STARTS, env)
    assert result.returncode == 0, result.stderr


# --- the host list -----------------------------------------------------------------------


@pytest.mark.parametrize("command", [["check"], ["check", "--deploy"]], ids=["check", "check-deploy"])
def test_a_host_list_that_accepts_any_host_fails_the_checks(tmp_path, command):
    env = production_env(tmp_path, DJANGO_ALLOWED_HOSTS="spacefilm.example.org,*")
    result = run(["manage.py", *command], env)
    assert result.returncode != 0
    assert "timeline.E001" in result.stderr
    assert "DJANGO_ALLOWED_HOSTS contains '*'" in result.stderr
    assert "List the site's host names instead" in result.stderr


def test_any_host_is_accepted_with_debug_on(tmp_path):
    result = run(["manage.py", "check"], production_env(tmp_path, DJANGO_DEBUG="1", DJANGO_ALLOWED_HOSTS="*"))
    assert result.returncode == 0, result.stderr


BAD_HOST_PROBE = """
import django; django.setup()
from django.test import Client
client = Client(raise_request_exception=False)
for host in ["evil.example", "x" * 5000 + ".example"]:
    print(client.get("/", headers={"host": host}).status_code)
"""


def test_each_request_for_an_unknown_host_logs_one_short_line(tmp_path):
    env = production_env(
        tmp_path,
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DJANGO_HTTPS="0",
    )
    (tmp_path / "static").mkdir()  # STATIC_ROOT, as collectstatic would leave it
    result = run_python(BAD_HOST_PROBE, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["400", "400"]
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr[:2000]
    assert lines[0] == "Invalid HTTP_HOST header: 'evil.example'. You may need to add 'evil.example' to ALLOWED_HOSTS."
    assert lines[1].startswith("Invalid HTTP_HOST header: 'xxxxxxxx")
    assert all(len(line) <= 200 for line in lines)


# --- the cache ------------------------------------------------------------------------------

CACHE_PROBE = (
    "import json, django; django.setup(); from django.conf import settings; print(json.dumps(settings.CACHES))"
)


def test_each_process_keeps_its_own_cache_by_default(tmp_path):
    result = run_python(CACHE_PROBE, production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_redis_url_shares_the_cache_through_django_s_redis_backend(tmp_path):
    env = production_env(tmp_path, DJANGO_CACHE_URL="redis://cache.internal:6379/1")
    result = run_python(CACHE_PROBE, env)
    assert result.returncode == 0, result.stderr
    default = json.loads(result.stdout)["default"]
    assert default["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert default["LOCATION"] == "redis://cache.internal:6379/1"


def test_a_cache_url_of_another_kind_is_refused(tmp_path):
    result = run_python(STARTS, production_env(tmp_path, DJANGO_CACHE_URL="memcached://cache.internal:11211"))
    assert result.returncode != 0
    assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
    assert "DJANGO_CACHE_URL must be a redis://, rediss:// or unix:// URL" in result.stderr


# --- the admin URL ---------------------------------------------------------------------

ADMIN_PROBE = """
import django; django.setup()
from django.test import Client
from django.urls import reverse
client = Client()
moved = client.get("/editors-desk/login/")
print(reverse("admin:index"))
print(moved.status_code, "Log in" in moved.content.decode())
print(client.get("/admin/login/").status_code)
"""


def test_admin_url_comes_from_the_environment(tmp_path):
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="spacefilm.test_settings",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_HTTPS="0",
        DJANGO_ADMIN_URL="/editors-desk/",
    )
    result = run_python(ADMIN_PROBE, env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:3] == ["/editors-desk/", "200 True", "404"]


# --- static files as collected for production ---------------------------------------


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """collectstatic with the production storage (hashed names, brotli and gzip):
    about 12 s, nearly all of it compressing plotly.min.js, so once a session
    (pytest-django regroups tests by database use, which would split a module)."""
    tmp = tmp_path_factory.mktemp("collected")
    result = run(["manage.py", "collectstatic", "--noinput", "-v", "0"], production_env(tmp), timeout=300)
    assert result.returncode == 0, result.stderr
    return tmp / "static"


@pytest.fixture
def production_static(collected_static):
    """Serve what collectstatic wrote, as production does: no finders."""
    with override_settings(
        STATIC_ROOT=collected_static,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
        },
        WHITENOISE_USE_FINDERS=False,
    ):
        yield collected_static


FAR_FUTURE = "max-age=315360000, public, immutable"


def test_collectstatic_writes_hashed_brotli_and_gzip_files(collected_static):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())["paths"]
    for name in ["timeline/timeline.css", "plotly/plotly.min.js", "django_htmx/htmx-2.min.js"]:
        hashed = manifest[name]
        assert hashed != name
        for suffix in ["", ".br", ".gz"]:
            assert (collected_static / (hashed + suffix)).is_file(), hashed + suffix
    plotly = collected_static / manifest["plotly/plotly.min.js"]
    assert (plotly.parent / (plotly.name + ".br")).stat().st_size < plotly.stat().st_size / 3


def test_pages_link_hashed_static_files(client, seeded, production_static):
    html = client.get("/").content.decode()
    css = static("timeline/timeline.css")
    assert css.startswith("/static/timeline/timeline.")
    assert css != "/static/timeline/timeline.css"
    assert f'href="{css}"' in html


@pytest.mark.parametrize("name", ["plotly/plotly.min.js", "timeline/timeline.css"])
def test_hashed_static_files_are_served_compressed_and_cached_for_ever(client, db, production_static, name):
    url = static(name)
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert response["Cache-Control"] == FAR_FUTURE
    assert "Accept-Encoding" in response["Vary"]
    body = b"".join(response.streaming_content)
    assert len(body) == int(response["Content-Length"])
    response.close()

    plain = client.get(url, HTTP_ACCEPT_ENCODING="identity")
    assert "Content-Encoding" not in plain
    assert int(plain["Content-Length"]) > len(body)
    plain.close()


def test_unhashed_static_names_are_cached_briefly(client, db, production_static):
    response = client.get("/static/timeline/timeline.css")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=60, public"
    response.close()

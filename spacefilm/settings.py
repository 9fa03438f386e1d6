"""Settings for Space Film Race, read from the environment.

Every knob is an environment variable (see `.env.example` and the README).
With DJANGO_DEBUG off the site refuses to start without a real secret key
and an explicit host list.
"""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from spacefilm.log_filters import one_short_line
from timeline.csp import frame_ancestors, plotly_style_hashes

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

# Values people paste from examples and tutorials; refused even when long.
PLACEHOLDER_SECRET_KEY_MARKERS = ("change-me", "changeme", "replace-me", "replace-with", "placeholder", "your-secret")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")


def secret_key_problem(key: str) -> str | None:
    """Why `key` is unfit for production, or None.  The length and variety rules
    are the ones `manage.py check --deploy` applies (security.W009)."""
    if key.startswith("django-insecure"):
        return "it is the development key"
    if any(marker in key.lower() for marker in PLACEHOLDER_SECRET_KEY_MARKERS):
        return "it is a placeholder"
    if len(key) < 50 or len(set(key)) < 5:
        return "it is shorter than 50 characters or too repetitive"
    return None


if not DEBUG and (problem := secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is unfit for production ({'it is not set' if not SECRET_KEY else problem}): "
        "set it to a long random value (50+ characters) when DJANGO_DEBUG is off. Generate one with: "
        "python -c 'from django.core.management.utils import get_random_secret_key as k; print(k())'"
    )
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS must list the site's host names (comma-separated) when DJANGO_DEBUG is off."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # First: it registers the translated fields (timeline/translation.py) before admin reads the models.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    "timeline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After the session, before CommonMiddleware (which may redirect to a prefixed URL).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Who made each change, for the history of every event, source, side and phase.
    "simple_history.middleware.HistoryRequestMiddleware",
    # The login throttle (spacefilm/login_throttle.py): a locked-out login is
    # answered at once; then axes' own, last as it asks, for the login that
    # reaches the limit.
    "spacefilm.login_throttle.EarlyLockoutMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "spacefilm.urls"
WSGI_APPLICATION = "spacefilm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A server that accepts connections but never answers (stopped, or a
    # network dropping packets) fails a request in seconds instead of holding
    # the worker until gunicorn kills it.  ?connect_timeout= in DATABASE_URL
    # overrides it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each transaction that writes takes SQLite's write lock when it begins,
    # so two workers writing at once (a login failure counted while an editor
    # saves) wait their turn instead of one failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("transaction_mode", "IMMEDIATE")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The rendered public pages (timeline/caching.py).  By default each process
# keeps its own, in memory.  DJANGO_CACHE_URL=redis://host:6379/0 (or
# rediss:// for TLS) shares them between every process on every host through
# Django's Redis backend.  Either way the keys carry the data version read
# from the database, so no process can serve a page older than the data.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "").strip()
CACHE_TIMEOUT = 60 * 60  # pages of old data versions are never asked for again: they expire
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "TIMEOUT": CACHE_TIMEOUT,
            "KEY_PREFIX": "spacefilm",
            # An unreachable Redis costs a page its rendering (caching.py), not seconds.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
elif CACHE_URL:
    raise ImproperlyConfigured(
        "DJANGO_CACHE_URL must be a redis://, rediss:// or unix:// URL (a cache shared between hosts), "
        "or unset (each process keeps its own)."
    )
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "TIMEOUT": CACHE_TIMEOUT,
            # A page at 10,000 events is about 300 kB: at most ~60 MB a process.
            "OPTIONS": {"MAX_ENTRIES": 200},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords
# for one account, or from one address, logins from it are refused for
# LOGIN_LOCKOUT_MINUTES without checking the password (a check costs a
# worker ~0.3 s), with a page saying so (templates/admin/locked_out.html,
# HTTP 429).  A success resets the count.  Unlock at once with
# `manage.py axes_reset_username <name>` or `axes_reset_ip <address>`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one alone locks
AXES_RESET_ON_SUCCESS = True
# A refused login during the lockout writes nothing (and does not extend it):
# a guesser hammering the login costs a read, not a write per attempt.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "spacefilm.login_throttle.locked_out"
# The address of the client, not of the proxy in front (spacefilm/login_throttle.py).
AXES_CLIENT_IP_CALLABLE = "spacefilm.login_throttle.client_ip"
AXES_VERBOSE = False


# English at /, Russian under /ru/ (spacefilm/urls.py: i18n_patterns without a
# prefix for the default language).  An unprefixed address is always English,
# whatever the browser asks for, so every page has one canonical URL per language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Content in both languages (timeline/translation.py): a text not yet
# translated into Russian shows the English one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# Static files: our own under static/, plotly.min.js straight from the installed
# plotly package (timeline.finders.PlotlyFinder), all served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "timeline.finders.PlotlyFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "DJANGO_STATICFILES_STORAGE",
            "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
# In production whitenoise serves only what collectstatic wrote to STATIC_ROOT
# (hashed names, pre-compressed brotli/gzip, cached for ten years).  With debug
# on (make run) it serves the finders' files as they are edited; the test
# settings do the same without debug.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Import files kept between their preview and their import (timeline/import_holds.py), for 30 minutes.
# Outside MEDIA_ROOT, so never served; with several hosts, a directory they share.
IMPORT_HOLD_DIR = Path(os.environ.get("DJANGO_IMPORT_HOLD_DIR", Path(tempfile.gettempdir()) / "spacefilm-import-holds"))

# Content Security Policy (Django's built-in middleware). See the README's
# "Content Security Policy" section for why style-src carries two hashes:
# plotly.js's empty <style> (filled through CSSOM) and the MapLibre CSS it
# injects, hashed from the installed plotly.min.js (timeline/csp.py).
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, *plotly_style_hashes()],
    "img-src": [CSP.SELF, "blob:", "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

X_FRAME_OPTIONS = "DENY"

# The embeddable chart (/embed/) is the one page other sites may frame: its
# policy is SECURE_CSP with these frame-ancestors, and no X-Frame-Options.
# Sources separated by spaces or commas; default "'self' https:" (any HTTPS
# page). See the README's "Embedding the chart".
try:
    EMBED_FRAME_ANCESTORS = frame_ancestors(os.environ.get("DJANGO_EMBED_FRAME_ANCESTORS"))
except ValueError as error:
    raise ImproperlyConfigured(str(error)) from None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Behind a TLS-terminating proxy: set DJANGO_SECURE_PROXY=1 so Django trusts
# X-Forwarded-Proto, and DJANGO_HTTPS=1 (default when debug is off) for HSTS,
# secure cookies and the HTTP -> HTTPS redirect.
# The same switch makes the login throttle read the client's address from
# X-Forwarded-For: each proxy appends the address it was reached from, so with
# DJANGO_PROXY_COUNT proxies in front (default 1) the client is that many
# entries from the right; what the client itself sent, further left, is ignored.
BEHIND_PROXY = env_bool("DJANGO_SECURE_PROXY")
PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = env_bool("DJANGO_USE_X_FORWARDED_HOST")
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("DJANGO_SSL_REDIRECT", default=True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000")) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# The preload token only states consent: a domain joins browsers' preload
# lists when its owner submits it (hstspreload.org).  DJANGO_HSTS_PRELOAD=0
# leaves it out (manage.py check --deploy then warns, security.W021).
SECURE_HSTS_PRELOAD = HTTPS and env_bool("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_HTTPONLY = True

# Bounds on what a request may carry (Django's defaults, stated here so they
# are deliberate): past them Django answers 400 instead of parsing.  The query
# string counts too.  gunicorn bounds the request line and headers before
# Django sees them (spacefilm/gunicorn.conf.py).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB of form data, files aside
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger uploads go to a temporary file

# Where the editors' admin lives.  Moving it off /admin/ keeps scripted
# password guessing away from the obvious address (it is no substitute for
# strong passwords; the login is throttled too, see AXES_ above).
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/").strip("/") + "/"
if ADMIN_URL == "/":
    raise ImproperlyConfigured("DJANGO_ADMIN_URL must be a path such as 'editors/', not the site root.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line": {"()": "django.utils.log.CallbackFilter", "callback": one_short_line}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # A request naming a host not in ALLOWED_HOSTS (scanners send many):
        # one short line each, not a traceback.
        "django.security.DisallowedHost": {"filters": ["one_line"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

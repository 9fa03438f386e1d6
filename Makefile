# Space Film Race — the two commands are `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV   ?= .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Run-time knobs for `make run` (a local, single-user server).
RUN_ENV := DJANGO_DEBUG=$${DJANGO_DEBUG:-1}

# Find a Python 3.12+ interpreter: $PYTHON if given, then PATH, then pyenv.
# pyenv shims that refuse to run (the global version is older) are skipped.
define find_python
ok() { "$$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }; \
py=""; \
for c in $${PYTHON:-} python3.14 python3.13 python3.12 python3 python; do \
  if command -v "$$c" >/dev/null 2>&1 && ok "$$c"; then py=$$(command -v "$$c"); break; fi; \
done; \
if [ -z "$$py" ] && command -v pyenv >/dev/null 2>&1; then \
  for v in $$(pyenv versions --bare 2>/dev/null | grep -E '^3\.[0-9]+' | sort -rV); do \
    p="$$(pyenv prefix "$$v" 2>/dev/null)/bin/python3"; \
    if [ -x "$$p" ] && ok "$$p"; then py="$$p"; break; fi; \
  done; \
fi; \
if [ -z "$$py" ]; then \
  echo "error: Space Film Race needs Python 3.12 or newer (Django 6.1)." >&2; \
  echo "  Looked for python3.14/3.13/3.12/python3 on PATH and in pyenv; none is 3.12+." >&2; \
  echo "  Install one (e.g. 'pyenv install 3.13' or your OS package) or run: make PYTHON=/path/to/python3.12 ..." >&2; \
  exit 1; \
fi
endef

.PHONY: help
help:
	@echo "make run    install, migrate, load the seed events, serve on http://$(HOST):$(PORT)"
	@echo "make test   everything the suite needs (Chromium, PostgreSQL, Redis), lint, checks, tests"
	@echo "make bench  benchmarks (bench/), prints a table"
	@echo "make serve-prod  production run: debug off, collectstatic, migrate, gunicorn (README, Deploying)"
	@echo "make bench-load  gunicorn with 2 workers under 30 s of loopback load: requests/s, errors"

$(PY):
	@$(find_python); echo "Using $$py ($$($$py --version))"; "$$py" -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@ $(VENV)/.installed-run

.PHONY: install
install: $(VENV)/.installed-run

# The Russian interface: locale/ru/LC_MESSAGES/django.po compiled to .mo
# (not committed).  compilemessages needs GNU gettext's msgfmt: Debian's
# gettext is installed where it is missing.
.PHONY: gettext
gettext:
	@if ! command -v msgfmt >/dev/null 2>&1; then \
	  echo "Installing Debian's gettext for the translations..."; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq gettext >/dev/null; \
	fi
	@command -v msgfmt >/dev/null 2>&1 || { echo "error: msgfmt (gettext) is missing and could not be installed" >&2; exit 1; }

.PHONY: messages
messages: install gettext
	$(RUN_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

.PHONY: migrate
migrate: install messages
	$(RUN_ENV) $(PY) manage.py migrate --noinput
	$(RUN_ENV) $(PY) manage.py seed_events

# plotly.js's basic bundle (package.json) when npm is there; without node the
# site serves the plotly package's full bundle instead (timeline/finders.py).
.PHONY: js
js:
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "npm not found: serving the plotly package's full plotly.js (1.1 MB brotli) instead of the basic bundle"; \
	elif ! $(MAKE) --no-print-directory node_modules/.installed; then \
	  echo "npm could not install package.json: serving the plotly package's full plotly.js instead"; \
	fi

.PHONY: run
run: migrate js
	@echo "Serving Space Film Race on http://$(HOST):$(PORT)/  (editors: $(PY) manage.py createsuperuser, then /admin/)"
	$(RUN_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

# --- tests -------------------------------------------------------------------

# Debian's chromium for the browser tests (Playwright cannot download browsers here).
CHROMIUM ?= /usr/bin/chromium
.PHONY: chromium
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi
	@test -x "$(CHROMIUM)" || { echo "error: $(CHROMIUM) is missing and could not be installed" >&2; exit 1; }

.PHONY: lint
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: checks
checks: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=spacefilm.test_settings $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=spacefilm.test_settings $(PY) manage.py makemigrations --check --dry-run

# node and npm, only for the browser tests' npm packages.
.PHONY: node
node:
	@if ! command -v npm >/dev/null 2>&1; then \
	  echo "Installing Debian's nodejs and npm for the browser tests..."; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; \
	fi
	@command -v npm >/dev/null 2>&1 || { echo "error: npm is missing and could not be installed" >&2; exit 1; }

# npm packages (package.json, pinned in package-lock.json): plotly.js's basic
# bundle, served when present (`make run` works without node: the plotly
# package's full bundle is served then); and what browser tests load into
# Chromium, never served: axe-core, to check accessibility, and TimelineJS,
# to open our export in it.
node_modules/.installed: package.json package-lock.json | node
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@
AXE_JS := node_modules/axe-core/axe.min.js

TEST_TMP := $(CURDIR)/.tmp
PYTEST_ENV := TMPDIR=$(TEST_TMP) DJANGO_ALLOW_ASYNC_UNSAFE=true CHROMIUM=$(CHROMIUM) AXE_JS=$(CURDIR)/$(AXE_JS)
PYTEST := env $(PYTEST_ENV) $(BIN)/pytest -p randomly $(PYTEST_ARGS)

.PHONY: pytest-deps
pytest-deps: $(VENV)/.installed-dev chromium node_modules/.installed messages
	@mkdir -p $(TEST_TMP)

# The whole suite against SQLite (the embedded default) with each process's
# own in-memory cache...
.PHONY: pytest-sqlite
pytest-sqlite: pytest-deps
	@echo "--- tests on SQLite, in-memory cache"
	env -u DATABASE_URL -u DJANGO_CACHE_URL $(PYTEST_ENV) $(BIN)/pytest -p randomly $(PYTEST_ARGS)

# ...and again against PostgreSQL with Redis as the shared cache: the servers
# in DATABASE_URL and DJANGO_CACHE_URL when given, else throwaway local ones
# that tests/postgres.sh and tests/redis.sh install, start on 127.0.0.1 and
# stop afterwards (also when the tests fail).
.PHONY: pytest-postgres
pytest-postgres: pytest-deps
	@echo "--- tests on PostgreSQL, Redis cache"
	@pg=tests/postgres.sh; redis=tests/redis.sh; \
	if [ -n "$${DATABASE_URL:-}" ]; then pg=""; fi; \
	if [ -n "$${DJANGO_CACHE_URL:-}" ]; then redis=""; fi; \
	echo $$pg $$redis "$(PYTEST)"; $$pg $$redis $(PYTEST)

.PHONY: pytest
pytest: pytest-sqlite pytest-postgres

.PHONY: test
test: lint checks pytest

# --- production ---------------------------------------------------------------

# A production run: debug off, static files collected (hashed, compressed),
# migrations applied, gunicorn with spacefilm/gunicorn.conf.py.  Needs the
# environment described in the README ("Deploying"): at least
# DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
PROD_ENV := DJANGO_DEBUG=0
.PHONY: serve-prod
serve-prod: install gettext
	$(PROD_ENV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0
	$(PROD_ENV) $(PY) manage.py check --deploy
	$(PROD_ENV) $(PY) manage.py collectstatic --noinput --verbosity 1
	$(PROD_ENV) $(PY) manage.py migrate --noinput
	$(PROD_ENV) exec $(BIN)/gunicorn --config spacefilm/gunicorn.conf.py

# --- benchmarks ---------------------------------------------------------------

# Loopback load on gunicorn with production settings: requests/s and errors.
.PHONY: bench-load
bench-load: install
	bench/load.sh $(BENCH_PATHS)

# A temporary SQLite database and collectstatic target, gunicorn on BENCH_PORT
# and Debian's chromium: see bench/run.py.  Writes bench/results/latest.md.
BENCH_PORT ?= 8107
.PHONY: bench
bench: $(VENV)/.installed-dev chromium node_modules/.installed
	@mkdir -p $(TEST_TMP)
	TMPDIR=$(TEST_TMP) CHROMIUM=$(CHROMIUM) BENCH_PORT=$(BENCH_PORT) $(PY) bench/run.py $(BENCH_ARGS)

.PHONY: clean
clean:
	rm -rf $(VENV) $(TEST_TMP) staticfiles node_modules

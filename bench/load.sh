#!/usr/bin/env bash
# Loopback load on the production stack: gunicorn (spacefilm/gunicorn.conf.py,
# 2 workers), debug off, collected static files, then wrk against each path.
#
#   bench/load.sh [PATH ...]          default paths: / /race/
#
# Prints, per path, requests/s, latency (p50, p99) and the count of responses
# outside 2xx plus socket errors; exits 1 when any of those is non-zero (the
# figure to reach is zero errors).  A path that does not answer 200 before the
# run is reported as skipped.
#
# Environment (all optional, all bounded):
#   DATABASE_URL       database to serve (migrated and seeded: give a
#                      throwaway one, e.g. `tests/postgres.sh bench/load.sh`);
#                      default: a fresh seeded SQLite file
#   BENCH_PORT         loopback port for gunicorn (default 8765)
#   BENCH_DURATION     seconds of load per path (default 30, at most 120)
#   BENCH_CONNECTIONS  concurrent connections (default 32, at most 256)
#   BENCH_WORKERS      gunicorn workers (default 2, at most 16)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_LOGIN        1 (default) adds the login-guessing figure below; 0 skips it
#   BENCH_LOGIN_DURATION  seconds of each half of that figure (default 15, at most 60)
#
# The login-guessing figure: readers' latency on / (4 connections) alone,
# then while 8 connections post wrong passwords to the admin login as fast
# as they can.  It prints both rows (p50, p90, p99, requests/s) and what the
# guessers got: passwords checked (200, the form again) and logins refused
# by the lockout (429, no password checked).  With the throttle the
# guessers are refused after the first few checks, so the readers' row
# barely moves; each check would otherwise hold a worker for ~0.3 s.
set -euo pipefail
cd "$(dirname "$0")/.."

clamp() { local v=$1 max=$2; if [ "$v" -gt "$max" ]; then echo "$max"; else echo "$v"; fi; }
PORT=${BENCH_PORT:-8765}
DURATION=$(clamp "${BENCH_DURATION:-30}" 120)
CONNECTIONS=$(clamp "${BENCH_CONNECTIONS:-32}" 256)
WORKERS=$(clamp "${BENCH_WORKERS:-2}" 16)
WRK_THREADS=$(clamp "${BENCH_THREADS:-2}" 8)
LOGIN_FIGURE=${BENCH_LOGIN:-1}
LOGIN_DURATION=$(clamp "${BENCH_LOGIN_DURATION:-15}" 60)
PATHS=("$@")
[ "${#PATHS[@]}" -gt 0 ] || PATHS=(/ /race/)
HOST=127.0.0.1  # loopback only, whatever the environment says

PY=.venv/bin/python
[ -x "$PY" ] || make install >&2
if ! command -v wrk >/dev/null 2>&1; then
  echo "Installing wrk (apt-get)..." >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/spacefilm-bench.XXXXXX")
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export DJANGO_DEBUG=0
DJANGO_SECRET_KEY=$("$PY" -c 'from django.core.management.utils import get_random_secret_key as k; print(k())')
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=$HOST
export DJANGO_HTTPS=0  # plain HTTP on loopback: no TLS proxy in front here
export DJANGO_STATIC_ROOT="$WORK/static"
export DATABASE_URL=${DATABASE_URL:-sqlite:///$WORK/db.sqlite3}
export GUNICORN_BIND="$HOST:$PORT" GUNICORN_WORKERS=$WORKERS GUNICORN_ACCESS_LOG=""

echo "Preparing: migrate, seed, collectstatic (about 15 s)..." >&2
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py seed_events -v 0
"$PY" manage.py collectstatic --noinput -v 0

.venv/bin/gunicorn --config spacefilm/gunicorn.conf.py 2>"$WORK/gunicorn.log" &
SERVER_PID=$!

status_of() {
  "$PY" - "$1" <<'PYEOF'
import sys, urllib.error, urllib.request
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=10).status)
except urllib.error.HTTPError as error:
    print(error.code)
except OSError:
    print(0)
PYEOF
}

for _ in $(seq 1 60); do
  [ "$(status_of "http://$HOST:$PORT/healthz")" = 200 ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/gunicorn.log" >&2; exit 1; }
  sleep 0.5
done
[ "$(status_of "http://$HOST:$PORT/healthz")" = 200 ] || { echo "gunicorn did not become healthy" >&2; cat "$WORK/gunicorn.log" >&2; exit 1; }

db_kind=${DATABASE_URL%%:*}
echo
echo "gunicorn: $WORKERS workers on $HOST:$PORT, debug off, database: $db_kind"
echo "load: wrk, $WRK_THREADS threads, $CONNECTIONS connections, ${DURATION}s per path, on the same machine"
echo
printf '%-30s %10s %10s %9s %9s %9s %14s\n' path requests "req/s" "p50 ms" "p99 ms" non-2xx socket-errors
failures=0
for path in "${PATHS[@]}"; do
  url="http://$HOST:$PORT$path"
  first=$(status_of "$url")
  if [ "$first" != 200 ]; then
    printf '%-30s skipped: answers HTTP %s before the run (not built yet?)\n' "$path" "$first"
    continue
  fi
  wrk -t "$WRK_THREADS" -c "$CONNECTIONS" -d "${DURATION}s" --timeout 10s -s bench/wrk_status.lua "$url" >"$WORK/wrk.out"
  value() { awk -v k="$1" '$1 == k { print $2 }' "$WORK/wrk.out"; }
  responses=$(value bench-responses)
  non2xx=$(value bench-non2xx)
  socket_errors=$(value bench-socket-errors)
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/wrk.out")
  printf '%-30s %10s %10s %9s %9s %9s %14s\n' "$path" "$responses" "$rps" "$(value bench-p50-ms)" \
    "$(value bench-p99-ms)" "$non2xx" "$socket_errors"
  failures=$((failures + non2xx + socket_errors))
done

if [ "$LOGIN_FIGURE" = 1 ]; then
  # A CSRF cookie and token for the guessers; then wrong passwords one at a
  # time until the lockout answers (the guessers below start from there).
  guess=$("$PY" - "http://$HOST:$PORT/admin/login/" <<'PYEOF'
import re, sys, urllib.error, urllib.parse, urllib.request
url = sys.argv[1]
response = urllib.request.urlopen(url, timeout=10)
cookie = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie", "")).group(1)
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.read().decode()).group(1)
checked = 0
for n in range(1, 21):
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "editor", "password": f"first-{n}"})
    request = urllib.request.Request(url, body.encode(), headers={"Cookie": f"csrftoken={cookie}"})
    try:
        urllib.request.urlopen(request, timeout=30)
        checked += 1
    except urllib.error.HTTPError as error:
        if error.code == 429:
            break
        raise
print(cookie, token, checked)
PYEOF
)
  read -r BENCH_CSRF_COOKIE BENCH_CSRF_TOKEN first_checked <<<"$guess"
  export BENCH_CSRF_COOKIE BENCH_CSRF_TOKEN
  readers() {
    wrk -t 1 -c 4 -d "${LOGIN_DURATION}s" --timeout 10s -s bench/wrk_status.lua "http://$HOST:$PORT/" >"$WORK/$1.out"
  }
  readers alone  # before the hammering
  row() {
    v() { awk -v k="$1" '$1 == k { print $2 }' "$WORK/$2.out"; }
    rps=$(awk '/^Requests\/sec:/ { print $2 }' "$WORK/$1.out")
    printf '%-34s %9s %9s %9s %10s\n' "$2" "$(v bench-p50-ms "$1")" "$(v bench-p90-ms "$1")" "$(v bench-p99-ms "$1")" "$rps"
  }
  wrk -t 1 -c 8 -d "$((LOGIN_DURATION + 2))s" --timeout 10s -s bench/wrk_login.lua \
    "http://$HOST:$PORT/admin/login/" >"$WORK/guessers.out" &
  guessers=$!
  sleep 1
  readers hammered
  wait "$guessers"
  g() { awk -v k="$1" '$1 == k { print $2 }' "$WORK/guessers.out"; }
  echo
  echo "login guessing: readers on / (4 connections, ${LOGIN_DURATION}s), alone and while 8 connections post wrong passwords"
  printf '%-34s %9s %9s %9s %10s\n' readers "p50 ms" "p90 ms" "p99 ms" "req/s"
  row alone "alone"
  row hammered "while 8 guessers hammer the login"
  echo "guessers: locked out after $first_checked wrong passwords one at a time; then, hammering," \
    "$(g bench-checked) passwords checked (200), $(g bench-locked) refused by the lockout (429), $(g bench-other) other answers"
  failures=$((failures + $(awk -v k=bench-non2xx '$1 == k { print $2 }' "$WORK/hammered.out")))
fi

echo
if [ "$failures" -gt 0 ]; then
  echo "errors: $failures (non-2xx responses and socket errors); see gunicorn's log:" >&2
  tail -n 20 "$WORK/gunicorn.log" >&2
  exit 1
fi
echo "errors: 0"

#!/usr/bin/env bash
# Run a command with a throwaway Redis server as the site's cache, then stop it.
#
#   tests/redis.sh COMMAND [ARGS...]
#
# Installs Debian's `redis-server` with apt-get where it is missing (as root or
# through sudo), starts it on 127.0.0.1 at a free port (or $REDIS_TEST_PORT)
# with nothing saved to disk, and runs COMMAND with DJANGO_CACHE_URL pointing
# at it.  The server is stopped and its directory removed when COMMAND ends,
# fails or is interrupted.  COMMAND's exit status is this script's.  Combine
# with tests/postgres.sh: `tests/postgres.sh tests/redis.sh COMMAND`.
set -euo pipefail

log() { echo "redis.sh: $*" >&2; }

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  log "installing Debian's redis-server (apt-get)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq redis-server >/dev/null
  command -v redis-server >/dev/null 2>&1 || { log "error: redis-server not found after installing it"; exit 1; }
fi

# A port nobody listens on, below Linux's ephemeral range (32768+) so that no
# outgoing connection holds it; unless one is given.  Starting still retries
# on another port if the chosen one is taken meanwhile.
free_port() {
  local port
  for port in $(shuf -i 20000-32767 -n 50); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  log "error: no free port found"; exit 1
}

WORKDIR=$(mktemp -d "${REDIS_TEST_TMP:-/tmp}/spacefilm-redis.XXXXXX")
chmod 700 "$WORKDIR"

pid=""
cleanup() {
  local status=$?
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$WORKDIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# In the foreground of a background job (no --daemonize), so its pid is ours
# to stop; nothing saved (--save '' --appendonly no), nothing written outside
# WORKDIR.
start_server() {
  redis-server --bind 127.0.0.1 --port "$1" --dir "$WORKDIR" --save '' --appendonly no \
    --daemonize no --logfile "$WORKDIR/server.log" &
  pid=$!
  for _ in $(seq 50); do
    if [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = "PONG" ]; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; pid=""; return 1; }
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=""
  return 1
}
for attempt in 1 2 3 4 5; do
  PORT=${REDIS_TEST_PORT:-$(free_port)}
  if start_server "$PORT"; then break; fi
  if [ -n "${REDIS_TEST_PORT:-}" ] || [ "$attempt" -eq 5 ] || ! grep -q "Address already in use" "$WORKDIR/server.log"; then
    cat "$WORKDIR/server.log" >&2
    exit 1
  fi
  log "port $PORT is taken, trying another"
done

export DJANGO_CACHE_URL="redis://127.0.0.1:$PORT/0"
log "$(redis-server --version | cut -d' ' -f1-3) on 127.0.0.1:$PORT ($DJANGO_CACHE_URL)"
set +e
"$@"
status=$?
set -e
exit "$status"

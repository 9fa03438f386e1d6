#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server, then stop the server.
#
#   tests/postgres.sh COMMAND [ARGS...]
#
# Installs Debian's `postgresql` with apt-get where it is missing (as root or
# through sudo), creates a cluster in a fresh temporary directory, starts it on
# 127.0.0.1 at a free port (or $PG_TEST_PORT) with fsync off, and runs COMMAND
# with DATABASE_URL pointing at it.  The server is stopped and its directory
# removed when COMMAND ends, fails or is interrupted.  COMMAND's exit status is
# this script's.  No systemd needed: pg_ctl starts the server directly.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# The newest installed server's binaries (Debian keeps them off PATH; a
# version with only the client installed has no initdb).
find_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV); do
    if [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  done
}

BINDIR=${PG_BINDIR:-$(find_bindir)}
if [ -z "$BINDIR" ]; then
  log "installing Debian's postgresql (apt-get)..."
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq postgresql >/dev/null
  BINDIR=$(find_bindir)
  [ -n "$BINDIR" ] || { log "error: PostgreSQL binaries not found after installing postgresql"; exit 1; }
fi

# initdb refuses to run as root: as root, run the server as the `postgres`
# user that the Debian package creates; otherwise as ourselves.
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { log "error: no 'postgres' user (is the postgresql package installed?)"; exit 1; }
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
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

# /tmp rather than $TMPDIR: the server's user must be able to reach the
# directory, and $TMPDIR may sit inside a home directory it cannot enter.
WORKDIR=$(mktemp -d "${PG_TEST_TMP:-/tmp}/spacefilm-pg.XXXXXX")
DATA="$WORKDIR/data"
SOCKETS="$WORKDIR/sockets"
mkdir -p "$SOCKETS"
printf 'app\n' >"$WORKDIR/password"
if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$WORKDIR"; fi
chmod 700 "$WORKDIR"

started=""
cleanup() {
  local status=$?
  if [ -n "$started" ]; then
    as_pg "$BINDIR/pg_ctl" stop -D "$DATA" -m fast -w >/dev/null 2>&1 || log "warning: pg_ctl stop failed"
  fi
  rm -rf "$WORKDIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_pg "$BINDIR/initdb" -D "$DATA" -U app --pwfile="$WORKDIR/password" -A scram-sha-256 \
  -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
start_server() {
  as_pg "$BINDIR/pg_ctl" start -D "$DATA" -w -t 60 -l "$WORKDIR/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $1 -k $SOCKETS -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null
}
started=1
for attempt in 1 2 3 4 5; do
  PORT=${PG_TEST_PORT:-$(free_port)}
  if start_server "$PORT"; then break; fi
  if [ -n "${PG_TEST_PORT:-}" ] || [ "$attempt" -eq 5 ] || ! grep -q "Address already in use" "$WORKDIR/server.log"; then
    cat "$WORKDIR/server.log" >&2
    exit 1
  fi
  log "port $PORT is taken, trying another"
done
PGPASSWORD=app "$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U app -d postgres -q -v ON_ERROR_STOP=1 \
  -c "CREATE DATABASE app" >/dev/null

export DATABASE_URL="postgres://app:app@127.0.0.1:$PORT/app"
log "$("$BINDIR/postgres" --version | sed "s/^postgres (PostgreSQL) /PostgreSQL /") on 127.0.0.1:$PORT ($DATABASE_URL)"
set +e
"$@"
status=$?
set -e
exit "$status"

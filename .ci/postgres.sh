#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster in a temporary folder, listening only on a unix socket in
# that folder, and prints the URL for it (postgres://postgres@/ashyq?host=DIR) on standard output.
# Stop it with: bash .ci/postgres.sh stop DIR. initdb refuses to run as root, so as root the
# cluster belongs to the `postgres` user (Debian's postgresql package creates it).
set -euo pipefail

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bindir="$candidate"
done
if [ -z "$bindir" ]; then
  echo "PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Fault tests: `crash DIR` stops the server at once (no checkpoint: recovery replays the log, as
# after a power cut), `start DIR` starts it again.
if [ "${1:-}" = crash ]; then
  as_owner "$bindir/pg_ctl" -D "$2/data" -m immediate -w stop >/dev/null
  exit 0
fi
if [ "${1:-}" = start ]; then
  dir="$2"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=300" start >/dev/null
  exit 0
fi
if [ "${1:-}" = stop ]; then
  dir="$2"
  as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

dir="$(mktemp -d /tmp/ashyq-pg.XXXXXX)"
chmod 0755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Only a socket in this folder: nothing listens on the network. fsync stays on: the kill -9 and
# stop tests count on durability as in production.
as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c max_connections=300" start >/dev/null
as_owner "$bindir/createdb" -h "$dir" -U postgres ashyq
echo "postgres://postgres@localhost/ashyq?host=$dir"

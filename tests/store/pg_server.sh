#!/usr/bin/env bash
# A PostgreSQL server of its own for the store's tests (tests/store/CMakeLists.txt
# runs it as the CTest fixture hireguard_postgres):
#   pg_server.sh start DIR   a new cluster in DIR/data, listening only on a Unix
#                            socket in DIR (no TCP), superuser "hireguard", trust
#                            authentication (DIR is 0700: only its owner and root
#                            reach the socket); the tests connect with
#                            "host=DIR dbname=postgres user=hireguard"
#   pg_server.sh stop DIR    stops it and removes DIR
# PostgreSQL refuses to run as root: as root, the cluster belongs to, and the
# server runs as, HIREGUARD_PG_USER (default nobody). PG_BIN is where initdb and
# pg_ctl are (default: the newest /usr/lib/postgresql/*/bin). The server is for
# tests: fsync is off (the tests kill clients, never the server).
set -euo pipefail

usage() {
  echo "usage: $0 start|stop DIR" >&2
  exit 2
}
[ $# -eq 2 ] || usage
action=$1
dir=$2
case "$dir" in /*) ;; *) echo "$0: DIR must be an absolute path" >&2; exit 2 ;; esac

if [ -z "${PG_BIN:-}" ]; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ ! -x "${PG_BIN:-}/pg_ctl" ]; then
  echo "$0: pg_ctl not found (set PG_BIN; on Debian: apt-get install postgresql)" >&2
  exit 1
fi

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  owner=${HIREGUARD_PG_USER:-nobody}
  as_owner=(runuser -u "$owner" --)
fi

# Stops whatever server runs in DIR (a previous run's, if it was not stopped) and removes DIR.
stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$PG_BIN/pg_ctl" stop -D "$dir/data" -m fast -w -t 60 >/dev/null ||
      "${as_owner[@]}" "$PG_BIN/pg_ctl" stop -D "$dir/data" -m immediate -w -t 60 >/dev/null || true
  fi
  rm -rf -- "$dir"
}

case "$action" in
  start)
    stop
    mkdir -m 0700 -- "$dir"
    if ((${#as_owner[@]})); then chown -- "$owner:" "$dir"; fi
    # The owner's working directory must be one it can read.
    cd /
    "${as_owner[@]}" "$PG_BIN/initdb" -D "$dir/data" -U hireguard --auth=trust -E UTF8 --locale=C.UTF-8 \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    if ! "${as_owner[@]}" "$PG_BIN/pg_ctl" start -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses='' -k $dir -c fsync=off -c full_page_writes=off -c max_connections=64"; then
      cat "$dir/server.log" >&2 || true
      exit 1
    fi
    echo "PostgreSQL at host=$dir dbname=postgres user=hireguard"
    ;;
  stop) stop ;;
  *) usage ;;
esac

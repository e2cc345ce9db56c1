#!/usr/bin/env bash
# Throughput of the store on each adapter (issue 13, item 8), beside a bare
# single-row UPDATE loop on the same database: hireguard_bench_store (built
# with HIREGUARD_BUILD_BENCHMARKS=ON) on a new SQLite file and on a PostgreSQL
# server of its own, started by tests/store/pg_server.sh as the tests start it
# (fsync off), then on the same server restarted with fsync and
# full_page_writes on, as a server in production runs; then on a SQLite file
# in /dev/shm, where a commit flushes nothing: the client's CPU alone. Prints
# uptime before and after each run. The files go in TMPDIR (default
# /var/tmp, on disk where /tmp may be in memory: a commit's time is the disk's).
#
# Usage: bench/store.sh BUILD_DIR [ARGS...]   e.g. bench/store.sh build/release --rounds 5 --breakdown 2
# ARGS go to hireguard_bench_store (--rounds, --seconds, --candidacies, --breakdown).
# With CONNINFO set, the PostgreSQL runs use that server, once, as it is.
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [ARGS...]}
shift
bench=$build/bench/hireguard_bench_store
[[ -x $bench ]] || { echo "$0: $bench is not built (HIREGUARD_BUILD_BENCHMARKS=ON)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
tmp=${TMPDIR:-/var/tmp}
db=$tmp/hireguard-bench-store.$$.db
shm_db=/dev/shm/hireguard-bench-store.$$.db
pg_dir=$tmp/hireguard-bench-pg.$$

cleanup() {
  rm -f "$db" "$db-wal" "$db-shm" "$shm_db" "$shm_db-wal" "$shm_db-shm"
  if [[ -z ${CONNINFO:-} ]]; then "$here/../tests/store/pg_server.sh" stop "$pg_dir" || true; fi
}
trap cleanup EXIT

run() {
  echo "== $(uptime)"
  echo "== $bench $*"
  "$bench" "$@"
  echo "== $(uptime)"
}

if [[ -n ${CONNINFO:-} ]]; then
  run --sqlite "$db" --postgres "$CONNINFO" "$@"
  exit
fi

"$here/../tests/store/pg_server.sh" start "$pg_dir"
conninfo="host=$pg_dir dbname=postgres user=hireguard"
echo "== PostgreSQL as the tests run it: fsync=off, full_page_writes=off"
run --sqlite "$db" --postgres "$conninfo" "$@"

# pg_server.sh gives fsync=off on the server's command line, which ALTER
# SYSTEM cannot override: restart it with the settings of production.
if [[ -z ${PG_BIN:-} ]]; then PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true); fi
as_owner=()
if [[ $(id -u) -eq 0 ]]; then as_owner=(runuser -u "${HIREGUARD_PG_USER:-nobody}" --); fi
(cd / && "${as_owner[@]}" "$PG_BIN/pg_ctl" restart -D "$pg_dir/data" -m fast -w -t 60 -l "$pg_dir/server.log" \
  -o "-c listen_addresses='' -k $pg_dir -c fsync=on -c full_page_writes=on -c max_connections=64" >/dev/null)
echo "== PostgreSQL restarted with fsync=on, full_page_writes=on"
run --postgres "$conninfo" "$@"

if [[ -d /dev/shm ]]; then
  echo "== SQLite in /dev/shm (tmpfs): no flush"
  run --sqlite "$shm_db" "$@"
fi

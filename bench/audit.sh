#!/usr/bin/env bash
# hireguard-audit against its anchor (issue 15): the CPU time of the audit on
# 1 and 2 threads beside that of a plain simdjson scan of the same log that
# extracts the same four fields (hireguard_bench_audit_parse,
# bench/audit_parse.cpp), measured in the same run, rounds interleaved, best
# of RUNS (default 3). Two logs of SIZE (default 1G) from hireguard-loggen:
# mostly clean (10% of the events rejected), and two thirds rejected
# (--violations REJECTED, default 0.63). Also the wall-time speed-up of 2
# threads over 1, and what two cores give at that moment (two sha256sum at
# once against one). The logs are deleted afterwards.
#
# Then instructions per event of the anchor and of the audit, counted by
# callgrind on 100,000 events of each kind of log (figures the machine's load
# does not move), unless INSTRUCTIONS=0.
#
# Usage: bench/audit.sh BUILD_DIR [SIZE]      e.g. bench/audit.sh build/release 1G
#
# With SOAK=1, a soak test of memory instead (issue 12; not run in CI): a log
# of SIZE (default 2G) audited on 1 and 2 threads under `ulimit -v` of
# LIMIT_KB (default 2097152, 2 GiB of address space); each run must complete
# and find the counts the generator reports. Prints /usr/bin/time -v's peak
# resident memory and wall time of each run.
#
#   SOAK=1 bench/audit.sh build/release 2G
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [SIZE]}
runs=${RUNS:-3}
audit=$build/tools/hireguard-audit
loggen=$build/tools/hireguard-loggen
for tool in "$audit" "$loggen"; do
  [[ -x $tool ]] || { echo "$0: $tool is not built" >&2; exit 2; }
done

if [[ ${SOAK:-0} != 0 ]]; then
  size=${2:-2G}
  limit=${LIMIT_KB:-2097152}
  log=$(mktemp "${TMPDIR:-/tmp}/hireguard-audit-soak.XXXXXX")
  report=$(mktemp)
  trap 'rm -f "$log" "$report" "$report.time"' EXIT
  echo "generating $size with hireguard-loggen (10% violations, 1% malformed, 1% written late, seed 20260105)"
  counts=$("$loggen" --bytes "$size" --violations 0.1 --malformed 0.01 --late 0.01 --seed 20260105 -o "$log" 2>&1)
  echo "$counts"
  read -r lines accepted rejected malformed < <(echo "$counts" |
    sed -E 's/.* ([0-9]+) lines: ([0-9]+) accepted, ([0-9]+) rejected, ([0-9]+) malformed.*/\1 \2 \3 \4/')
  echo "log: $(stat -c %s "$log") bytes; ulimit -v $limit"
  status=0
  for threads in 1 2; do
    rc=0
    (ulimit -v "$limit" && exec /usr/bin/time -v -o "$report.time" "$audit" --threads "$threads" --no-progress "$log") \
      >"$report" || rc=$?
    peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$report.time")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$report.time")
    expected="summary: $lines lines read
  events accepted: $accepted
  events rejected: $rejected"
    actual=$(sed -n '/^summary:/,/^  events rejected:/p' "$report")
    if [[ $rc -eq 1 && $actual == "$expected" ]] && grep -qx "  malformed lines: $malformed" "$report"; then
      echo "threads $threads: counts match; peak RSS $((peak / 1024)) MB, wall $wall"
    else
      echo "threads $threads: FAILED (exit code $rc, peak RSS $((peak / 1024)) MB); summary:" >&2
      sed -n '/^summary:/,$p' "$report" >&2
      status=1
    fi
  done
  exit $status
fi
size=${2:-1G}
anchor=$build/bench/hireguard_bench_audit_parse
[[ -x $anchor ]] || { echo "$0: $anchor is not built (HIREGUARD_BUILD_BENCHMARKS, simdjson)" >&2; exit 2; }

log=$(mktemp "${TMPDIR:-/tmp}/hireguard-audit-bench.XXXXXX")
times=$(mktemp)
trap 'rm -f "$log" "$times"' EXIT

# One measurement: "wall user sys rss" of the command.
measure() {
  /usr/bin/time -f "%e %U %S %M" -o "$times" "$@" >/dev/null || [[ $? -le 1 ]]
  tail -n 1 "$times" # after "Command exited with non-zero status 1"
}
smaller() { (($(echo "$1 < $2" | bc -l))); }

# The audit beside its anchor, the plain simdjson scan of the same log that
# extracts job, freelancer, event and at (bench/audit_parse.cpp): RUNS rounds,
# each running the anchor, the audit on 1 thread and on 2 threads one after
# the other, so that the machine's load moves them alike; the best CPU time
# (user + sys) of each, and the best wall time of the two audits.
compare() { # label
  local label=$1 bytes events
  bytes=$(stat -c %s "$log")
  events=$(wc -l <"$log")
  cat "$log" >/dev/null # into the page cache, as for every run below
  local a_cpu="" a_wall="" c1="" w1="" r1="" c2="" w2="" r2="" wall user sys rss cpu
  for _ in $(seq "$runs"); do
    read -r wall user sys rss < <(measure "$anchor" "$log")
    cpu=$(echo "$user + $sys" | bc -l)
    if [[ -z $a_cpu ]] || smaller "$cpu" "$a_cpu"; then a_cpu=$cpu; fi
    if [[ -z $a_wall ]] || smaller "$wall" "$a_wall"; then a_wall=$wall; fi
    read -r wall user sys rss < <(measure "$audit" --threads 1 --no-progress "$log")
    cpu=$(echo "$user + $sys" | bc -l)
    if [[ -z $c1 ]] || smaller "$cpu" "$c1"; then c1=$cpu; fi
    if [[ -z $w1 ]] || smaller "$wall" "$w1"; then w1=$wall r1=$rss; fi
    read -r wall user sys rss < <(measure "$audit" --threads 2 --no-progress "$log")
    cpu=$(echo "$user + $sys" | bc -l)
    if [[ -z $c2 ]] || smaller "$cpu" "$c2"; then c2=$cpu; fi
    if [[ -z $w2 ]] || smaller "$wall" "$w2"; then w2=$wall r2=$rss; fi
  done
  echo
  echo "$label: $bytes bytes, $events events; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "| command | CPU (user + sys) | wall | events per CPU second | CPU / anchor | max RSS |"
  echo "|---|---|---|---|---|---|"
  printf '| anchor: simdjson, 4 fields | %.2f s | %.2f s | %.2f M | 1.00x | |\n' "$a_cpu" "$a_wall" \
    "$(echo "$events / $a_cpu / 1000000" | bc -l)"
  printf '| hireguard-audit --threads 1 | %.2f s | %.2f s | %.2f M | **%.2fx** | %d MB |\n' "$c1" "$w1" \
    "$(echo "$events / $c1 / 1000000" | bc -l)" "$(echo "$c1 / $a_cpu" | bc -l)" "$((r1 / 1024))"
  printf '| hireguard-audit --threads 2 | %.2f s | %.2f s | %.2f M | %.2fx | %d MB |\n' "$c2" "$w2" \
    "$(echo "$events / $c2 / 1000000" | bc -l)" "$(echo "$c2 / $a_cpu" | bc -l)" "$((r2 / 1024))"
  # What two cores give at this moment: two sha256sum of the log at once,
  # against one. 2.00x when both cores are free; less when other work runs.
  local one two start
  read -r one _ < <(measure sha256sum "$log")
  start=$(date +%s.%N)
  sha256sum "$log" >/dev/null &
  sha256sum "$log" >/dev/null
  wait
  two=$(echo "$(date +%s.%N) - $start" | bc -l)
  printf '\nspeed-up on 2 threads (wall): **%.2fx**; two sha256sum at once do %.2fx the work of one; load after: %s\n' \
    "$(echo "$w1 / $w2" | bc -l)" "$(echo "2 * $one / $two" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

# Instructions per event, callgrind, on 100,000 events of the same generator:
# the anchor and the audit on 1 thread, whole runs.
instructions() { # label loggen-options...
  local label=$1
  shift
  "$loggen" --events 100000 "$@" --late 0.01 --seed 20260105 -o "$log" 2>/dev/null
  local out ir_anchor ir_audit
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" "$anchor" "$log" >/dev/null 2>&1 || true
  ir_anchor=$(grep -E "^(summary|totals):" "$out" | tail -1 | awk '{print $2}')
  valgrind --tool=callgrind --callgrind-out-file="$out" "$audit" --threads 1 --no-progress "$log" >/dev/null 2>&1 ||
    true
  ir_audit=$(grep -E "^(summary|totals):" "$out" | tail -1 | awk '{print $2}')
  rm -f "$out"
  printf '%s: instructions per event (callgrind, 100000 events): anchor %.0f, audit %.0f: **%.2fx**\n' "$label" \
    "$(echo "$ir_anchor / 100000" | bc -l)" "$(echo "$ir_audit / 100000" | bc -l)" \
    "$(echo "$ir_audit / $ir_anchor" | bc -l)"
}

# The mostly clean log (10% of the events rejected), then one where two
# thirds of the events are rejected.
echo "generating $size with hireguard-loggen (10% violations, 1% written late, seed 20260105)"
"$loggen" --bytes "$size" --violations 0.1 --late 0.01 --seed 20260105 -o "$log"
compare "mostly clean log"
echo
echo "generating $size with hireguard-loggen (violations ${REJECTED:-0.63}: two thirds rejected, seed 20260105)"
"$loggen" --bytes "$size" --violations "${REJECTED:-0.63}" --late 0.01 --seed 20260105 -o "$log"
compare "log with two thirds rejected"
rm -f "$log"

if [[ ${INSTRUCTIONS:-1} != 0 ]] && command -v valgrind >/dev/null; then
  echo
  instructions "mostly clean log" --violations 0.1
  instructions "two thirds rejected" --violations "${REJECTED:-0.63}"
fi

#!/usr/bin/env bash
# Fuzzes each harness for N seconds from the committed seed corpus and prints
# its execs/s and how many of docs/domain.md's 36 rows it reached.
#   fuzz/run.sh [seconds=60] [build dir=build/fuzz]
#   FUZZ_SEEDS=0 fuzz/run.sh 60    starts from an empty corpus instead
# Build first: cmake --workflow --preset fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${2:-build/fuzz}
seeds=${FUZZ_SEEDS:-1}
status=0
for harness in fuzz_machine fuzz_differential; do
  bin="$build/fuzz/$harness"
  [ -x "$bin" ] || { echo "$bin not built: cmake --workflow --preset fuzz" >&2; exit 2; }
  # New inputs go to a scratch corpus, never into the committed one.
  work=$(mktemp -d "${TMPDIR:-/tmp}/hireguard-$harness.XXXXXX")
  log="$work.log"
  corpora=("$work")
  if [ "$seeds" != 0 ]; then corpora+=(fuzz/corpus); fi
  echo "== $harness: ${seconds}s, dictionary fuzz/hireguard.dict, seeds: $([ "$seeds" != 0 ] && echo fuzz/corpus || echo none)"
  mkdir -p "$build/fuzz-artifacts"
  started=$(date +%s)
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -dict=fuzz/hireguard.dict -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-artifacts/$harness-" "${corpora[@]}" >"$log" 2>&1; then
    status=1
    echo "$harness: FAILED after $(($(date +%s) - started)) s"
    grep -E "invariant violated|ERROR|SUMMARY|Test unit written" "$log" || tail -n 40 "$log"
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  rows=$(grep -E "^$harness: rows reached" "$log" | sed "s/^$harness: //" || true)
  echo "$harness: ${execs:-?} execs, ${rate:-?} execs/s, ${rows:-rows reached: ?}"
  grep -E "^$harness: row not reached" "$log" || true
  if ! grep -q "rows reached: 36/36" <<<"$rows"; then status=1; fi
  rm -rf "$work"
done
exit "$status"

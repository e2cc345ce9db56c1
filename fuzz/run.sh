#!/usr/bin/env bash
# Fuzzes each harness for N seconds from the committed seed corpus and prints
# its execs/s and how many of docs/domain.md's 36 rows it reached; for
# fuzz_restore, how many inputs restored and the rows reached from them; for
# fuzz_decoder, how many lines each decoding path took:
#   fuzz_machine: <n> execs, <r> execs/s, rows reached: 36/36
#   fuzz_restore: <n> execs, <r> execs/s, snapshots restored: <k> of <n> inputs (<j> jobs), rows reached from restored states: <m>/36
#   fuzz_decoder: <n> execs, <r> execs/s, lines compared: <l>, accepted by the fast path: <f>, by the DOM only: <d>, rejected by both: <x>
#   fuzz_background_check: <n> execs, <r> execs/s, rows reached: 26/26
#   fuzz/run.sh [seconds=60] [build dir=build/fuzz]
#   FUZZ_SEEDS=0 fuzz/run.sh 60    starts from an empty corpus instead
#   FUZZ_HARNESSES=fuzz_restore fuzz/run.sh 60    fuzzes only the harnesses named
# fuzz_background_check, a host's workflow (examples/background_check.hpp),
# is fuzzed for half the seconds given (30 s in CI) and must reach all 26 of
# its rows.
# Build first: cmake --workflow --preset fuzz
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=${2:-build/fuzz}
seeds=${FUZZ_SEEDS:-1}
harnesses=${FUZZ_HARNESSES:-fuzz_machine fuzz_differential fuzz_restore fuzz_decoder fuzz_background_check}
status=0
for harness in $harnesses; do
  bin="$build/fuzz/$harness"
  [ -x "$bin" ] || { echo "$bin not built: cmake --workflow --preset fuzz" >&2; exit 2; }
  options=()
  time=$seconds
  rows_wanted=36
  if [ "$harness" = fuzz_background_check ]; then
    dict=
    seed_dirs=(fuzz/corpus_background_check)
    time=$(((seconds + 1) / 2))
    rows_wanted=26
  elif [ "$harness" = fuzz_restore ]; then
    dict=fuzz/snapshot.dict
    seed_dirs=(fuzz/corpus_restore tests/json/malformed tests/json/malformed_job)
  elif [ "$harness" = fuzz_decoder ]; then
    dict=fuzz/decoder.dict
    seed_dirs=(fuzz/corpus_decoder)
    # The 44 KB seed of long lines would set max_len and slow every input
    # down (450 against 1,100 execs/s); the ctest replay reads it whole.
    options=(-max_len=4096)
  else
    dict=fuzz/hireguard.dict
    seed_dirs=(fuzz/corpus)
  fi
  # New inputs go to a scratch corpus, never into the committed one.
  work=$(mktemp -d "${TMPDIR:-/tmp}/hireguard-$harness.XXXXXX")
  log="$work.log"
  corpora=("$work")
  if [ "$seeds" != 0 ]; then corpora+=("${seed_dirs[@]}"); fi
  if [ -n "$dict" ]; then options+=(-dict="$dict"); fi
  echo "== $harness: ${time}s, dictionary ${dict:-none}, seeds: $([ "$seeds" != 0 ] && echo "${seed_dirs[*]}" || echo none)"
  mkdir -p "$build/fuzz-artifacts"
  started=$(date +%s)
  if ! "$bin" -max_total_time="$time" -timeout=10 -print_final_stats=1 "${options[@]}" \
      -artifact_prefix="$build/fuzz-artifacts/$harness-" "${corpora[@]}" >"$log" 2>&1; then
    status=1
    echo "$harness: FAILED after $(($(date +%s) - started)) s"
    grep -E "invariant violated|hireguard fuzz_(restore|decoder):|ERROR|SUMMARY|Test unit written" "$log" || tail -n 40 "$log"
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  rows=$(grep -E "^$harness: rows reached" "$log" | sed "s/^$harness: //" || true)
  if [ "$harness" = fuzz_restore ]; then
    restored=$(grep -E "^fuzz_restore: snapshots restored" "$log" | sed 's/^fuzz_restore: //; s/, [0-9]* events after them//' || true)
    echo "$harness: ${execs:-?} execs, ${rate:-?} execs/s, ${restored:-snapshots restored: ?}, ${rows/rows reached/rows reached from restored states}"
    # From the seeds, some inputs must restore. From nothing, a whole valid
    # snapshot is rarely found in minutes: only crashes count then.
    if [ "$seeds" != 0 ] && ! grep -q "snapshots restored: [1-9]" <<<"$restored"; then status=1; fi
  elif [ "$harness" = fuzz_decoder ]; then
    lines=$(grep -E "^fuzz_decoder: lines compared" "$log" | sed 's/^fuzz_decoder: //' || true)
    echo "$harness: ${execs:-?} execs, ${rate:-?} execs/s, ${lines:-lines compared: ?}"
    # Every line is compared on both paths; from the seeds, the fast path must take some.
    if ! grep -q "lines compared: [1-9]" <<<"$lines"; then status=1; fi
    if [ "$seeds" != 0 ] && ! grep -q "accepted by the fast path: [1-9]" <<<"$lines"; then status=1; fi
  else
    echo "$harness: ${execs:-?} execs, ${rate:-?} execs/s, ${rows:-rows reached: ?}"
    grep -E "^$harness: row not reached" "$log" || true
    if ! grep -q "rows reached: $rows_wanted/$rows_wanted" <<<"$rows"; then status=1; fi
  fi
  rm -rf "$work"
done
exit "$status"

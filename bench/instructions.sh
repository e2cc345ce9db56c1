#!/usr/bin/env bash
# Instructions per event for each engine, counted by callgrind (a figure that
# machine noise does not move): the whole run with one engine, minus a run
# that builds the same stream and processes nothing, divided by the events.
# Usage: bench/instructions.sh path/to/hireguard_bench
set -euo pipefail
bin=${1:?usage: $0 path/to/hireguard_bench}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/out" "$bin" --run "$1" >"$tmp/stdout" 2>/dev/null
  grep -E "^(summary|totals):" "$tmp/out" | tail -1 | awk '{print $2}'
}
base=$(total none)
printf '%-12s %14s %12s\n' engine instructions "per event"
for engine in machine switch table msm msm-tuned; do
  ir=$(total "$engine")
  events=$(awk '{print $1}' "$tmp/stdout")
  printf '%-12s %14d %12.1f\n' "$engine" "$((ir - base))" "$(echo "($ir - $base) / $events" | bc -l)"
done
typed=$(($(total typed) - base))
structs=$(($(total structs) - base))
printf '%-12s %14d %12s\n' typed "$typed" "(15 events)"
printf '%-12s %14d %12s\n' structs "$structs" "(15 events)"

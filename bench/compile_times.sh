#!/usr/bin/env bash
# Wall time and peak memory of compiling each probe in bench/compile/, with
# g++ and clang++ at -O2 (compile only, no link), from /usr/bin/time -v.
# Each probe is compiled REPEAT times (default 3); the fastest wall time and
# the largest peak memory are reported, since other load only slows a run.
# Usage: bench/compile_times.sh [probe.cpp ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
repeat=${REPEAT:-3}
probes=("$@")
if ((${#probes[@]} == 0)); then probes=("$root"/bench/compile/*.cpp); fi
printf '%-22s %-9s %9s %9s\n' probe compiler "wall s" "peak MB"
for probe in "${probes[@]}"; do
  for cxx in g++ clang++; do
    best="" peak=0
    for ((i = 0; i < repeat; ++i)); do
      log=$(mktemp)
      /usr/bin/time -v "$cxx" -std=c++20 -O2 -I"$root/include" -c "$probe" -o /dev/null 2>"$log"
      wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' |
             awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
      kb=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
      rm -f "$log"
      if [ -z "$best" ] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$wall; fi
      if ((kb > peak)); then peak=$kb; fi
    done
    printf '%-22s %-9s %9.2f %9d\n' "$(basename "$probe" .cpp)" "$cxx" "$best" "$((peak / 1024))"
  done
done

#!/usr/bin/env bash
# Wall time and peak memory of compiling each probe in bench/compile/, with
# g++ and clang++ at -O2 (compile only, no link), from /usr/bin/time -v.
# Usage: bench/compile_times.sh [probe.cpp ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
probes=("$@")
if ((${#probes[@]} == 0)); then probes=("$root"/bench/compile/*.cpp); fi
printf '%-22s %-9s %9s %9s\n' probe compiler "wall s" "peak MB"
for probe in "${probes[@]}"; do
  for cxx in g++ clang++; do
    log=$(mktemp)
    /usr/bin/time -v "$cxx" -std=c++20 -O2 -I"$root/include" -c "$probe" -o /dev/null 2>"$log"
    wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    kb=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
    printf '%-22s %-9s %9.2f %9d\n' "$(basename "$probe" .cpp)" "$cxx" "$wall" "$((kb / 1024))"
    rm -f "$log"
  done
done

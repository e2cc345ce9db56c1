#!/usr/bin/env bash
# A/B compile times: the probes of bench/compile/ in this tree against the
# same-named probes of another checkout of hireguard (an older commit, say),
# each compiled against its own tree's headers with -std=c++20 -O2 -c (no
# link), as bench/compile_times.sh does.
#
# The two sides are compiled alternately, ROUNDS times each (default 5), the
# order swapped every round, so that load from other work on the machine falls
# on both sides alike; the fastest wall time of each side is reported (load
# only slows a run), with the largest peak resident memory, from
# /usr/bin/time -v, and the ratio now/base of both. The load average is
# printed before and after.
#
# Usage: bench/compile_ab.sh BASE_TREE [probe ...]
#   BASE_TREE   a hireguard checkout, e.g. made with
#               git worktree add /tmp/ct-base 995ad2e
#   probe       probe names (typed_only, jobs, ...); default: every probe of
#               this tree's bench/compile/ that BASE_TREE also has
# Environment: ROUNDS (default 5), COMPILERS (default "g++ clang++"),
#              CXXFLAGS_AB (extra flags for both sides, default none).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if (($# < 1)); then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi
base=$(cd "$1" && pwd)
shift
rounds=${ROUNDS:-5}
read -r -a compilers <<<"${COMPILERS:-g++ clang++}"
read -r -a extra <<<"${CXXFLAGS_AB:-}"

probes=("$@")
if ((${#probes[@]} == 0)); then
  for p in "$root"/bench/compile/*.cpp; do
    name=$(basename "$p" .cpp)
    if [ -f "$base/bench/compile/$name.cpp" ]; then probes+=("$name"); fi
  done
fi

# Compiles one probe of one tree; prints "wall_seconds peak_kb".
measure() {
  local cxx=$1 tree=$2 name=$3 log
  log=$(mktemp)
  if ! /usr/bin/time -v "$cxx" -std=c++20 -O2 "${extra[@]}" -I"$tree/include" -c "$tree/bench/compile/$name.cpp" \
    -o /dev/null 2>"$log"; then
    cat "$log" >&2
    rm -f "$log"
    echo "compile_ab: $cxx failed on $tree/bench/compile/$name.cpp" >&2
    exit 1
  fi
  awk '/Elapsed \(wall clock\)/ { n = split($NF, t, ":"); w = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
       /Maximum resident set size/ { kb = $NF }
       END { print w, kb }' "$log"
  rm -f "$log"
}

echo "base: $base ($(git -C "$base" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "now:  $root ($(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'))"
echo "rounds: $rounds; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %-8s %8s %8s %6s %8s %8s %6s\n' probe compiler "base s" "now s" ratio "base MB" "now MB" ratio
for name in "${probes[@]}"; do
  for cxx in "${compilers[@]}"; do
    best_b="" best_n="" peak_b=0 peak_n=0
    for ((i = 0; i < rounds; ++i)); do
      if ((i % 2 == 0)); then order=(base now); else order=(now base); fi
      for side in "${order[@]}"; do
        if [ "$side" = base ]; then tree=$base; else tree=$root; fi
        read -r wall kb < <(measure "$cxx" "$tree" "$name")
        if [ "$side" = base ]; then
          if [ -z "$best_b" ] || awk -v a="$wall" -v b="$best_b" 'BEGIN { exit !(a < b) }'; then best_b=$wall; fi
          if ((kb > peak_b)); then peak_b=$kb; fi
        else
          if [ -z "$best_n" ] || awk -v a="$wall" -v b="$best_n" 'BEGIN { exit !(a < b) }'; then best_n=$wall; fi
          if ((kb > peak_n)); then peak_n=$kb; fi
        fi
      done
    done
    awk -v p="$name" -v c="$cxx" -v wb="$best_b" -v wn="$best_n" -v mb="$peak_b" -v mn="$peak_n" 'BEGIN {
      printf "%-16s %-8s %8.2f %8.2f %6.2f %8d %8d %6.2f\n", p, c, wb, wn, wn / wb, mb / 1024, mn / 1024, mn / mb }'
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

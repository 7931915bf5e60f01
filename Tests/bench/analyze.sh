#!/usr/bin/env bash
# End-to-end benchmark of `galley analyze` with every built-in plugin on the BBC dev set:
# throughput with --jobs 1 (one processor) and --jobs 2 (two), best of $REPEAT runs each,
# and peak memory (RSS) for the corpus once and repeated ten times. Release build; run from
# the package root:
#   swift build -c release && Tests/bench/analyze.sh
# Prints a Markdown table. Peak RSS is GNU time's "maximum resident set size" of each process
# (the host, or the largest plugin).
set -euo pipefail
cd "$(dirname "$0")/../.."
galley="${GALLEY:-$PWD/.build/release/galley}"
data="${BBC:-../shared/data/bbc/dev.ndjson}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -x "$galley" ] || { echo "build first: swift build -c release" >&2; exit 66; }
[ -f "$data" ] || { echo "missing $data" >&2; exit 66; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time (/usr/bin/time)" >&2; exit 69; }

pack="${PACK:-../shared/data/bbc-topics-pack.json}"
# 10x: the records repeated under new ids and titles (so duplicate detection does not skip them).
cp "$data" "$work/x1.ndjson"
for k in $(seq 1 10); do sed -e "s/\"id\": \"/\"id\": \"r$k-/" -e "s/\"title\": \"/\"title\": \"[$k] /" "$data"; done > "$work/x10.ndjson"
n1=$(wc -l < "$work/x1.ndjson"); n10=$(wc -l < "$work/x10.ndjson")

run() { # run LABEL INPUT JOBS -> prints "seconds maxrss_kb"
  local input=$1 jobs=$2
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$galley" analyze "$input" --pack "$pack" --jobs "$jobs" --out "$work/out-$RANDOM" --format none -q \
    || { echo "analyze failed on $input" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$(awk "BEGIN{print $end - $start}") $(cat "$work/rss")"
}

# Best of REPEAT runs, alternating --jobs 1 and 2 so that both see the same machine load.
repeat=${REPEAT:-3}
t1=; t2=; m1=0; m2=0
for _ in $(seq 1 "$repeat"); do
  read -r t m <<<"$(run "$work/x1.ndjson" 1)"
  if [ -z "$t1" ] || awk "BEGIN{exit !($t < $t1)}"; then t1=$t; fi
  [ "$m" -gt "$m1" ] && m1=$m
  read -r t m <<<"$(run "$work/x1.ndjson" 2)"
  if [ -z "$t2" ] || awk "BEGIN{exit !($t < $t2)}"; then t2=$t; fi
  [ "$m" -gt "$m2" ] && m2=$m
done
read -r t10 m10 <<<"$(run "$work/x10.ndjson" 2)"
printf '| run | articles | time | articles/s | peak RSS |\n|---|---|---|---|---|\n'
calc() { awk "BEGIN{print $1}"; }
printf '| BBC dev, --jobs 1 | %d | %.2f s | %.0f | %.0f MB |\n' "$n1" "$t1" "$(calc "$n1 / $t1")" "$(calc "$m1 / 1024")"
printf '| BBC dev, --jobs 2 | %d | %.2f s | %.0f | %.0f MB |\n' "$n1" "$t2" "$(calc "$n1 / $t2")" "$(calc "$m2 / 1024")"
printf '| BBC dev x10, --jobs 2 | %d | %.2f s | %.0f | %.0f MB |\n' "$n10" "$t10" "$(calc "$n10 / $t10")" "$(calc "$m10 / 1024")"
printf '\n--jobs 2 speed-up: %.2fx; peak RSS 10x / 1x: %.2f\n' "$(calc "$t1 / $t2")" "$(calc "$m10 / $m2")"

#!/usr/bin/env bash
# bench/scan_profile.sh [BUILD [OTHER_BUILD]] - where the time of `netra scan --threads 1`
# goes on this machine, by function: perf samples the CPU clock (a software event, so it
# works in a virtual machine without hardware counters) while the scan runs over
# NETRA_BENCH_POSTS (default 1,000,000) of bench_scan.sh's posts with the DCT and Pilpres 2024
# loaded, and only the samples taken after the first one inside run_slice are counted (the
# loading of the election files is left out). Prints each function's share of the scan.
#
# With OTHER_BUILD: both builds are profiled NETRA_BENCH_ROUNDS times (default 3) in turn,
# and their times compared against a ruler: functions that touch little memory and that a
# change elsewhere does not alter (the item reader and the verdict writer). On a shared
# machine the speed of a whole run moves by 20% from one run to the next, but within one run
# every function is slowed alike, so the ratio of a function's share to the ruler's share
# compares builds more steadily than two timings do (one build against itself: 1.038 in
# all, so under about 5% is noise). Prints per function the time of OTHER_BUILD over BUILD,
# and the estimated total (median over the rounds). Only valid when the ruler's code is the
# same in both builds; NETRA_BENCH_RULER (space-separated symbols) replaces the default.
# Needs perf (installed when missing) and ../shared/data (skips without it).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
other=${2:-}
posts=${NETRA_BENCH_POSTS:-1000000}
rounds=${NETRA_BENCH_ROUNDS:-3}
ruler=${NETRA_BENCH_RULER:-"netra_verdict_json j_str j_ulong j_spans container_top item_value netra_item_parse scan_string_slow"}
export NETRA_DATA_DIR=${NETRA_DATA_DIR:-$top/data}
if ! command -v perf >/dev/null; then
    echo "scan_profile: installing perf (linux-perf)" >&2
    [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q linux-perf >/dev/null
fi
cmake --build "$build" -j 2 >/dev/null
[ -n "$other" ] && cmake --build "$other" -j 2 >/dev/null
. "$top/bench/scan_inputs.sh"
scan_prepare scan_profile "$build/netra" "$posts"

# profile BUILD OUT: "share symbol" lines of the scan's samples into OUT
profile() {
    local data="$tmp/perf.data" start
    if ! perf record -q -e cpu-clock -F 2999 -o "$data" "$1/netra" --lang id scan "${E[@]}" \
        --threads 1 "$tmp/items.jsonl" > /dev/null 2> "$tmp/perf.err"; then
        echo "scan_profile: SKIPPED: perf cannot sample here: $(tail -1 "$tmp/perf.err")"
        exit 0
    fi
    start=$(perf script -i "$data" -F time,ip,sym 2> /dev/null | awk '!s && /run_slice|netra_item_parse/ { s = $1; sub(":", "", s) } END { print s }')
    perf report -i "$data" --no-children --time "$start," --sort symbol 2> /dev/null |
        awk '/^ *[0-9.]+%/ { s = $1; sub("%", "", s); print s, $3 }' > "$2"
}

echo "== scan_profile: $posts bench posts, DCT + Pilpres 2024, one thread, perf cpu-clock"
if [ -z "$other" ]; then
    profile "$build" "$tmp/a"
    echo "-- share of the scan's time by function ($build)"
    head -n 30 "$tmp/a" | awk '{ printf "%6.2f%%  %s\n", $1, $2 }'
    exit 0
fi
for r in $(seq "$rounds"); do
    profile "$build" "$tmp/a.$r"
    profile "$other" "$tmp/b.$r"
done
python3 - "$tmp" "$rounds" "$ruler" "$build" "$other" <<'PY'
import statistics, sys
tmp, rounds, ruler, a_name, b_name = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(), sys.argv[4], sys.argv[5]
def read(f):
    d = {}
    for line in open(f):
        s, sym = line.split(None, 1)
        d[sym.strip()] = d.get(sym.strip(), 0.0) + float(s)
    return d
a = [read(f"{tmp}/a.{r}") for r in range(1, rounds + 1)]
b = [read(f"{tmp}/b.{r}") for r in range(1, rounds + 1)]
def ruler_share(d): return sum(d.get(s, 0.0) for s in ruler)
totals = [ruler_share(x) / ruler_share(y) for x, y in zip(a, b)]
print(f"A = {a_name}\nB = {b_name}")
print(f"ruler ({' '.join(ruler)}): {statistics.median(ruler_share(x) for x in a):.2f}% of A's scan, "
      f"{statistics.median(ruler_share(y) for y in b):.2f}% of B's")
print("estimated scan time B/A: %.3f (rounds: %s)" % (statistics.median(totals), " ".join("%.3f" % t for t in totals)))
syms = sorted(set().union(*a, *b), key=lambda s: -sum(d.get(s, 0.0) for d in a + b))[:25]
print("-- by function: median share in A, in B, and time B/A against the ruler")
for s in syms:
    sa = statistics.median(d.get(s, 0.0) for d in a)
    sb = statistics.median(d.get(s, 0.0) for d in b)
    ratios = [(y.get(s, 0.0) / ruler_share(y)) / (x.get(s, 0.0) / ruler_share(x))
              for x, y in zip(a, b) if x.get(s, 0.0) > 0]
    r = "%.2f" % statistics.median(ratios) if ratios else "new"
    print(f"{sa:6.2f}% {sb:6.2f}%  {r:>5}  {s}")
PY

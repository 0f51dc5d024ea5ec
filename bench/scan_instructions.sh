#!/usr/bin/env bash
# bench/scan_instructions.sh [BUILD] - instructions per post of `netra scan --threads 1`,
# counted by callgrind inside the scan loop only (run_slice): unlike a timing, the count does
# not depend on the machine's load, so two builds can be compared on a busy machine. Over
# the first NETRA_BENCH_POSTS (default 20,000) of bench_scan.sh's posts, with the DCT and
# Pilpres 2024 loaded; then the steady state: the same count over the posts that come after
# one whole cycle of the tweets (every word of them met before, as in the bulk of the
# 200,000-post benchmark: the one-time analysis of new words left out), taken as the count
# over all the posts minus the count over that first cycle; then separately over the posts
# that name no contestant and those that name one (split by the build's own verdicts, first
# meetings included), and the top functions of the whole run. With NETRA_BENCH_MISSES=1, also
# the steady state's simulated misses per post of a cache the size of the second level.
# Needs valgrind (installed when missing) and ../shared/data (skips without it).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
posts=${NETRA_BENCH_POSTS:-20000}
export NETRA_DATA_DIR=${NETRA_DATA_DIR:-$top/data}
netra="$build/netra"
if ! command -v valgrind >/dev/null; then
    echo "scan_instructions: installing valgrind" >&2
    [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind >/dev/null
fi
cmake --build "$build" -j 2 >/dev/null
. "$top/bench/scan_inputs.sh"
scan_prepare scan_instructions "$netra" "$posts"
# Split by the verdicts: "contestants":[] is a post that names nobody.
"$netra" --lang id scan "${E[@]}" --threads 1 "$tmp/items.jsonl" > "$tmp/verdicts.jsonl" 2>/dev/null
paste -d '\t' "$tmp/verdicts.jsonl" "$tmp/items.jsonl" | awk -F '\t' -v a="$tmp/none.jsonl" \
    -v b="$tmp/some.jsonl" '{ if (index($1, "\"contestants\":[]")) print $2 > a; else print $2 > b }'
# NETRA_BENCH_MISSES=1: the steady state's misses per post of a cache the size of this
# machine's second level (read from sysfs; 2 MiB, 16 ways when absent), simulated by
# callgrind as its last level in the two runs the steady state is counted from (the
# simulation changes no instruction count). A simulation, not a measurement: prefetch
# instructions are not modelled (so a change that only prefetches shows no difference
# here; see bench/scan_profile.sh for time), but a change of layout that touches fewer
# lines does.
sim=()
if [ "${NETRA_BENCH_MISSES:-0}" = 1 ]; then
    l2=/sys/devices/system/cpu/cpu0/cache/index2
    l2_kib=$(sed 's/K$//' "$l2/size" 2>/dev/null || echo 2048)
    l2_ways=$(cat "$l2/ways_of_associativity" 2>/dev/null || echo 16)
    sim=(--cache-sim=yes --LL=$((l2_kib * 1024)),"$l2_ways",64)
fi
total=0
count() { # FILE TAG [VALGRIND OPTION...]: prints "TAG: N posts, I instructions per post";
    # leaves the sum in $total and callgrind's output in "$tmp/cg.TAG"
    local n file=$1 tag=$2
    shift 2
    n=$(wc -l < "$file")
    valgrind --tool=callgrind "$@" --callgrind-out-file="$tmp/cg.$tag" --toggle-collect=run_slice \
        "$netra" --lang id scan "${E[@]}" --threads 1 "$file" > /dev/null 2> "$tmp/cg.$tag.err"
    total=$(callgrind_annotate "$tmp/cg.$tag" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1 }')
    printf '%s: %d posts, %d instructions per post\n' "$tag" "$n" $((total / n))
}
echo "== scan_instructions: $build, first $posts bench posts, DCT + Pilpres 2024, one thread"
count "$tmp/items.jsonl" "all posts" "${sim[@]}"
all_total=$total
# One cycle: the bench joins the tweets two by two, so ceil(tweets / 2) posts use them all.
tweets=$(node "$top/tests/tools/tweets2items.mjs" "${NETRA_SHARED_DATA:-$top/../shared/data}/id-twitter-13k.csv" | wc -l)
cycle=$(((tweets + 1) / 2))
if [ "$posts" -gt "$cycle" ]; then
    head -n "$cycle" "$tmp/items.jsonl" > "$tmp/cycle.jsonl"
    count "$tmp/cycle.jsonl" "first cycle" "${sim[@]}" > /dev/null
    printf 'steady state: %d posts after the first %d, %d instructions per post\n' \
        $((posts - cycle)) "$cycle" $(((all_total - total) / (posts - cycle)))
fi
[ -s "$tmp/none.jsonl" ] && count "$tmp/none.jsonl" "naming nobody"
[ -s "$tmp/some.jsonl" ] && count "$tmp/some.jsonl" "naming someone"
if [ ${#sim[@]} -gt 0 ] && [ "$posts" -gt "$cycle" ]; then
    callgrind_annotate --auto=no "$tmp/cg.all posts" 2> /dev/null > "$tmp/sim.all.txt"
    callgrind_annotate --auto=no "$tmp/cg.first cycle" 2> /dev/null > "$tmp/sim.cyc.txt"
    echo "-- steady state: misses per post of a ${l2_kib} KiB, ${l2_ways}-way cache as the last level"
    python3 - "$tmp/sim.all.txt" "$tmp/sim.cyc.txt" $((posts - cycle)) <<'PY'
import re, sys
def read(path):
    events, rows = None, {}
    for line in open(path):
        if line.startswith("Events shown:"):
            events = line.split(":", 1)[1].split()
            continue
        cols = re.sub(r"\([^)]*%\)", "", line).split()
        if not events or len(cols) <= len(events):
            continue
        try:
            vals = [0 if c == "." else int(c.replace(",", "")) for c in cols[: len(events)]]
        except ValueError:
            continue
        name = re.sub(r" \[.*\]$", "", " ".join(cols[len(events):]))
        rows[name] = [a + b for a, b in zip(rows.get(name, [0] * len(events)), vals)]
    return events, rows
ev, a = read(sys.argv[1])
_, c = read(sys.argv[2])
n = int(sys.argv[3])
r, w = ev.index("DLmr"), ev.index("DLmw")
diff = {k: [(x - y) / n for x, y in zip(a.get(k, [0] * len(ev)), c.get(k, [0] * len(ev)))] for k in a}
t = diff.pop("PROGRAM TOTALS")
print(f"all: {t[r]:.1f} read misses, {t[w]:.1f} write misses per post")
for k, v in sorted(diff.items(), key=lambda kv: -(kv[1][r] + kv[1][w]))[:10]:
    if v[r] + v[w] >= 0.1:
        print(f"{v[r]:6.1f} {v[w]:6.1f}  {k}")
PY
fi
echo "-- functions, inclusive (all posts)"
callgrind_annotate --inclusive=yes "$tmp/cg.all posts" 2>/dev/null | grep -E '^ *[0-9,]+ \(' |
    grep -v -E ':(main|scan_cmd|scan_stream|run_slice|flush_batch|cmd_scan) |main\.c:main|cmd_scan\.c:|libc-start|below main|ld-linux|PROGRAM TOTALS' |
    head -24

#!/usr/bin/env bash
# bench/bench_scan.sh [BUILD] - netra scan end to end with the 258,229-name 2024 candidate
# list (DCT) and Pilpres 2024 loaded, against the baselines a user would reach for on the
# same posts and names: `grep -F -w -i -f names` under LC_ALL=C and a Hyperscan caseless
# literal set (both matching only: no normalisation, no decision), and the floor of a
# scanner that looks words up (bench/floor/scan_floor.c). Reports the figures and their
# ratios. Needs ../shared/data (skips without it); installs libhyperscan-dev if missing.
# Environment: NETRA_BENCH_POSTS (default 200000), NETRA_BENCH_GREP_TIMEOUT (default 300 s).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
shared=${NETRA_SHARED_DATA:-$top/../shared/data}
posts=${NETRA_BENCH_POSTS:-200000}
grep_timeout=${NETRA_BENCH_GREP_TIMEOUT:-300}
export NETRA_DATA_DIR=${NETRA_DATA_DIR:-$top/data}
netra="$build/netra"
if [ ! -f "$shared/dct2024-candidates.tsv" ] || [ ! -f "$shared/id-twitter-13k.csv" ]; then
    echo "bench_scan: SKIPPED: $shared has no dct2024-candidates.tsv / id-twitter-13k.csv"
    exit 0
fi
if ! pkg-config --exists libhs 2>/dev/null; then
    echo "bench_scan: installing libhyperscan-dev (the Hyperscan baseline)" >&2
    if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q libhyperscan-dev >/dev/null || true
    fi
    cmake -S "$top" -B "$build" >/dev/null
fi
cmake --build "$build" -j 2 >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "== bench_scan: $posts posts, 258,229-name DCT + Pilpres 2024, one core"
. "$top/bench/scan_inputs.sh"
t0=$(t)
scan_inputs "$netra" "$tmp" "$posts"
t1=$(t)
printf 'inputs (import-dct and the posts): %.1f s\n' "$(calc "$t1 - $t0")"
text_bytes=$(wc -c < "$tmp/texts.txt")
item_bytes=$(wc -c < "$tmp/items.jsonl")
printf 'posts: %d, mean text %d bytes, mean item line %d bytes; %d distinct names\n' \
    "$posts" $((text_bytes / posts)) $((item_bytes / posts)) "$(wc -l < "$tmp/names.txt")"

# netra scan, one thread, end to end (parse, normalise, match, decide, write JSON).
E="--election $tmp/dct.json --election $NETRA_DATA_DIR/elections/pilpres-2024.json"
t0=$(t)
"$netra" --lang id scan $E --threads 1 --stats "$tmp/items.jsonl" > "$tmp/verdicts.jsonl" 2> "$tmp/scan.err"
t1=$(t)
scan_s=$(calc "$t1 - $t0")
build_s=$(sed -n 's/.*dalam \([0-9.]*\) dtk.*/\1/p' "$tmp/scan.err" | head -1)
matcher=$(sed -n 's/.*pencocok \([0-9.]*\) MiB.*/\1/p' "$tmp/scan.err" | head -1)
peak=$(sed -n 's/memori puncak: \([0-9.]*\) MiB/\1/p' "$tmp/scan.err")
# The summary line's rate counts from the end of the build to the last verdict written.
netra_pps=$(sed -n 's/.* \([0-9]*\) item\/dtk.*/\1/p' "$tmp/scan.err" | head -1)
decide_s=$(calc "$posts / $netra_pps")
# CPU seconds of the scan after the build (a shared machine distorts these least).
cpu_s=$(sed -n 's/CPU pemindaian: \([0-9.]*\) dtk.*/\1/p' "$tmp/scan.err" | head -1)
cpu_pps=$(sed -n 's/CPU pemindaian: .*, \([0-9]*\) item per detik CPU.*/\1/p' "$tmp/scan.err" | head -1)
printf 'netra scan (1 thread): %.2f s in all; detector built in %s s (after loading the files), matcher %s MiB, peak RSS %s MiB\n' \
    "$scan_s" "$build_s" "$matcher" "$peak"
printf '  end to end %.2f s for the posts: %.0f posts/s; %s CPU seconds: %s posts per CPU-second (load: %s)\n' \
    "$decide_s" "$netra_pps" "$cpu_s" "$cpu_pps" "$(cut -d' ' -f1-3 /proc/loadavg)"
cores=$(nproc)
t0=$(t)
"$netra" scan $E --threads "$cores" "$tmp/items.jsonl" > /dev/null 2>&1
t1=$(t)
printf '  with %d threads: %.0f posts/s (including the build)\n' "$cores" \
    "$(calc "$posts / ($t1 - $t0)")"

# grep -F -w -i, matching only.
t0=$(t)
set +e
LC_ALL=C timeout "$grep_timeout" grep -F -w -i -c -f "$tmp/names.txt" "$tmp/texts.txt" > "$tmp/grep.out"
grc=$?
set -e
t1=$(t)
grep_s=$(calc "$t1 - $t0")
if [ $grc -eq 124 ]; then
    printf 'grep -F -w -i (LC_ALL=C): killed after %s s (no result)\n' "$grep_timeout"
    printf '  netra end to end is more than %sx faster\n' "$(ratio "$grep_s" "$decide_s")"
else
    printf 'grep -F -w -i (LC_ALL=C): %.2f s, %.0f posts/s, %s lines matched\n' "$grep_s" \
        "$(calc "$posts / $grep_s")" "$(cat "$tmp/grep.out")"
    printf '  netra end to end / grep matching only: %sx\n' "$(ratio "$grep_s" "$decide_s")"
fi

# Hyperscan literal set, matching only.
if [ -x "$build/bench/hs_literals" ]; then
    hs=$("$build/bench/hs_literals" "$tmp/names.txt" "$tmp/texts.txt")
    hs_pps=$(echo "$hs" | sed -n 's/.*lines_per_s=\([0-9]*\).*/\1/p')
    echo "hyperscan literal set: $hs"
    printf '  netra end to end / hyperscan matching only: %sx (per CPU-second: %sx)\n' \
        "$(ratio "$netra_pps" "$hs_pps")" "$(ratio "$cpu_pps" "$hs_pps")"
else
    echo "hyperscan: SKIPPED (libhyperscan-dev not available on this machine)"
fi
# The floor (bench/floor/scan_floor.c): the least work a scanner does that, like netra, looks
# each word up in a memo of the stream's words and walks a trie of the names: no
# normalisation, no cues, no model, no validation. An upper bound for such a design on this
# machine, end to end (the same item lines, a constant verdict) and matching only (the texts).
if [ -x "$build/bench/scan_floor" ]; then
    fl=$("$build/bench/scan_floor" "$tmp/names.txt" "$tmp/items.jsonl" 2>&1 > /dev/null)
    fm=$("$build/bench/scan_floor" --texts "$tmp/names.txt" "$tmp/texts.txt" 2>&1 > /dev/null)
    fl_pps=$(echo "$fl" | sed -n 's/.*lines_per_cpu_s=\([0-9]*\).*/\1/p')
    fm_pps=$(echo "$fm" | sed -n 's/.*lines_per_cpu_s=\([0-9]*\).*/\1/p')
    echo "floor, end to end: $fl"
    printf '  netra end to end / floor end to end, per CPU-second: %sx\n' "$(ratio "$cpu_pps" "$fl_pps")"
    echo "floor, matching only: $fm"
    if [ -n "${hs_pps:-}" ]; then
        printf '  floor matching only / hyperscan matching only: %sx\n' "$(ratio "$fm_pps" "$hs_pps")"
    fi
fi
supp=$(grep -c '"stance":"support"' "$tmp/verdicts.jsonl" || true)
printf 'verdicts with a support: %d of %d posts (%.2f%%)\n' "$supp" "$posts" \
    "$(calc "100 * $supp / $posts")"

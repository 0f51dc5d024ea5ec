#!/usr/bin/env bash
# bench/scan_same_verdicts.sh OLD_BUILD NEW_BUILD - whether two builds of netra decide alike,
# byte for byte: the verdicts of bench_scan.sh's posts (NETRA_BENCH_POSTS, default 200,000;
# DCT + Pilpres 2024, one thread), of a file mixing posts, the item fuzz corpus and malformed
# lines (two threads), of the labelled train and held-out splits with every shipped election
# (with and without --attribute-all), and `netra eval` on both splits with and without
# --disguise. A speed change must print SAME. Needs ../shared/data for the bench posts (the
# rest runs without it).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
old=${1:?usage: scan_same_verdicts.sh OLD_BUILD NEW_BUILD}
new=${2:?usage: scan_same_verdicts.sh OLD_BUILD NEW_BUILD}
posts=${NETRA_BENCH_POSTS:-200000}
export NETRA_DATA_DIR=${NETRA_DATA_DIR:-$top/data}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/bench/scan_inputs.sh"
ALL=()
for f in "$NETRA_DATA_DIR"/elections/*.json; do ALL+=(--election "$f"); done
have_bench=1
scan_inputs "$new/netra" "$tmp" "$posts" || have_bench=0
{
    [ $have_bench = 1 ] && head -n 3000 "$tmp/items.jsonl"
    for f in "$top"/tests/fuzz/corpora/item/*; do cat "$f"; echo; done
    printf '%s\n' '{' '{"id":"x","act":"post","text":"a"' '[1,2]' '{"id":1}' 'null' '' \
        '{"id":"y","act":"post","text":"\ud800"}' '{"id":"z","act":"tweet","text":"pilih 02"}'
} > "$tmp/mixed.jsonl"
run() { # BUILD OUTDIR
    local N=("$1/netra" --lang id) o=$2
    mkdir -p "$o"
    if [ $have_bench = 1 ]; then
        "${N[@]}" scan --election "$tmp/dct.json" --election "$NETRA_DATA_DIR/elections/pilpres-2024.json" \
            --threads 1 "$tmp/items.jsonl" > "$o/bench.jsonl" 2>/dev/null
    fi
    "${N[@]}" scan "${ALL[@]}" --threads 2 "$tmp/mixed.jsonl" > "$o/mixed.jsonl" 2>/dev/null
    for s in train heldout; do
        "${N[@]}" scan "${ALL[@]}" --threads 1 "$top/data/corpus/$s.jsonl" > "$o/$s.jsonl" 2>/dev/null
        "${N[@]}" scan "${ALL[@]}" --threads 1 --attribute-all "$top/data/corpus/$s.jsonl" \
            > "$o/$s-all.jsonl" 2>/dev/null
        "${N[@]}" eval "${ALL[@]}" "$top/data/corpus/$s.jsonl" > "$o/$s-eval.txt" 2>/dev/null
        "${N[@]}" eval "${ALL[@]}" --disguise "$top/data/corpus/$s.jsonl" > "$o/$s-disguise.txt" 2>/dev/null
    done
}
run "$old" "$tmp/old"
run "$new" "$tmp/new"
[ $have_bench = 1 ] || echo "scan_same_verdicts: no ../shared/data: the bench posts are left out"
bad=0
for f in "$tmp"/old/*; do
    b=$(basename "$f")
    if ! cmp -s "$f" "$tmp/new/$b"; then
        echo "DIFFERENT: $b (first difference: $(cmp "$f" "$tmp/new/$b" 2>&1 | head -1))"
        bad=1
    elif [ ! -s "$f" ]; then
        echo "EMPTY: $b (nothing compared)"
        bad=1
    fi
done
[ $bad = 0 ] && echo "SAME: $(ls "$tmp/old" | wc -l) outputs byte-identical ($(cat "$tmp"/old/*.jsonl | wc -l) verdict lines)"
exit $bad

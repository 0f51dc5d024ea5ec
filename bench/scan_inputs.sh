# bench/scan_inputs.sh - sourced by the scan benchmarks (scan_prepare below sets up a run
# with them): scan_inputs NETRA DIR POSTS writes
# into DIR the inputs every scan measurement uses, made the same way each time:
#   DIR/dct.json     the 258,229-name 2024 candidate list as an election (import-dct)
#   DIR/items.jsonl  POSTS posts of about 230 bytes, two real tweets each, "Guru SD, ASN"
#   DIR/texts.txt    their texts, one a line (for the matching-only baselines)
#   DIR/names.txt    one name a line per distinct candidate name (the same)
# Needs $NETRA_SHARED_DATA (default ../shared/data) with dct2024-candidates.tsv and
# id-twitter-13k.csv; returns 2 when they are absent, so that a caller can skip clearly.
scan_inputs() {
    local netra=$1 dir=$2 posts=$3
    local top shared
    top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    shared=${NETRA_SHARED_DATA:-$top/../shared/data}
    if [ ! -f "$shared/dct2024-candidates.tsv" ] || [ ! -f "$shared/id-twitter-13k.csv" ]; then
        return 2
    fi
    "$netra" election import-dct --id pileg-2024 --law-election pemilu-2024 --office dpr \
        "$shared/dct2024-candidates.tsv" > "$dir/dct.json" 2>/dev/null
    node "$top/tests/tools/tweets2items.mjs" "$shared/id-twitter-13k.csv" --repeat "$posts" \
        --join 2 --bio "Guru SD, ASN" --texts "$dir/texts.txt" > "$dir/items.jsonl"
    node -e '
const f = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const out = new Set();
for (const c of f.contestants) if (c.kind === "candidate") out.add((c.aliases[0] || c.names[0]).toLowerCase());
process.stdout.write([...out].join("\n") + "\n");' "$dir/dct.json" > "$dir/names.txt"
}

# scan_prepare NAME NETRA POSTS: sets $tmp to a new temporary directory (removed on exit)
# holding scan_inputs()' files, and the array E to the --election options of the DCT and
# Pilpres 2024; without ../shared/data, prints "NAME: SKIPPED: ..." and exits 0.
scan_prepare() {
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    if ! scan_inputs "$2" "$tmp" "$3"; then
        echo "$1: SKIPPED: no ../shared/data (dct2024-candidates.tsv, id-twitter-13k.csv)"
        exit 0
    fi
    E=(--election "$tmp/dct.json" --election "$NETRA_DATA_DIR/elections/pilpres-2024.json")
}

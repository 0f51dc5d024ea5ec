#!/usr/bin/env bash
# The SIGKILL crash test (docs/testing.md): 20 rounds of a burst of writes against one SQLite
# store, each ended by SIGKILL at a random moment; after each kill, every write the writer
# had acknowledged (tests/crash/writer.c) must be in the database and the audit chain must
# verify, both through the store API and through `netra audit verify`.
#   crash.sh CRASH_WRITER NETRA [ROUNDS]
# No timing is asserted: the kill comes at a random moment after the first acknowledged write
# of the round, however slow the machine.
set -u
writer=$1
netra=$2
rounds=${3:-20}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/crash.db"
# With NETRA_TEST_BACKEND=pg the store is a fresh schema of the PostgreSQL test cluster
# (tests/pg/cluster.sh): the writer's connection dies with it, and the server must have kept
# every transaction it acknowledged and none it did not.
if [ "${NETRA_TEST_BACKEND:-sqlite}" = pg ]; then
    url=$(cat "${NETRA_TEST_PG_STATE:-/nonexistent}/url" 2>/dev/null)
    if [ -z "$url" ]; then
        if [ "${NETRA_TEST_PG_REQUIRED:-0}" = 1 ]; then echo "PostgreSQL required, not started"; exit 1; fi
        echo "PostgreSQL tests skipped: no cluster"; exit 77
    fi
    schema="crash$$"
    psql -q -X "$url" -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null || exit 1
    trap 'psql -q -X "$url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1; rm -rf "$tmp"' EXIT
    db="$url?options=-csearch_path%3D$schema"
fi
acks="$tmp/acks"
: >"$acks"
fails=0
for round in $(seq 1 "$rounds"); do
    before=$(wc -l <"$acks")
    "$writer" write "$db" "$acks" 2>"$tmp/writer.err" &
    pid=$!
    # wait for this round's first acknowledged write (or the writer's end)
    while [ "$(wc -l <"$acks")" -le "$before" ] && kill -0 "$pid" 2>/dev/null; do
        sleep 0.01
    done
    # then a random moment within the burst: 0 to 0.29 s
    sleep "0.$((RANDOM % 3))$((RANDOM % 10))"
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    if [ -s "$tmp/writer.err" ]; then
        echo "round $round: the writer failed: $(head -3 "$tmp/writer.err")"
        fails=$((fails + 1))
    fi
    if ! out=$("$writer" check "$db" "$acks" 2>&1); then
        echo "round $round: $out"
        fails=$((fails + 1))
        continue
    fi
    if ! "$netra" audit verify --db "$db" >"$tmp/verify.out" 2>&1; then
        echo "round $round: netra audit verify: $(cat "$tmp/verify.out")"
        fails=$((fails + 1))
        continue
    fi
    echo "round $round: killed; $out"
done
echo "$rounds rounds, $fails failed"
[ "$fails" -eq 0 ]

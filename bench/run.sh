#!/usr/bin/env bash
# Runs every benchmark of bench/ against a build directory (default: build).
# Each prints its figures as ratios against a baseline measured in the same process.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
export NETRA_DATA_DIR=${NETRA_DATA_DIR:-$top/data}
export NETRA_SHARED_DATA=${NETRA_SHARED_DATA:-$top/../shared/data}
# bench_store compares the case store on SQLite with PostgreSQL: a throw-away cluster with
# fsync on (tests/pg/cluster.sh --durable), one schema per PostgreSQL run.
if [ -z "${NETRA_BENCH_PG:-}" ]; then
    pgstate=$(mktemp -d /tmp/netra-bench-pg.XXXXXX)
    trap '"$top/tests/pg/cluster.sh" stop "$pgstate"' EXIT
    if "$top/tests/pg/cluster.sh" start "$pgstate" --durable >/dev/null && [ -f "$pgstate/url" ]; then
        export NETRA_BENCH_PG=$(cat "$pgstate/url")
        psql -q -X "$NETRA_BENCH_PG" -c "CREATE SCHEMA bench_on; CREATE SCHEMA bench_off" >/dev/null
    fi
fi
for b in "$build"/bench/bench_*; do
    [ -x "$b" ] || continue
    "$b"
    echo
done
for s in "$top"/bench/bench_*.sh; do
    "$s" "$build"
    echo
done

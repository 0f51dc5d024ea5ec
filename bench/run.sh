#!/usr/bin/env bash
# Runs every benchmark of bench/ against a build directory (default: build).
# Each prints its figures as ratios against a baseline measured in the same process.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
export NETRA_DATA_DIR=${NETRA_DATA_DIR:-$top/data}
export NETRA_SHARED_DATA=${NETRA_SHARED_DATA:-$top/../shared/data}
for b in "$build"/bench/bench_*; do
    [ -x "$b" ] || continue
    "$b"
    echo
done
for s in "$top"/bench/bench_*.sh; do
    "$s" "$build"
    echo
done

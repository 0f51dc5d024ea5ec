#!/usr/bin/env bash
# Fails when a C source is not formatted as .clang-format says (run `make format`).
set -u
top=${1:-.}
cd "$top" || exit 2
if ! command -v clang-format >/dev/null; then
    echo "clang-format is not installed (scripts/install-deps.sh installs it)"; exit 1
fi
bad=0
for f in $(git ls-files -co --exclude-standard -- '*.c' '*.h'); do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "not formatted: $f"; bad=1
    fi
done
[ $bad -eq 0 ] && echo "all sources formatted"
exit $bad

#!/usr/bin/env bash
# Fails when a banned libc function is called in project C sources (curl's list plus ours;
# see docs/internals/style.md). Use snprintf, nt_buf, nt_parse_long instead.
set -u
top=${1:-.}
cd "$top" || exit 2
banned='sprintf|vsprintf|strcpy|strcat|strncat|strncpy|gets|strtok|atoi|atol|atoll|atof|system|tmpnam|mktemp|alloca'
hits=$(git ls-files -co --exclude-standard -- '*.c' '*.h' 2>/dev/null \
    | xargs -r grep -nE "(^|[^A-Za-z0-9_.>])($banned)[[:space:]]*\(" \
    | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(\*|//|/\*)' )
if [ -n "$hits" ]; then
    echo "banned functions used:"
    echo "$hits"
    exit 1
fi
echo "no banned functions in $(git ls-files -co --exclude-standard -- '*.c' '*.h' | wc -l) files"

#!/usr/bin/env bash
# Dependencies point down only: the CLI and the server use the public API (include/netra),
# never a module's private header; public headers include only public headers; libnetra
# never includes CLI or server code.
set -u
top=${1:-.}
cd "$top" || exit 2
bad=0
files() { git ls-files -co --exclude-standard -- "$@"; }
for f in $(files 'src/cli/*.c' 'src/cli/*.h' 'src/server/*.c' 'src/server/*.h'); do
    if grep -nE '#include[[:space:]]+"[a-z]+/[a-z_]+_int\.h"|#include[[:space:]]+".*src/lib' "$f"; then
        echo "  ^ $f includes a private libnetra header"; bad=1
    fi
done
for f in $(files 'include/netra/*.h'); do
    if grep -nE '#include[[:space:]]+"' "$f" | grep -vE '"netra/[a-z_]+\.h"'; then
        echo "  ^ $f includes a non-public header"; bad=1
    fi
done
for f in $(files 'src/lib/*.c' 'src/lib/*.h'); do
    if grep -nE '#include[[:space:]]+"(cli|server)/' "$f"; then
        echo "  ^ $f (libnetra) includes CLI or server code"; bad=1
    fi
done
[ $bad -eq 0 ] && echo "layering respected"
exit $bad

#!/usr/bin/env bash
# Every server test acts on the store tests/server/lib.sh gives it, so that its _pg variant
# runs on PostgreSQL and not silently on a SQLite file: netrad is started with
# NETRA_DB="$DB" (or a store of new_db), and every --db and NETRA_DB= names "$DB" or
# "$(new_db NAME)". Usage: stores.sh DIR (the tests/server directory). With --self-test
# DIR, it also checks that it fails on broken copies of a test.
set -u
check() {
    local dir=$1 bad=0 f n line
    for f in "$dir"/*.test; do
        n=0
        while IFS= read -r line || [ -n "$line" ]; do
            n=$((n + 1))
            case $line in \#*) continue ;; esac
            # netrad started by start_server: the store must be given
            if [[ $line =~ (^|[^_[:alnum:]])start_server([[:space:]]|$) ]] &&
                ! [[ $line =~ NETRA_DB=\"(\$DB|\$\(new_db\ [[:alnum:]_]+\))\" ]]; then
                echo "$f:$n: start_server without NETRA_DB=\"\$DB\": $line"
                bad=1
            fi
            # any store named: only the ones lib.sh gives
            local rest=$line
            while [[ $rest =~ (--db[[:space:]=]+|NETRA_DB=)([^[:space:]]*)(.*) ]]; do
                local val=${BASH_REMATCH[2]}
                rest=${BASH_REMATCH[3]}
                if ! [[ $val =~ ^\"(\$DB|\$\(new_db)(\"|$) || $val == '"$DB"' ]]; then
                    echo "$f:$n: a store other than \"\$DB\" or \"\$(new_db NAME)\": $val"
                    bad=1
                fi
            done
        done <"$f"
    done
    return $bad
}
if [ "${1:-}" = --self-test ]; then
    dir=$2
    check "$dir" || exit 1
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    # each broken copy must be refused
    i=0
    for edit in 's|start_server NETRA_DB="\$DB"|start_server NETRA_DB="$T/demo.db"|' \
        's|start_server NETRA_DB="\$DB"|start_server|' \
        's|--db "\$DB"|--db "$T/demo.db"|' \
        's|--db "\$DB"|--db demo.db|'; do
        i=$((i + 1))
        mkdir -p "$tmp/$i"
        sed "$edit" "$dir/stats.test" >"$tmp/$i/stats.test"
        if cmp -s "$dir/stats.test" "$tmp/$i/stats.test"; then
            echo "self-test: '$edit' changed nothing in stats.test"
            exit 1
        fi
        if check "$tmp/$i" >/dev/null; then
            echo "self-test: a copy with '$edit' was not refused"
            exit 1
        fi
    done
    echo "every server test uses the store lib.sh gives it; $i broken copies refused"
    exit 0
fi
check "${1:?usage: stores.sh DIR}" && echo "every server test uses the store lib.sh gives it"

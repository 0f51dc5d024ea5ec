#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on loopback for the tests (a ctest fixture) and the bench.
#
#   tests/pg/cluster.sh start STATE_DIR [--durable]   initdb, start, createdb netra_test;
#                                                     writes STATE_DIR/url
#   tests/pg/cluster.sh stop STATE_DIR                stops the server and removes it all
#
# The server runs as user postgres when started by root (initdb refuses root), listens on
# 127.0.0.1 on a free port with its unix socket in the state directory, and is never the
# system's cluster. Without --durable it runs with fsync=off (tests only: the data is thrown
# away). When PostgreSQL cannot start, `start` writes STATE_DIR/unavailable with the reason
# and fails only when NETRA_TEST_PG_REQUIRED=1: the PostgreSQL test variants then skip
# (exit 77) or, when required, fail.
set -u
cmd=${1:-}
state=${2:-}
[ -n "$cmd" ] && [ -n "$state" ] || { echo "usage: $0 start|stop STATE_DIR [--durable]" >&2; exit 2; }

bindir=""
for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && bindir=$d
done

as_pg() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

unavailable() {
    mkdir -p "$state"
    echo "$1" > "$state/unavailable"
    echo "netra: PostgreSQL for the tests: $1" >&2
    if [ "${NETRA_TEST_PG_REQUIRED:-0}" = 1 ]; then exit 1; fi
    exit 0
}

case "$cmd" in
start)
    rm -rf "$state"
    mkdir -p "$state"
    [ -n "$bindir" ] || unavailable "no /usr/lib/postgresql/*/bin/pg_ctl (Debian package postgresql)"
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        unavailable "running as root and there is no user postgres to run the server"
    fi
    fsync="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${3:-}" = --durable ] && fsync=""
    chmod 755 "$state"
    data="$state/data"
    mkdir -p "$data" "$state/sock" "$state/log"
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$data" "$state/sock" "$state/log"
    if ! as_pg "$bindir/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
        --no-sync >"$state/initdb.log" 2>&1; then
        unavailable "initdb failed: $(tail -3 "$state/initdb.log" | tr '\n' ' ')"
    fi
    started=0
    for try in 1 2 3 4 5 6 7 8; do
        port=$(( 20000 + (RANDOM % 20000) ))
        if as_pg "$bindir/pg_ctl" -D "$data" -l "$state/log/server.log" -w -t 30 start \
            -o "-p $port -k $state/sock -c listen_addresses=127.0.0.1 $fsync -c max_connections=60" \
            >>"$state/pg_ctl.log" 2>&1; then
            started=1
            break
        fi
    done
    [ $started = 1 ] || unavailable "pg_ctl start failed: $(tail -3 "$state/log/server.log" 2>/dev/null | tr '\n' ' ')"
    echo "$port" > "$state/port"
    if ! as_pg "$bindir/createdb" -h "$state/sock" -p "$port" -U postgres netra_test \
        >>"$state/pg_ctl.log" 2>&1; then
        unavailable "createdb failed: $(tail -3 "$state/pg_ctl.log" | tr '\n' ' ')"
    fi
    echo "postgresql://postgres@127.0.0.1:$port/netra_test" > "$state/url"
    echo "netra: PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port ($state)"
    ;;
stop)
    if [ -n "$bindir" ] && [ -d "$state/data" ]; then
        as_pg "$bindir/pg_ctl" -D "$state/data" -m fast -w stop >/dev/null 2>&1
    fi
    rm -rf "$state"
    ;;
*)
    echo "usage: $0 start|stop STATE_DIR [--durable]" >&2
    exit 2
    ;;
esac

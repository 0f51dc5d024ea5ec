# Helpers for tests/server/*.test: start netrad on a free loopback port and talk HTTP to it
# with curl; JSON checked with node (as tests/cli/lib.sh does).
#   start_server [ENV=VALUE...]  starts netrad (port 0), waits for its URL in $URL
#   stop_server                  SIGTERM, waits; $SRV_RC is its exit status
#   req METHOD PATH [CURL ARGS]  $STATUS, body in $T/body, headers in $T/headers
#   expect_status N / expect_body TEXT / expect_no_body TEXT / expect_header TEXT
#   expect_json EXPR             node evaluates EXPR with j = JSON.parse(body)
#   alive                        the server still answers /healthz with 200
#   finish                       summary; exit 1 when a check failed
#   new_db NAME                  a fresh store: $T/NAME.db, or with NETRA_TEST_BACKEND=pg a fresh
#                                schema of the throw-away PostgreSQL cluster (tests/pg/cluster.sh)
#   $DB                          the test's main store (new_db demo), on the backend under test;
#                                start_server refuses a NETRA_DB that new_db did not give
#                                (tests/server/stores.sh checks the scripts under ctest)
# With NETRA_TEST_BACKEND=pg (the server_*_pg variants) every netrad and netra of the test
# uses PostgreSQL; without a cluster they skip (77), or fail when NETRA_TEST_PG_REQUIRED=1.
NETRAD=${NETRAD:-$1}
NETRA=${NETRA:-$2}
FAILS=0
CHECKS=0
T=$(mktemp -d)
SRV_PID=
_pg_url=""
cleanup() {
    if [ -n "$SRV_PID" ]; then kill -TERM "$SRV_PID" 2>/dev/null; wait "$SRV_PID" 2>/dev/null; fi
    if [ -n "$_pg_url" ] && [ -f "$T/schemas" ]; then
        for s in $(sort -u "$T/schemas"); do
            psql -q -X "$_pg_url" -c "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1
        done
    fi
    rm -rf "$T"
}
trap cleanup EXIT
if [ "${NETRA_TEST_BACKEND:-sqlite}" = pg ]; then
    _pg_url=${NETRA_TEST_PG:-}
    if [ -z "$_pg_url" ] && [ -f "${NETRA_TEST_PG_STATE:-/nonexistent}/url" ]; then
        _pg_url=$(cat "$NETRA_TEST_PG_STATE/url")
    fi
    if [ -z "$_pg_url" ]; then
        why=$(cat "${NETRA_TEST_PG_STATE:-/nonexistent}/unavailable" 2>/dev/null || echo "no cluster")
        if [ "${NETRA_TEST_PG_REQUIRED:-0}" = 1 ]; then
            echo "FAIL: PostgreSQL required (NETRA_TEST_PG_REQUIRED=1): $why"
            exit 1
        fi
        echo "PostgreSQL tests skipped: $why"
        exit 77
    fi
fi
new_db() {
    local loc
    if [ -z "$_pg_url" ]; then
        loc="$T/$1.db"
    else
        local s="s$$_$1"
        echo "$s" >>"$T/schemas"
        psql -q -X "$_pg_url" -c "DROP SCHEMA IF EXISTS $s CASCADE; CREATE SCHEMA $s" >/dev/null 2>&1 ||
            { echo "cannot create schema $s" >&2; exit 1; }
        loc="$_pg_url?options=-csearch_path%3D$s"
    fi
    echo "$loc" >>"$T/stores" # what start_server accepts
    echo "$loc"
}
DB=$(new_db demo)

start_server() {
    # netrad serves only a store new_db made ($DB): a _pg variant must not run on SQLite
    local a db=""
    for a in "$@"; do
        case $a in NETRA_DB=*) db=${a#NETRA_DB=} ;; esac
    done
    if [ -z "$db" ] || ! grep -qxF -- "$db" "$T/stores" 2>/dev/null; then
        echo "FAIL: start_server needs NETRA_DB=\"\$DB\" (a store of new_db), not '${db:-nothing}'"
        exit 1
    fi
    rm -f "$T/url"
    env "$@" NETRA_PORT=0 NETRA_ADDRESS=127.0.0.1 "$NETRAD" --ready-file "$T/url" \
        2>>"$T/log" </dev/null &
    SRV_PID=$!
    for _ in $(seq 600); do
        [ -s "$T/url" ] && break
        kill -0 "$SRV_PID" 2>/dev/null || break
        sleep 0.1
    done
    if [ ! -s "$T/url" ]; then
        echo "FAIL: netrad did not start"; cat "$T/log"; exit 1
    fi
    URL=$(cat "$T/url")
    URL=${URL%/}
}

stop_server() {
    kill -TERM "$SRV_PID"
    wait "$SRV_PID"
    SRV_RC=$?
    SRV_PID=
}

req() {
    local method=$1 path=$2
    shift 2
    LAST="$method $path"
    STATUS=$(curl -sS -o "$T/body" -D "$T/headers" -w '%{http_code}' -X "$method" \
        --path-as-is "$@" "$URL$path" 2>"$T/curlerr")
}

_fail() {
    FAILS=$((FAILS + 1))
    echo "FAIL: $LAST: $*"
    echo "  body: $(head -c 600 "$T/body" 2>/dev/null)"
}
expect_status() { CHECKS=$((CHECKS + 1)); [ "$STATUS" = "$1" ] || _fail "status $STATUS, expected $1"; }
expect_body() { CHECKS=$((CHECKS + 1)); grep -qF -- "$1" "$T/body" || _fail "body lacks '$1'"; }
expect_no_body() { CHECKS=$((CHECKS + 1)); ! grep -qF -- "$1" "$T/body" || _fail "body has '$1'"; }
expect_header() {
    CHECKS=$((CHECKS + 1))
    tr -d '\r' <"$T/headers" | grep -qiF -- "$1" || _fail "headers lack '$1'"
}
expect_json() {
    CHECKS=$((CHECKS + 1))
    node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
             process.exit(eval(process.argv[2]) ? 0 : 1)' "$T/body" "$1" 2>/dev/null ||
        _fail "JSON check failed: $1"
}
# An error reply: the status, the JSON shape {"error":{"code","message","field"}} and the code.
expect_error() {
    expect_status "$1"
    expect_json "j.error && j.error.code === '$2' && typeof j.error.message === 'string' && 'field' in j.error"
}
alive() {
    local st
    st=$(curl -sS -o /dev/null -w '%{http_code}' "$URL/healthz" 2>/dev/null)
    CHECKS=$((CHECKS + 1))
    [ "$st" = 200 ] || _fail "server no longer answers /healthz after $LAST (status $st)"
}
finish() {
    echo "$CHECKS checks, $FAILS failed"
    [ "$FAILS" -eq 0 ]
    exit $?
}

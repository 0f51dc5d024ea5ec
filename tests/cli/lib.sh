# Helpers for tests/cli/*.test. Source it after setting NETRA=$1.
#   run ARGS...            runs netra, keeps stdout in $OUT, stderr in $ERR, status in $RC
#   expect_rc N            the last status was N
#   expect_out TEXT        stdout contains TEXT (fixed string)
#   expect_err TEXT        stderr contains TEXT
#   expect_no_out TEXT     stdout does not contain TEXT
#   expect_json EXPR       node evaluates the JavaScript EXPR with j = JSON.parse(stdout)
#   expect_jsonl EXPR      the same with j = the array of stdout's lines, each parsed
#   finish                 prints the summary and exits 1 when a check failed
#   new_db NAME            a fresh store location: $_tmp/NAME.db, or with NETRA_TEST_BACKEND=pg
#                          a fresh schema of the PostgreSQL test cluster (tests/pg/cluster.sh)
#   db_sql LOCATION SQL    runs SQL on a store behind netra's back (sqlite3 or psql)
#   db_has LOCATION TEXT   whether TEXT is stored in clear (the file and its WAL, or the
#                          rows of every table with binary columns in escape form)
NETRA=${NETRA:-$1}
FAILS=0
CHECKS=0
_tmp=$(mktemp -d)
_pg_url=""
_cleanup() {
    if [ -n "$_pg_url" ] && [ -f "$_tmp/schemas" ]; then
        for s in $(sort -u "$_tmp/schemas"); do
            psql -q -X "$_pg_url" -c "DROP SCHEMA IF EXISTS $s CASCADE" >/dev/null 2>&1
        done
    fi
    rm -rf "$_tmp"
}
trap _cleanup EXIT
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
    if [ -z "$_pg_url" ]; then
        echo "$_tmp/$1.db"
        return
    fi
    local s="c$$_$1"
    echo "$s" >>"$_tmp/schemas"
    psql -q -X "$_pg_url" -c "DROP SCHEMA IF EXISTS $s CASCADE; CREATE SCHEMA $s" >/dev/null 2>&1 ||
        { echo "cannot create schema $s" >&2; exit 1; }
    echo "$_pg_url?options=-csearch_path%3D$s"
}
_pg_schema() { printf '%s' "${1##*%3D}"; }
db_sql() {
    if [ -z "$_pg_url" ]; then
        sqlite3 "$1" "$2"
    else
        psql -q -X -v ON_ERROR_STOP=1 "$_pg_url" -c "SET search_path TO $(_pg_schema "$1"); $2" >/dev/null
    fi
}
db_has() {
    if [ -z "$_pg_url" ]; then
        grep -q -- "$2" "$1" "$1-wal" 2>/dev/null
        return
    fi
    psql -X -A -t "$_pg_url" -c "SET search_path TO $(_pg_schema "$1");
        SELECT concat((SELECT string_agg(encode(identity, 'escape') ||
                       coalesce(encode(contact, 'escape'), ''), '') FROM reporters),
                      (SELECT string_agg(c::text, '') FROM cases c),
                      (SELECT string_agg(a::text, '') FROM audit a))" 2>/dev/null | grep -q -- "$2"
}
run() {
    LAST="netra $*"
    "$NETRA" "$@" >"$_tmp/out" 2>"$_tmp/err" </dev/null
    RC=$?
    OUT=$(cat "$_tmp/out")
    ERR=$(cat "$_tmp/err")
}
_fail() {
    FAILS=$((FAILS + 1))
    echo "FAIL: $LAST: $*"
    echo "  stdout: $(printf '%s' "$OUT" | head -c 600)"
    echo "  stderr: $(printf '%s' "$ERR" | head -c 600)"
}
expect_rc() { CHECKS=$((CHECKS + 1)); [ "$RC" -eq "$1" ] || _fail "exit $RC, expected $1"; }
expect_out() { CHECKS=$((CHECKS + 1)); grep -qF -- "$1" "$_tmp/out" || _fail "stdout lacks '$1'"; }
expect_err() { CHECKS=$((CHECKS + 1)); grep -qF -- "$1" "$_tmp/err" || _fail "stderr lacks '$1'"; }
expect_no_out() { CHECKS=$((CHECKS + 1)); ! grep -qF -- "$1" "$_tmp/out" || _fail "stdout has '$1'"; }
expect_json() {
    CHECKS=$((CHECKS + 1))
    node -e 'const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
             process.exit(eval(process.argv[2]) ? 0 : 1)' "$_tmp/out" "$1" 2>/dev/null ||
        _fail "JSON check failed: $1"
}
expect_jsonl() {
    CHECKS=$((CHECKS + 1))
    node -e 'const j = require("fs").readFileSync(process.argv[1], "utf8").split("\n")
                 .filter(l => l.length > 0).map(l => JSON.parse(l));
             process.exit(eval(process.argv[2]) ? 0 : 1)' "$_tmp/out" "$1" 2>/dev/null ||
        _fail "JSON Lines check failed: $1"
}
finish() {
    echo "$CHECKS checks, $FAILS failed"
    [ "$FAILS" -eq 0 ]
    exit $?
}

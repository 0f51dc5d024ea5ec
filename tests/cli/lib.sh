# Helpers for tests/cli/*.test. Source it after setting NETRA=$1.
#   run ARGS...            runs netra, keeps stdout in $OUT, stderr in $ERR, status in $RC
#   expect_rc N            the last status was N
#   expect_out TEXT        stdout contains TEXT (fixed string)
#   expect_err TEXT        stderr contains TEXT
#   expect_no_out TEXT     stdout does not contain TEXT
#   expect_json EXPR       node evaluates the JavaScript EXPR with j = JSON.parse(stdout)
#   expect_jsonl EXPR      the same with j = the array of stdout's lines, each parsed
#   finish                 prints the summary and exits 1 when a check failed
NETRA=${NETRA:-$1}
FAILS=0
CHECKS=0
_tmp=$(mktemp -d)
trap 'rm -rf "$_tmp"' EXIT
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

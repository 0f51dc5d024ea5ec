#!/usr/bin/env bash
# `make run`: a fresh demo database under the build directory (netra demo seed), a reporter
# key for it, then netrad on a loopback port in the foreground; prints the URL. Ctrl-C stops
# it (the requests in flight finish first). `netra tour` is the CLI walk-through.
# Usage: scripts/run-server.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
run="$top/$build/run"
mkdir -p "$run"
rm -f "$run/demo.db" "$run/demo.db-wal" "$run/demo.db-shm"
if [ ! -s "$run/key" ]; then
    (umask 077 && head -c 32 /dev/urandom | od -An -vtx1 | tr -d ' \n' >"$run/key" && echo >>"$run/key")
fi
export NETRA_KEY_FILE="$run/key"
export NETRA_KEY=$(head -n 1 "$run/key")
"$top/$build/netra" demo seed --db "$run/demo.db"
web=""
if [ -f "$top/web/index.html" ]; then web="$top/web"; fi
echo
echo "netrad: demo database $run/demo.db (the DEMO cases, accounts, queue and receipts above); CLI walk-through: make tour"
NETRA_DB="$run/demo.db" NETRA_WEB_ROOT="${NETRA_WEB_ROOT:-$web}" NETRA_PORT="${NETRA_PORT:-0}" \
    "$top/$build/netrad" --ready-file "$run/url" 2>"$run/netrad.log" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid; exit 0' INT TERM
for _ in $(seq 300); do
    [ -s "$run/url" ] && break
    kill -0 $pid 2>/dev/null || { cat "$run/netrad.log" >&2; exit 5; }
    sleep 0.1
done
url=$(cat "$run/url")
rm -f "$run/url"
echo "netrad: listening on $url  (web app: $url; API: ${url}api/v1/openapi.json, health: ${url}healthz)"
echo "netrad: log in with one of the DEMO accounts printed above, e.g."
echo "  curl -c jar -H 'Content-Type: application/json' -d '{\"login\":\"demo.jabar\",\"password\":\"...\"}' ${url}api/v1/session"
echo "  curl -b jar ${url}api/v1/cases"
echo "netrad: accounts of a region: demo.adm.jabar (Jawa Barat, 32) and demo.adm.bdg (Kota Bandung, 32.73) manage the"
echo "  offices and users below them (${url}api/v1/users, ${url}api/v1/offices); conflict of interest: the Kab. Bandung case"
echo "  (demo.jabar, case page) is flagged and its recommendation routed to the governor"
echo "netrad: logs in $run/netrad.log; Ctrl-C to stop"
wait $pid

#!/usr/bin/env bash
# bench/bench_http.sh [BUILD] - netrad under wrk (keep-alive, 2 threads, 64 connections) on
# SQLite against nginx serving a static JSON file of the same size in the same run (the
# ceiling: no routing, no library, no JSON building). Prints requests/s, p99 and the ratio
# to nginx for each request:
#   GET  /api/v1/cases/5                   one case read from the store, authenticated by an
#                                          API token, scoped by the access policy, with ETag
#   GET  /api/v1/cases?region=32&sort=-updated&limit=20   a filtered, sorted list page
#   GET  /api/v1/forms/D-6                 a JSON document built from the law tables
#   POST /api/v1/classify                  a JSON body parsed, classified, answered
#   POST /api/v1/cases/5/evidence?kind=teks   a durable write: a new piece of evidence (each
#                                          request's body differs, so each is a new row),
#                                          its custody entry and an audit-chain entry in one
#                                          transaction, answered only after COMMIT returned
#                                          with synchronous=FULL (fsync of the WAL)
#   POST /api/v1/reports                   the public report intake (durable: a case, its
#                                          receipt and audit entry committed before the 201),
#                                          each body distinct; the per-address limit raised
# Durable writes go through netrad's group commit (docs/server.md): many requests, one fsync.
# Installs wrk and nginx from Debian when missing (never part of make test).
# Environment: NETRA_BENCH_SECONDS (default 10), NETRA_BENCH_CONNECTIONS (default 64).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
secs=${NETRA_BENCH_SECONDS:-10}
conns=${NETRA_BENCH_CONNECTIONS:-64}
export NETRA_DATA_DIR=${NETRA_DATA_DIR:-$top/data}
need=()
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
    echo "bench_http: installing ${need[*]}" >&2
    if [ "$(id -u)" -ne 0 ]; then echo "bench_http: SKIPPED: needs root to install ${need[*]}"; exit 0; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" \
        </dev/null >/dev/null
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)
cmake --build "$build" -j 2 --target netrad netra_cli >/dev/null
tmp=$(mktemp -d)
npid=
spid=
cleanup() {
    [ -n "$spid" ] && kill -TERM "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
    [ -n "$npid" ] && kill "$npid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

"$build/netra" demo seed --db "$tmp/bench.db" >/dev/null
NETRA_DB="$tmp/bench.db" NETRA_PORT=0 NETRA_LOG_LEVEL=warn NETRA_THREADS=${NETRA_THREADS:-2} \
    NETRA_PUBLIC_RATE=1000000 NETRA_PUBLIC_BURST=1000000 \
    "$build/netrad" --ready-file "$tmp/url" 2>"$tmp/netrad.log" &
spid=$!
for _ in $(seq 300); do [ -s "$tmp/url" ] && break; sleep 0.1; done
url=$(cat "$tmp/url")
url=${url%/}
token=$("$build/netra" token add demo.ri --name bench --db "$tmp/bench.db" --json 2>/dev/null |
    awk -F'"' '/"token"/ { print $4 }')
auth="Authorization: Bearer $token"

# nginx on a free port, serving files of the same sizes as netrad's answers.
mkdir -p "$tmp/www" "$tmp/nginx"
curl -s "$url/api/v1/forms/D-6" >"$tmp/www/form.json"
curl -s -H "$auth" "$url/api/v1/cases/5" >"$tmp/www/case.json"
curl -s -H "$auth" "$url/api/v1/cases?region=32&sort=-updated&limit=20" >"$tmp/www/list.json"
curl -s -X POST -H 'Content-Type: application/json' \
    -d '{"act":"like","date":"2024-10-01","election":"pilkada-2024"}' \
    "$url/api/v1/classify" >"$tmp/www/classify.json"
nport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18089)
cat >"$tmp/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
daemon off;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    types { application/json json; }
    server {
        listen 127.0.0.1:$nport;
        root $tmp/www;
        location / { if (\$request_method = POST) { rewrite ^ /classify.json break; } }
        location = /evidence.json { }
        location = /report.json { }
        error_page 405 =200 \$uri;
    }
}
CONF
"$nginx" -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" &
npid=$!
sleep 0.5

cat >"$tmp/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA
cat >"$tmp/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"act":"like","date":"2024-10-01","election":"pilkada-2024"}'
wrk.headers["Content-Type"] = "application/json"
LUA

cat >"$tmp/evidence.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
wrk.headers["Content-Type"] = "text/plain"
local n = 0
request = function()
    n = n + 1
    return wrk.format("POST", nil, nil, "tangkapan teks unggahan " .. n .. " " .. math.random(1e9))
end
LUA
cat >"$tmp/report.lua" <<'LUA'
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
    n = n + 1
    return wrk.format("POST", nil, nil, '{"regime":"pemilu","what":"Camat mengajak warga memilih, laporan ' .. n .. ' ' .. math.random(1e9) .. '"}')
end
LUA
curl -s -X POST -H 'Content-Type: application/json' -d '{"regime":"pemilu","what":"contoh"}' \
    "$url/api/v1/reports" >"$tmp/www/report.json"
printf '{"case":5,"evidence_id":1,"sha256":"%064d","kind":"teks","media_type":"text/plain","bytes":40}' 0 \
    >"$tmp/www/evidence.json"

# wrk_run URL [LUA] -> "req/s p99_ms"
wrk_run() {
    local out
    if [ $# -gt 1 ]; then
        out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$2" "$1")
    else
        out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$1")
    fi
    local rps p99
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
    local errs
    errs=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    echo "$rps ${p99:-?} ${errs:-0}"
}

printf 'bench_http: wrk -t2 -c%s -d%ss, keep-alive, loopback, SQLite store (%s)\n' "$conns" "$secs" "$build"
printf '%-36s %8s %12s %9s %12s %9s %8s\n' request bytes "netrad r/s" "p99 ms" "nginx r/s" "p99 ms" ratio
row() {
    local name=$1 file=$2 path=$3 npath=$4 lua=${5:-}
    local a b
    if [ -n "$lua" ]; then
        a=$(wrk_run "$url$path" "$lua")
        b=$(wrk_run "http://127.0.0.1:$nport$npath" "$lua")
    else
        a=$(wrk_run "$url$path")
        b=$(wrk_run "http://127.0.0.1:$nport$npath")
    fi
    set -- $a $b
    local ratio
    ratio=$(awk -v x="$1" -v y="$4" 'BEGIN { if (y > 0) printf "%.2f", x / y; else print "-" }')
    printf '%-36s %8s %12s %9s %12s %9s %8s\n' "$name" "$(wc -c <"$tmp/www/$file")" "$1" "$2" "$4" "$5" "$ratio"
    [ "$3" = 0 ] || echo "  (netrad: $3 non-2xx answers)"
}
row "GET /api/v1/cases/5 (token)" case.json /api/v1/cases/5 /case.json "$tmp/auth.lua"
row "GET /api/v1/cases?region=32&..." list.json '/api/v1/cases?region=32&sort=-updated&limit=20' /list.json "$tmp/auth.lua"
row "GET /api/v1/forms/D-6" form.json /api/v1/forms/D-6 /form.json
row "POST /api/v1/classify" classify.json /api/v1/classify /classify.json "$tmp/post.lua"
row "POST /api/v1/cases/5/evidence" evidence.json '/api/v1/cases/5/evidence?kind=teks' /evidence.json "$tmp/evidence.lua"
row "POST /api/v1/reports" report.json /api/v1/reports /report.json "$tmp/report.lua"
curl -s "$url/metrics" | awk '/^netra_write_(batches|requests)_total/ { v[$1] = $2 }
    END { if (v["netra_write_batches_total"] > 0) printf "group commit: %d durable writes in %d commits (%.1f a commit)\n",
          v["netra_write_requests_total"], v["netra_write_batches_total"],
          v["netra_write_requests_total"] / v["netra_write_batches_total"] }'
echo "evidence rows in the store after the run: $(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT count(*) FROM evidence").fetchone()[0])' "$tmp/bench.db" 2>/dev/null || echo '?')"
echo "targets: GET >= 20,000 r/s with p99 < 10 ms; durable POST >= 2,000/s; ratio = netrad / nginx"

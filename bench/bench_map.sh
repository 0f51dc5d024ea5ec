#!/usr/bin/env bash
# bench/bench_map.sh [BUILD] - the map's data request: GET /api/v1/index (province and
# kab/kota level, a stage filter) on a SQLite store of the demo cases plus N imported reports
# spread over all 514 kab/kota (NETRA_BENCH_MAP_CASES, default 20000), authenticated by an
# API token. Prints requests/s and p99 from wrk (2 threads, 8 keep-alive connections), the
# first request after a change of the store (the events read again, measured by curl), and
# the baseline of the same run: GET /api/v1/forms/D-6, a document built from the law tables
# without the store. Target: p99 under 100 ms. Installs wrk from Debian when missing.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$top/build}
secs=${NETRA_BENCH_SECONDS:-10}
ncases=${NETRA_BENCH_MAP_CASES:-20000}
export NETRA_DATA_DIR=${NETRA_DATA_DIR:-$top/data}
export NETRA_KEY=${NETRA_KEY:-00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff}
if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then echo "bench_map: SKIPPED: needs root to install wrk"; exit 0; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends wrk </dev/null >/dev/null
fi
regencies=$top/third_party/node_modules/idn-area-data/data/regencies.csv
[ -f "$regencies" ] || { echo "bench_map: SKIPPED: no region data (scripts/install-deps.sh)"; exit 0; }
cmake --build "$build" -j 2 --target netrad netra_cli >/dev/null
tmp=$(mktemp -d)
spid=
cleanup() {
    [ -n "$spid" ] && kill -TERM "$spid" 2>/dev/null && wait "$spid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

"$build/netra" demo seed --db "$tmp/bench.db" >/dev/null
# N reports, one per row, kab/kota taken in turn, dates across the Pilkada 2024 stages
awk -F, -v n="$ncases" '
    NR > 1 { code[k++] = $1 }
    END {
        print "received_at,channel,kind,reporter_name,reporter_contact,reporter_type,known_at," \
              "region,accused_nip,accused_name,act,act_date,election,platform,url,summary"
        acts[0] = "like"; acts[1] = "share"; acts[2] = "photo"; acts[3] = "comment"
        for (i = 0; i < n; i++) {
            m = 3 + i % 9; d = 1 + i % 27
            date = sprintf("2024-%02d-%02d", m, d)
            printf "%s,daring,laporan,Pelapor %d,,pemilih,%s,%s,,ASN %d,%s,%s,pilkada-2024,facebook,,Laporan uji %d\n",
                date, i, date, code[i % k], i, acts[i % 4], date, i
        }
    }' "$regencies" >"$tmp/reports.csv"
"$build/netra" import "$tmp/reports.csv" --db "$tmp/bench.db" --partial >/dev/null 2>"$tmp/import.err" || true
token=$("$build/netra" token add demo.ri --name bench --db "$tmp/bench.db" --json 2>/dev/null |
    awk -F'"' '/"token"/ { print $4 }')
NETRA_DB="$tmp/bench.db" NETRA_PORT=0 NETRA_LOG_LEVEL=warn NETRA_THREADS=2 \
    "$build/netrad" --ready-file "$tmp/url" 2>"$tmp/netrad.log" &
spid=$!
for _ in $(seq 300); do [ -s "$tmp/url" ] && break; sleep 0.1; done
url=$(cat "$tmp/url")
url=${url%/}
auth="Authorization: Bearer $token"
events=$(curl -s -H "$auth" "$url/api/v1/index" | node -e \
    'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(String(JSON.parse(s).meta.events_total)))')
cat >"$tmp/auth.lua" <<LUA
wrk.headers["Authorization"] = "Bearer $token"
LUA

wrk_run() {
    local out rps p99 errs
    out=$(wrk -t2 -c8 -d"${secs}s" --latency -s "$tmp/auth.lua" "$1")
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    p99=$(echo "$out" | awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}')
    errs=$(echo "$out" | awk '/Non-2xx/ {print $5}')
    printf '%-58s %9s %9s %6s\n' "$2" "$rps" "$p99" "${errs:-0}"
}
printf 'bench_map: %s imported reports, %s index events; wrk -t2 -c8 -d%ss; SQLite (%s)\n' \
    "$ncases" "$events" "$secs" "$build"
printf '%-58s %9s %9s %6s\n' request "r/s" "p99 ms" non2xx
wrk_run "$url/api/v1/forms/D-6" "GET /api/v1/forms/D-6 (baseline, no store)"
wrk_run "$url/api/v1/index" "GET /api/v1/index (38 provinces)"
wrk_run "$url/api/v1/index?level=kabkota" "GET /api/v1/index?level=kabkota (514 kab/kota)"
wrk_run "$url/api/v1/index?level=kabkota&election=pilkada-2024&stage=kampanye" \
    "GET /api/v1/index?level=kabkota&election=..&stage=kampanye"
# the first request after the store changed reads every event again (curl, 5 times)
for i in 1 2 3 4 5; do
    "$build/netra" case new --db "$tmp/bench.db" --kind laporan --regime pilkada \
        --election pilkada-2024 --region 32.73 --title "bench $i" --date 2024-11-04 \
        --field pelapor=B --field terlapor=X --field waktu_kejadian=2024-11-01 \
        --field tempat_kejadian=Bandung --field uraian=Uji --field tanggal_diketahui=2024-11-03 \
        >/dev/null 2>&1
    curl -s -o /dev/null -w '%{time_total}\n' -H "$auth" "$url/api/v1/index?level=kabkota"
done | sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "%-58s %9s %9.1f (max of %d; events read again)\n", "GET /api/v1/index?level=kabkota after a store change", "-", v[NR], NR }'

#!/usr/bin/env bash
# Installs what Netra needs to build, run and test on Debian bookworm, and nothing that is
# already present. Idempotent: a second run does no network traffic when everything is there.
# Usage: scripts/install-deps.sh [--build-only]
set -euo pipefail

need_build=(build-essential cmake pkg-config clang-format
            libcmocka-dev libjansson-dev libutf8proc-dev libstemmer-dev libsqlite3-dev
            libpq-dev postgresql libsodium-dev libpcre2-dev libinih-dev libxlsxwriter-dev
            libmicrohttpd-dev libnats-dev curl unzip
            nodejs npm
            chromium)

missing=()
for p in "${need_build[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        # nodejs from another repository provides npm itself.
        if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
        if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -gt 0 ]; then
    echo "netra: installing ${missing[*]}" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null
fi

# Region data (Kemendagri codes) comes from the npm package idn-area-data (data: ODbL 1.0),
# fetched at install time into build/third_party and never committed. See data/regions/README.md.
top=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -f "$top/third_party/node_modules/idn-area-data/package.json" ]; then
    echo "netra: fetching region data (idn-area-data, ODbL)" >&2
    (cd "$top/third_party" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi

# The web app's libraries (Chart.js, Leaflet) and its browser-test tools (playwright-core,
# axe-core), pinned by third_party/web/package-lock.json. `npm ci` runs vendor.mjs there,
# which copies the runtime files into web/vendor/ (served by netrad; node_modules stays
# outside the web root).
if [ ! -f "$top/third_party/web/node_modules/playwright-core/package.json" ] ||
   [ ! -f "$top/web/vendor/chart.umd.min.js" ]; then
    echo "netra: installing the web app's npm packages (third_party/web/package-lock.json)" >&2
    (cd "$top/third_party/web" && npm ci --no-audit --no-fund --loglevel=error </dev/null)
fi

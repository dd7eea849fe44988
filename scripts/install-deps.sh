#!/usr/bin/env bash
# Installs every Debian package verp needs to build, run and test.
# Idempotent: when everything is present it only asks dpkg and exits in about a second.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang-format clang-tidy
  # libraries (ARCHITECTURE.md §1); libboost1.81-dev must never meet libboost-dev (1.74)
  libboost1.81-dev libsqlite3-dev libpq-dev libsodium-dev libcli11-dev libspdlog-dev libfmt-dev
  liboath-dev libqrencode-dev libxlsxwriter-dev libcurl4-openssl-dev
  libzip-dev libpugixml-dev libmagic-dev libgd-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev postgresql-15 wrk curl python3 python3-aiosmtpd
  # the web UI's browser tests: Debian's chromium (never a downloaded browser), CJK glyphs for
  # its screenshots, openpyxl to open the exported XLSX
  chromium fonts-noto-cjk python3-openpyxl
  # PDF export of reports: cairo draws, pango lays out (Chinese with Noto CJK)
  libcairo2-dev libpango1.0-dev
  # barcode labels: zint encodes Code 128 and QR (2.11 on Debian 12; no pkg-config file); the
  # label tests read the PDFs back with poppler's pdfinfo/pdftoppm and scan them with zbarimg
  libzint-dev poppler-utils zbar-tools
)

# Node.js and npm (the web UI, the OpenAPI linter): Debian's, unless the machine has its own.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}"
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages, from the committed lock files; skipped when already in place.
cd "$(dirname "$0")/.."
if [[ ! -x tools/openapi/node_modules/.bin/redocly || tools/openapi/package-lock.json -nt tools/openapi/node_modules ]]; then
  echo "install-deps: npm ci in tools/openapi"
  npm ci --prefix tools/openapi --no-audit --no-fund --loglevel=error
  touch tools/openapi/node_modules
fi
if [[ ! -x web/node_modules/.bin/vite || web/package-lock.json -nt web/node_modules ]]; then
  echo "install-deps: npm ci in web"
  npm ci --prefix web --no-audit --no-fund --loglevel=error
  touch web/node_modules
fi

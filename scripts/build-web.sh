#!/usr/bin/env bash
# Builds the web UI (web/, React + Vite) into web/dist, which `verp serve` serves from /.
# Skipped when web/dist is newer than every source file; needs `npm ci` (scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/../web"

stamp=dist/index.html
if [[ -f $stamp && -z $(find src index.html package.json package-lock.json vite.config.ts tsconfig.json -newer "$stamp" -print -quit) ]]; then
  exit 0
fi
echo "== build: web UI (web/dist)"
node_modules/.bin/tsc --noEmit -p tsconfig.json
node_modules/.bin/vite build --logLevel warn

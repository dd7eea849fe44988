#!/usr/bin/env bash
# Starts verp on a throw-away database, fetches /api/v1/openapi.json and lints it with Redocly
# (tools/openapi, installed by scripts/install-deps.sh). Usage: openapi_lint.sh <verp binary>
set -euo pipefail
verp=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=""
cleanup() {
  [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

"$verp" serve --listen 127.0.0.1:0 --db "$work/verp.db" --data-dir "$work/data" --web-root "$work" \
  --log-format text 2>"$work/verp.log" >/dev/null &
pid=$!
port=""
for _ in $(seq 1 200); do
  port=$(grep -o ' port=[0-9]*' "$work/verp.log" 2>/dev/null | head -1 | sed 's/ port=//') || true
  [[ -n "$port" ]] && break
  sleep 0.05
done
[[ -n "$port" ]] || { echo "verp did not start:"; cat "$work/verp.log"; exit 1; }
curl -fsS "http://127.0.0.1:$port/api/v1/openapi.json" -o "$work/openapi.json"
cd "$root/tools/openapi"
NO_UPDATE_NOTIFIER=1 REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
  node_modules/.bin/redocly lint "$work/openapi.json" --config redocly.yaml --format=summary 2>&1 | grep -v '^ *[║╔╚]'

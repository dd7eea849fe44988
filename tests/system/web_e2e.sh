#!/usr/bin/env bash
# Browser tests of the web UI: starts verp on 127.0.0.1 (port 0) with a fresh database and the
# built web/dist, then runs web/e2e (Vitest + playwright-core + Debian's /usr/bin/chromium).
# Screenshots, the exported XLSX and the initial-load report go to build/e2e-artifacts/.
# Usage: web_e2e.sh <verp binary>. Every process it starts is stopped on exit, also on failure.
set -euo pipefail
verp=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
server=""
runner=""
cleanup() {
  # Each runs in its own process group (setsid), so the group goes: chromium, node, verp.
  [[ -n "$runner" ]] && kill -- "-$runner" 2>/dev/null
  [[ -n "$server" ]] && kill -- "-$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$work"
  return 0
}
trap cleanup EXIT

"$root/scripts/build-web.sh"
artifacts="$root/build/e2e-artifacts"
mkdir -p "$artifacts"
admin_password='Verp-E2e-Strong-Pass-2026'

VERP_ADMIN_PASSWORD=$admin_password setsid timeout -k 5 780 "$verp" serve --listen 127.0.0.1:0 --db "$work/verp.db" \
  --data-dir "$work/data" --web-root "$root/web/dist" --log-format text 2>"$work/verp.log" >/dev/null &
server=$!
port=""
for _ in $(seq 1 300); do
  port=$(grep -o ' port=[0-9]*' "$work/verp.log" 2>/dev/null | head -1 | sed 's/ port=//') || true
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || { echo "verp did not start:"; cat "$work/verp.log"; exit 1; }

cd "$root/web"
status=0
VERP_URL="http://127.0.0.1:$port" VERP_E2E_ADMIN_PASSWORD=$admin_password VERP_E2E_ARTIFACTS="$artifacts" CI=${CI:-true} \
  setsid timeout -k 5 600 node_modules/.bin/vitest run --config e2e/vitest.config.ts --reporter=verbose &
runner=$!
wait "$runner" || status=$?
runner=""
if ((status != 0)); then
  cp "$work/verp.log" "$artifacts/verp.log" 2>/dev/null || true
  echo "web e2e failed (exit $status); server log: $artifacts/verp.log"
fi
exit $status

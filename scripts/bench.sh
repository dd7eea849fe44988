#!/usr/bin/env bash
# `make bench`: micro-benchmarks (Decimal, JSON) and the HTTP benchmark, which runs verp and
# a minimal Beast server side by side in one run and prints verp's share of its throughput.
# Bounded: each wrk run lasts BENCH_SECONDS (default 10) at BENCH_CONNECTIONS (default 64).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-64}
build=build/release
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== micro-benchmarks"
"$build/bench/decimal_bench" --benchmark_min_time=0.2
"$build/bench/json_bench" --benchmark_min_time=0.2
# The audit benchmark appends to a throw-away PostgreSQL cluster too.
scripts/pg-test-cluster.sh start
VERP_BENCH_POSTGRES_URL=$(scripts/pg-test-cluster.sh url) "$build/bench/audit_bench" --benchmark_min_time=1
"$build/bench/identity_bench" --benchmark_min_time=1
echo "== entity framework: ${VERP_BENCH_ROWS:-100000} customers (import, list, q, export)"
VERP_BENCH_POSTGRES_URL=$(scripts/pg-test-cluster.sh url) "$build/bench/entity_bench"
echo "== general ledger: voucher posting, and reports over ${VERP_BENCH_LEDGER_LINES:-1000000} journal lines"
VERP_BENCH_POSTGRES_URL=$(scripts/pg-test-cluster.sh url) "$build/bench/ledger_bench"
echo "== inventory and purchasing: stock moves, stock documents, procure-to-pay cycles"
VERP_BENCH_POSTGRES_URL=$(scripts/pg-test-cluster.sh url) "$build/bench/stock_bench"
echo "== sales: order-to-cash cycles (order, confirm, delivery, ship, invoice, receipt)"
VERP_BENCH_POSTGRES_URL=$(scripts/pg-test-cluster.sh url) "$build/bench/sales_bench"
echo "== job queue throughput (trivial jobs)"
VERP_BENCH_POSTGRES_URL=$(scripts/pg-test-cluster.sh url) "$build/bench/jobs_bench"
echo "== live events: SSE clients on one server, events to all (hub, SQLite commit, PostgreSQL NOTIFY)"
VERP_BENCH_POSTGRES_URL=$(scripts/pg-test-cluster.sh url) "$build/bench/events_bench" "${VERP_BENCH_SSE_CLIENTS:-1000}" 200

wait_for_port() {  # file pattern → port
  local file=$1 pattern=$2 port=""
  for _ in $(seq 1 200); do
    port=$(grep -o "$pattern[0-9]*" "$file" 2>/dev/null | head -1 | sed "s/$pattern//") || true
    [[ -n "$port" ]] && { echo "$port"; return 0; }
    sleep 0.05
  done
  echo "bench: server did not start; log:" >&2; cat "$file" >&2; return 1
}

# wrk → "requests_per_second p50_ms p99_ms"
measure() {
  local url=$1 out
  wrk -t2 -c"$connections" -d1s "$url" >/dev/null  # warm-up
  out=$(wrk -t2 -c"$connections" -d"${seconds}s" --latency "$url")
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$rps $p50 $p99"
}

start_verp() {  # name access_log extra-flags… → port
  local name=$1 access_log=$2
  shift 2
  "$build/verp" serve --listen 127.0.0.1:0 --db "$work/bench-$name.db" --web-root "$work" \
    --access-log "$access_log" --log-format text "$@" 2>"$work/verp-$name.log" >/dev/null &
  pids+=($!)
  wait_for_port "$work/verp-$name.log" " port="
}

"$build/bench/minimal_beast_server" 1 >"$work/minimal.log" &
pids+=($!)
minimal_port=$(wait_for_port "$work/minimal.log" "port=")
verp_port=$(start_verp default false)
verp_one_worker_port=$(start_verp one-worker false --worker-threads 1)
verp_logging_port=$(start_verp logging true)

echo
echo "== HTTP: wrk -t2 -c$connections -d${seconds}s, servers run one at a time on this machine"
printf "%-28s %12s %10s %10s %8s\n" "server / path" "req/s" "p50" "p99" "ratio"
for path in /healthz /api/v1/version; do
  read -r base_rps base_p50 base_p99 <<<"$(measure "http://127.0.0.1:$minimal_port$path")"
  printf "%-28s %12s %10s %10s %8s\n" "minimal beast $path" "$base_rps" "$base_p50" "$base_p99" "1.00"
  for variant in "verp:$verp_port" "verp,1-worker:$verp_one_worker_port" "verp+access-log:$verp_logging_port"; do
    name=${variant%%:*}
    port=${variant##*:}
    read -r rps p50 p99 <<<"$(measure "http://127.0.0.1:$port$path")"
    ratio=$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { printf "%.2f", a / b }')
    printf "%-28s %12s %10s %10s %8s\n" "$name $path" "$rps" "$p50" "$p99" "$ratio"
  done
done
echo
echo "target: verp >= 0.70 of the minimal server's requests/s"
echo "/healthz runs on the I/O thread; /api/v1/version on the worker pool (as every business handler)."
echo "verp = default workers (cores on SQLite); 1-worker shows the cost of thread hand-offs on this machine."

#!/usr/bin/env bash
# `make test`: builds verp twice (release, and ASan+UBSan) and runs the whole suite in each,
# on SQLite and on a throw-away PostgreSQL 15 cluster on 127.0.0.1 that this script starts and
# stops. PostgreSQL being unavailable is a failure, never a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
scripts/pg-test-cluster.sh start
trap 'scripts/pg-test-cluster.sh stop' EXIT
export VERP_TEST_POSTGRES_URL
VERP_TEST_POSTGRES_URL=$(scripts/pg-test-cluster.sh url)

passed=0
failed=0
flaky=0
status=0
run_suite() {
  local flavour=$1
  echo "== build: $flavour"
  scripts/build.sh "$flavour"
  echo "== test: $flavour (SQLite + PostgreSQL at ${VERP_TEST_POSTGRES_URL})"
  local log=build/$flavour/ctest.log
  rm -f "build/$flavour/flaky.txt"
  local suite_status=0
  (cd "build/$flavour" && ctest --output-on-failure -j "$(nproc)" --timeout 600) 2>&1 | tee "$log" || suite_status=1
  local total fails
  total=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\2/p' "$log" | tail -1)
  fails=$(sed -n 's/.*tests passed, \([0-9]*\) tests failed out of \([0-9]*\).*/\1/p' "$log" | tail -1)
  if [[ -z "$total" ]]; then status=1; return; fi
  # A test that fails and then passes alone is flaky, not green: it is named here and in
  # build/<flavour>/flaky.txt so that it gets fixed, and the run goes on. One that fails again fails.
  if ((fails > 0 && fails <= 3)); then
    echo "== $flavour: rerunning the $fails failed test(s) once, alone"
    grep -E '^[[:space:]]*[0-9]+ - .*\((Failed|Timeout|SEGFAULT|Subprocess aborted|Child aborted|Exception)' "$log" \
      | sed 's/^[[:space:]]*//' > "build/$flavour/flaky.txt" || true
    local rerun_log=build/$flavour/ctest-rerun.log
    if (cd "build/$flavour" && ctest --rerun-failed --output-on-failure -j 1 --timeout 600) 2>&1 | tee "$rerun_log"; then
      echo "FLAKY ($flavour): these failed once and passed alone — fix them:"
      cat "build/$flavour/flaky.txt"
      flaky=$((flaky + fails))
      fails=0
      suite_status=0
    fi
  fi
  if ((suite_status != 0)); then status=1; fi
  passed=$((passed + total - fails))
  failed=$((failed + fails))
  if ((fails > 0)); then status=1; fi
}

# The web UI is built once; its unit and browser tests (web_unit, web_e2e) run in the release
# suite only.
scripts/build-web.sh
run_suite release
# ASan/UBSan: leaks and undefined behaviour fail the run.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Caches fontconfig and cairo keep for the process's life (PDF export) are not leaks: tests/lsan.supp.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}
run_suite asan

if ((flaky > 0)); then echo "Flaky tests (failed, then passed alone):"; cat build/*/flaky.txt 2>/dev/null; fi
echo "make test took $(( $(date +%s) - started )) s"
echo "$passed passed, $failed failed, $flaky flaky (passed when rerun alone)"
exit $status

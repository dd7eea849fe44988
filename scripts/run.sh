#!/usr/bin/env bash
# `make run`: serve verp on the embedded default (SQLite in ./data), UI from web/dist.
# Every VERP_* variable in the environment is passed through (ARCHITECTURE §5).
# First, unless VERP_DEMO=0, `verp demo` loads the demo enterprise into a new database (it does
# nothing when the demo is already loaded or the database holds data of its own).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "${VERP_DATA_DIR:-./data}"
case "${VERP_DEMO:-1}" in
  0 | false | no | off) ;;
  *) build/release/verp demo "$@" || echo "run.sh: loading the demo data failed (see above); serving anyway" >&2 ;;
esac
exec build/release/verp serve "$@"

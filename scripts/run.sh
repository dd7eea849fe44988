#!/usr/bin/env bash
# `make run`: serve verp on the embedded default (SQLite in ./data), UI from web/dist.
# Every VERP_* variable in the environment is passed through (ARCHITECTURE §5).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "${VERP_DATA_DIR:-./data}"
exec build/release/verp serve "$@"

#!/usr/bin/env bash
# `make lint`: clang-tidy on the C++ files changed against HEAD (uncommitted work), or in the
# last commit when the tree is clean. Uses build/release's compile_commands.json.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f build/release/compile_commands.json ]] || scripts/build.sh release
files=$( (git diff --name-only HEAD; git ls-files --others --exclude-standard) | grep -E '\.cpp$' | sort -u || true)
if [[ -z "$files" ]]; then files=$(git diff --name-only HEAD~1 2>/dev/null | grep -E '\.cpp$' || true); fi
existing=()
for f in $files; do [[ -f "$f" ]] && existing+=("$f"); done
if ((${#existing[@]} == 0)); then echo "lint: no changed C++ files"; exit 0; fi
clang-tidy -p build/release --quiet "${existing[@]}"

#!/usr/bin/env bash
# Configures and builds one flavour of verp with Ninja and ccache.
#   scripts/build.sh release   optimised, what `make run` serves (build/release)
#   scripts/build.sh asan      AddressSanitizer + UndefinedBehaviorSanitizer (build/asan)
# Warnings are errors when CI=true (set by CI) or VERP_WERROR=ON.
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-release}
werror=OFF
if [[ "${CI:-}" == "true" || "${VERP_WERROR:-}" == "ON" ]]; then werror=ON; fi
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
# Paths relative to the checkout, and the build folder left out of the hash (ASan's -g would put
# it there): a clone or worktree elsewhere reuses what another one compiled.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$PWD}
export CCACHE_NOHASHDIR=${CCACHE_NOHASHDIR:-true}

case "$flavour" in
  release) type=Release; sanitize=OFF ;;
  asan) type=Debug; sanitize=ON ;;
  *) echo "build.sh: unknown flavour '$flavour' (release or asan)" >&2; exit 2 ;;
esac

dir=build/$flavour
if [[ ! -f $dir/build.ninja ]] || ! grep -q "VERP_WERROR:BOOL=$werror" "$dir/CMakeCache.txt" 2>/dev/null; then
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=$type -DVERP_SANITIZE=$sanitize -DVERP_WERROR=$werror \
    -DVERP_BUILD_BENCH=$([[ $flavour == release ]] && echo ON || echo OFF) >/dev/null
fi
cmake --build "$dir"

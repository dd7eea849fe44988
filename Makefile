# The two commands of the README are `make run` and `make test`; both install what is missing.
.PHONY: all deps build run test bench fmt lint clean

BUILD_DIR ?= build/release
JOBS ?= $(shell nproc)

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@scripts/build.sh release
	@scripts/build-web.sh

# Starts `verp serve` on the embedded default (SQLite in ./data) with the web UI from web/dist.
# VERP_* variables pass through.
run: build
	@scripts/run.sh

# Everything: release build + ASan/UBSan build, each running the whole suite on SQLite and on a
# throw-away PostgreSQL cluster.
test: deps
	@scripts/test.sh

bench: build
	@scripts/bench.sh

fmt:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

lint:
	@scripts/lint.sh

clean:
	rm -rf build

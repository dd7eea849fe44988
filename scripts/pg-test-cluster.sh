#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the tests (never Debian's default cluster).
#
#   scripts/pg-test-cluster.sh start   initialise and start it (reuses a running one); prints nothing
#   scripts/pg-test-cluster.sh url     prints postgresql://postgres@127.0.0.1:PORT/verp_test
#   scripts/pg-test-cluster.sh stop    stops it and removes its data folder
#   scripts/pg-test-cluster.sh status  exit 0 when it is running
#
# The cluster lives in a temporary folder, listens on 127.0.0.1 only (no Unix socket), trusts
# loopback connections and runs with fsync=off: it is for tests, never for data anyone keeps.
# State (the URL, the data folder, the port) is kept in $VERP_PG_TEST_STATE, by default
# <repo>/build/pg-test. initdb and postgres refuse to run as root, so as root the server runs
# as the `postgres` user (runuser); as a normal user it runs as that user.
set -euo pipefail

readonly bin_dir=${VERP_PG_BIN:-/usr/lib/postgresql/15/bin}
readonly repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
readonly state_dir=${VERP_PG_TEST_STATE:-$repo_root/build/pg-test}
readonly database=verp_test
readonly first_port=${VERP_PG_TEST_PORT:-5433}

die() {
  echo "pg-test-cluster: $*" >&2
  exit 1
}

# Runs a server-side binary as the user that owns the cluster.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

is_running() {
  [[ -f $state_dir/datadir ]] || return 1
  local datadir
  datadir=$(<"$state_dir/datadir")
  [[ -d $datadir/data ]] || return 1
  as_owner "$bin_dir/pg_ctl" status -D "$datadir/data" >/dev/null 2>&1
}

cleanup_state() {
  if [[ -f $state_dir/datadir ]]; then
    local datadir
    datadir=$(<"$state_dir/datadir")
    # Only ever remove a folder this script created.
    if [[ $datadir == */verp-pg-test.* && -d $datadir ]]; then
      rm -rf -- "$datadir"
    fi
  fi
  rm -f -- "$state_dir/datadir" "$state_dir/port" "$state_dir/url" "$state_dir/initdb.log"
}

start() {
  [[ -x $bin_dir/initdb ]] || die "no PostgreSQL 15 binaries in $bin_dir (install postgresql-15)"
  if is_running && [[ -f $state_dir/url ]]; then
    return 0
  fi
  cleanup_state
  mkdir -p "$state_dir"

  local datadir
  datadir=$(mktemp -d "${TMPDIR:-/tmp}/verp-pg-test.XXXXXX")
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the 'postgres' user (install postgresql-15)"
    chown postgres: "$datadir"
  fi
  chmod 700 "$datadir"
  echo "$datadir" >"$state_dir/datadir"

  as_owner "$bin_dir/initdb" -D "$datadir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
    --no-sync --no-instructions >"$state_dir/initdb.log" 2>&1 ||
    die "initdb failed, see $state_dir/initdb.log"
  as_owner tee -a "$datadir/data/postgresql.conf" >/dev/null <<'EOF'
# verp test cluster: speed over durability
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
log_min_messages = warning
EOF

  local port=$first_port started=0
  for ((attempt = 0; attempt < 50; attempt++, port++)); do
    port_in_use "$port" && continue
    if as_owner "$bin_dir/pg_ctl" start -w -t 60 -D "$datadir/data" -l "$datadir/server.log" \
      -o "-p $port" >/dev/null 2>&1; then
      started=1
      break
    fi
    # Lost a race for the port (or another failure): try the next port unless it was not the port.
    if ! grep -qiE 'could not (bind|create listen)|address already in use' "$datadir/server.log" 2>/dev/null; then
      cat "$datadir/server.log" >&2 || true
      die "postgres failed to start"
    fi
  done
  ((started)) || die "no free port found from $first_port"

  "$bin_dir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$database" ||
    die "createdb $database failed"
  echo "$port" >"$state_dir/port"
  echo "postgresql://postgres@127.0.0.1:$port/$database" >"$state_dir/url"
}

stop() {
  if [[ -f $state_dir/datadir ]]; then
    local datadir
    datadir=$(<"$state_dir/datadir")
    if [[ -d $datadir/data ]]; then
      as_owner "$bin_dir/pg_ctl" stop -m fast -w -D "$datadir/data" >/dev/null 2>&1 || true
    fi
  fi
  cleanup_state
}

url() {
  is_running && [[ -f $state_dir/url ]] || die "no test cluster running; run: $0 start"
  cat "$state_dir/url"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  url) url ;;
  status) is_running ;;
  *) die "usage: $0 start|stop|url|status" ;;
esac

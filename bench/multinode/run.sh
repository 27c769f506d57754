#!/usr/bin/env bash
# Durable intake throughput across backends, measured in the same run with wrk (64 keep-alive
# connections in total, POST /api/v1/requests with bench/intake/post_request.lua):
#   1. SQLite (the embedded default; baseline)
#   2. PostgreSQL, one node
#   3. PostgreSQL, two nodes on the same database (two wrk processes, 32 connections each)
# PostgreSQL is a throw-away cluster from scripts/pg-test-cluster with durable settings (fsync on,
# synchronous_commit on): an acknowledged request is on disk in every configuration.
# Usage: bench/multinode/run.sh [seconds]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-15}
cmake --preset release >/dev/null
cmake --build --preset release --target kapi >/dev/null
KAPI=build/release/kapi
WORK=$(mktemp -d /tmp/kapi-mn-bench-XXXXXX)
PIDS=()
eval "$(scripts/pg-test-cluster start)"
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  scripts/pg-test-cluster stop "$KAPI_TEST_PG_DIR" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
PG_BASE=${KAPI_TEST_DATABASE_URL%/*}

# start_node DIR [URL]: starts a node in the background (its PID joins PIDS) and sets PORT.
start_node() {
  local dir=$1 url=${2:-}
  mkdir -p "$dir"
  local args=(serve --data-dir "$dir" --listen 127.0.0.1:0 --port-file "$dir/port" --access-log false)
  [ -n "$url" ] && args+=(--database-url "$url")
  "$KAPI" "${args[@]}" >/dev/null 2>"$dir/server.log" &
  PIDS+=($!)
  for _ in $(seq 100); do [ -s "$dir/port" ] && break; sleep 0.1; done
  PORT=$(cat "$dir/port")
}

# wrk_post PORT CONNECTIONS OUT
wrk_post() {
  wrk -t1 -c"$2" -d"${DURATION}s" --latency -s bench/intake/post_request.lua \
    "http://127.0.0.1:$1/" >"$3" 2>&1
}
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1 == "99%" {print $2}' "$1"; }
p50() { awk '$1 == "50%" {print $2}' "$1"; }
errors() { sed -n 's/.*non2xx_or_socket_errors=\([0-9]*\).*/\1/p' "$1"; }

echo "| configuration | requests/s | p50 | p99 | non-2xx/socket errors |"
echo "|---|---|---|---|---|"

# 1. SQLite
start_node "$WORK/sqlite"; port=$PORT
wrk -t2 -c64 -d"${DURATION}s" --latency -s bench/intake/post_request.lua \
  "http://127.0.0.1:$port/" >"$WORK/sqlite.out" 2>&1
echo "| SQLite, 1 node | $(rps "$WORK/sqlite.out") | $(p50 "$WORK/sqlite.out") | $(p99 "$WORK/sqlite.out") | $(errors "$WORK/sqlite.out") |"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

# 2. PostgreSQL, one node
createdb -h 127.0.0.1 -p "$(cat "$KAPI_TEST_PG_DIR/port")" -U kapi kapi_one
start_node "$WORK/pg1" "$PG_BASE/kapi_one"; port=$PORT
wrk -t2 -c64 -d"${DURATION}s" --latency -s bench/intake/post_request.lua \
  "http://127.0.0.1:$port/" >"$WORK/pg1.out" 2>&1
echo "| PostgreSQL, 1 node | $(rps "$WORK/pg1.out") | $(p50 "$WORK/pg1.out") | $(p99 "$WORK/pg1.out") | $(errors "$WORK/pg1.out") |"
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true

# 3. PostgreSQL, two nodes sharing the database and the keys
createdb -h 127.0.0.1 -p "$(cat "$KAPI_TEST_PG_DIR/port")" -U kapi kapi_two
"$KAPI" init --data-dir "$WORK/pg2a" --database-url "$PG_BASE/kapi_two" >/dev/null
mkdir -p "$WORK/pg2b" && cp -r "$WORK/pg2a/keys" "$WORK/pg2b/keys"
start_node "$WORK/pg2a" "$PG_BASE/kapi_two"; port_a=$PORT
start_node "$WORK/pg2b" "$PG_BASE/kapi_two"; port_b=$PORT
wrk_post "$port_a" 32 "$WORK/pg2a.out" &
w1=$!
wrk_post "$port_b" 32 "$WORK/pg2b.out" &
w2=$!
wait $w1 $w2
total=$(awk -v a="$(rps "$WORK/pg2a.out")" -v b="$(rps "$WORK/pg2b.out")" 'BEGIN {printf "%.2f", a + b}')
echo "| PostgreSQL, 2 nodes (sum; p50/p99 per node) | $total | $(p50 "$WORK/pg2a.out") / $(p50 "$WORK/pg2b.out") | $(p99 "$WORK/pg2a.out") / $(p99 "$WORK/pg2b.out") | $(( $(errors "$WORK/pg2a.out") + $(errors "$WORK/pg2b.out") )) |"

stored() {
  psql -h 127.0.0.1 -p "$(cat "$KAPI_TEST_PG_DIR/port")" -U kapi -d "$1" -Atc \
    'SELECT COUNT(*) FROM cases' 2>/dev/null
}
echo
echo "stored cases: sqlite=$(sqlite3 "$WORK/sqlite/kapi.db" 'SELECT COUNT(*) FROM cases')" \
  "pg_one=$(stored kapi_one) pg_two=$(stored kapi_two)"

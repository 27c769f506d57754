#!/usr/bin/env bash
# Intake benchmark: durable POST /api/v1/requests (SQLite, group commit, fsync per batch) against
# the ceiling of the same server (GET /healthz, a trivial handler), measured in the same run with
# wrk, 64 keep-alive connections. Usage: bench/intake/run.sh [seconds]   (default 15)
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-15}
cmake --preset release >/dev/null
cmake --build --preset release --target kapi >/dev/null
DIR=$(mktemp -d /tmp/kapi-bench-XXXXXX)
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
build/release/kapi serve --data-dir "$DIR" --listen 127.0.0.1:0 --port-file "$DIR/port" \
  --access-log false 2>"$DIR/server.log" &
PID=$!
for _ in $(seq 100); do [ -s "$DIR/port" ] && break; sleep 0.1; done
PORT=$(cat "$DIR/port")
echo "== ceiling: GET /healthz (trivial handler, same server)"
wrk -t2 -c64 -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/healthz" | \
  grep -E "Requests/sec|99%|50%|Non-2xx|Socket errors" || true
echo "== intake: POST /api/v1/requests (durable, fsync'd group commit)"
wrk -t2 -c64 -d"${DURATION}s" --latency -s bench/intake/post_request.lua \
  "http://127.0.0.1:$PORT/" | grep -E "Requests/sec|99%|50%|Non-2xx|Socket errors|non2xx" || true
echo "== stored cases: $(sqlite3 "$DIR/kapi.db" 'SELECT COUNT(*) FROM cases')"

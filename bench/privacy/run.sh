#!/usr/bin/env bash
# Runs the privacy benchmark and its npm peers on one corpus, in one go:
#   bench/privacy/run.sh            (from the repository root, after a release build)
# Needs: build/release/bench/privacy/kapi_privacy_bench, python3, node, and
# `npm ci` (or npm install) in bench/privacy/peer.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${KAPI_SHARED_DIR:-$root/../shared}"
corpus="${KAPI_PII_BENCH_CORPUS:-/tmp/kapi_pii_bench_corpus.jsonl}"
python3 "$root/tools/pii_testset/generate.py" --shared "$shared" --out "$corpus" --n 4000 --seed 3
echo "corpus: $corpus ($(wc -c < "$corpus") bytes of JSONL, $(wc -l < "$corpus") texts)"
KAPI_PII_BENCH_CORPUS="$corpus" "$root/build/release/bench/privacy/kapi_privacy_bench" \
  --benchmark_min_time=1 "$@"
echo "--- kapi_pii scan over the corpus (whole process, JSON in/out):"
/usr/bin/time -f "max_rss_kb=%M wall_s=%e" "$root/build/release/privacy/kapi_pii" scan \
  < "$corpus" > /dev/null
echo "--- npm peers (node $(node --version)):"
if [ ! -d "$root/bench/privacy/peer/node_modules" ]; then
  (cd "$root/bench/privacy/peer" && npm ci --no-audit --no-fund >/dev/null)
fi
node "$root/bench/privacy/peer/peer_bench.js" "$corpus"

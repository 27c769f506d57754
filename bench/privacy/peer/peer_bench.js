// Measures npm redaction libraries on the same corpus as kapi_privacy_bench (JSONL with "text"):
// throughput over the whole corpus and p50/p99 latency on 1 KB messages. Prints one JSON line per
// library. Usage: node peer_bench.js corpus.jsonl
'use strict';
const fs = require('fs');
const { SyncRedactor } = require('redact-pii');
const { OpenRedaction } = require('@openredaction/openredaction');

const texts = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l).text);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);

const messages = [];
for (let i = 0; i < 64; i++) {
  let m = '';
  let k = i * 7;
  while (Buffer.byteLength(m, 'utf8') < 1024) m += texts[k++ % texts.length] + ' ';
  messages.push(m.slice(0, 1000));
}

function measure(name, fn) {
  for (let i = 0; i < 50; i++) fn(texts[i]);  // warm-up
  const t0 = process.hrtime.bigint();
  for (const t of texts) fn(t);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const lat = [];
  const rounds = Math.min(2000, Math.max(200, Math.floor(20 / Math.max(secs / texts.length, 1e-6))));
  for (let i = 0; i < rounds; i++) {
    const m = messages[i % messages.length];
    const s = process.hrtime.bigint();
    fn(m);
    lat.push(Number(process.hrtime.bigint() - s) / 1e3);
  }
  lat.sort((a, b) => a - b);
  console.log(JSON.stringify({
    peer: name, corpus_bytes: bytes, seconds: +secs.toFixed(3),
    mb_per_s: +(bytes / 1e6 / secs).toFixed(3),
    p50_us: +lat[Math.floor(lat.length / 2)].toFixed(1),
    p99_us: +lat[Math.floor(lat.length * 0.99)].toFixed(1),
    rss_mb: +(process.memoryUsage().rss / 1e6).toFixed(1),
  }));
}

const redactor = new SyncRedactor();
measure('redact-pii@3.4.0 SyncRedactor.redact', (t) => redactor.redact(t));
const shield = new OpenRedaction();
measure('@openredaction/openredaction@1.0.4 detect', (t) => shield.detect(t));

// Starts the real `kapi serve` on a fresh data directory for one test run and stops it again.
// The binary comes from KAPI_BINARY (scripts/e2e sets it), else build/debug/kapi.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export function kapiBinary() {
  const bin = process.env.KAPI_BINARY || path.join(repoRoot, 'build/debug/kapi');
  return path.resolve(repoRoot, bin);
}

// Parses <data-dir>/demo-credentials.txt: two header lines, then
// "username role unit password" columns.
export function readCredentials(file) {
  const accounts = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(2)) {
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4) continue;
    const [username, role, unit, password] = cols;
    accounts[username] = { username, role, unit, password };
  }
  return accounts;
}

async function waitForFile(file, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`kapi serve exited with ${child.exitCode}`);
    try {
      const port = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      if (port > 0) return port;
    } catch {
      // not written yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`kapi serve did not write ${file} within ${timeoutMs} ms`);
}

// Returns { baseUrl, accounts, dataDir, logFile, stop() }.
export async function startKapi({ extraArgs = [] } = {}) {
  const bin = kapiBinary();
  if (!fs.existsSync(bin)) throw new Error(`kapi binary not found: ${bin} (build it first)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kapi-e2e-'));
  const init = spawnSync(bin, ['init', '--demo', '--data-dir', dataDir], { encoding: 'utf8' });
  if (init.status !== 0) {
    throw new Error(`kapi init failed (${init.status}): ${init.stderr}${init.stdout}`);
  }
  const accounts = readCredentials(path.join(dataDir, 'demo-credentials.txt'));
  const portFile = path.join(dataDir, 'port');
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(
    bin,
    ['serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0', '--port-file', portFile, ...extraArgs],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  let port;
  try {
    port = await waitForFile(portFile, child, 60_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n--- server log ---\n${fs.readFileSync(logFile, 'utf8')}`);
  }
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    if (!process.env.KAPI_E2E_KEEP) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  // Never leave the server behind, even when the runner is interrupted.
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { baseUrl: `http://127.0.0.1:${port}`, accounts, dataDir, logFile, stop };
}

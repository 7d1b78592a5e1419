#!/usr/bin/env node
// `npm start`: builds the production bundle when it is missing or stale, brings the database up to
// date (migrations, reference data, demo data when empty), then serves on PORT (default 3000).
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildWriteWorker } from './build-write-worker.mjs';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

const SOURCES = ['app', 'components', 'lib', 'db', 'i18n', 'messages', 'public', 'types'];
const ROOT_FILES = ['scripts/build-write-worker.mjs', 'next.config.ts', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs', 'proxy.ts', 'instrumentation.ts'];
const STAMP = path.join(root, '.next', 'source-hash');

function sourceHash() {
  const hash = createHash('sha256');
  const visit = (p) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) visit(path.join(p, entry));
    } else {
      hash.update(path.relative(root, p)).update('\0').update(fs.readFileSync(p)).update('\0');
    }
  };
  for (const s of [...SOURCES, ...ROOT_FILES]) visit(path.join(root, s));
  return hash.digest('hex');
}

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** NEXTAUTH_SECRET signs session cookies; without one set, a random secret is kept under .data/. */
function ensureAuthSecret() {
  if (process.env.NEXTAUTH_SECRET) return;
  const file = path.join(root, '.data', 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}

const started = Date.now();
const port = process.env.PORT ?? '3000';
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
ensureAuthSecret();

// The write worker's bundle (lib/server/write-thread.ts), built with the app.
const WRITE_WORKER = path.join(root, '.next', 'write-worker.mjs');
const hash = sourceHash();
const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(WRITE_WORKER) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash;
if (!built) {
  console.log('Building the production bundle (sources changed or no build yet)…');
  run(process.execPath, ['node_modules/next/dist/bin/next', 'build']);
  await buildWriteWorker(WRITE_WORKER);
  fs.writeFileSync(STAMP, hash);
}

run(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db.ts', 'setup']);

console.log(`Starting on http://localhost:${port} (prepared in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
// A larger young generation: request handling allocates a lot of short-lived objects, and fewer
// scavenges mean steadier latency under a registration storm.
// WRITE_WORKER: where the registration writer's bundle is (`off` keeps every write on the main thread).
const env = { ...process.env, WRITE_WORKER: process.env.WRITE_WORKER ?? WRITE_WORKER };
const server = spawn(process.execPath, ['--max-semi-space-size=32', 'node_modules/next/dist/bin/next', 'start', '-p', port], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

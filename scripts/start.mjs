#!/usr/bin/env node
// `npm start`: builds the production bundle when it is missing or stale, brings the database up to
// date (migrations, reference data, demo data when empty) on SQLite or on PostgreSQL, whichever
// DATABASE_URL names (scripts/db.ts setup), then serves on PORT (default 3000)
// through the HTTP server in front of Next (lib/server/http-server/main.ts, bundled by the build).
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseUrlError, parseDatabaseUrl } from '../db/database-url.mjs';
import { buildIfStale, HTTP_SERVER, WRITE_WORKER } from './build.mjs';
import { DATABASE_URL_HELP, exitUsage, parseCommandLine, usageText } from './cli.mjs';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

parseCommandLine({
  usage: usageText({
    synopsis: ['npm start'],
    description: [
      'Builds the production bundle when it is missing or stale, brings the database up to date (migrations, reference',
      'data, demo data when empty: npm run db:setup), then serves on PORT. Ctrl-C stops it.',
    ].join('\n'),
    environment: [
      DATABASE_URL_HELP,
      ['PORT', 'the port to serve on (default 3000)'],
      ['NEXTAUTH_SECRET', 'signs sessions, tickets and SMS codes; required on PostgreSQL, kept under .data/ on SQLite when unset'],
      ['NEXTAUTH_URL', 'the public address (default http://localhost:PORT)'],
      ['SEED', 'demo (default) or none: whether an empty database gets the demo data'],
      ['WRITE_WORKER', 'off keeps every write on the main thread (SQLite)'],
    ],
    examples: ['npm start', 'SEED=none PORT=8080 DATABASE_URL=/srv/club-hub/club.db npm start'],
  }),
});

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * NEXTAUTH_SECRET signs session cookies, ticket codes and SMS codes. On SQLite (one server) a
 * random secret is kept under .data/ when none is set. On PostgreSQL several servers may share the
 * database, each behind the same load balancer: a secret made up by one would refuse what another
 * signed, so one must be given to all.
 */
function ensureAuthSecret() {
  if (process.env.NEXTAUTH_SECRET) return;
  if (onPostgres) {
    console.error(
      'NEXTAUTH_SECRET is not set. On PostgreSQL every app server must sign sessions, tickets and SMS codes with the same secret: set NEXTAUTH_SECRET to one value (for example `openssl rand -base64 32`) on every server.',
    );
    process.exit(1);
  }
  const file = path.join(root, '.data', 'auth-secret');
  if (!fs.existsSync(file)) {
    // Written whole under another name, then linked into place: of two servers starting at once
    // (npm test runs two), the second finds the first's secret, never an empty or half-written file.
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}`;
    fs.writeFileSync(draft, randomBytes(32).toString('base64url'), { mode: 0o600 });
    try {
      fs.linkSync(draft, file);
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    } finally {
      fs.unlinkSync(draft);
    }
  }
  process.env.NEXTAUTH_SECRET = fs.readFileSync(file, 'utf8').trim();
}

/** DATABASE_URL's engine, checked before the secret is written or anything built. */
function databaseEngine() {
  try {
    return parseDatabaseUrl(process.env.DATABASE_URL).engine;
  } catch (error) {
    if (error instanceof DatabaseUrlError) exitUsage(error.message);
    throw error;
  }
}

const onPostgres = databaseEngine() === 'postgres';
const started = Date.now();
const port = process.env.PORT ?? '3000';
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;
ensureAuthSecret();

if (!(await buildIfStale())) process.exit(1);

run(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db.ts', 'setup']);

console.log(`Starting on http://localhost:${port} (prepared in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
// A larger young generation: request handling allocates a lot of short-lived objects, and fewer
// scavenges mean steadier latency under a registration storm.
// WRITE_WORKER: where the registration writer's bundle is (`off` keeps every write on the main
// thread). It is SQLite's: there one writer connection at a time holds the file's write lock, and
// the worker's takes turns with the main thread's. On PostgreSQL (db/dialect.ts) every transaction
// has a pooled connection of its own, and the main thread's pool is the writer.
const writeWorker = onPostgres ? 'off' : (process.env.WRITE_WORKER ?? WRITE_WORKER);
const env = { ...process.env, PORT: port, NODE_ENV: 'production', WRITE_WORKER: writeWorker };
const server = spawn(process.execPath, ['--max-semi-space-size=32', HTTP_SERVER], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

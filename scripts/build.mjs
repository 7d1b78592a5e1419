#!/usr/bin/env node
// Builds the production bundle, the write worker's bundle and the HTTP server's bundle when they
// are missing or older than the sources (a hash of them is kept in .next/source-hash). `npm start`
// and `npm test` call it; run alone, it builds and exits.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildHttpServer, buildWriteWorker } from './build-write-worker.mjs';
import { parseCommandLine, usageText } from './cli.mjs';

const root = path.resolve(import.meta.dirname, '..');

const SOURCES = ['app', 'components', 'lib', 'db', 'i18n', 'messages', 'public', 'types'];
const ROOT_FILES = ['scripts/build.mjs', 'scripts/build-write-worker.mjs', 'next.config.ts', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs', 'proxy.ts', 'instrumentation.ts', 'instrumentation-client.ts'];
const STAMP = path.join(root, '.next', 'source-hash');
/** The write worker's bundle (lib/server/write-thread.ts), built with the app. */
export const WRITE_WORKER = path.join(root, '.next', 'write-worker.mjs');
/** The HTTP server in front of Next (lib/server/http-server/main.ts), built with the app. */
export const HTTP_SERVER = path.join(root, '.next', 'server.mjs');

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

/** Builds unless the last build was made from these very sources; false when `next build` failed. */
export async function buildIfStale() {
  const hash = sourceHash();
  const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(WRITE_WORKER) && fs.existsSync(HTTP_SERVER) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === hash;
  if (built) return true;
  console.log('Building the production bundle (sources changed or no build yet)…');
  const result = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) return false;
  await Promise.all([buildWriteWorker(WRITE_WORKER), buildHttpServer(HTTP_SERVER)]);
  fs.writeFileSync(STAMP, hash);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  parseCommandLine({
    usage: usageText({
      synopsis: ['npm run build'],
      description: 'Builds the production bundle, the write worker and the HTTP server, unless .next/ holds a build of these very sources.\nTouches no database.',
      examples: ['npm run build && npm start'],
    }),
  });
  process.exit((await buildIfStale()) ? 0 : 1);
}

#!/usr/bin/env node
// `npm test`: lint and the production build side by side, then the type check (it covers the route
// types the build generates), unit and integration tests on SQLite and on PostgreSQL side by side, the
// cluster tests (two servers of that build behind HAProxy), and the end-to-end tests in Chromium
// against that build. Installs Debian's Chromium and PostgreSQL
// first when they are missing and we may; the PostgreSQL server is the project's own
// (scripts/postgres.mjs), unless TEST_POSTGRES_URL names one.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseCommandLine, usageText } from './cli.mjs';

parseCommandLine({
  usage: usageText({
    synopsis: ['npm test'],
    description: 'The whole suite: lint, build, type check, unit and integration tests on SQLite and PostgreSQL, cluster tests,\nend-to-end tests. To run a part: npx vitest run FILE…, npx playwright test SPEC….',
    environment: [['TEST_POSTGRES_URL', 'a PostgreSQL server of yours for the tests (default: the project\'s own, scripts/postgres.mjs)']],
    examples: ['npm test', 'npx vitest run db/config.test.ts', 'E2E_PORT=4700 npx playwright test e2e/auth.spec.ts'],
  }),
});

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
/** The steps under way, with the folder of a quiet one's output. */
const running = new Map();

/**
 * Runs a step; a failure stops everything. A quiet step keeps its output in a file and shows it when
 * it ends, so that it can run beside another without mixing their lines.
 */
function step(title, command, args, { quiet = false, env } = {}) {
  const started = Date.now();
  const log = quiet ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'club-test-')), 'output.log') : null;
  const fd = log ? fs.openSync(log, 'w') : null;
  if (!quiet) console.log(`\n=== ${title}`);
  const child = spawn(command, args, { stdio: fd === null ? 'inherit' : ['ignore', fd, fd], env: { ...process.env, ...env } });
  if (fd !== null) fs.closeSync(fd);
  running.set(child, log && path.dirname(log));
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      running.delete(child);
      if (log) {
        console.log(`\n=== ${title}\n${fs.readFileSync(log, 'utf8').trimEnd()}`);
        fs.rmSync(path.dirname(log), { recursive: true, force: true });
      }
      if (code !== 0) {
        console.error(`=== ${title} failed`);
        for (const [other, folder] of running) {
          other.kill();
          if (folder) fs.rmSync(folder, { recursive: true, force: true });
        }
        process.exit(code ?? 1);
      }
      console.log(`=== ${title} passed in ${seconds(started)}`);
      resolve();
    });
  });
}

async function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    await step('install Chromium (Debian package)', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk']);
    return;
  }
  console.log('No /usr/bin/chromium: Playwright will use its own browser (npx playwright install chromium).');
}

async function ensurePostgres() {
  if (process.env.TEST_POSTGRES_URL || fs.existsSync('/usr/lib/postgresql')) return;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    await step('install PostgreSQL (Debian package)', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql']);
    return;
  }
  console.error('PostgreSQL is needed for the tests: apt-get install postgresql (as root), or set TEST_POSTGRES_URL to a server of yours.');
  process.exit(1);
}

const npx = (args) => ['node_modules/.bin/' + args[0], args.slice(1)];
// The build (when the sources changed) uses the processor lint leaves idle; lint ignores .next/.
await Promise.all([step('production build', process.execPath, ['scripts/build.mjs'], { quiet: true }), step('lint', ...npx(['eslint', '.', '--max-warnings', '0']))]);
await step('type check', ...npx(['tsc', '--noEmit']));
await ensurePostgres();
// vitest takes one worker on a machine of two cores (availableParallelism - 1): the two engines'
// runs side by side use both. Each test file has a database of its own on either engine.
await Promise.all([
  step('unit and integration tests (SQLite)', ...npx(['vitest', 'run'])),
  step('unit and integration tests (PostgreSQL)', ...npx(['vitest', 'run']), { quiet: true, env: { TEST_DATABASE: 'postgres' } }),
]);
// Two app servers of the build behind HAProxy on one PostgreSQL (scripts/cluster.mts), which
// installs HAProxy itself when it may.
await step('cluster tests (HAProxy, two servers, PostgreSQL primary and replica)', ...npx(['vitest', 'run', '--config', 'vitest.cluster.config.mts']));
await ensureChromium();
// Two lanes, each with a server and database of its own (named after its port, playwright.config.ts):
// the specs in order on one; on the other the accessibility walk (@axe: every page of every role,
// read-only), then the smoke subset (sign-in, register, cancel with refund, check-in, statistics,
// export) against a server on PostgreSQL. The walk alone took 5 of the 11.4 minutes in one lane.
await Promise.all([
  step('end-to-end tests (Playwright, Chromium)', ...npx(['playwright', 'test', '--grep-invert', '@axe'])),
  (async () => {
    await step('accessibility tests (axe, every page of every role)', ...npx(['playwright', 'test', '--grep', '@axe']), { quiet: true, env: { E2E_PORT: '3110' } });
    await step('end-to-end smoke tests on PostgreSQL', ...npx(['playwright', 'test', '--grep', '@smoke', '--project', 'desktop']), { quiet: true, env: { E2E_PORT: '3120', E2E_DATABASE: 'postgres' } });
  })(),
]);

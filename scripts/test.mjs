#!/usr/bin/env node
// `npm test`: lint and the production build side by side, then the type check (it covers the route
// types the build generates), unit and integration tests, and the end-to-end tests in Chromium
// against that build. Installs Debian's Chromium first when it is missing and we may.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function fail(title) {
  console.error(`=== ${title} failed`);
  process.exit(1);
}

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) fail(title);
  console.log(`=== ${title} passed in ${seconds(started)}`);
}

/** A step run in the background with its output kept in a file, shown when it ends. */
function backgroundStep(title, command, args) {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'club-test-')), 'output.log');
  const fd = fs.openSync(log, 'w');
  const started = Date.now();
  const child = spawn(command, args, { stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      console.log(`\n=== ${title}\n${fs.readFileSync(log, 'utf8').trimEnd()}`);
      if (code !== 0) fail(title);
      console.log(`=== ${title} passed in ${seconds(started)}`);
      resolve();
    });
  });
}

function ensureChromium() {
  if (fs.existsSync('/usr/bin/chromium')) return;
  const isRoot = process.getuid?.() === 0;
  if (isRoot && fs.existsSync('/usr/bin/apt-get')) {
    step('install Chromium (Debian package)', 'sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk']);
    return;
  }
  console.log('No /usr/bin/chromium: Playwright will use its own browser (npx playwright install chromium).');
}

const npx = (args) => ['node_modules/.bin/' + args[0], args.slice(1)];
// The build (when the sources changed) uses the processor lint leaves idle; lint ignores .next/.
const build = backgroundStep('production build', process.execPath, ['scripts/build.mjs']);
step('lint', ...npx(['eslint', '.', '--max-warnings', '0']));
await build;
step('type check', ...npx(['tsc', '--noEmit']));
step('unit and integration tests', ...npx(['vitest', 'run']));
ensureChromium();
step('end-to-end tests (Playwright, Chromium)', ...npx(['playwright', 'test']));

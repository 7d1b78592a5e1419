#!/usr/bin/env node
// `npm test`: lint, type check, unit and integration tests, then the end-to-end tests in Chromium
// against the production build. Installs Debian's Chromium first when it is missing and we may.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`=== ${title} failed`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${title} passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
step('lint', ...npx(['eslint', '.', '--max-warnings', '0']));
step('type check', ...npx(['tsc', '--noEmit']));
step('unit and integration tests', ...npx(['vitest', 'run']));
ensureChromium();
step('end-to-end tests (Playwright, Chromium)', ...npx(['playwright', 'test']));

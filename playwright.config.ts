import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { SMS_GATEWAY_SECRET, SMS_GATEWAY_URL } from './e2e/sms';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const BASE_URL = `http://localhost:${PORT}`;

// E2E_DATABASE=postgres: the server runs on a fresh PostgreSQL database of the project's own server
// (scripts/postgres.mjs); otherwise on a fresh SQLite file under .data/. Both are named after the
// port, as are the folders of results and report, so that runs side by side in one checkout (npm
// test runs the accessibility spec beside the others) share nothing. The specs read the database
// through e2e/db.ts.
const onPostgres = process.env.E2E_DATABASE === 'postgres';
const POSTGRES_DATABASE = `club_hub_e2e_${PORT}`;
const SQLITE_FILE = `.data/e2e-${PORT}.db`;
process.env.E2E_DATABASE_URL ||= onPostgres ? `postgres://postgres@localhost:5544/${POSTGRES_DATABASE}` : SQLITE_FILE;
const freshDatabase = onPostgres ? `node scripts/postgres.mjs fresh-database ${POSTGRES_DATABASE}` : `rm -f ${SQLITE_FILE} ${SQLITE_FILE}-wal ${SQLITE_FILE}-shm`;

// The demo accounts' password for this run, random unless given: the server seeds its fresh
// database with it and the specs sign in with it (e2e/fixtures.ts). Set here, before the workers
// start, so that they inherit the same value instead of drawing their own.
process.env.DEMO_PASSWORD ||= `e2e-${randomBytes(12).toString('base64url')}`;

// Debian's Chromium when installed (Playwright cannot download its own browser here).
const chromium = '/usr/bin/chromium';
const launchOptions = {
  ...(fs.existsSync(chromium) ? { executablePath: chromium } : {}),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // The SMS gateway stand-in the server delivers to (e2e/sms.ts).
  globalSetup: './e2e/sms-gateway.ts',
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: `test-results/${PORT}`,
  // CI keeps the console output only: a trace or an HTML report there is work nobody reads (a trace
  // records screenshots and DOM snapshots of every action of every test, to keep the failing ones).
  // Locally a failing test keeps its trace under test-results/<port>.
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    launchOptions,
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions }, grepInvert: /@phone/ },
    { name: 'phone', use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, launchOptions }, grep: /@phone/ },
  ],
  webServer: {
    // A fresh database per run; `npm start` rebuilds when the sources changed.
    command: `${freshDatabase} && node scripts/start.mjs`,
    url: `${BASE_URL}/signin`,
    // PostgreSQL wants a secret given (scripts/start.mjs); SQLite keeps one under .data/.
    env: {
      PORT: String(PORT),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      SEED: 'demo',
      DEMO_PASSWORD: process.env.DEMO_PASSWORD,
      SMS_GATEWAY_URL: `${SMS_GATEWAY_URL}/sms`,
      SMS_GATEWAY_SECRET,
      ...(onPostgres ? { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? 'club-hub e2e secret on postgres' } : {}),
    },
    timeout: 300_000,
    reuseExistingServer: false,
    // The server's log carries every SMS of the storm test: keep errors only.
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

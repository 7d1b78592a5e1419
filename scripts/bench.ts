/**
 * `npm run bench [-- section ...]`: measurements that tests do not make. Each section prints its
 * figures; sections: matrix, members, storm (default: all).
 *
 * - matrix: the HQ compliance matrix for a year of 31 x 4 x 10 events, in-process and through the
 *   production server.
 * - members: club member lists and customer search on the national dataset (`npm run seed:large`
 *   with DATABASE_URL=.data/large.db first; skipped without it).
 * - storm: a registration storm through the production server against the trivial JSON route.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { closeDatabase } from '@/db/client';
import { seedMatrixYear, seedStormFixture } from '@/db/seed/bench';
import { setupDatabase } from '@/db/seed';
import type { Actor } from '@/lib/domain/access';
import { createApiToken } from '@/lib/server/api-tokens';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { getComplianceMatrix } from '@/lib/server/compliance';
import { searchCustomers } from '@/lib/server/customers';
import { listClubMembers } from '@/lib/server/memberships';
import { createStaff } from '@/lib/server/staff';
import { clubMemberFilters } from '@/lib/validation/members';
import { runStorm } from './bench-storm';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATA = path.join(ROOT, '.data');
const PORT = 3400;
const BASE = `http://localhost:${PORT}`;
const cli = { kind: 'system', via: 'cli' } as const;
const hq: Actor = { kind: 'staff', role: 'admin', staffId: 1, provinceCode: null, clubCodes: null, name: 'bench' };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `fn` n times after a warm-up and prints p50 / p95 / max in milliseconds. */
async function time(label: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const p50 = percentile(samples, 50);
  console.log(`  ${label.padEnd(58)} p50 ${p50.toFixed(1).padStart(7)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(7)} ms   max ${samples.at(-1)!.toFixed(1).padStart(7)} ms`);
  return p50;
}

/** A fresh database file for a section, migrated, with provinces and clubs only. */
async function freshDatabase(name: string): Promise<string> {
  closeDatabase();
  const file = path.join(DATA, `bench-${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  process.env.DATABASE_URL = file;
  await setupDatabase('none');
  return file;
}

/** Starts the production server (building it when stale) on a database, and waits until it answers. */
async function startServer(databaseFile: string): Promise<ChildProcess> {
  closeDatabase();
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseFile, PORT: String(PORT), SEED: 'none', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${BASE}/api/v1/health`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  server.kill();
  throw new Error('the server did not start');
}

async function stopServer(server: ChildProcess): Promise<void> {
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

/** Signs a staff account in through next-auth's credentials endpoint; returns the cookie header. */
async function signIn(username: string, password: string): Promise<string> {
  const csrf = await fetch(`${BASE}/api/auth/csrf`);
  const cookie = (csrf.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${BASE}/api/auth/callback/staff`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrfToken, username, password, json: 'true' }),
    redirect: 'manual',
  });
  const session = (response.headers.getSetCookie() ?? []).map((c) => c.split(';')[0]).find((c) => c?.includes('session-token'));
  if (!session) throw new Error('bench sign-in failed');
  return `${cookie}; ${session}`;
}

async function benchMatrix(): Promise<void> {
  console.log('\n== Compliance matrix: 31 provinces x 4 clubs x 10 events in one year');
  const file = await freshDatabase('matrix');
  const { year, events } = seedMatrixYear(file, 10);
  await createStaff(cli, { username: 'bench.hq', password: 'bench-password', role: 'analyst', provinceCode: null });
  console.log(`  ${events} events in ${year}, completed ones with attendees`);
  await time('getComplianceMatrix (in-process, server time)', 20, () => getComplianceMatrix(hq, year));
  const server = await startServer(file);
  try {
    const cookie = await signIn('bench.hq', 'bench-password');
    await time('GET /stats/compliance (whole page over localhost)', 20, async () => {
      const response = await fetch(`${BASE}/stats/compliance?year=${year}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`matrix page answered ${response.status}`);
      await response.text();
    });
  } finally {
    await stopServer(server);
  }
}

async function benchMembers(): Promise<void> {
  console.log('\n== Club member lists and customer search on the national dataset');
  const file = path.join(DATA, 'large.db');
  if (!fs.existsSync(file)) {
    console.log('  skipped: run `DATABASE_URL=.data/large.db npm run seed:large` first');
    return;
  }
  closeDatabase();
  process.env.DATABASE_URL = file;
  await setupDatabase('none');
  const operator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: 'bench' };
  const f = (o: Record<string, string>) => clubMemberFilters.parse(o);
  await time('operator (广东), music, current members, page 1', 10, () => listClubMembers(operator, 'music', f({})));
  await time('operator (广东), music, page 40', 10, () => listClubMembers(operator, 'music', f({ page: '40' })));
  await time('operator (广东), music, sorted by name', 10, () => listClubMembers(operator, 'music', f({ sort: 'name' })));
  await time('operator (广东), music, VIPs who joined in 2025', 10, () => listClubMembers(operator, 'music', f({ segment: 'postpaid_vip', joinedFrom: '2025-01-01', joinedTo: '2025-12-31' })));
  await time('HQ, music, all provinces, page 1', 10, () => listClubMembers(hq, 'music', f({})));
  await time('HQ, music, all provinces, sorted by name', 10, () => listClubMembers(hq, 'music', f({ sort: 'name' })));
  await time('HQ, music, all periods, suspended customers', 10, () => listClubMembers(hq, 'music', f({ state: 'all', status: 'suspended' })));
  await time('HQ, music, page 500 (offset 24,950)', 10, () => listClubMembers(hq, 'music', f({ page: '500' })));
  await time('search by full mobile number (HQ)', 10, () => searchCustomers(hq, '13000000000'));
  await time('search by name prefix 王 (operator)', 10, () => searchCustomers(operator, '王'));
}

async function benchStorm(): Promise<void> {
  console.log('\n== Registration storm through the production server');
  const contenders = 5000;
  const seats = 500;
  const file = await freshDatabase('storm');
  const { eventId, warmupEventId, customerIds } = seedStormFixture(file, { contenders, seats, pricePoints: 100 });
  const { token } = await createApiToken(cli, createApiTokenInput.parse({ name: 'bench', channel: 'online', scope: '440000' }));
  const server = await startServer(file);
  try {
    await runStorm({ base: BASE, token, eventId, warmupEventId, customerIds, seats, connections: 64, databaseFile: file });
  } finally {
    await stopServer(server);
  }
}

const SECTIONS: Record<string, () => Promise<void>> = { matrix: benchMatrix, members: benchMembers, storm: benchStorm };

async function main() {
  const chosen = process.argv.slice(2).filter((a) => a !== '--');
  const names = chosen.length > 0 ? chosen : Object.keys(SECTIONS);
  for (const name of names) {
    const section = SECTIONS[name];
    if (!section) throw new Error(`unknown section "${name}" (${Object.keys(SECTIONS).join(', ')})`);
    await section();
  }
  closeDatabase();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * `npm run bench [-- section ...]`: measurements that tests do not make. Each section prints its
 * figures; sections: matrix, members, storm, checkin, stats, queries, analyst, backup (default:
 * all). Every section runs on either engine: on PostgreSQL (DATABASE_URL=postgres://… from the
 * start: a process never switches engines) its fresh databases are made on that server, and the
 * national dataset is the database DATABASE_URL names, filled by `npm run seed:large` with it; on
 * SQLite the national dataset is .data/large.db (`DATABASE_URL=.data/large.db npm run seed:large`),
 * and the sections that need it are skipped without it.
 *
 * - matrix: the HQ compliance matrix for a year of 31 x 4 x 10 events, in-process and through the
 *   production server.
 * - members: club member lists and customer search on the national dataset.
 * - storm: a registration storm through the production server against the trivial JSON route.
 * - checkin: check-in by short code, in-process.
 * - stats: every statistics page (and the page with no figures, as a baseline) and the
 *   registrations export on the national dataset.
 * - queries: the same statistics and export in-process (the use-cases' server time, no page
 *   rendering and no server).
 * - analyst: on the national dataset, the storm's latency with and without an analyst reloading
 *   the heaviest statistics page.
 * - backup: on the national dataset, how long `npm run backup` takes, and the storm's latency
 *   alone, while the backup copies and while it checks the copy.
 * - cluster: the storm through HAProxy with one and with two app servers on PostgreSQL (npm run
 *   cluster's topology, its own PostgreSQL on 5550), with the machine's CPU split between
 *   PostgreSQL, the servers, the balancer and the load's client.
 * The server listens on BENCH_PORT (default 3400). `--help` for the usage.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { closeDatabase } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { checkStormOutcome, openDoorsOf, seedMatrixYear, shortCodesOf, stormFixture } from '@/db/seed/bench';
import { setupDatabase } from '@/db/seed';
import type { Actor } from '@/lib/domain/access';
import { createApiToken } from '@/lib/server/api-tokens';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { getComplianceMatrix } from '@/lib/server/compliance';
import { searchCustomers } from '@/lib/server/customers';
import { listClubMembers } from '@/lib/server/memberships';
import { createStaff } from '@/lib/server/staff';
import { setMessageSender } from '@/lib/server/outbox';
import { checkIn } from '@/lib/server/attendance';
import { registerForEvent } from '@/lib/server/registrations';
import { clubMemberFilters } from '@/lib/validation/members';
import { getComplaintStatistics, getServiceStatistics, getStatistics, streamRegistrations } from '@/lib/server/stats';
import { statsFilters } from '@/lib/validation/stats';
import { median, medianStorm, runStorm, stormOnce } from './bench-storm';
import { clusterStorm, percentile as nearestRank } from './cluster-storm';
import { parseCommandLine, usageError, usageText } from './cli.mjs';
import { databaseFromEnv } from './cli-database';

const ROOT = path.resolve(import.meta.dirname, '..');
const DATA = path.join(ROOT, '.data');
const PORT = Number(process.env.BENCH_PORT ?? 3400);
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

/** The PostgreSQL server DATABASE_URL named when the bench started (its sections' databases are made there). */
const POSTGRES_SERVER = DIALECT === 'postgres' ? process.env.DATABASE_URL! : null;

/** A new database `club_hub_bench_<name>` on that server (dropped first if a previous run left it); answers its URL. */
async function freshPostgresDatabase(name: string): Promise<string> {
  const database = `club_hub_bench_${name.replace(/\W/g, '_')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_SERVER! });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_SERVER!);
  url.pathname = `/${database}`;
  return url.href;
}

/** A fresh database for a section (a file, or on PostgreSQL a database), migrated, with provinces and clubs only; answers DATABASE_URL's value. */
async function freshDatabase(name: string): Promise<string> {
  await closeDatabase();
  if (POSTGRES_SERVER) {
    process.env.DATABASE_URL = await freshPostgresDatabase(name);
    await setupDatabase('none');
    return process.env.DATABASE_URL;
  }
  const file = path.join(DATA, `bench-${name}.db`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  process.env.DATABASE_URL = file;
  await setupDatabase('none');
  return file;
}

/** The production server's access log as it runs: each request's route and its time in the server (first byte in to last byte out). */
const accessLog: { route: string; ms: number }[] = [];

/** Prints p50 / p95 / max of the server's own times for the `count` requests of `route` logged after entry `from` (waiting for the lines). */
async function printServerTimes(from: number, route: string, count: number): Promise<void> {
  const logged = () => accessLog.slice(from).filter((e) => e.route === route);
  for (let waited = 0; logged().length < count && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
  const samples = logged()
    .slice(-count)
    .map((e) => e.ms)
    .sort((a, b) => a - b);
  if (samples.length === 0) return;
  console.log(`  ${'  the same, server time (its access log)'.padEnd(58)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p95 ${percentile(samples, 95).toFixed(1).padStart(7)} ms   max ${samples.at(-1)!.toFixed(1).padStart(7)} ms`);
}

const BENCH_SECRET = randomBytes(32).toString('base64url');

/** Starts the production server (building it when stale) on a database, and waits until it answers. */
async function startServer(databaseFile: string, env: Record<string, string> = {}): Promise<ChildProcess> {
  await closeDatabase();
  const server = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    // On PostgreSQL the server wants a secret given (scripts/start.mjs): one for this run.
    env: { NEXTAUTH_SECRET: BENCH_SECRET, ...process.env, ...env, DATABASE_URL: databaseFile, PORT: String(PORT), SEED: 'none', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  createInterface({ input: server.stdout! }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as { msg?: string; route?: string; ms?: number };
      if (entry.msg === 'request' && entry.route && typeof entry.ms === 'number') accessLog.push({ route: entry.route, ms: entry.ms });
    } catch {
      // not a log line
    }
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

/** The bench's staff accounts' password, new each run: no password in the repository opens an account. */
const BENCH_PASSWORD = `bench-${randomBytes(12).toString('base64url')}`;

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
  const { year, events } = await seedMatrixYear(10);
  await createStaff(cli, { username: 'bench.hq', password: BENCH_PASSWORD, role: 'analyst', provinceCode: null });
  console.log(`  ${events} events in ${year}, completed ones with attendees`);
  await time('getComplianceMatrix (in-process, server time)', 20, () => getComplianceMatrix(hq, year));
  const server = await startServer(file);
  try {
    const cookie = await signIn('bench.hq', BENCH_PASSWORD);
    await time('GET /stats/compliance (whole page over localhost)', 20, async () => {
      const response = await fetch(`${BASE}/stats/compliance?year=${year}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`matrix page answered ${response.status}`);
      await response.text();
    });
  } finally {
    await stopServer(server);
  }
}

/** The national dataset on PostgreSQL: the database DATABASE_URL names when the bench starts. */
const LARGE_POSTGRES = DIALECT === 'postgres' ? process.env.DATABASE_URL : undefined;

/** Prints the section's title and opens the national dataset, migrated; null (said) when it is not there. */
async function openLargeDataset(title: string): Promise<string | null> {
  console.log(`\n== ${title}`);
  const file = LARGE_POSTGRES ?? path.join(DATA, 'large.db');
  if (!LARGE_POSTGRES && !fs.existsSync(file)) {
    console.log('  skipped: run `DATABASE_URL=.data/large.db npm run seed:large` first');
    return null;
  }
  await closeDatabase();
  process.env.DATABASE_URL = file;
  await setupDatabase('none');
  return file;
}

async function benchMembers(): Promise<void> {
  if (!(await openLargeDataset('Club member lists and customer search on the national dataset'))) return;
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

/**
 * The storm twice: with SQLite's default sync of WAL mode (NORMAL: a crash of the process loses
 * nothing acknowledged) and with SQLITE_SYNCHRONOUS=full (each group commit on disk before anyone
 * hears of it), each on a fresh database and server. On PostgreSQL once, with the server's own
 * settings of durability (synchronous_commit, fsync).
 */
async function benchStorm(): Promise<void> {
  const contenders = 5000;
  const seats = 500;
  const results: { mode: string; rate: number; p50: number; p99: number; ceiling: number }[] = [];
  for (const mode of POSTGRES_SERVER ? ['postgres'] : ['normal', 'full']) {
    console.log(`\n== Registration storm through the production server (${POSTGRES_SERVER ? 'PostgreSQL' : `SQLITE_SYNCHRONOUS=${mode}`})`);
    const file = await freshDatabase(`storm-${mode}`);
    const fixtures = [];
    for (let i = 0; i < 5; i++) {
      const options = { contenders, seats, pricePoints: 100 };
      fixtures.push(await stormFixture(file, options));
    }
    const { token } = await createApiToken(cli, createApiTokenInput.parse({ name: 'bench', channel: 'online', scope: '440000' }));
    const server = await startServer(file, { SQLITE_SYNCHRONOUS: mode });
    try {
      const result = await runStorm({
        base: BASE,
        token,
        warmup: { eventId: fixtures[0]!.warmupEventId, customerIds: fixtures[0]!.customerIds.slice(0, contenders / 5) },
        rounds: fixtures.map((f) => ({ eventId: f.eventId, customerIds: f.customerIds })),
        seats,
        connections: 64,
        databaseFile: file,
        startPid: server.pid!,
      });
      results.push({ mode, ...result });
    } finally {
      await stopServer(server);
    }
  }
  console.log(`\n== Registration storm: ${POSTGRES_SERVER ? 'PostgreSQL' : 'synchronous NORMAL against FULL'} (medians of five rounds each)`);
  for (const r of results) {
    console.log(`  ${r.mode.toUpperCase().padEnd(6)} ${r.rate.toFixed(0).padStart(5)} registrations/s, ${((r.rate / r.ceiling) * 100).toFixed(1)}% of the trivial route, p50 ${r.p50} ms, p99 ${r.p99} ms`);
  }
}

/**
 * The resident memory of a process and its descendants (the server runs as start.mjs -> next), as
 * anonymous memory (heaps, buffers: what a leak or a buffered export would grow) and file-backed
 * pages (the database file the read workers map, which the kernel reclaims at will).
 */
function treeMemory(rootPid: number): { anon: number; file: number } {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const total = { anon: 0, file: 0 };
  const visit = (pid: number) => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      total.anon += Number(/RssAnon:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      total.file += Number(/RssFile:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      return;
    }
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return total;
}

interface LargeServer {
  year: number;
  /** Loads the statistics page with a query, as the analyst. */
  load: (query: string) => Promise<void>;
  cookie: string;
  /** The server's process, for its memory. */
  pid: number;
}

/**
 * The production server on the national dataset, with an HQ analyst signed in; `before` seeds what
 * the section needs while the database is still closed to the server.
 */
async function onLargeDataset<T>(title: string, before: (file: string) => T | Promise<T>, fn: (s: LargeServer, seeded: T) => Promise<void>): Promise<void> {
  const file = await openLargeDataset(title);
  if (!file) return;
  // The national dataset is kept between runs: an account of this run's own, with this run's password.
  const analyst = `bench.stats.${Date.now().toString(36)}`;
  await createStaff(cli, { username: analyst, password: BENCH_PASSWORD, role: 'analyst', provinceCode: null });
  const seeded = await before(file);
  const server = await startServer(file);
  try {
    const cookie = await signIn(analyst, BENCH_PASSWORD);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const load = async (query: string) => {
      const response = await fetch(`${BASE}/stats?${query}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`statistics page answered ${response.status}`);
      await response.text();
    };
    await fn({ year, load, cookie, pid: server.pid! }, seeded);
  } finally {
    await stopServer(server);
  }
}

/** Loads per statistics page: with 10, the p95 is the slowest of them (one collection pause decides it). */
const STATS_SAMPLES = 40;

/** The statistics pages the bench loads: the heaviest filters an analyst uses. */
function statsPages(year: number): [string, string][] {
  return [
    ['this year, all provinces and clubs', `year=${year}`],
    ['this year, music club', `year=${year}&club=music`],
    ['a quarter', `year=${year}&period=quarter&quarter=3`],
    ['a month, one province', `year=${year}&period=month&month=6&province=440000`],
    ['this year, VIPs only', `year=${year}&segment=postpaid_vip`],
    ['this year, hotline channel', `year=${year}&channel=hotline`],
    ['a custom range of twelve months', `period=custom&from=${year - 1}-06-01&to=${year}-05-31`],
    ['a custom range, mid-month to mid-month', `period=custom&from=${year - 1}-06-16&to=${year}-06-15`],
    ['this year, music club, VIPs only', `year=${year}&club=music&segment=postpaid_vip`],
    ['this year, VIPs on the hotline', `year=${year}&segment=postpaid_vip&channel=hotline`],
  ];
}

/**
 * The statistics page's three use-cases and the registrations export in-process: what the server
 * spends in the database and in lib/server, without rendering, on either engine.
 */
async function benchStatsQueries(): Promise<void> {
  if (!(await openLargeDataset('Statistics on the national dataset, in-process (use-cases: events, services, complaints)'))) return;
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
  for (const [label, query] of statsPages(year)) {
    const f = statsFilters.parse(Object.fromEntries(new URLSearchParams(query)));
    await time(`statistics page's use-cases: ${label}`, STATS_SAMPLES, () => Promise.all([getStatistics(hq, f), getServiceStatistics(hq, f), getComplaintStatistics(hq, f)]));
  }
  const f = statsFilters.parse({ period: 'custom', from: `${year - 1}-01-01`, to: `${year}-12-31` });
  const started = performance.now();
  let rows = 0;
  let peak = 0;
  const before = process.memoryUsage().rss;
  for await (const chunk of streamRegistrations(hq, f)) {
    rows += chunk.length;
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`  export stream (no CSV): ${rows} registrations in ${seconds.toFixed(1)} s = ${(rows / seconds).toFixed(0)} rows/s; process RSS ${(before / 1e6).toFixed(0)} MB before, ${(peak / 1e6).toFixed(0)} MB at most`);
}

async function benchStats(): Promise<void> {
  await onLargeDataset('Statistics on the national dataset over localhost (as the client waits, and in the server)', () => undefined, async ({ year, load, cookie, pid }) => {
    // The same page with no figures to count (a reversed range): session, layout and rendering alone.
    const pages: [string, string][] = [['no figures (a reversed range), the baseline', `period=custom&from=${year}-05-01&to=${year}-04-01`], ...statsPages(year)];
    for (const [label, query] of pages) {
      const from = accessLog.length;
      await time(`GET /stats: ${label}`, STATS_SAMPLES, () => load(query));
      await printServerTimes(from, '/stats', STATS_SAMPLES);
    }

    const before = treeMemory(pid);
    const peak = { ...before };
    const sampler = setInterval(() => {
      const now = treeMemory(pid);
      peak.anon = Math.max(peak.anon, now.anon);
      peak.file = Math.max(peak.file, now.file);
    }, 200);
    const started = performance.now();
    // Both years of the dataset: every registration, about 2,000,000 rows.
    const response = await fetch(`${BASE}/stats/export/registrations?period=custom&from=${year - 1}-01-01&to=${year}-12-31&format=csv`, { headers: { cookie } });
    let rows = -1;
    let bytes = 0;
    const decoder = new TextDecoder();
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      rows += (decoder.decode(chunk, { stream: true }).match(/\n/g) ?? []).length;
    }
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
    console.log(`  export: ${rows} registrations as CSV (${mb(bytes)}) in ${seconds.toFixed(1)} s = ${(rows / seconds).toFixed(0)} rows/s`);
    console.log(`          server memory (heaps and buffers) ${mb(before.anon)} before, ${mb(peak.anon)} at most; mapped database pages ${mb(before.file)} before, ${mb(peak.file)} at most`);
  });
}

/** `count` storm fixtures (5,000 contenders for 500 seats each) added to the national dataset. */
async function stormFixtures(file: string, count: number) {
  const fixtures = [];
  for (let i = 0; i < count; i++) fixtures.push(await stormFixture(file, { contenders: 5000, seats: 500, pricePoints: 100 }));
  return fixtures;
}

/**
 * The storm's latency with and without an HQ analyst reloading the heaviest statistics page in a
 * loop: three pairs, alone then with the analyst, compared by their medians (a single storm's p99
 * moves by a fifth from run to run on this machine).
 */
async function benchAnalyst(): Promise<void> {
  const pairs = 3;
  const seed = (file: string) => stormFixtures(file, 2 * pairs + 1);
  await onLargeDataset('The registration storm with and without an analyst loading statistics (national dataset)', seed, async ({ year, load }, fixtures) => {
    const { token } = await createApiToken(cli, createApiTokenInput.parse({ name: 'bench analyst', channel: 'online', scope: '440000' }));
    const storm = (f: (typeof fixtures)[number]) => stormOnce({ base: BASE, token, connections: 64 }, f.eventId, f.customerIds);
    await stormOnce({ base: BASE, token, connections: 64 }, fixtures[0]!.warmupEventId, fixtures[0]!.customerIds.slice(0, 1000));
    await storm(fixtures[0]!);
    const alone: Awaited<ReturnType<typeof storm>>[] = [];
    const withAnalyst: typeof alone = [];
    let analystLoads = 0;
    for (let i = 0; i < pairs; i++) {
      alone.push(await storm(fixtures[1 + 2 * i]!));
      let storming = true;
      const analyst = (async () => {
        while (storming) {
          await load(`year=${year}`);
          analystLoads++;
        }
      })();
      withAnalyst.push(await storm(fixtures[2 + 2 * i]!));
      storming = false;
      await analyst;
      console.log(`  pair ${i + 1}: alone ${alone[i]!.rate.toFixed(0)} registrations/s, p99 ${alone[i]!.p99} ms; with the analyst ${withAnalyst[i]!.rate.toFixed(0)} registrations/s, p99 ${withAnalyst[i]!.p99} ms`);
    }
    const [a, w] = [medianStorm(alone), medianStorm(withAnalyst)];
    console.log(`  storm alone:             ${a.rate.toFixed(0)} registrations/s, p50 ${a.p50} ms, p99 ${a.p99} ms (medians of ${pairs})`);
    console.log(`  storm with an analyst:   ${w.rate.toFixed(0)} registrations/s, p50 ${w.p50} ms, p99 ${w.p99} ms (medians of ${pairs}; ${analystLoads} loads of the heaviest statistics page meanwhile)`);
    console.log(`  p99 raised by ${(((w.p99 - a.p99) / a.p99) * 100).toFixed(0)}% (target: less than 50%)`);
  });
}

/**
 * `npm run backup` of the national dataset beside the serving app, as cron would run it: its
 * durations, and storms alone, while it copies and while it checks the copy (two rounds; medians).
 */
async function benchBackup(): Promise<void> {
  const rounds = 2;
  const seed = (file: string) => stormFixtures(file, 3 * rounds + 1);
  await onLargeDataset('The registration storm while `npm run backup` copies and checks the national dataset', seed, async (_, fixtures) => {
    const { token } = await createApiToken(cli, createApiTokenInput.parse({ name: 'bench backup', channel: 'online', scope: '440000' }));
    const storm = (f: (typeof fixtures)[number]) => stormOnce({ base: BASE, token, connections: 64 }, f.eventId, f.customerIds);
    await stormOnce({ base: BASE, token, connections: 64 }, fixtures[0]!.warmupEventId, fixtures[0]!.customerIds.slice(0, 1000));
    await storm(fixtures[0]!);
    const folder = fs.mkdtempSync(path.join(DATA, 'bench-backup-'));
    const alone: Awaited<ReturnType<typeof storm>>[] = [];
    const copying: typeof alone = [];
    const checking: typeof alone = [];
    try {
      for (let i = 0; i < rounds; i++) {
        alone.push(await storm(fixtures[1 + 3 * i]!));
        const started = performance.now();
        const backup = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db-backup.ts', 'backup', `${folder}/`], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
        let output = '';
        let copied = () => {};
        const copiedNow = new Promise<void>((resolve) => (copied = resolve));
        backup.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Copied')) copied();
        });
        const exited = new Promise<number | null>((resolve) => backup.once('exit', resolve));
        copying.push(await storm(fixtures[2 + 3 * i]!));
        const copyDone = await Promise.race([copiedNow.then(() => true), exited.then(() => false)]);
        if (copyDone) checking.push(await storm(fixtures[3 + 3 * i]!));
        const code = await exited;
        if (code !== 0) throw new Error(`npm run backup exited with ${code}:\n${output}`);
        const figures = /Copied .*/.exec(output)?.[0] ?? '';
        console.log(`  round ${i + 1}: ${figures} (${((performance.now() - started) / 1000).toFixed(1)} s in all)`);
        console.log(`    storm p99: alone ${alone[i]!.p99} ms, while copying ${copying[i]!.p99} ms${copyDone ? `, while checking ${checking[i]!.p99} ms` : ''}`);
        for (const file of fs.readdirSync(folder)) fs.rmSync(path.join(folder, file));
      }
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
    const show = (label: string, storms: typeof alone) => {
      if (storms.length === 0) return;
      const m = medianStorm(storms);
      console.log(`  storm ${label.padEnd(22)} ${m.rate.toFixed(0)} registrations/s, p50 ${m.p50} ms, p99 ${m.p99} ms (medians of ${storms.length})`);
    };
    show('alone:', alone);
    show('while copying:', copying);
    show('while checking:', checking);
  });
}

async function benchCheckin(): Promise<void> {
  console.log('\n== Check-in by short code at the door (server time: the use-case in-process)');
  const file = await freshDatabase('checkin');
  const { eventId, customerIds } = await stormFixture(file, { contenders: 500, seats: 500, pricePoints: 100 });
  const channel: Actor = { kind: 'channel', role: 'channel', tokenId: 0, channel: 'hall', provinceCode: '440000', name: 'bench' };
  for (const id of customerIds) await registerForEvent(channel, { customerId: id, eventId, idempotencyKey: `bench-checkin-${id}` });
  await openDoorsOf(eventId);
  const codes = await shortCodesOf(eventId);
  const door = await createStaff(cli, { username: 'bench.door', password: BENCH_PASSWORD, role: 'operator', provinceCode: '440000' });
  const operator: Actor = { kind: 'staff', role: 'operator', staffId: door.id, provinceCode: '440000', clubCodes: null, name: 'bench' };
  let i = 0;
  await time(`checkIn by short code (${codes.length} tickets, one scan each)`, codes.length - 1, async () => {
    const code = codes[i++]!;
    const [result] = await checkIn(operator, eventId, [{ nonce: `bench-scan-${i}`, scannedAt: Date.now(), code }]);
    if (result?.outcome !== 'checked_in') throw new Error(`check-in answered ${result?.outcome} ${result?.code}`);
  });
}

/** CPU time (ms) used so far by each process given, threads included (/proc/PID/stat: utime + stime, 10 ms ticks). */
function processCpu(pids: number[]): number {
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

/** PostgreSQL's processes (postmaster, backends, walsender, the replica's): all named postgres. */
function postgresPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * The storm through the balancer, with one and with two app servers, two ways, each three rounds
 * after a warm-up (medians), 64 contenders at a time registering once (no replays, no cancels: the
 * plain rate):
 * - one event: 5,000 contenders for 500 seats, the concert rush; its rate is bound by the event's
 *   row lock, which every registration for it holds in turn;
 * - eight events at once, 625 contenders for 100 seats each (8 connections each): what the servers
 *   and the database can do when no single lock binds them.
 * The CPU each part of the machine used in the storm is read from /proc, in cores (this machine
 * has two) and in ms per registration.
 */
async function benchCluster(): Promise<void> {
  const { startCluster } = await import('./cluster.mts');
  type Fixture = Awaited<ReturnType<typeof stormFixture>>;
  for (const servers of [1, 2]) {
    const cluster = await startCluster({ servers, port: 3300, primaryPort: 5550, database: 'club_hub_bench_cluster', fresh: true, seed: 'none' });
    try {
      const made = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/token.ts', 'create', '--channel', 'online', '--scope', '440000'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: cluster.primaryUrl },
        encoding: 'utf8',
      });
      const token = made.stdout.trim().split('\n').at(-1)!;
      const fixtures = async (count: number, contenders: number, seats: number) => {
        const made: Fixture[] = [];
        for (let i = 0; i < count; i++) made.push(await stormFixture(cluster.primaryUrl, { contenders, seats, pricePoints: 100 }));
        return made;
      };
      /** Every contender of each event registering once, `concurrency` at a time per event, all events at once. */
      const storm = async (events: Fixture[], concurrency: number) => {
        const started = performance.now();
        const results = await Promise.all(
          events.map((f) => clusterStorm({ balancer: cluster.base, servers: [], token, eventId: f.eventId, customerIds: f.customerIds, concurrency, twice: false, cancelEvery: Infinity })),
        );
        return { registrations: results.reduce((n, r) => n + r.contenders.length, 0), latencies: results.flatMap((r) => r.latencies).sort((x, y) => x - y), seconds: (performance.now() - started) / 1000 };
      };
      const measure = async (title: string, rounds: Fixture[][], seats: number, concurrency: number) => {
        console.log(`\n== Registration storm through HAProxy, ${servers} app server${servers > 1 ? 's' : ''}, PostgreSQL (primary and replica): ${title}`);
        const measured: { rate: number; p50: number; p99: number; cores: Record<string, number>; perRegistration: Record<string, number> }[] = [];
        for (const events of rounds) {
          await new Promise((resolve) => setTimeout(resolve, 2000));
          const groups = { PostgreSQL: postgresPids(), 'app servers': cluster.servers.map((s) => s.process.pid!), HAProxy: [cluster.balancer.pid!] };
          const before = Object.fromEntries(Object.entries(groups).map(([k, pids]) => [k, processCpu(pids)]));
          const clientBefore = process.cpuUsage();
          const result = await storm(events, concurrency);
          const client = process.cpuUsage(clientBefore);
          // Backends that started during the storm count from zero.
          groups.PostgreSQL = postgresPids();
          const used: Record<string, number> = Object.fromEntries(Object.entries(groups).map(([k, pids]) => [k, processCpu(pids) - before[k]!]));
          used['load client'] = (client.user + client.system) / 1000;
          const outcomes = await Promise.all(events.map((f) => checkStormOutcome(cluster.primaryUrl, f.eventId)));
          const clean = outcomes.every((o) => o.confirmed === seats && o.customersRegisteredTwice + o.chargedTwice + o.balancesOff === 0);
          const round = {
            rate: result.registrations / result.seconds,
            p50: nearestRank(result.latencies, 50),
            p99: nearestRank(result.latencies, 99),
            cores: Object.fromEntries(Object.entries(used).map(([k, ms]) => [k, ms / (result.seconds * 1000)])),
            perRegistration: Object.fromEntries(Object.entries(used).map(([k, ms]) => [k, ms / result.registrations])),
          };
          measured.push(round);
          console.log(
            `  round ${measured.length}: ${round.rate.toFixed(0)} registrations/s, p50 ${round.p50.toFixed(0)} ms, p99 ${round.p99.toFixed(0)} ms; ` +
              `each event ${seats} confirmed, nobody registered or charged twice, balances equal their ledgers -> ${clean ? 'OK' : 'FAILED'}`,
          );
        }
        const m = (pick: (r: (typeof measured)[number]) => number) => median(measured.map(pick));
        console.log(`  storm:   ${m((r) => r.rate).toFixed(0)} registrations/s, p50 ${m((r) => r.p50).toFixed(0)} ms, p99 ${m((r) => r.p99).toFixed(0)} ms (medians of ${measured.length} rounds)`);
        for (const part of Object.keys(measured[0]!.cores)) {
          console.log(`  CPU:     ${part.padEnd(12)} ${m((r) => r.cores[part]!).toFixed(2)} cores, ${m((r) => r.perRegistration[part]!).toFixed(2)} ms per registration`);
        }
      };
      const [warmup, ...single] = await fixtures(4, 5000, 500);
      const spread = await fixtures(24, 625, 100);
      await storm([warmup!], 64);
      await measure('one event, 5,000 contenders for 500 seats', single.map((f) => [f]), 500, 64);
      await measure('eight events at once, 625 contenders for 100 seats each', [spread.slice(0, 8), spread.slice(8, 16), spread.slice(16)], 100, 8);
    } finally {
      await cluster.stop();
    }
  }
}

const SECTIONS: Record<string, () => Promise<void>> = {
  matrix: benchMatrix,
  members: benchMembers,
  storm: benchStorm,
  checkin: benchCheckin,
  stats: benchStats,
  queries: benchStatsQueries,
  analyst: benchAnalyst,
  backup: benchBackup,
  cluster: benchCluster,
};

const USAGE = usageText({
  synopsis: [`npm run bench [-- SECTION ...]`],
  description: [
    'Measurements that tests do not make; each section prints its figures (default: every section).',
    `Sections: ${Object.keys(SECTIONS).join(', ')}.`,
    'The sections on the national dataset need `DATABASE_URL=.data/large.db npm run seed:large` first (skipped without it);',
    'on PostgreSQL, DATABASE_URL names that dataset and the sections make their fresh databases on its server.',
  ].join('\n'),
  environment: [
    ['DATABASE_URL', 'unset (SQLite files under .data/), or postgres://…: the server to measure on, and its national dataset'],
    ['BENCH_PORT', 'the port of the production server it starts (default 3400)'],
  ],
  examples: ['npm run bench -- members stats', 'DATABASE_URL=postgres://postgres@localhost:5544/club_hub_large npm run bench -- queries'],
});

async function main() {
  const { positionals } = parseCommandLine({ usage: USAGE, allowPositionals: true });
  const unknown = positionals.find((name) => !Object.hasOwn(SECTIONS, name));
  if (unknown !== undefined) usageError(`unknown section "${unknown}" (${Object.keys(SECTIONS).join(', ')})`);
  databaseFromEnv();
  // In-process sections send their SMS nowhere: the bench's output is its figures.
  setMessageSender({ async send() {} });
  for (const name of positionals.length > 0 ? positionals : Object.keys(SECTIONS)) await SECTIONS[name]!();
  await closeDatabase();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { apiTokens, customers, events, idempotencyKeys, memberships, pointsLedger, provinces, registrations } from '@/db/schema';
import { createApiToken } from '@/lib/server/api-tokens';
import { stopWriteWorker, writeWorkerThreadId } from '@/lib/server/write-thread';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { filmPremiere } from '@/tests/events';
import { openOutside } from '@/tests/outside-connection';
import { withTempDatabase } from '@/tests/temp-database';
// @ts-expect-error: a plain ES module of the build, without types.
import { buildWriteWorker } from '@/scripts/build-write-worker.mjs';
import { GET as listEvents } from './events/route';
import { POST as register } from './registrations/route';

// Another process holding SQLite's write lock (a backup tool, `sqlite3` in a shell, a second script),
// or on PostgreSQL locks that conflict with every write (another session's EXCLUSIVE table locks),
// for longer than the bounded wait, here 400 ms instead of the default 5 s.
const BUSY_MS = 400;
process.env.SQLITE_BUSY_TIMEOUT_MS = String(BUSY_MS);
const database = withTempDatabase();
const onPostgres = DIALECT === 'postgres';

/** Takes the write lock from a connection of its own, as another process would; returns its release. */
async function holdWriteLock(): Promise<() => Promise<void>> {
  const other = await openOutside(database.path);
  await other.lockWrites();
  return async () => {
    await other.release();
    await other.close();
  };
}

/** Counts the turns of this thread's event loop while `work` runs: a thread stuck in SQLite's busy handler counts none. */
async function ticksDuring<T>(work: () => Promise<T>): Promise<{ value: T; ticks: number; ms: number }> {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const started = performance.now();
  try {
    const value = await work();
    return { value, ticks, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));
const testProvince = (i: number) => ({ code: `99${String(i).padStart(4, '0')}`, nameZh: `测试${i}`, nameEn: `Test ${i}`, sortOrder: 99 });
const testProvinceCount = async () => (await getReader().select({ n: sql<number>`count(*)` }).from(provinces).where(sql`${provinces.code} like '99%'`))[0]!.n;

// The production server's path on SQLite: registrations run on the write worker, a thread with a
// writer connection of its own. On PostgreSQL they run on the pool, as every transaction does.
const bundle = path.join(process.cwd(), '.data', `test-write-worker-busy-${process.pid}.mjs`);
const NOW = Date.now();
let token = '';
let eventId = 0;
const customerIds: number[] = [];

beforeAll(async () => {
  if (!onPostgres) {
    await buildWriteWorker(bundle);
    process.env.WRITE_WORKER = bundle;
  }
  const created = await createApiToken({ kind: 'system', via: 'cli' }, createApiTokenInput.parse({ name: '广东网上营业厅', channel: 'online', scope: '440000' }));
  token = created.token;
  await withTransaction(async (tx) => {
    for (let i = 0; i < 3; i++) {
      const [row] = await tx.insert(customers).values({ mobile: `1860099000${i}`, name: `忙碌${i}`, segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
      await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 1000, reason: 'grant' });
      await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'film', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
      customerIds.push(row!.id);
    }
    const [event] = await tx.insert(events).values(filmPremiere(NOW, { capacity: 10, vipOpensAt: null })).returning({ id: events.id });
    eventId = event!.id;
  });
});

afterAll(async () => {
  await stopWriteWorker();
  delete process.env.WRITE_WORKER;
  fs.rmSync(bundle, { force: true });
});

describe('a write lock held by another process for longer than the bounded wait', () => {
  it('refuses every queued transaction as busy after the wait, without ever stopping this thread, and writes nothing', async () => {
    const release = await holdWriteLock();
    let outcome;
    try {
      // More than two groups of the group commit, so that later groups are refused too.
      outcome = await ticksDuring(() => Promise.all(Array.from({ length: 150 }, (_, i) => settle(withTransaction((tx) => tx.insert(provinces).values(testProvince(i)))))));
    } finally {
      await release();
    }
    expect(outcome.value.every((r) => 'error' in r && (r.error as { code?: string }).code === 'database_busy')).toBe(true);
    expect(outcome.ms).toBeGreaterThanOrEqual(BUSY_MS - 5);
    expect(outcome.ms).toBeLessThan(BUSY_MS + 1500);
    // The timer ran all along: nothing blocked the thread in SQLite's busy handler.
    expect(outcome.ticks).toBeGreaterThanOrEqual(Math.floor(outcome.ms / 10 / 3));
    expect(await testProvinceCount()).toBe(0);

    await withTransaction((tx) => tx.insert(provinces).values(testProvince(1)));
    expect(await testProvinceCount()).toBe(1);
  });

  it('lets a transaction through once the lock goes within its wait', async () => {
    const release = await holdWriteLock();
    setTimeout(() => void release(), BUSY_MS / 4);
    const { ms } = await ticksDuring(() => withTransaction((tx) => tx.insert(provinces).values(testProvince(2))));
    expect(ms).toBeGreaterThanOrEqual(BUSY_MS / 4 - 5);
    expect(await testProvinceCount()).toBe(2);
  });

  it('answers registrations 503 problem+json with Retry-After, releases their keys, and the same keys succeed after the lock is gone', async () => {
    const post = (customerId: number) =>
      register(
        new Request('http://localhost/api/v1/registrations', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': `busy-key-${customerId}`, 'content-type': 'application/json' },
          body: JSON.stringify({ customerId, eventId }),
        }),
        { params: Promise.resolve({}) },
      );

    const release = await holdWriteLock();
    let refused: Response[];
    let repeated: Response[];
    try {
      refused = await Promise.all(customerIds.map(post));
      // The keys are free again at once: a repeat is not "still in progress" (409), nor a replay of the refusal.
      repeated = await Promise.all(customerIds.map(post));
    } finally {
      await release();
    }
    expect(writeWorkerThreadId()).toSatisfy((id) => (onPostgres ? id === null : id !== null));
    for (const response of [...refused, ...repeated]) {
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('retry-after')).toBe('1');
      expect(await response.json()).toMatchObject({ status: 503, code: 'database_busy' });
    }
    expect(await getReader().select().from(registrations)).toEqual([]);
    expect(await getReader().select().from(idempotencyKeys)).toEqual([]);

    const accepted = await Promise.all(customerIds.map(post));
    expect(accepted.map((r) => r.status)).toEqual([201, 201, 201]);
    const first = (await Promise.all(accepted.map((r) => r.json()))) as { registrationId: number; status: string }[];
    expect(first.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
    const replayed = (await Promise.all((await Promise.all(customerIds.map(post))).map((r) => r.json()))) as { registrationId: number }[];
    expect(replayed.map((r) => r.registrationId)).toEqual(first.map((r) => r.registrationId));
    expect(await getReader().select({ id: registrations.id }).from(registrations).where(eq(registrations.eventId, eventId))).toHaveLength(3);
    await expectDerivedNumbersConsistent();
  });

  it("answers a read without waiting for the lock, though the token's bookkeeping write is due", async () => {
    // A token never used: its first use is due to be recorded.
    const fresh = await createApiToken({ kind: 'system', via: 'cli' }, createApiTokenInput.parse({ name: '广东短信营业厅', channel: 'sms', scope: '440000' }));
    const release = await holdWriteLock();
    try {
      const { value, ms } = await ticksDuring(() => listEvents(new Request('http://localhost/api/v1/events', { headers: { authorization: `Bearer ${fresh.token}` } }), { params: Promise.resolve({}) }));
      expect(value.status).toBe(200);
      expect(ms).toBeLessThan(BUSY_MS / 2);
    } finally {
      await release();
    }
    // The bookkeeping waited on its own, and was written once the lock was gone.
    await expect
      .poll(async () => (await getReader().select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, fresh.id)))[0]!.at, { timeout: BUSY_MS })
      .not.toBeNull();
  });
});

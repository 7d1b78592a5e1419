import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, memberships, outbox, pointsLedger, registrations } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { DAY, HOUR } from '@/lib/domain/time';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
// @ts-expect-error: a plain ES module of the build, without types.
import { buildWriteWorker } from '@/scripts/build-write-worker.mjs';
import { deliverExclusively } from './outbox';
import { cancelRegistration, registerForEvent } from './registrations';
import { stopWriteWorker, writeWorkerThreadId } from './write-thread';

withTempDatabase();

// The bundle the production server runs, built the way `npm start` builds it (under the project,
// where its packages resolve).
const bundle = path.join(process.cwd(), '.data', `test-write-worker-${process.pid}.mjs`);
const NOW = Date.UTC(2027, 2, 1, 4);
const member = (id: number): Actor => ({ kind: 'member', role: 'member', customerId: id, provinceCode: '440000', name: 'x' });
let eventId = 0;
const ids: number[] = [];

beforeAll(async () => {
  await buildWriteWorker(bundle);
  process.env.WRITE_WORKER = bundle;
  await withTransaction(async (tx) => {
    for (let i = 0; i < 12; i++) {
      const [row] = await tx.insert(customers).values({ mobile: `1860000${String(i).padStart(4, '0')}`, name: `客户${i}`, segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
      await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 1000, reason: 'grant' });
      await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'film', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
      ids.push(row!.id);
    }
    const startsAt = NOW + 10 * DAY;
    const [event] = await tx
      .insert(events)
      .values({
        clubCode: 'film',
        provinceCode: '440000',
        kind: 'film_premiere',
        titleZh: '新片抢先看',
        venue: '天河城影城',
        startsAt,
        endsAt: startsAt + 2 * HOUR,
        capacity: 2,
        regOpensAt: NOW - DAY,
        regClosesAt: startsAt - DAY,
        priceType: 'points',
        pricePoints: 300,
        eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
        status: 'published',
        publishedAt: NOW - 5 * DAY,
      })
      .returning({ id: events.id });
    eventId = event!.id;
  });
});

afterAll(async () => {
  await stopWriteWorker();
  delete process.env.WRITE_WORKER;
  fs.rmSync(bundle, { force: true });
});

describe('the write worker', () => {
  it('registers on its own thread, taking turns with writes on this one, by the same rules', async () => {
    const grants = ids.map((id) => withTransaction((tx) => tx.insert(pointsLedger).values({ customerId: id, delta: 1, reason: 'grant' })));
    const results = await Promise.all([...ids.map((id) => registerForEvent(member(id), { customerId: id, eventId, waitlist: true, idempotencyKey: `worker-${id}` }, NOW)), ...grants]);
    expect(writeWorkerThreadId()).not.toBeNull();
    expect(writeWorkerThreadId()).not.toBe(threadId);
    const statuses = results.slice(0, ids.length).map((r) => (r as { status: string }).status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(10);
    const [paid] = await getReader().select({ points: customers.pointsBalance }).from(customers).where(eq(customers.id, ids[0]!));
    expect(paid!.points).toBe(1001 - 300);
    await expectDerivedNumbersConsistent();
  });

  it('replays a repeated key, and its refusals arrive here as the same DomainError', async () => {
    const again = await registerForEvent(member(ids[0]!), { customerId: ids[0]!, eventId, waitlist: true, idempotencyKey: `worker-${ids[0]}` }, NOW);
    expect(again).toMatchObject({ status: 'confirmed', paidPoints: 300 });
    const refused = registerForEvent(member(ids[0]!), { customerId: ids[0]!, eventId, idempotencyKey: 'worker-second-try' }, NOW);
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'already_registered', category: 'conflict' });
  });

  it('cancels with the refund and the promotion in one transaction, and delivers the messages', async () => {
    const [first] = await getReader().select({ id: registrations.id }).from(registrations).where(eq(registrations.customerId, ids[0]!));
    await cancelRegistration(member(ids[0]!), { registrationId: first!.id, idempotencyKey: 'worker-cancel' }, NOW);
    const confirmed = await getReader().select({ n: sql<number>`count(*)` }).from(registrations).where(sql`${registrations.eventId} = ${eventId} and ${registrations.status} = 'confirmed'`);
    expect(confirmed[0]!.n).toBe(2);
    await deliverExclusively();
    const pending = await getReader().select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.status, 'pending'));
    expect(pending[0]!.n).toBe(0);
    await expectDerivedNumbersConsistent();
  });
});

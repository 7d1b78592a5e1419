import fs from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, memberships, outbox, pointsLedger, registrations } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { filmPremiere } from '@/tests/events';
import { withTempDatabase } from '@/tests/temp-database';
import { DIALECT } from '@/db/dialect';
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
  if (DIALECT === 'sqlite') await buildWriteWorker(bundle);
  // On PostgreSQL a file that is no worker at all: it must not be started.
  else fs.writeFileSync(bundle, 'throw new Error("not a write worker");\n');
  process.env.WRITE_WORKER = bundle;
  await withTransaction(async (tx) => {
    for (let i = 0; i < 12; i++) {
      const [row] = await tx.insert(customers).values({ mobile: `1860000${String(i).padStart(4, '0')}`, name: `客户${i}`, segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
      await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 1000, reason: 'grant' });
      await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'film', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
      ids.push(row!.id);
    }
    const [event] = await tx
      .insert(events)
      .values(filmPremiere(NOW, { pricePoints: 300, vipOpensAt: null }))
      .returning({ id: events.id });
    eventId = event!.id;
  });
});

afterAll(async () => {
  await stopWriteWorker();
  delete process.env.WRITE_WORKER;
  fs.rmSync(bundle, { force: true });
});

// The write worker is SQLite's: on PostgreSQL writes run where they are asked (the describe below).
describe.skipIf(DIALECT === 'postgres')('the write worker', () => {
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

describe.skipIf(DIALECT === 'sqlite')('on PostgreSQL', () => {
  it('registers, cancels and delivers in this process, starting no worker even when WRITE_WORKER names one', async () => {
    const results = await Promise.all(ids.slice(0, 4).map((id) => registerForEvent(member(id), { customerId: id, eventId, waitlist: true, idempotencyKey: `in-process-${id}` }, NOW)));
    expect(results.map((r) => r.status).sort()).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted']);
    const seated = results.findIndex((r) => r.status === 'confirmed');
    await cancelRegistration(member(ids[seated]!), { registrationId: results[seated]!.registrationId, idempotencyKey: 'in-process-cancel' }, NOW);
    const confirmed = await getReader().select({ n: sql<number>`count(*)` }).from(registrations).where(sql`${registrations.eventId} = ${eventId} and ${registrations.status} = 'confirmed'`);
    expect(confirmed[0]!.n).toBe(2);
    await deliverExclusively();
    expect(writeWorkerThreadId()).toBeNull();
    const pending = await getReader().select({ n: sql<number>`count(*)` }).from(outbox).where(eq(outbox.status, 'pending'));
    expect(pending[0]!.n).toBe(0);
    await expectDerivedNumbersConsistent();
  });
});

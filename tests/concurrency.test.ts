import { fork } from 'node:child_process';
import path from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { activities, customers, events, memberships, pointsLedger, registrations } from '@/db/schema';
import { DAY } from '@/lib/domain/time';
import { listCustomerRegistrations } from '@/lib/server/registrations';
import type { ClientReport } from './concurrency-client';
import { filmPremiere } from './events';
import { expectDerivedNumbersConsistent } from './invariants';
import { withTempDatabase } from './temp-database';

/**
 * Registrations from several processes at once (issue 22): the guarantees must hold by the
 * database's own means, not by one process's writer. 4 processes each register 500 members for
 * one 300-seat event through the use-cases (tests/concurrency-client.ts), with repeated keys
 * (some at the same time, some from another process) and cancellations. On PostgreSQL they
 * write side by side; on SQLite they take turns on the file's write lock, as servers sharing one
 * file would.
 */
withTempDatabase();

const PROCESSES = 4;
const MEMBERS = 500;
const SEATS = 300;
const PRICE = 100;
const GRANT = 1000;
const NOW = Date.UTC(2027, 2, 1, 4);
let eventId = 0;
const groups: number[][] = [];

beforeAll(async () => {
  await withTransaction(async (tx) => {
    const [event] = await tx
      .insert(events)
      .values(filmPremiere(NOW, { capacity: SEATS, pricePoints: PRICE, vipOpensAt: null, regOpensAt: NOW - DAY }))
      .returning({ id: events.id });
    eventId = event!.id;
  });
  for (let p = 0; p < PROCESSES; p++) {
    await withTransaction(async (tx) => {
      const rows = await tx
        .insert(customers)
        .values(Array.from({ length: MEMBERS }, (_, i) => ({ mobile: `139${String(p * MEMBERS + i).padStart(8, '0')}`, name: `会员${p}-${i}`, segment: 'postpaid' as const, provinceCode: '440000' })))
        .returning({ id: customers.id });
      const ids = rows.map((r) => r.id);
      await tx.insert(pointsLedger).values(ids.map((customerId) => ({ customerId, delta: GRANT, reason: 'grant' as const })));
      await tx.insert(memberships).values(ids.map((customerId) => ({ customerId, clubCode: 'film' as const, provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' as const })));
      groups.push(ids);
    });
  }
});

function startClient(index: number) {
  const child = fork(path.join(process.cwd(), 'tests', 'concurrency-client.ts'), {
    execArgv: ['--conditions=react-server', '--import', 'tsx'],
    env: {
      ...process.env,
      WRITE_WORKER: 'off',
      LOG_LEVEL: 'warn',
      PG_POOL_SIZE: '4',
      CONCURRENCY_CLIENT: JSON.stringify({ eventId, customerIds: groups[index], foreignIds: groups[(index + 1) % PROCESSES], now: NOW, inFlight: 6 }),
    },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = new Promise<void>((resolve) => child.once('message', () => resolve()));
  const done = new Promise<ClientReport>((resolve, reject) => {
    let report: ClientReport | undefined;
    child.on('message', (message) => {
      if (typeof message === 'object') report = message as ClientReport;
    });
    child.once('exit', (code) => (code === 0 && report ? resolve(report) : reject(new Error(`client ${index} exited with ${code}`))));
  });
  return { child, ready, done };
}

describe('registrations from several processes at once', () => {
  it('seat exactly the capacity, keep the waiting list in order, charge nobody twice, and answer every repeat alike', { timeout: 120_000 }, async () => {
    const clients = Array.from({ length: PROCESSES }, (_, i) => startClient(i));
    await Promise.all(clients.map((c) => c.ready));
    const started = Date.now();
    for (const c of clients) c.child.send('go');
    const reports = await Promise.all(clients.map((c) => c.done));
    const elapsed = Date.now() - started;

    expect(reports.flatMap((r) => r.failures)).toEqual([]);
    const answers = reports.flatMap((r) => r.answers);
    // Every answer under one key is the first one: the same registration, the same refusal.
    const byKey = new Map<string, typeof answers>();
    for (const a of answers) byKey.set(`${a.customerId}/${a.key}`, [...(byKey.get(`${a.customerId}/${a.key}`) ?? []), a]);
    for (const [key, same] of byKey) expect(same.map((a) => a.refusal ?? a.value), key).toEqual(same.map(() => same[0]!.refusal ?? same[0]!.value));
    expect(answers.filter((a) => a.refusal !== undefined)).toEqual([]);

    const db = getReader();
    const rows = await db
      .select({ id: registrations.id, customerId: registrations.customerId, status: registrations.status, rank: registrations.waitlistRank })
      .from(registrations)
      .where(eq(registrations.eventId, eventId))
      .orderBy(asc(registrations.id));
    // One registration per member, whatever the repeats.
    expect(rows).toHaveLength(PROCESSES * MEMBERS);
    expect(new Set(rows.map((r) => r.customerId)).size).toBe(PROCESSES * MEMBERS);
    const confirmed = rows.filter((r) => r.status === 'confirmed');
    const waiting = rows.filter((r) => r.status === 'waitlisted');
    const cancelled = rows.filter((r) => r.status === 'cancelled');
    expect(confirmed).toHaveLength(SEATS);
    expect(waiting.length + cancelled.length).toBe(PROCESSES * MEMBERS - SEATS);
    const [counters] = await db.select({ taken: events.seatsTaken, waitlisted: events.waitlisted }).from(events).where(eq(events.id, eventId));
    expect(counters).toEqual({ taken: SEATS, waitlisted: waiting.length });

    // The event's history, in the order its transactions held it: a seat only while one was
    // free, a place at the end of the list told truly, promotions from the head of the list.
    const history = await db
      .select({ kind: activities.kind, registrationId: activities.refId, data: activities.data })
      .from(activities)
      .where(and(eq(activities.eventId, eventId), eq(activities.refType, 'registration')))
      .orderBy(asc(activities.id));
    let seats = 0;
    let promoted = 0;
    const queue: number[] = [];
    for (const step of history) {
      const data = step.data as Record<string, unknown>;
      if (step.kind === 'registered') {
        expect(seats).toBeLessThan(SEATS);
        expect(queue).toEqual([]);
        seats += 1;
      } else if (step.kind === 'waitlisted') {
        expect(seats).toBe(SEATS);
        expect(data.position).toBe(queue.length + 1);
        queue.push(step.registrationId!);
      } else if (step.kind === 'promoted') {
        expect(step.registrationId).toBe(queue.shift());
        seats += 1;
        promoted += 1;
      } else if (step.kind === 'cancelled') {
        if (data.previousStatus === 'confirmed') seats -= 1;
        else {
          expect(queue).toContain(step.registrationId);
          queue.splice(queue.indexOf(step.registrationId!), 1);
        }
      }
      expect(seats).toBeLessThanOrEqual(SEATS);
    }
    expect(seats).toBe(SEATS);
    // Those still waiting are the list replayed from the history, in order of arrival, placed 1..n.
    expect(waiting.map((r) => r.id)).toEqual(queue);
    for (const i of [0, Math.floor(waiting.length / 2), waiting.length - 1]) {
      const customerId = waiting[i]!.customerId;
      const listed = await listCustomerRegistrations({ kind: 'member', role: 'member', customerId, provinceCode: '440000', name: 'x' }, customerId, {}, NOW);
      expect(listed.find((r) => r.id === waiting[i]!.id)?.position).toBe(i + 1);
    }

    // Money: one charge per seat ever held, one refund per seat given back, balances = ledgers.
    const ledger = await db
      .select({ registrationId: pointsLedger.refId, reason: pointsLedger.reason, n: sql<number>`count(*)`.mapWith(Number), delta: sql<number>`sum(${pointsLedger.delta})`.mapWith(Number) })
      .from(pointsLedger)
      .where(eq(pointsLedger.refType, 'registration'))
      .groupBy(pointsLedger.refId, pointsLedger.reason);
    const entries = (id: number, reason: string) => ledger.find((l) => l.registrationId === id && l.reason === reason)?.n ?? 0;
    for (const r of rows) {
      const charged = entries(r.id, 'registration');
      const refunded = entries(r.id, 'refund');
      expect([charged, refunded], `registration ${r.id} (${r.status})`).toEqual(r.status === 'confirmed' ? [1, 0] : r.status === 'waitlisted' ? [0, 0] : [charged, charged]);
      expect(charged).toBeLessThanOrEqual(1);
    }
    const balances = await db.select({ id: customers.id, points: customers.pointsBalance }).from(customers);
    const seated = new Set(confirmed.map((r) => r.customerId));
    for (const b of balances) expect(b.points).toBe(seated.has(b.id) ? GRANT - PRICE : GRANT);
    await expectDerivedNumbersConsistent();

    const cancels = answers.filter((a) => a.key.startsWith('storm-cancel-'));
    console.log(
      JSON.stringify({
        concurrency: DIALECT,
        processes: PROCESSES,
        registrations: rows.length,
        answers: answers.length,
        repeatedAnswers: answers.length - byKey.size,
        cancellations: cancelled.length,
        cancelAnswers: cancels.length,
        confirmed: confirmed.length,
        waitlisted: waiting.length,
        promoted,
        busyRetries: reports.reduce((n, r) => n + r.busyRetries, 0),
        ms: elapsed,
      }),
    );
  });
});

import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, memberships, outbox, registrations, scheduledJobs } from '@/db/schema';
import { DAY, HOUR, MINUTE } from '@/lib/domain/time';
import { withTempDatabase } from '@/tests/temp-database';
import { enqueueEventReminders, nextDueAt, runIfDue, scheduledJobsList, tellWaitlistMoves, type ScheduledJob } from './scheduler';


withTempDatabase();

const NOW = Date.UTC(2027, 2, 1, 4);
const ids: Record<string, number> = {};

async function eventStartingIn(ms: number, status: 'published' | 'cancelled' = 'published') {
  return withTransaction(async (tx) => {
    const [e] = await tx
      .insert(events)
      .values({
        clubCode: 'film',
        provinceCode: '440000',
        kind: 'film_premiere',
        titleZh: `新片抢先看 ${ms}`,
        venue: '天河城',
        venueEn: 'Teemall, Guangzhou',
        startsAt: NOW + ms,
        endsAt: NOW + ms + 2 * HOUR,
        capacity: 10,
        regOpensAt: NOW - 20 * DAY,
        regClosesAt: NOW + ms - HOUR,
        eligibleSegments: ['postpaid'],
        status,
        publishedAt: NOW - 30 * DAY,
      })
      .returning({ id: events.id });
    return e!.id;
  });
}

async function registration(eventId: number, status: 'confirmed' | 'cancelled' | 'waitlisted') {
  return withTransaction(async (tx) => {
    const [r] = await tx
      .insert(registrations)
      .values({ eventId, customerId: ids.c!, status, channel: 'web', ticketSecret: `s-${eventId}-${status}`, shortCode: `C${eventId}${status[0]}`.toUpperCase().slice(0, 6) })
      .returning({ id: registrations.id });
    return r!.id;
  });
}

const remindersOf = async (registrationId: number) => getReader().select().from(outbox).where(like(outbox.dedupeKey, `reminder:${registrationId}:%`));

beforeAll(async () => {
  await withTransaction(async (tx) => {
    const [c] = await tx.insert(customers).values({ mobile: '18600000001', name: '陈一', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
    ids.c = c!.id;
    await tx.insert(memberships).values({ customerId: c!.id, clubCode: 'film', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
  });
});

describe('event reminders', () => {
  it('reminds confirmed registrations of events starting within 24 hours, once, by SMS and in the app', async () => {
    const soon = await registration(await eventStartingIn(23 * HOUR), 'confirmed');
    expect(await enqueueEventReminders(NOW)).toBe(1);
    expect(await enqueueEventReminders(NOW + 10 * 60_000)).toBe(0);
    const sent = await remindersOf(soon);
    expect(sent.map((m) => m.channel).sort()).toEqual(['inapp', 'sms']);
    expect(sent.find((m) => m.channel === 'sms')!.body).toContain('将于');
    expect(sent.find((m) => m.channel === 'inapp')!.params).toMatchObject({ venue: '天河城', venueEn: 'Teemall, Guangzhou' });
  });

  it('leaves events further ahead until they come within 24 hours, then catches up after a pause', async () => {
    const later = await registration(await eventStartingIn(30 * HOUR), 'confirmed');
    expect(await enqueueEventReminders(NOW)).toBe(0);
    // The server was down when the reminder fell due; the next tick still sends it, before the start.
    expect(await enqueueEventReminders(NOW + 20 * HOUR)).toBe(1);
    expect(await remindersOf(later)).toHaveLength(2);
  });

  it('does not remind cancelled or waiting registrations, events already started, or cancelled events', async () => {
    const event = await eventStartingIn(12 * HOUR);
    const cancelled = await registration(event, 'cancelled');
    const waiting = await registration(await eventStartingIn(13 * HOUR), 'waitlisted');
    const ofCancelledEvent = await registration(await eventStartingIn(14 * HOUR, 'cancelled'), 'confirmed');
    await enqueueEventReminders(NOW);
    for (const id of [cancelled, waiting, ofCancelledEvent]) expect(await remindersOf(id)).toEqual([]);
    const started = await registration(await eventStartingIn(-HOUR), 'confirmed');
    await enqueueEventReminders(NOW);
    expect(await remindersOf(started)).toEqual([]);
    expect(await getReader().select().from(outbox).where(and(eq(outbox.template, 'event_reminder'), eq(outbox.customerId, ids.c!)))).toHaveLength(4);
  });
});

describe('job leases across servers', () => {
  /** A job that counts its runs; `hang` makes a run wait until released (a holder that dies mid-run). */
  function countingJob(name: string) {
    const runs: Array<{ at: number }> = [];
    let hang: Promise<void> | null = null;
    const job: ScheduledJob = {
      name,
      everyMs: MINUTE,
      leaseMs: 5 * MINUTE,
      run: async (now) => {
        runs.push({ at: now });
        if (hang) await hang;
      },
    };
    return {
      job,
      runs,
      hangUntil: (p: Promise<void>) => {
        hang = p;
      },
    };
  }
  const row = async (name: string) => (await getReader().select().from(scheduledJobs).where(eq(scheduledJobs.name, name)))[0]!;

  it('sizes each job and its lease in ticks of the scheduler: a dead holder delays a job by a few ticks', () => {
    const sized = (tick?: number) => scheduledJobsList(tick).map(({ name, everyMs, leaseMs }) => ({ name, everyMs, leaseMs }));
    expect(sized()).toEqual([
      { name: 'reminders', everyMs: MINUTE, leaseMs: 5 * MINUTE },
      { name: 'waitlist', everyMs: MINUTE, leaseMs: 5 * MINUTE },
      { name: 'openings', everyMs: MINUTE, leaseMs: 5 * MINUTE },
      { name: 'complaints', everyMs: MINUTE, leaseMs: 5 * MINUTE },
      { name: 'vip-callbacks', everyMs: HOUR, leaseMs: 15 * MINUTE },
      { name: 'purge', everyMs: HOUR, leaseMs: 15 * MINUTE },
    ]);
    expect(sized(1000)).toEqual([
      { name: 'reminders', everyMs: 1000, leaseMs: 5000 },
      { name: 'waitlist', everyMs: 1000, leaseMs: 5000 },
      { name: 'openings', everyMs: 1000, leaseMs: 5000 },
      { name: 'complaints', everyMs: 1000, leaseMs: 5000 },
      { name: 'vip-callbacks', everyMs: HOUR, leaseMs: 15_000 },
      { name: 'purge', everyMs: HOUR, leaseMs: 15_000 },
    ]);
  });

  it('runs a due job on exactly one of several servers ticking at once, then not again until the next due time', async () => {
    const { job, runs } = countingJob('lease-once');
    const ran = await Promise.all(['a', 'b', 'c', 'd'].map((server) => runIfDue(job, NOW + 1000, server)));
    expect(ran.filter(Boolean)).toHaveLength(1);
    expect(runs).toHaveLength(1);
    expect(await row('lease-once')).toMatchObject({ dueAt: nextDueAt(NOW + 1000, MINUTE), heldBy: null, heldUntil: null });
    // The other servers' later ticks in the same minute find it done; the next minute's first tick runs it.
    expect(await runIfDue(job, NOW + 30_000, 'b')).toBe(false);
    expect(await runIfDue(job, NOW + MINUTE, 'c')).toBe(true);
    expect(await runIfDue(job, NOW + MINUTE + 5, 'a')).toBe(false);
    expect(runs.map((r) => r.at)).toEqual([NOW + 1000, NOW + MINUTE]);
  });

  it('leaves a job held by a live lease alone, and takes it over once the dead holder\'s lease expires', async () => {
    const { job, runs, hangUntil } = countingJob('lease-takeover');
    let wakeDeadHolder!: () => void;
    hangUntil(new Promise<void>((resolve) => (wakeDeadHolder = resolve)));
    const dead = runIfDue(job, NOW, 'dead');
    await expect.poll(() => runs.length).toBe(1);
    const taker = countingJob('lease-takeover');
    expect(await runIfDue(taker.job, NOW + MINUTE, 'alive')).toBe(false);
    expect(await runIfDue(taker.job, NOW + 5 * MINUTE - 1, 'alive')).toBe(false);
    expect(await runIfDue(taker.job, NOW + 5 * MINUTE, 'alive')).toBe(true);
    expect(taker.runs).toHaveLength(1);
    // The holder thought dead finishes late: it must not move the due time of the run that took over.
    wakeDeadHolder();
    expect(await dead).toBe(true);
    expect(await row('lease-takeover')).toMatchObject({ dueAt: nextDueAt(NOW + 5 * MINUTE, MINUTE), heldBy: null });
  });

  it('lets a failed run go without moving the due time, so that the next tick retries it', async () => {
    let fail = true;
    const job: ScheduledJob = {
      name: 'lease-retry',
      everyMs: HOUR,
      leaseMs: MINUTE,
      run: async () => {
        if (fail) throw new Error('database busy');
      },
    };
    await expect(runIfDue(job, NOW, 'a')).rejects.toThrow('database busy');
    expect(await row('lease-retry')).toMatchObject({ dueAt: NOW, heldBy: null, heldUntil: null });
    fail = false;
    expect(await runIfDue(job, NOW + MINUTE, 'b')).toBe(true);
    expect(await row('lease-retry')).toMatchObject({ dueAt: nextDueAt(NOW + MINUTE, HOUR), lastFailedAt: expect.any(Number), lastFinishedAt: expect.any(Number) });
  });
});

describe('waiting-list places that move back', () => {
  it('tells a waiting member once per place when a VIP joins ahead, in the app only, and notes moves forward silently', async () => {
    const event = await eventStartingIn(5 * DAY);
    const people = await withTransaction(async (tx) =>
      tx
        .insert(customers)
        .values(['甲', '乙', '丙', '丁'].map((name, i) => ({ mobile: `1860000010${i}`, name: `候补${name}`, segment: 'postpaid' as const, provinceCode: '440000' })))
        .returning({ id: customers.id }),
    );
    const wait = (customer: number, rank: number, told: number) =>
      withTransaction(async (tx) => {
        const [r] = await tx
          .insert(registrations)
          .values({ eventId: event, customerId: customer, status: 'waitlisted', channel: 'web', waitlistRank: rank, waitlistToldPosition: told, ticketSecret: `w-${customer}`, shortCode: `W${customer}`.slice(0, 6) })
          .returning({ id: registrations.id });
        return r!.id;
      });
    const [a, b, vip, vip2] = people.map((p) => p.id);
    const first = await wait(a!, NOW + 100, 1);
    const second = await wait(b!, NOW + 200, 2);
    const moved = async () => getReader().select({ customerId: outbox.customerId, channel: outbox.channel, params: outbox.params }).from(outbox).where(eq(outbox.template, 'waitlist_moved'));
    expect(await tellWaitlistMoves(NOW)).toBe(0);
    // A VIP joins: VIP ranks sort before everyone else's, so both move back one place.
    await wait(vip!, NOW + 300 - 100 * 365 * DAY, 1);
    expect(await tellWaitlistMoves(NOW)).toBe(2);
    expect((await moved()).map((m) => [m.customerId, m.channel, m.params?.position, m.params?.eventId])).toEqual([
      [a, 'inapp', 2, event],
      [b, 'inapp', 3, event],
    ]);
    expect(await tellWaitlistMoves(NOW)).toBe(0);
    // The first cancels: the second moves forward, silently; a second VIP then moves them back, and they are told.
    await withTransaction((tx) => tx.update(registrations).set({ status: 'cancelled', waitlistRank: null }).where(eq(registrations.id, first)));
    expect(await tellWaitlistMoves(NOW)).toBe(0);
    await wait(vip2!, NOW + 400 - 100 * 365 * DAY, 2);
    expect(await tellWaitlistMoves(NOW)).toBe(1);
    expect((await moved()).filter((m) => m.customerId === b).map((m) => m.params?.position)).toEqual([3, 3]);
    const [told] = await getReader().select({ told: registrations.waitlistToldPosition }).from(registrations).where(eq(registrations.id, second));
    expect(told!.told).toBe(3);
  });
});

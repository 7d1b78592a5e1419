import 'server-only';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, outbox, registrations, scheduledJobs } from '@/db/schema';
import { eventMessageParams, smsBody } from '@/lib/domain/notifications';
import { DAY, HOUR } from '@/lib/domain/time';
import { closeUnconfirmedComplaints, escalateOverdueComplaints } from './complaint-jobs';
import { scheduleVipCallbacks } from './callbacks';
import { purgeIdempotencyKeys } from './idempotency';
import { notifyCustomer } from './notifications';
import { sendOpeningReminders } from './opening-reminders';
import { INSTANCE, schedulerTickMs } from './instance';
import { log } from './log';
import { deliverExclusively, enqueueMessage } from './outbox';
import { purgeExpiredSessions } from './session-store';

/**
 * Queues the reminder of every confirmed registration whose event starts within the next 24 hours
 * and has not had one. The reminder's dedupe key makes it once-only; because what is due is read
 * from the database each time, a restart (or a missed tick) catches up instead of losing reminders.
 */
export async function enqueueEventReminders(now = Date.now()): Promise<number> {
  const due = await getReader()
    .select({
      registrationId: registrations.id,
      // The event's id, named as eventMessageParams takes it: the inbox links the reminder to it.
      id: events.id,
      customerId: customers.id,
      mobile: customers.mobile,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      venue: events.venue,
      venueEn: events.venueEn,
      startsAt: events.startsAt,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .innerJoin(customers, eq(customers.id, registrations.customerId))
    .leftJoin(outbox, eq(outbox.dedupeKey, sql`'reminder:' || ${registrations.id} || ':sms'`))
    .where(
      and(
        eq(registrations.status, 'confirmed'),
        eq(events.status, 'published'),
        gt(events.startsAt, now),
        lte(events.startsAt, now + DAY),
        isNull(outbox.id),
      ),
    )
    .limit(1000);
  if (due.length === 0) return 0;
  await withTransaction(async (tx) => {
    for (const r of due) {
      await notifyCustomer(tx, { id: r.customerId, mobile: r.mobile }, 'event_reminder', eventMessageParams(r), `reminder:${r.registrationId}`);
    }
  });
  return due.length;
}

/**
 * Tells waiting members whose place moved back (a VIP joined ahead: VIPs go first) where they
 * stand now, once per new place, in the app only (a busy list would otherwise send an SMS to
 * everyone behind each VIP). A place that moved forward is noted silently, so that the next move
 * back is told from there. The message and the place it tells commit together (and the job runs
 * on one server at a time), so nobody hears a place twice. Events still taking registrations
 * only; 1,000 places a run.
 */
export async function tellWaitlistMoves(now = Date.now()): Promise<number> {
  const moved = (await getReader().all(sql`
    select w.id, w.position, w.told, c.id as "customerId", c.mobile, e.id as "eventId", e.title_zh as "titleZh", e.title_en as "titleEn", e.starts_at as "startsAt"
    from (select r.id, r.customer_id, r.event_id, r.waitlist_told_position as told,
                 row_number() over (partition by r.event_id order by r.waitlist_rank, r.id) as position
          from ${registrations} r join ${events} ev on ev.id = r.event_id
          where r.status = 'waitlisted' and ev.status = 'published' and ev.reg_closes_at > ${now}) w
    join ${events} e on e.id = w.event_id
    join ${customers} c on c.id = w.customer_id
    where w.told is not null and w.position <> w.told
    limit 1000`)) as { id: number; position: number; told: number; customerId: number; mobile: string; eventId: number; titleZh: string; titleEn: string | null; startsAt: number }[];
  if (moved.length === 0) return 0;
  let told = 0;
  await withTransaction(async (tx) => {
    for (const m of moved) {
      const position = Number(m.position);
      if (position > Number(m.told)) {
        const params = eventMessageParams({ id: Number(m.eventId), titleZh: m.titleZh, titleEn: m.titleEn, startsAt: Number(m.startsAt) }, { position });
        await enqueueMessage(tx, { customerId: Number(m.customerId), mobile: m.mobile, channel: 'inapp', template: 'waitlist_moved', params, body: smsBody('waitlist_moved', params) });
        told++;
      }
      await tx.update(registrations).set({ waitlistToldPosition: position }).where(and(eq(registrations.id, Number(m.id)), eq(registrations.status, 'waitlisted')));
    }
  });
  return told;
}

/** A job of the scheduler: how often it falls due, and how long a run may hold it before another server may take it over. */
export interface ScheduledJob {
  name: string;
  everyMs: number;
  leaseMs: number;
  run: (now: number) => Promise<unknown>;
}

/**
 * The jobs: reminders, waiting-list moves, registration openings and complaints (escalation, closing
 * unconfirmed answers) every tick; the periodic VIP callbacks (a customer who became a VIP gets
 * theirs within the hour) and the purge of expired keys and sessions hourly. A run may hold its
 * lease for 5 ticks (the hourly ones 15).
 */
export function scheduledJobsList(tick = schedulerTickMs()): ScheduledJob[] {
  return [
    { name: 'reminders', everyMs: tick, leaseMs: 5 * tick, run: enqueueEventReminders },
    { name: 'waitlist', everyMs: tick, leaseMs: 5 * tick, run: tellWaitlistMoves },
    { name: 'openings', everyMs: tick, leaseMs: 5 * tick, run: sendOpeningReminders },
    {
      name: 'complaints',
      everyMs: tick,
      leaseMs: 5 * tick,
      run: async (now) => {
        await escalateOverdueComplaints(now);
        await closeUnconfirmedComplaints(now);
      },
    },
    { name: 'vip-callbacks', everyMs: HOUR, leaseMs: 15 * tick, run: scheduleVipCallbacks },
    {
      name: 'purge',
      everyMs: HOUR,
      leaseMs: 15 * tick,
      run: async (now) => {
        await purgeIdempotencyKeys(now);
        await purgeExpiredSessions(now);
      },
    },
  ];
}

/** The next due time after `now` on the job's grid (every server computes the same one). */
export const nextDueAt = (now: number, everyMs: number) => (Math.floor(now / everyMs) + 1) * everyMs;

/**
 * Runs the job if it is due and no live lease holds it, on this server or any other: the lease is
 * taken by one conditional update, which exactly one of several concurrent servers wins (SQLite runs
 * one writer at a time; PostgreSQL re-checks the row's condition after the winner commits). The
 * winner runs the job outside any transaction, then moves the due time to the next on the grid and
 * lets the lease go. A run that fails lets it go without moving the due time, so the next tick
 * retries; a holder that dies leaves its lease to expire, and the first tick after takes over.
 * Returns whether this call ran the job.
 */
export async function runIfDue(job: ScheduledJob, now = Date.now(), holder = INSTANCE): Promise<boolean> {
  const taken = await withTransaction(async (tx) => {
    await tx.insert(scheduledJobs).values({ name: job.name, dueAt: now }).onConflictDoNothing();
    return tx
      .update(scheduledJobs)
      .set({ heldBy: holder, heldUntil: now + job.leaseMs, lastStartedAt: now })
      .where(and(eq(scheduledJobs.name, job.name), lte(scheduledJobs.dueAt, now), or(isNull(scheduledJobs.heldUntil), lte(scheduledJobs.heldUntil, now))))
      .returning({ name: scheduledJobs.name });
  });
  if (taken.length === 0) return false;
  const mine = and(eq(scheduledJobs.name, job.name), eq(scheduledJobs.heldBy, holder));
  try {
    await job.run(now);
  } catch (error) {
    await withTransaction((tx) => tx.update(scheduledJobs).set({ heldBy: null, heldUntil: null, lastFailedAt: Date.now() }).where(mine));
    throw error;
  }
  await withTransaction((tx) =>
    tx.update(scheduledJobs).set({ dueAt: nextDueAt(now, job.everyMs), heldBy: null, heldUntil: null, lastFinishedAt: Date.now() }).where(mine),
  );
  return true;
}

/**
 * One tick of the background work: each due job (on whichever server takes it first), then this
 * server's share of the pending SMS (each batch claimed, lib/server/outbox.ts).
 */
export async function runScheduledWork(now = Date.now()): Promise<void> {
  for (const job of scheduledJobsList()) {
    try {
      await runIfDue(job, now);
    } catch (error) {
      log.error({ err: error, job: job.name }, 'scheduled job failed');
    }
  }
  await deliverExclusively();
}

const state = globalThis as typeof globalThis & { __clubHubScheduler?: NodeJS.Timeout };

/** Starts the tick once per process (instrumentation.ts calls it when the server starts). */
export function startScheduler(): void {
  if (state.__clubHubScheduler) return;
  const tick = () => {
    runScheduledWork().catch((error: unknown) => log.error({ err: error }, 'scheduler tick failed'));
  };
  state.__clubHubScheduler = setInterval(tick, schedulerTickMs());
  state.__clubHubScheduler.unref();
  tick();
}

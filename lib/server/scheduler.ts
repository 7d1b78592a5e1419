import 'server-only';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, outbox, registrations } from '@/db/schema';
import { eventMessageParams } from '@/lib/domain/notifications';
import { DAY, HOUR } from '@/lib/domain/time';
import { purgeIdempotencyKeys } from './idempotency';
import { notifyCustomer } from './notifications';
import { log } from './log';
import { deliverExclusively } from './outbox';
import { purgeExpiredSessions } from './session-store';

const TICK_MS = 60_000;

/**
 * Queues the reminder of every confirmed registration whose event starts within the next 24 hours
 * and has not had one. The reminder's dedupe key makes it once-only; because what is due is read
 * from the database each time, a restart (or a missed tick) catches up instead of losing reminders.
 */
export async function enqueueEventReminders(now = Date.now()): Promise<number> {
  const due = await getReader()
    .select({
      registrationId: registrations.id,
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

let lastPurge = 0;

/** One pass of the background work: reminders, pending SMS, and (hourly) expired idempotency keys and sessions. */
export async function runScheduledWork(now = Date.now()): Promise<void> {
  await enqueueEventReminders(now);
  await deliverExclusively();
  if (now - lastPurge >= HOUR) {
    lastPurge = now;
    await purgeIdempotencyKeys(now);
    await purgeExpiredSessions(now);
  }
}

const state = globalThis as typeof globalThis & { __clubHubScheduler?: NodeJS.Timeout };

/** Starts the minute tick once per process (instrumentation.ts calls it when the server starts). */
export function startScheduler(): void {
  if (state.__clubHubScheduler) return;
  const tick = () => {
    runScheduledWork().catch((error: unknown) => log.error({ err: error }, 'scheduler tick failed'));
  };
  state.__clubHubScheduler = setInterval(tick, TICK_MS);
  state.__clubHubScheduler.unref();
  tick();
}

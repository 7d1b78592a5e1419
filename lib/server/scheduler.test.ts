import { and, eq, like } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, memberships, outbox, registrations } from '@/db/schema';
import { DAY, HOUR } from '@/lib/domain/time';
import { withTempDatabase } from '@/tests/temp-database';
import { enqueueEventReminders } from './scheduler';


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

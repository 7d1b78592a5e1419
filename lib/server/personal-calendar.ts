import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gte, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, registrations } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { forbidden, notFound } from '@/lib/domain/errors';
import { DAY } from '@/lib/domain/time';
import type { CalendarEvent } from './calendar';
import { derivedKey } from './secrets';

/*
 * A member's personal calendar feed: the events they hold a seat for, at a URL that is its own
 * credential, since calendar apps fetch it without a session. The URL's secret is an HMAC of the
 * customer id and a version kept on the customer, so nothing secret is stored and a reset (a new
 * version) revokes every URL handed out before.
 */

/** 32 base64url characters: 192 bits of the HMAC, beyond guessing. */
const SECRET_LENGTH = 32;
const FEED_FILE = /^([1-9]\d{0,11})-([A-Za-z0-9_-]{32})\.ics$/;

function feedSecret(customerId: number, version: number): string {
  return createHmac('sha256', derivedKey('calendar')).update(`personal-feed:${customerId}:${version}`).digest('base64url').slice(0, SECRET_LENGTH);
}

/** The path of the feed for a customer at a version, e.g. /calendar/personal/42-<secret>.ics. */
export function personalFeedPath(customerId: number, version: number): string {
  return `/calendar/personal/${customerId}-${feedSecret(customerId, version)}.ics`;
}

async function feedVersionOf(customerId: number): Promise<number | null> {
  const [customer] = await getReader()
    .select({ version: customers.calendarFeedVersion, status: customers.status })
    .from(customers)
    .where(eq(customers.id, customerId));
  // A closed account cannot sign in either: its feed ends with it.
  return customer && customer.status !== 'closed' ? customer.version : null;
}

/** The path of the member's own feed, as it stands now. */
export async function getMyFeedPath(actor: Actor): Promise<string> {
  if (actor.kind !== 'member') throw forbidden();
  const version = await feedVersionOf(actor.customerId);
  if (version === null) throw notFound();
  return personalFeedPath(actor.customerId, version);
}

/** Gives the member's feed a new URL; the old one stops working at once. Returns the new path. */
export async function resetMyFeed(actor: Actor): Promise<string> {
  if (actor.kind !== 'member') throw forbidden();
  const [row] = await withTransaction(async (tx) => {
    return await tx
      .update(customers)
      .set({ calendarFeedVersion: sql`${customers.calendarFeedVersion} + 1` })
      .where(eq(customers.id, actor.customerId))
      .returning({ version: customers.calendarFeedVersion });
  });
  if (!row) throw notFound();
  return personalFeedPath(actor.customerId, row.version);
}

/** The customer whose current feed `file` (the path's last segment) is, or null for any other file. */
export async function customerOfFeedFile(file: string): Promise<number | null> {
  const match = FEED_FILE.exec(file);
  if (!match) return null;
  const customerId = Number(match[1]);
  const version = await feedVersionOf(customerId);
  if (version === null) return null;
  const expected = Buffer.from(feedSecret(customerId, version));
  const given = Buffer.from(match[2]!);
  return given.length === expected.length && timingSafeEqual(given, expected) ? customerId : null;
}

/**
 * The events a customer holds a seat for (confirmed, or attended), from a year back. A place on a
 * waiting list is left out: a calendar entry reads as "I am going", and a promotion to a seat
 * adds the event at the next refresh (the member is told by SMS as well).
 */
export async function listFeedEvents(customerId: number, now = Date.now()): Promise<CalendarEvent[]> {
  return getReader()
    .select({
      id: events.id,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      descriptionZh: events.descriptionZh,
      descriptionEn: events.descriptionEn,
      venue: events.venue,
      city: events.city,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      status: events.status,
      createdAt: events.createdAt,
      updatedAt: events.updatedAt,
      revision: events.revision,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(
      and(
        eq(registrations.customerId, customerId),
        inArray(registrations.status, ['confirmed', 'attended']),
        isNotNull(events.publishedAt),
        gte(events.startsAt, now - 365 * DAY),
      ),
    )
    .orderBy(desc(events.startsAt))
    .limit(1000);
}

/**
 * The latest change of any of the customer's registrations (a seat taken, cancelled, promoted from
 * the waiting list): what enters or leaves their feed. Null without any.
 */
export async function lastRegistrationChange(customerId: number): Promise<number | null> {
  const [row] = await getReader()
    .select({ at: max(sql<number>`coalesce(${registrations.updatedAt}, ${registrations.createdAt})`).mapWith(Number) })
    .from(registrations)
    .where(eq(registrations.customerId, customerId));
  return row?.at ?? null;
}

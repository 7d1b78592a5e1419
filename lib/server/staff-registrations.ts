import 'server-only';
import { and, asc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { customers, events, memberships } from '@/db/schema';
import { canActForCustomer, coversClub, type Actor } from '@/lib/domain/access';
import { notFound } from '@/lib/domain/errors';
import { seatCounts } from './events';

const EVENT_LIMIT = 100;

/**
 * The events staff may register a customer for: published, of the customer's province, in the
 * clubs the customer belongs to (and the operator covers), with registration not yet closed,
 * soonest first. Whether the window is open yet is left to registerForEvent to say.
 */
export async function listRegistrableEvents(actor: Actor, customerId: number, now = Date.now()) {
  const db = getReader();
  const [customer] = await db.select({ provinceCode: customers.provinceCode, accountManagerId: customers.accountManagerId }).from(customers).where(eq(customers.id, customerId));
  // Operators and admins, and an account manager for their own VIPs.
  if (!customer || actor.kind === 'member' || !canActForCustomer(actor, customer)) throw notFound();
  const clubs = (
    await db
      .select({ clubCode: memberships.clubCode })
      .from(memberships)
      .where(and(eq(memberships.customerId, customerId), isNull(memberships.leftAt)))
  )
    .map((m) => m.clubCode)
    .filter((club) => coversClub(actor, club));
  if (clubs.length === 0) return [];
  const rows = await db
    .select({
      id: events.id,
      clubCode: events.clubCode,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      startsAt: events.startsAt,
      capacity: events.capacity,
    })
    .from(events)
    .where(and(eq(events.provinceCode, customer.provinceCode), inArray(events.clubCode, clubs), eq(events.status, 'published'), gt(events.regClosesAt, now)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(EVENT_LIMIT);
  const counts = await seatCounts(rows.map((r) => r.id));
  return rows.map(({ capacity, ...r }) => ({ ...r, seatsLeft: Math.max(0, capacity - counts.get(r.id)!.taken) }));
}

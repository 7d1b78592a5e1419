import 'server-only';
import { and, asc, eq, gte, lt, ne, type SQL } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { events } from '@/db/schema';
import { isHq, type Actor } from '@/lib/domain/access';
import { forbidden, notFound } from '@/lib/domain/errors';
import { shanghaiYear, shanghaiYearRange } from '@/lib/domain/time';
import type { ChannelEventFilters, ChannelEventStatus } from '@/lib/validation/api';
import { getCustomerRecord, searchCustomers } from './customers';
import { seatCounts } from './events';

/**
 * The customer with this full mobile number, for a channel: found through the same scoped search
 * the operators use, then read as the customer record (balances included). Outside the token's
 * province the customer does not exist.
 */
export async function findCustomerByMobile(actor: Actor, mobile: string) {
  if (actor.kind !== 'channel') throw forbidden();
  const [match] = await searchCustomers(actor, mobile);
  if (!match) throw notFound();
  return (await getCustomerRecord(actor, match.id)).customer;
}

/**
 * Events of a year in the token's province (HQ tokens: every province, or the one asked for).
 * Drafts are left out: channels register customers, and a draft takes no registrations.
 */
export async function listChannelEvents(actor: Actor, filters: ChannelEventFilters, now = Date.now()) {
  if (actor.kind !== 'channel') throw forbidden();
  if (!isHq(actor) && filters.province && filters.province !== actor.provinceCode) throw forbidden();
  const { start, end } = shanghaiYearRange(filters.year ?? shanghaiYear(now));
  const province = actor.provinceCode ?? filters.province;
  const conditions: (SQL | undefined)[] = [
    gte(events.startsAt, start),
    lt(events.startsAt, end),
    ne(events.status, 'draft'),
    province ? eq(events.provinceCode, province) : undefined,
    filters.club ? eq(events.clubCode, filters.club) : undefined,
    filters.status ? eq(events.status, filters.status) : undefined,
  ];
  const rows = await getReader()
    .select({
      id: events.id,
      clubCode: events.clubCode,
      provinceCode: events.provinceCode,
      kind: events.kind,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      venue: events.venue,
      venueEn: events.venueEn,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      regOpensAt: events.regOpensAt,
      regClosesAt: events.regClosesAt,
      vipOpensAt: events.vipOpensAt,
      status: events.status,
      priceType: events.priceType,
      priceFen: events.priceFen,
      pricePoints: events.pricePoints,
      eligibleSegments: events.eligibleSegments,
      capacity: events.capacity,
    })
    .from(events)
    .where(and(...conditions.filter((c): c is SQL => c !== undefined)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(2000);
  const counts = await seatCounts(rows.map((r) => r.id));
  // The where clause left the drafts out.
  return rows.map((r) => ({ ...r, status: r.status as ChannelEventStatus, ...counts.get(r.id)! }));
}

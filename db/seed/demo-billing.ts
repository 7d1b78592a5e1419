import { and, asc, eq, inArray, isNull, lt, notInArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, billingExports, charges, customers, events, memberships, registrations } from '../schema';
import { billingExportOf } from '@/lib/server/billing';
import { ALL_PROVINCES, billingCycleOf, isBillingCycleClosed, shiftBillingCycle, type BillingCycle } from '@/lib/domain/billing';
import { HQ_SETTINGS } from '@/lib/domain/hq-settings';
import { newShortCode, newTicketSecret } from '@/lib/domain/ticket-codes';
import { DAY, HOUR, MINUTE } from '@/lib/domain/time';
import { DEMO_MEMBERS, DEMO_PROVINCES, EVENT_TEMPLATES } from './demo-data';
import { beijingDay, inOpeningHours, outOfTheNight } from './seed-time';

const PRICE_FEN = [3000, 5000, 2000] as const;
const REGISTRANTS = 4;

/** `n` instants spread over [from, to), each moved out of the night when that keeps it inside. */
function spread(from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const at = from + Math.floor(((i + 1) * (to - from)) / (n + 1));
    const daytime = outOfTheNight(at);
    return daytime < to ? daytime : at;
  });
}

/**
 * The bill's side of the demo: whatever the random draw gave, in each demo province a paid concert
 * of the music club in each of the last three billing cycles (this one included), its fee on the
 * bills of a few postpaid members, one of them refunded last cycle (a reversal); and last cycle's
 * national file exported by the admin on the first morning after it closed, as the billing system
 * would have taken it. The demo's named members are left out: their pages stay as other specs know them.
 */
export async function seedDemoBilling(tx: Tx, now: number, adminId: number | null, operatorOf: (province: string) => number | null): Promise<void> {
  const { startDay } = HQ_SETTINGS.billingCycle.default;
  const current = billingCycleOf(now, startDay);
  const cycles = [-2, -1, 0].map((offset) => shiftBillingCycle(current, offset, startDay));
  const named = DEMO_MEMBERS.map((m) => m.mobile);
  for (const province of DEMO_PROVINCES) {
    const city = province.cities[0]!;
    for (const [i, cycle] of cycles.entries()) {
      const template = EVENT_TEMPLATES.music[3 % EVENT_TEMPLATES.music.length]!;
      const startsAt = beijingDay(cycle.start, 24) + 19 * HOUR + 30 * MINUTE;
      const regOpensAt = beijingDay(cycle.start, -3) + 10 * HOUR;
      const ended = startsAt + 2 * HOUR < now;
      const [event] = await tx
        .insert(events)
        .values({
          clubCode: 'music',
          provinceCode: province.code,
          kind: template.kind,
          titleZh: `${city.zh}·${template.zh}`,
          titleEn: template.en,
          descriptionZh: template.descZh,
          descriptionEn: template.descEn,
          venue: city.venues[0]!.zh,
          venueEn: city.venues[0]!.en,
          city: city.zh,
          startsAt,
          endsAt: startsAt + 2 * HOUR,
          capacity: 100,
          regOpensAt,
          regClosesAt: startsAt - DAY,
          priceType: 'fee',
          priceFen: PRICE_FEN[i]!,
          eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
          status: ended ? 'completed' : 'published',
          createdByStaffId: operatorOf(province.code),
          createdAt: regOpensAt - 14 * DAY,
          publishedAt: regOpensAt - 7 * DAY,
          completedAt: ended ? startsAt + 4 * HOUR : null,
        })
        .returning({ id: events.id });
      const registrants = await tx
        .select({ id: customers.id })
        .from(memberships)
        .innerJoin(customers, eq(customers.id, memberships.customerId))
        .where(
          and(
            eq(memberships.clubCode, 'music'),
            eq(memberships.provinceCode, province.code),
            isNull(memberships.leftAt),
            lt(memberships.joinedAt, regOpensAt),
            eq(customers.status, 'active'),
            inArray(customers.segment, ['postpaid', 'postpaid_vip']),
            notInArray(customers.mobile, named),
          ),
        )
        .orderBy(asc(customers.id))
        .limit(REGISTRANTS);
      const until = Math.min(startsAt - DAY, cycle.end, now - 10 * MINUTE);
      // Seeded in this cycle's first minutes: nobody has registered yet.
      if (until <= cycle.start) continue;
      const times = spread(cycle.start, until, registrants.length);
      const codes = new Set<string>();
      for (const [k, c] of registrants.entries()) {
        const at = times[k]!;
        let shortCode: string;
        do shortCode = newShortCode();
        while (codes.has(shortCode));
        codes.add(shortCode);
        // Last cycle's first registrant cancels a few days later, before the deadline: refunded in full.
        const refundAt = i === 1 && k === 0 ? Math.min(at + 3 * DAY, until - MINUTE) : null;
        const status = refundAt !== null ? 'cancelled' : ended ? 'attended' : 'confirmed';
        const [reg] = await tx
          .insert(registrations)
          .values({
            eventId: event!.id,
            customerId: c.id,
            status,
            channel: k % 2 ? 'hall' : 'web',
            paidFen: PRICE_FEN[i]!,
            ticketSecret: newTicketSecret(),
            shortCode,
            createdAt: at,
            confirmedAt: at,
            cancelledAt: refundAt,
            cancelReason: refundAt !== null ? 'cancelled' : null,
            refundedAt: refundAt,
            checkedInAt: status === 'attended' ? startsAt - 20 * MINUTE : null,
            checkedInByStaffId: status === 'attended' ? operatorOf(province.code) : null,
          })
          .returning({ id: registrations.id });
        const [fee] = await tx
          .insert(charges)
          .values({ customerId: c.id, registrationId: reg!.id, amountFen: PRICE_FEN[i]!, description: `活动报名费：${city.zh}·${template.zh}`, createdAt: at })
          .returning({ id: charges.id });
        const activity = { customerId: c.id, clubCode: 'music', eventId: event!.id, refType: 'registration', refId: reg!.id } as const;
        await tx.insert(activities).values({ ...activity, kind: 'registered', channel: k % 2 ? 'hall' : 'web', occurredAt: at });
        if (refundAt !== null) {
          await tx.insert(charges).values({ customerId: c.id, registrationId: reg!.id, amountFen: -PRICE_FEN[i]!, reversesChargeId: fee!.id, description: '活动报名费退还', createdAt: refundAt });
          await tx.insert(activities).values({ ...activity, kind: 'cancelled', channel: 'web', occurredAt: refundAt });
        } else if (status === 'attended') {
          await tx.insert(activities).values({ ...activity, kind: 'attended', occurredAt: startsAt });
        }
      }
    }
  }
  const closed = [...cycles].reverse().find((c) => isBillingCycleClosed(c, now));
  if (closed) await recordExport(tx, closed, now, adminId);
}

/** The national file of a closed cycle, recorded as an admin's first export of it. */
async function recordExport(tx: Tx, cycle: BillingCycle, now: number, adminId: number | null) {
  // The first morning after the close, or just now when the seed runs before that morning.
  const createdAt = Math.min(inOpeningHours(cycle.end), now - MINUTE);
  await tx.insert(billingExports).values(await billingExportOf(tx, cycle, ALL_PROVINCES, createdAt, adminId));
}

import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, customers, halls, hallVisits, pointsLedger } from '../schema';
import { visitDayOf, type VisitArrival, type VisitPurpose } from '@/lib/domain/hall-visits';
import { DAY, HOUR, MINUTE } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { DEMO_HALL_VIP } from './demo-data';
import { createRandom, type Random } from './random';
import { beijingDay, inOpeningHours } from './seed-time';

/** Most visits are for these, in this proportion (a booking's arrival is made live, from the queue). */
const PURPOSES: readonly VisitPurpose[] = ['enquiry', 'enquiry', 'bill_topup', 'bill_topup', 'bill_topup', 'sim_number', 'complaint', 'other'];
const HISTORY_DAYS = 120;

/**
 * Minutes waited: VIPs are called almost at once (VIP desk), others mostly within the plan's 5
 * minutes; a busy hour now and then runs past it.
 */
function waitMinutes(r: Random, vip: boolean): number {
  if (vip) return r.chance(0.08) ? r.int(5, 9) : r.int(0, 3) + r.next();
  return r.chance(0.22) ? r.int(5, 16) + r.next() : r.int(1, 4) + r.next();
}

/** Minutes of handling: most business well within 10 minutes, a SIM swap or a complaint sometimes longer. */
function handlingMinutes(r: Random, purpose: VisitPurpose): number {
  const long = purpose === 'sim_number' || purpose === 'complaint' ? 0.3 : 0.08;
  return r.chance(long) ? r.int(10, 22) + r.next() : r.int(2, 8) + r.next();
}

interface Visitor {
  id: number;
  segment: Segment;
}

async function addVisit(
  tx: Tx,
  hall: { id: number; nameZh: string; nameEn: string | null },
  v: Visitor,
  visit: { purpose: VisitPurpose; arrival: VisitArrival; arrivedAt: number; startedAt: number | null; finishedAt: number | null; staffId: number | null },
) {
  const status = visit.finishedAt !== null ? 'done' : visit.startedAt !== null ? 'serving' : 'waiting';
  const [row] = await tx
    .insert(hallVisits)
    .values({
      hallId: hall.id,
      customerId: v.id,
      segment: v.segment,
      purpose: visit.purpose,
      arrival: visit.arrival,
      status,
      day: visitDayOf(visit.arrivedAt),
      arrivedAt: visit.arrivedAt,
      startedAt: visit.startedAt,
      finishedAt: visit.finishedAt,
      checkedInByStaffId: visit.arrival === 'staff' ? visit.staffId : null,
      servedByStaffId: visit.startedAt !== null ? visit.staffId : null,
      createdAt: visit.arrivedAt,
    })
    .returning({ id: hallVisits.id });
  const fact = { customerId: v.id, kind: 'hall_visit' as const, refType: 'hall_visit', refId: row!.id, channel: 'hall' as const };
  const place = { place: hall.nameZh, placeEn: hall.nameEn, purpose: visit.purpose };
  await tx.insert(activities).values({ ...fact, staffId: visit.arrival === 'staff' ? visit.staffId : null, occurredAt: visit.arrivedAt, data: { step: 'arrived', ...place } });
  if (visit.finishedAt !== null) await tx.insert(activities).values({ ...fact, staffId: visit.staffId, occurredAt: visit.finishedAt, data: { step: 'finished', ...place } });
}

/**
 * The halls' visits of the last four months, timed against the plan's 5 and 10 minutes (most
 * within, some not, VIPs served faster); a line waiting now at the first Guangdong hall (天河), so
 * that its queue has people in it whatever the hour of the seed; and a Guangdong VIP who is in no
 * club, to show that VIP rights do not need the handset club. A generator of its own, so that the
 * rest of the demo data stays as it was.
 */
export async function seedDemoHalls(tx: Tx, now: number, provinces: readonly string[], operatorOf: (provinceCode: string) => number | null, passwordHash: string): Promise<void> {
  const r = createRandom(20090401);
  const createdAt = inOpeningHours(now - 700 * DAY);
  const [vip] = await tx
    .insert(customers)
    .values({ mobile: DEMO_HALL_VIP.mobile, name: DEMO_HALL_VIP.name, segment: 'postpaid_vip', provinceCode: DEMO_HALL_VIP.provinceCode, passwordHash, createdAt })
    .returning({ id: customers.id });
  await tx.insert(pointsLedger).values({ customerId: vip!.id, delta: DEMO_HALL_VIP.points, reason: 'grant', createdAt });

  for (const province of provinces) {
    const staffId = operatorOf(province);
    const provinceHalls = await tx.select({ id: halls.id, nameZh: halls.nameZh, nameEn: halls.nameEn }).from(halls).where(eq(halls.provinceCode, province)).orderBy(asc(halls.id));
    const visitors: Visitor[] = await tx
      .select({ id: customers.id, segment: customers.segment })
      .from(customers)
      .where(and(eq(customers.provinceCode, province), eq(customers.status, 'active')))
      .orderBy(asc(customers.id));
    if (visitors.length === 0) continue;
    for (const hall of provinceHalls) {
      for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo--) {
        if (!r.chance(0.3)) continue;
        const opens = beijingDay(now, -daysAgo) + 9 * HOUR;
        for (let i = r.int(3, 7); i > 0; i--) {
          const v = r.pick(visitors);
          const purpose = r.pick(PURPOSES);
          const arrivedAt = opens + r.int(0, 11 * 60) * MINUTE;
          const startedAt = arrivedAt + Math.round(waitMinutes(r, v.segment === 'postpaid_vip') * MINUTE);
          const finishedAt = startedAt + Math.round(handlingMinutes(r, purpose) * MINUTE);
          await addVisit(tx, hall, v, { purpose, arrival: r.chance(0.45) ? 'scan' : 'staff', arrivedAt, startedAt, finishedAt, staffId });
        }
      }
    }
  }

  // Now at 天河: one being served, three waiting (a VIP among them, who comes first).
  const [tianhe] = await tx.select({ id: halls.id, nameZh: halls.nameZh, nameEn: halls.nameEn }).from(halls).where(eq(halls.provinceCode, '440000')).orderBy(asc(halls.id)).limit(1);
  if (!tianhe) return;
  const staffId = operatorOf('440000');
  const line = await tx
    .select({ id: customers.id, segment: customers.segment })
    .from(customers)
    .where(and(eq(customers.provinceCode, '440000'), eq(customers.status, 'active')))
    .orderBy(asc(customers.id));
  const pick = (segment: Segment, nth: number) => line.filter((c) => c.segment === segment && c.id !== vip!.id).at(-1 - nth)!;
  const waiting: [Visitor, VisitPurpose, number, VisitArrival][] = [
    [pick('postpaid', 0), 'bill_topup', 7, 'scan'],
    [pick('prepaid', 0), 'sim_number', 4, 'staff'],
    [pick('postpaid_vip', 0), 'enquiry', 2, 'staff'],
  ];
  await addVisit(tx, tianhe, pick('postpaid', 1), { purpose: 'enquiry', arrival: 'staff', arrivedAt: now - 9 * MINUTE, startedAt: now - 5 * MINUTE, finishedAt: null, staffId });
  for (const [v, purpose, minutesAgo, arrival] of waiting) await addVisit(tx, tianhe, v, { purpose, arrival, arrivedAt: now - minutesAgo * MINUTE, startedAt: null, finishedAt: null, staffId });
}

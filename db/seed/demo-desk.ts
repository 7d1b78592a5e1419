import { and, asc, eq, gte, isNull, lt, ne, notInArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, customers, memberships, pointsLedger, serviceBookings, services, serviceSlots, trialApplications, trialProgrammes, type ServiceKind } from '../schema';
import { DAY, HOUR } from '@/lib/domain/time';
import type { Channel, Segment } from '@/lib/domain/types';
import { DEMO_HALL_VIP, DEMO_MEMBERS } from './demo-data';
import { beijingDay, inOpeningHours } from './seed-time';

const PROVINCE = '440000';

/**
 * What Guangdong's hall desk and 10010 hotline booked for customers who came or called (issue 26,
 * item 5), so that their records and the booking lists show the channel and the staff member:
 * bookings a few days ahead (clear of the days other demos and tests read), and a trial
 * application. The demo's named members are left alone: the end-to-end tests book for them.
 */
export async function seedDemoDesk(tx: Tx, now: number, staffOf: (username: string) => number | null) {
  const hotline = staffOf('gd.hotline');
  const desk = staffOf('gd.operator');
  const named = [...DEMO_MEMBERS.map((m) => m.mobile), DEMO_HALL_VIP.mobile];
  const candidates = await tx
    .select({ id: customers.id, segment: customers.segment, points: customers.pointsBalance })
    .from(customers)
    .innerJoin(memberships, and(eq(memberships.customerId, customers.id), eq(memberships.clubCode, 'handset'), isNull(memberships.leftAt)))
    .where(and(eq(customers.provinceCode, PROVINCE), eq(customers.status, 'active'), ne(customers.segment, 'prepaid'), notInArray(customers.mobile, named)))
    .orderBy(asc(customers.id))
    .limit(40);
  const taken = new Set<number>();
  /** The first candidate not served yet, of the segments wanted, who has the points. */
  const next = (points: number, segments: Segment[] = ['postpaid', 'postpaid_vip']) => {
    const found = candidates.find((c) => !taken.has(c.id) && segments.includes(c.segment) && c.points >= points);
    if (found) taken.add(found.id);
    return found;
  };

  /** The province's slot of a service on the day `offset` days ahead, starting at `hour` (Beijing). */
  const slotOn = async (kind: ServiceKind, offset: number, hour: number) => {
    const startsAt = beijingDay(now, offset) + hour * HOUR;
    const [row] = await tx
      .select({ slot: serviceSlots, service: services })
      .from(serviceSlots)
      .innerJoin(services, eq(services.id, serviceSlots.serviceId))
      .where(and(eq(services.provinceCode, PROVINCE), eq(services.kind, kind), gte(serviceSlots.startsAt, startsAt), lt(serviceSlots.startsAt, startsAt + HOUR)))
      .orderBy(asc(serviceSlots.id))
      .limit(1);
    return row;
  };

  const book = async (input: { kind: ServiceKind; offset: number; hour: number; channel: Exclude<Channel, 'web'>; staffId: number | null; status: 'requested' | 'confirmed'; bookedAt: number; address?: string; description: string }) => {
    const found = await slotOn(input.kind, input.offset, input.hour);
    if (!found || found.slot.booked >= found.slot.capacity) return;
    const { slot, service } = found;
    const customer = next(service.pricePoints);
    if (!customer) return;
    const [booking] = await tx
      .insert(serviceBookings)
      .values({
        serviceId: service.id,
        slotId: slot.id,
        customerId: customer.id,
        status: input.status,
        address: input.address ?? null,
        description: input.description,
        pointsPaid: service.pricePoints,
        createdByStaffId: input.staffId,
        createdAt: input.bookedAt,
        updatedAt: input.bookedAt,
      })
      .returning({ id: serviceBookings.id });
    const ref = { refType: 'service_booking', refId: booking!.id };
    if (service.pricePoints > 0) {
      await tx.insert(pointsLedger).values({ customerId: customer.id, delta: -service.pricePoints, reason: 'service', ...ref, createdByStaffId: input.staffId, createdAt: input.bookedAt });
    }
    await tx.insert(activities).values({
      customerId: customer.id,
      kind: 'service_booked',
      clubCode: 'handset',
      ...ref,
      channel: input.channel,
      staffId: input.staffId,
      occurredAt: input.bookedAt,
      data: { service: service.kind, slotStartsAt: slot.startsAt, place: slot.place },
    });
  };

  // A caller on the hotline yesterday: an engineer to their home in four days.
  await book({ kind: 'onsite_repair', offset: 4, hour: 9, channel: 'hotline', staffId: hotline, status: 'requested', bookedAt: inOpeningHours(now - DAY), address: '广州市越秀区中山五路219号3栋1202室', description: '进水后无法开机' });
  // At the 天河 hall's desk two days ago: a repair in three days, confirmed there and then.
  await book({ kind: 'booked_repair', offset: 3, hour: 14, channel: 'hall', staffId: desk, status: 'confirmed', bookedAt: inOpeningHours(now - 2 * DAY), description: '充电接触不良' });
  // Another caller: a phone cleaning in five days.
  await book({ kind: 'cleaning', offset: 5, hour: 10, channel: 'hotline', staffId: hotline, status: 'requested', bookedAt: inOpeningHours(now - DAY) + 2 * HOUR, description: '' });

  // A VIP who called about the video-call trial, applied for by the hotline.
  const [programme] = await tx
    .select({ id: trialProgrammes.id, titleZh: trialProgrammes.titleZh, titleEn: trialProgrammes.titleEn, opensAt: trialProgrammes.vipOpensAt })
    .from(trialProgrammes)
    .innerJoin(services, eq(services.id, trialProgrammes.serviceId))
    .where(and(eq(services.provinceCode, PROVINCE), eq(services.kind, 'service_trial'), gte(trialProgrammes.closesAt, now)))
    .orderBy(asc(trialProgrammes.id))
    .limit(1);
  if (!programme) return;
  const applied = await tx.select({ customerId: trialApplications.customerId }).from(trialApplications).where(eq(trialApplications.programmeId, programme.id));
  for (const a of applied) taken.add(a.customerId);
  const vip = next(0, ['postpaid_vip']);
  const appliedAt = inOpeningHours(now - DAY) + HOUR;
  if (!vip || appliedAt < programme.opensAt) return;
  const [application] = await tx.insert(trialApplications).values({ programmeId: programme.id, customerId: vip.id, vip: true, appliedAt }).returning({ id: trialApplications.id });
  await tx.insert(activities).values({
    customerId: vip.id,
    kind: 'trial',
    clubCode: 'handset',
    refType: 'trial_application',
    refId: application!.id,
    channel: 'hotline',
    staffId: hotline,
    occurredAt: appliedAt,
    data: { step: 'applied', programme: programme.titleZh, programmeEn: programme.titleEn },
  });
}


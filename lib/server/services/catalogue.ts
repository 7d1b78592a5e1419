import 'server-only';
import { and, asc, desc, eq, gte, inArray } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { halls, services, serviceSlots, trialProgrammes } from '@/db/schema';
import { coversProvince, type Actor } from '@/lib/domain/access';
import { DomainError, forbidden } from '@/lib/domain/errors';
import { isBookableKind } from '@/lib/domain/service-rules';
import { DAY } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { audit } from '../audit';
import { hallOfSlot, withHall, requireServiceStaff, activeHallOf, staffIdOf, loadService, serviceAccessOf, loadCustomer } from './shared';

/** A province's service catalogue with the slots still ahead (members see their own province, staff the handset club's). */
export async function listServiceCatalogue(actor: Actor, provinceCode?: string, now = Date.now()) {
  const province = actor.kind === 'member' ? actor.provinceCode : (provinceCode ?? actor.provinceCode);
  if (!province || (actor.kind !== 'member' && !coversProvince(actor, province))) throw forbidden();
  if (actor.kind !== 'member') requireServiceStaff(actor, province);
  const db = getReader();
  const list = await db
    .select()
    .from(services)
    .where(and(eq(services.provinceCode, province), actor.kind === 'member' ? eq(services.active, true) : undefined))
    .orderBy(asc(services.id));
  const slots = (
    await db
      .select({ slot: serviceSlots, ...hallOfSlot })
      .from(serviceSlots)
      .leftJoin(halls, eq(halls.id, serviceSlots.hallId))
      .where(and(inArray(serviceSlots.serviceId, list.map((s) => s.id).concat(-1)), gte(serviceSlots.startsAt, now)))
      .orderBy(asc(serviceSlots.startsAt))
      .limit(500)
  ).map(withHall);
  const programmes = await db
    .select()
    .from(trialProgrammes)
    .where(and(inArray(trialProgrammes.serviceId, list.map((s) => s.id).concat(-1)), gte(trialProgrammes.closesAt, now - 30 * DAY)))
    .orderBy(desc(trialProgrammes.opensAt));
  return list.map((s) => ({ ...s, slots: slots.filter((x) => x.serviceId === s.id), programmes: programmes.filter((p) => p.serviceId === s.id) }));
}

/** Operators set what a service offers: description, who may use it, VIP priority, price, on or off. */
export async function updateService(
  actor: Actor,
  input: { serviceId: number; descriptionZh: string; descriptionEn: string | null; eligibleSegments: Segment[]; vipPriorityHours: number; pricePoints: number; active: boolean },
) {
  return withTransaction(async (tx) => {
    const before = await loadService(tx, input.serviceId);
    const staff = requireServiceStaff(actor, before.provinceCode);
    const [after] = await tx
      .update(services)
      .set({ descriptionZh: input.descriptionZh, descriptionEn: input.descriptionEn, eligibleSegments: input.eligibleSegments, vipPriorityHours: input.vipPriorityHours, pricePoints: input.pricePoints, active: input.active })
      .where(eq(services.id, before.id))
      .returning();
    await audit(tx, staff, { action: 'service.update', entityType: 'service', entityId: before.id, before, after, provinceCode: before.provinceCode });
    return after!;
  });
}

/**
 * A time that members may book, with its capacity: at one of the province's active halls, or for
 * on-site repair a window in an area the engineers serve.
 */
export async function createSlot(actor: Actor, input: { serviceId: number; hallId?: number; area?: string | null; areaEn?: string | null; startsAt: number; endsAt: number; opensAt: number; capacity: number }) {
  return withTransaction(async (tx) => {
    const service = await loadService(tx, input.serviceId);
    const staff = requireServiceStaff(actor, service.provinceCode);
    if (!isBookableKind(service.kind)) throw new DomainError('not_bookable');
    let where: { place: string; placeEn: string | null; hallId: number | null };
    if (service.kind === 'onsite_repair') {
      if (!input.area) throw new DomainError('area_required', 'invalid_input', {}, { area: 'area_required' });
      where = { place: input.area, placeEn: input.areaEn || null, hallId: null };
    } else {
      if (!input.hallId) throw new DomainError('hall_required', 'invalid_input', {}, { hallId: 'hall_required' });
      const hall = await activeHallOf(tx, input.hallId, service.provinceCode, 'hallId');
      where = { place: hall.nameZh, placeEn: null, hallId: hall.id };
    }
    if (!(input.endsAt > input.startsAt)) throw new DomainError('end_before_start', 'invalid_input', {}, { endsAt: 'end_before_start' });
    if (!(input.opensAt < input.startsAt)) throw new DomainError('booking_opens_after_start', 'invalid_input', {}, { opensAt: 'booking_opens_after_start' });
    if (!Number.isInteger(input.capacity) || input.capacity < 1) throw new DomainError('capacity_too_small', 'invalid_input', {}, { capacity: 'capacity_too_small' });
    const { serviceId, startsAt, endsAt, opensAt, capacity } = input;
    const [slot] = await tx
      .insert(serviceSlots)
      .values({ serviceId, startsAt, endsAt, opensAt, capacity, ...where, createdByStaffId: staffIdOf(staff) })
      .returning();
    await audit(tx, staff, { action: 'service.slot.create', entityType: 'service_slot', entityId: slot!.id, after: slot, provinceCode: service.provinceCode });
    return slot!;
  });
}


/**
 * What a member's service pages need to know of them to tell what they may book: status, segment,
 * points, handset club membership and, under HQ's access rule, why they may not use the services.
 */
export async function getMemberServiceStanding(actor: Actor) {
  if (actor.kind !== 'member') throw forbidden();
  const db = getReader();
  const customer = await loadCustomer(db, actor.customerId, { lock: false });
  const access = await serviceAccessOf(db, customer);
  return { status: customer.status, segment: customer.segment, points: customer.points, isHandsetMember: access.isHandsetMember, access: access.refusal };
}

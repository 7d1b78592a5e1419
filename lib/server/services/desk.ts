import 'server-only';
import { and, asc, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { activities, halls, loanerLoans, loanerPhones, serviceBookings, services, serviceSlots, trialApplications, trialProgrammes } from '@/db/schema';
import { canActForCustomer, isOperational, type Actor } from '@/lib/domain/access';
import { notFound } from '@/lib/domain/errors';
import type { Refusal } from '@/lib/domain/registration-rules';
import { BOOKABLE_KINDS, bookingRefusal, trialApplyRefusal, type BookableKind } from '@/lib/domain/service-rules';
import { DAY } from '@/lib/domain/time';
import { getHqSettings } from '../hq-settings';
import { loadCustomer, requireServiceStaff, serviceAccessOf } from './shared';

const REPAIR_KINDS = ['booked_repair', 'onsite_repair'] as const;
const LIVE_BOOKING_STATUSES = ['requested', 'confirmed', 'in_progress'] as const;
/** A booked service's kind: only the bookable kinds have slots (createSlot refuses the others), as only trials have programmes. */
const bookedKind = sql<BookableKind>`${services.kind}`;

/**
 * The customer an operator at the desk (or a channel's system) serves: of the actor's province,
 * for the handset club's operators and admins; anyone else's customer does not exist for them.
 */
async function deskCustomer(actor: Actor, customerId: number) {
  const db = getReader();
  const customer = await loadCustomer(db, customerId, { lock: false });
  if (!isOperational(actor) || !canActForCustomer(actor, customer)) throw notFound();
  requireServiceStaff(actor, customer.provinceCode);
  return customer;
}

/**
 * What a customer may be booked for at the desk or on the hotline, by the same rules as their own
 * booking (bookingRefusal, trialApplyRefusal): each slot and trial ahead in their province with
 * the refusal it would meet now, so that the page can say why before anyone taps. `standing` is
 * what refuses them everything (not active, not allowed the services by HQ's rule).
 */
export async function getCustomerServiceOptions(actor: Actor, customerId: number, now = Date.now()) {
  const customer = await deskCustomer(actor, customerId);
  const db = getReader();
  const settings = await getHqSettings(db);
  const access = (await serviceAccessOf(db, customer, settings)).refusal;
  const standing: Refusal | null = customer.status !== 'active' ? { code: 'customer_not_active' } : access;
  const [slotRows, liveSlots, programmeRows, applied] = await Promise.all([
    db
      .select({
        slot: serviceSlots,
        service: services,
        placeEn: sql<string | null>`coalesce(${halls.nameEn}, ${serviceSlots.placeEn})`,
      })
      .from(serviceSlots)
      .innerJoin(services, eq(services.id, serviceSlots.serviceId))
      .leftJoin(halls, eq(halls.id, serviceSlots.hallId))
      .where(and(eq(services.provinceCode, customer.provinceCode), inArray(services.kind, [...BOOKABLE_KINDS]), gt(serviceSlots.startsAt, now)))
      .orderBy(asc(serviceSlots.startsAt), asc(serviceSlots.id))
      .limit(200),
    db
      .select({ slotId: serviceBookings.slotId })
      .from(serviceBookings)
      .where(and(eq(serviceBookings.customerId, customer.id), ne(serviceBookings.status, 'cancelled'))),
    db
      .select({ programme: trialProgrammes, serviceKind: sql<'handset_trial' | 'service_trial'>`${services.kind}` })
      .from(trialProgrammes)
      .innerJoin(services, eq(services.id, trialProgrammes.serviceId))
      .where(and(eq(services.provinceCode, customer.provinceCode), eq(services.active, true), gt(trialProgrammes.closesAt, now)))
      .orderBy(asc(trialProgrammes.opensAt), asc(trialProgrammes.id)),
    db
      .select({ programmeId: trialApplications.programmeId })
      .from(trialApplications)
      .where(and(eq(trialApplications.customerId, customer.id), ne(trialApplications.status, 'withdrawn'))),
  ]);
  const booked = new Set(liveSlots.map((b) => b.slotId));
  const appliedTo = new Set(applied.map((a) => a.programmeId));
  const slots = slotRows.map(({ slot, service, placeEn }) => ({
    id: slot.id,
    serviceId: service.id,
    serviceKind: service.kind as BookableKind,
    serviceNameZh: service.nameZh,
    serviceNameEn: service.nameEn,
    place: slot.place,
    placeEn,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    seatsLeft: Math.max(0, slot.capacity - slot.booked),
    pricePoints: service.pricePoints,
    needsAddress: service.kind === 'onsite_repair',
    refusal: bookingRefusal({ customer, service, slot, access, hasLiveBooking: booked.has(slot.id), segmentPoints: settings.segmentPoints, now }),
  }));
  const programmes = programmeRows.map(({ programme, serviceKind }) => ({
    id: programme.id,
    serviceKind,
    titleZh: programme.titleZh,
    titleEn: programme.titleEn,
    opensAt: programme.opensAt,
    closesAt: programme.closesAt,
    refusal: trialApplyRefusal(programme, customer, access, appliedTo.has(programme.id), now),
  }));
  return { customer: { id: customer.id, segment: customer.segment, status: customer.status, points: customer.points }, standing, slots, programmes };
}

/** The slots a customer may book now (the channel API's list): those no rule refuses. */
export async function listBookableSlotsFor(actor: Actor, customerId: number, now = Date.now()) {
  const { slots } = await getCustomerServiceOptions(actor, customerId, now);
  return slots.filter((s) => s.refusal === null);
}

/**
 * What the desk can lend the customer: the province's loaners on the shelf, and the customer's
 * repair bookings still open without a loaner (a loaner is lent while their phone is repaired).
 */
export async function getCustomerLoanerOptions(actor: Actor, customerId: number) {
  const customer = await deskCustomer(actor, customerId);
  const db = getReader();
  const [phones, repairs] = await Promise.all([
    db
      .select({ id: loanerPhones.id, model: loanerPhones.model, imei: loanerPhones.imei, hall: loanerPhones.hall, hallNameEn: halls.nameEn, condition: loanerPhones.condition })
      .from(loanerPhones)
      .leftJoin(halls, eq(halls.id, loanerPhones.hallId))
      .leftJoin(loanerLoans, and(eq(loanerLoans.loanerId, loanerPhones.id), isNull(loanerLoans.returnedAt)))
      .where(and(eq(loanerPhones.provinceCode, customer.provinceCode), eq(loanerPhones.status, 'available'), isNull(loanerLoans.id)))
      .orderBy(asc(loanerPhones.hall), asc(loanerPhones.model), asc(loanerPhones.id))
      .limit(200),
    db
      .select({ id: serviceBookings.id, serviceKind: bookedKind, serviceNameZh: services.nameZh, serviceNameEn: services.nameEn, startsAt: serviceSlots.startsAt, status: serviceBookings.status })
      .from(serviceBookings)
      .innerJoin(services, eq(services.id, serviceBookings.serviceId))
      .innerJoin(serviceSlots, eq(serviceSlots.id, serviceBookings.slotId))
      .leftJoin(loanerLoans, and(eq(loanerLoans.bookingId, serviceBookings.id), isNull(loanerLoans.returnedAt)))
      .where(
        and(
          eq(serviceBookings.customerId, customer.id),
          eq(services.provinceCode, customer.provinceCode),
          inArray(services.kind, [...REPAIR_KINDS]),
          inArray(serviceBookings.status, [...LIVE_BOOKING_STATUSES]),
          isNull(loanerLoans.id),
        ),
      )
      .orderBy(asc(serviceSlots.startsAt), asc(serviceBookings.id)),
  ]);
  return { phones, repairs };
}

/**
 * A customer's handset service bookings for the desk, newest slot first, with the channel each was
 * booked through (from their activity record) and the loaner lent for it, if any.
 */
export async function listCustomerBookings(actor: Actor, customerId: number, now = Date.now()) {
  const customer = await deskCustomer(actor, customerId);
  return getReader()
    .select({
      id: serviceBookings.id,
      status: serviceBookings.status,
      address: serviceBookings.address,
      serviceKind: bookedKind,
      serviceNameZh: services.nameZh,
      serviceNameEn: services.nameEn,
      place: serviceSlots.place,
      placeEn: sql<string | null>`coalesce(${halls.nameEn}, ${serviceSlots.placeEn})`,
      startsAt: serviceSlots.startsAt,
      channel: activities.channel,
      loanerModel: loanerPhones.model,
    })
    .from(serviceBookings)
    .innerJoin(services, eq(services.id, serviceBookings.serviceId))
    .innerJoin(serviceSlots, eq(serviceSlots.id, serviceBookings.slotId))
    .leftJoin(halls, eq(halls.id, serviceSlots.hallId))
    .leftJoin(activities, and(eq(activities.customerId, serviceBookings.customerId), eq(activities.kind, 'service_booked'), eq(activities.refType, 'service_booking'), eq(activities.refId, serviceBookings.id)))
    .leftJoin(loanerLoans, and(eq(loanerLoans.bookingId, serviceBookings.id), isNull(loanerLoans.returnedAt)))
    .leftJoin(loanerPhones, eq(loanerPhones.id, loanerLoans.loanerId))
    .where(and(eq(serviceBookings.customerId, customer.id), gt(serviceSlots.startsAt, now - 30 * DAY)))
    .orderBy(desc(serviceSlots.startsAt), desc(serviceBookings.id))
    .limit(50);
}

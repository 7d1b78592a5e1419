import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { getReader, withTransaction, type Db, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import {
  customers,
  halls,
  loanerLoans,
  loanerPhones,
  memberships,
  pointsLedger,
  serviceBookings,
  services,
  serviceSlots,
  trialApplications,
  trialProgrammes,
  type BookingStatus,
} from '@/db/schema';
import { canActForCustomer, coversClub, coversProvince, isAccountManagerOf, isOperational, seesIdentity, workingProvince, type Actor } from '@/lib/domain/access';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { englishNames, serviceMessageParams, smsTime } from '@/lib/domain/notifications';
import { bookingRefusal, bookingTransitionRefusal, isBookableKind, isTrialLate, lendRefusal, memberCancelRefusal, serviceAccessRefusal, takesUnit, trialApplyRefusal, UNIT_TAKEN_STATUSES } from '@/lib/domain/service-rules';
import { DAY } from '@/lib/domain/time';
import type { Channel, Segment } from '@/lib/domain/types';
import { recordActivity } from './activity';
import { audit } from './audit';
import { getHqSettings } from './hq-settings';
import type { HqSettings } from '@/lib/domain/hq-settings';
import { notifyCustomer } from './notifications';
import { deliverSoon } from './outbox';

/** A slot's place in English (its hall's English name, or the on-site area's) and its hall's address (none for on-site repair). */
const hallOfSlot = { placeEn: sql<string | null>`coalesce(${halls.nameEn}, ${serviceSlots.placeEn})`, hallAddress: halls.address };
const withHall = <S>(r: { slot: S; placeEn: string | null; hallAddress: string | null }) => ({ ...r.slot, placeEn: r.placeEn, hallAddress: r.hallAddress });

/** Handset club operators of the province (and admins) run its services and keep its halls. */
export function requireServiceStaff(actor: Actor, provinceCode: string) {
  if (!isOperational(actor) || !coversProvince(actor, provinceCode)) throw notFound();
  if (!coversClub(actor, 'handset')) throw forbidden();
  return actor;
}

/**
 * An active hall of the province, for a new slot or loaner phone; anything else (an unknown or
 * closed hall, or one of another province) is refused on the form's field.
 */
async function activeHallOf(tx: Tx, hallId: number, provinceCode: string, field: string) {
  const [hall] = await tx.select().from(halls).where(eq(halls.id, hallId));
  if (!hall || hall.provinceCode !== provinceCode || !hall.active) throw new DomainError('hall_unavailable', 'invalid_input', {}, { [field]: 'hall_unavailable' });
  return hall;
}

const staffIdOf = (actor: Actor) => (actor.kind === 'staff' ? actor.staffId : null);

function refuse(refusal: { code: string; params?: Record<string, string | number> }, category: 'invalid_input' | 'conflict' = 'invalid_input'): never {
  throw new DomainError(refusal.code, refusal.code === 'slot_full' || refusal.code === 'already_booked' || refusal.code === 'loaner_already_lent' ? 'conflict' : category, refusal.params);
}

async function loadService(tx: Tx, serviceId: number) {
  const [service] = await tx.select().from(services).where(eq(services.id, serviceId));
  if (!service) throw notFound();
  return service;
}

async function isHandsetMember(tx: Db | Tx, customerId: number): Promise<boolean> {
  const [m] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.customerId, customerId), eq(memberships.clubCode, 'handset'), isNull(memberships.leftAt)));
  return Boolean(m);
}

/** Whether the customer may use the handset services under HQ's rule in force (setting serviceAccess). */
async function serviceAccessOf(db: Db | Tx, customer: { id: number; segment: Segment }, settings?: HqSettings) {
  const { serviceAccess } = settings ?? (await getHqSettings(db));
  const member = await isHandsetMember(db, customer.id);
  return { isHandsetMember: member, refusal: serviceAccessRefusal(serviceAccess, { segment: customer.segment, isHandsetMember: member }) };
}

/**
 * A customer, locked when read in a transaction (db/concurrency.ts): a booking decides from the
 * balance. Customers are locked last, after the slot, booking or programme.
 */
async function loadCustomer(db: Db, customerId: number, options: { lock: boolean } = { lock: true }) {
  const query = db
    .select({ id: customers.id, mobile: customers.mobile, status: customers.status, segment: customers.segment, provinceCode: customers.provinceCode, accountManagerId: customers.accountManagerId, points: customers.pointsBalance })
    .from(customers)
    .where(eq(customers.id, customerId));
  const [c] = await (options.lock ? forUpdate(query) : query);
  if (!c) throw notFound();
  return c;
}

/** The customer a booking or application is for: the member themself, or one an operator acts for. */
function customerIdFor(actor: Actor, requested: number | undefined): number {
  if (actor.kind === 'member') return actor.customerId;
  if (requested === undefined) throw new DomainError('customer_required');
  return requested;
}

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
 * Books a slot for a handset club member, in one transaction: the rules (VIP priority window,
 * capacity, one booking per slot), the points, the activity record and a message. The slot is
 * read locked (db/concurrency.ts), so that its count of bookings still holds when the booking is
 * written, whoever books at the same time; its counter, kept by a trigger, refuses any
 * overbooking whatever code writes. Staff name the channel the customer asked through (a hall
 * by default; a VIP's account manager books for their own VIPs whatever their clubs).
 */
export async function bookService(actor: Actor, input: { slotId: number; customerId?: number; address?: string; description?: string; channel?: Exclude<Channel, 'web'> }, now = Date.now()) {
  const result = await withTransaction(async (tx) => {
    const [found] = await forUpdate(
      tx.select({ slot: serviceSlots, ...hallOfSlot }).from(serviceSlots).leftJoin(halls, eq(halls.id, serviceSlots.hallId)).where(eq(serviceSlots.id, input.slotId)),
      serviceSlots,
    );
    if (!found) throw notFound();
    const slot = withHall(found);
    const service = await loadService(tx, slot.serviceId);
    const customer = await loadCustomer(tx, customerIdFor(actor, input.customerId));
    if (actor.kind === 'member' ? customer.provinceCode !== service.provinceCode : !canActForCustomer(actor, customer)) throw notFound();
    // A VIP's account manager books for them whatever club they run; other staff are the service's.
    if (actor.kind !== 'member' && !isAccountManagerOf(actor, customer)) requireServiceStaff(actor, service.provinceCode);
    if (actor.kind === 'staff' && actor.role === 'account_manager' && customer.provinceCode !== service.provinceCode) throw notFound();
    if (service.kind === 'onsite_repair' && !input.address?.trim()) throw new DomainError('address_required', 'invalid_input', {}, { address: 'address_required' });
    const [live] = await tx
      .select({ id: serviceBookings.id })
      .from(serviceBookings)
      .where(and(eq(serviceBookings.slotId, slot.id), eq(serviceBookings.customerId, customer.id), ne(serviceBookings.status, 'cancelled')));
    const settings = await getHqSettings(tx);
    const refusal = bookingRefusal({ customer, service, slot, access: (await serviceAccessOf(tx, customer, settings)).refusal, hasLiveBooking: Boolean(live), segmentPoints: settings.segmentPoints, now });
    if (refusal) refuse(refusal);
    const [booking] = await tx
      .insert(serviceBookings)
      .values({
        serviceId: service.id,
        slotId: slot.id,
        customerId: customer.id,
        address: input.address?.trim() || null,
        description: input.description?.trim() ?? '',
        pointsPaid: service.pricePoints,
        createdByStaffId: staffIdOf(actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (service.pricePoints > 0) {
      await tx.insert(pointsLedger).values({ customerId: customer.id, delta: -service.pricePoints, reason: 'service', refType: 'service_booking', refId: booking!.id, createdByStaffId: staffIdOf(actor), createdAt: now });
    }
    await recordActivity(tx, { customerId: customer.id, kind: 'service_booked', clubCode: 'handset', refType: 'service_booking', refId: booking!.id, channel: actor.kind === 'member' ? 'web' : actor.kind === 'channel' ? actor.channel : (input.channel ?? 'hall'), staffId: staffIdOf(actor), occurredAt: now, data: { service: service.kind, slotStartsAt: slot.startsAt, place: slot.place } });
    await notifyCustomer(tx, customer, 'service_booked', serviceMessageParams(service, slot));
    await audit(tx, actor, { action: 'service.book', entityType: 'service_booking', entityId: booking!.id, after: booking, provinceCode: service.provinceCode });
    return booking!;
  });
  deliverSoon();
  return result;
}

/** Gives back a booking's points, once: refunded_at marks it. */
async function refundBooking(tx: Tx, booking: { id: number; customerId: number; pointsPaid: number; refundedAt: number | null }, staffId: number | null, now: number) {
  if (booking.refundedAt !== null || booking.pointsPaid === 0) return;
  await tx.insert(pointsLedger).values({ customerId: booking.customerId, delta: booking.pointsPaid, reason: 'refund', refType: 'service_booking', refId: booking.id, createdByStaffId: staffId, createdAt: now });
  await tx.update(serviceBookings).set({ refundedAt: now }).where(and(eq(serviceBookings.id, booking.id), isNull(serviceBookings.refundedAt)));
}

/** A booking to change, locked (db/concurrency.ts): two operators' steps (or a refund) do not both pass its status check. */
async function loadBooking(tx: Tx, bookingId: number) {
  const [row] = await forUpdate(
    tx
      .select({ booking: serviceBookings, slot: serviceSlots, service: services, ...hallOfSlot })
      .from(serviceBookings)
      .innerJoin(serviceSlots, eq(serviceSlots.id, serviceBookings.slotId))
      .innerJoin(services, eq(services.id, serviceBookings.serviceId))
      .leftJoin(halls, eq(halls.id, serviceSlots.hallId))
      .where(eq(serviceBookings.id, bookingId)),
    serviceBookings,
  );
  if (!row) throw notFound();
  return { booking: row.booking, service: row.service, slot: withHall(row) };
}

/**
 * Cancels a booking: a member before the slot, an operator any time before it is done (with a
 * reason). Points go back once; the freed place returns to the slot through its counter.
 */
export async function cancelBooking(actor: Actor, input: { bookingId: number; reason?: string }, now = Date.now()) {
  const result = await withTransaction(async (tx) => {
    const { booking, slot, service } = await loadBooking(tx, input.bookingId);
    const customer = await loadCustomer(tx, booking.customerId);
    if (actor.kind === 'member') {
      if (actor.customerId !== booking.customerId) throw notFound();
      const refusal = memberCancelRefusal(booking, slot, now);
      if (refusal) refuse(refusal, 'conflict');
    } else {
      requireServiceStaff(actor, service.provinceCode);
      const refusal = bookingTransitionRefusal(booking.status, 'cancelled');
      if (refusal) refuse(refusal, 'conflict');
      if (!input.reason?.trim()) throw new DomainError('reason_required', 'invalid_input', {}, { reason: 'reason_required' });
    }
    await tx.update(serviceBookings).set({ status: 'cancelled', notes: input.reason?.trim() || booking.notes, updatedAt: now }).where(eq(serviceBookings.id, booking.id));
    await refundBooking(tx, booking, staffIdOf(actor), now);
    await recordActivity(tx, { customerId: booking.customerId, kind: 'service_cancelled', clubCode: 'handset', refType: 'service_booking', refId: booking.id, staffId: staffIdOf(actor), occurredAt: now, data: { service: service.kind, reason: input.reason ?? null, refundPoints: booking.refundedAt === null ? booking.pointsPaid : 0 } });
    await notifyCustomer(tx, customer, 'service_cancelled', serviceMessageParams(service, slot, { reason: input.reason?.trim() ?? '' }));
    await audit(tx, actor, { action: 'service.cancel', entityType: 'service_booking', entityId: booking.id, before: { status: booking.status }, after: { status: 'cancelled', reason: input.reason ?? null }, provinceCode: service.provinceCode });
    return { bookingId: booking.id, status: 'cancelled' as const };
  });
  deliverSoon();
  return result;
}

const STEP_TEMPLATE = { confirmed: 'service_confirmed', in_progress: 'service_started', done: 'service_done' } as const;

/** Operators work a booking: confirm, start, complete (notes on what was done are required). The member is told each step. */
export async function advanceBooking(actor: Actor, input: { bookingId: number; to: 'confirmed' | 'in_progress' | 'done'; notes?: string }, now = Date.now()) {
  const result = await withTransaction(async (tx) => {
    const { booking, slot, service } = await loadBooking(tx, input.bookingId);
    const staff = requireServiceStaff(actor, service.provinceCode);
    const refusal = bookingTransitionRefusal(booking.status, input.to);
    if (refusal) refuse(refusal, 'conflict');
    if (input.to === 'done' && !input.notes?.trim()) throw new DomainError('notes_required', 'invalid_input', {}, { notes: 'notes_required' });
    await tx
      .update(serviceBookings)
      .set({ status: input.to, notes: input.notes?.trim() || booking.notes, updatedAt: now })
      .where(eq(serviceBookings.id, booking.id));
    if (input.to === 'done') {
      await recordActivity(tx, { customerId: booking.customerId, kind: 'service_done', clubCode: 'handset', refType: 'service_booking', refId: booking.id, staffId: staffIdOf(staff), occurredAt: now, data: { service: service.kind, notes: input.notes ?? null } });
    }
    const customer = await loadCustomer(tx, booking.customerId);
    await notifyCustomer(tx, customer, STEP_TEMPLATE[input.to], serviceMessageParams(service, slot, { notes: input.notes?.trim() ?? '' }));
    await audit(tx, staff, { action: `service.${input.to}`, entityType: 'service_booking', entityId: booking.id, before: { status: booking.status }, after: { status: input.to, notes: input.notes ?? null }, provinceCode: service.provinceCode });
    return { bookingId: booking.id, status: input.to as BookingStatus };
  });
  deliverSoon();
  return result;
}

const bookingColumns = {
  id: serviceBookings.id,
  status: serviceBookings.status,
  address: serviceBookings.address,
  description: serviceBookings.description,
  notes: serviceBookings.notes,
  pointsPaid: serviceBookings.pointsPaid,
  refundedAt: serviceBookings.refundedAt,
  createdAt: serviceBookings.createdAt,
  serviceId: services.id,
  serviceKind: services.kind,
  serviceNameZh: services.nameZh,
  serviceNameEn: services.nameEn,
  slotId: serviceSlots.id,
  place: serviceSlots.place,
  hallId: serviceSlots.hallId,
  ...hallOfSlot,
  startsAt: serviceSlots.startsAt,
  endsAt: serviceSlots.endsAt,
};

/** A member's bookings, upcoming first. */
export async function listMyBookings(actor: Actor) {
  if (actor.kind !== 'member') throw forbidden();
  return getReader()
    .select(bookingColumns)
    .from(serviceBookings)
    .innerJoin(serviceSlots, eq(serviceSlots.id, serviceBookings.slotId))
    .innerJoin(services, eq(services.id, serviceBookings.serviceId))
    .leftJoin(halls, eq(halls.id, serviceSlots.hallId))
    .where(eq(serviceBookings.customerId, actor.customerId))
    .orderBy(desc(serviceSlots.startsAt))
    .limit(100);
}

/** The operators' queue: bookings of one day (Beijing time), optionally of one hall, in time order. */
export async function listBookingQueue(actor: Actor, input: { dayStart: number; hallId?: number; provinceCode?: string }) {
  const province = workingProvince(actor, input.provinceCode);
  requireServiceStaff(actor, province);
  const rows = await getReader()
    .select({ ...bookingColumns, customerId: customers.id, name: customers.name, mobile: customers.mobile, provinceCode: customers.provinceCode, loanId: loanerLoans.id, loanerModel: loanerPhones.model, loanerImei: loanerPhones.imei })
    .from(serviceBookings)
    .innerJoin(serviceSlots, eq(serviceSlots.id, serviceBookings.slotId))
    .innerJoin(services, eq(services.id, serviceBookings.serviceId))
    .innerJoin(customers, eq(customers.id, serviceBookings.customerId))
    .leftJoin(halls, eq(halls.id, serviceSlots.hallId))
    .leftJoin(loanerLoans, and(eq(loanerLoans.bookingId, serviceBookings.id), isNull(loanerLoans.returnedAt)))
    .leftJoin(loanerPhones, eq(loanerPhones.id, loanerLoans.loanerId))
    .where(and(eq(services.provinceCode, province), gte(serviceSlots.startsAt, input.dayStart), lt(serviceSlots.startsAt, input.dayStart + DAY), input.hallId ? eq(serviceSlots.hallId, input.hallId) : undefined))
    .orderBy(asc(serviceSlots.startsAt), asc(serviceBookings.id));
  return rows.map((r) => presentIdentity(r, seesIdentity(actor, { id: r.customerId, provinceCode: r.provinceCode })));
}

/** A trial programme of the handset or new-service trial: so many units, VIPs first. */
export async function createTrialProgramme(actor: Actor, input: { serviceId: number; titleZh: string; titleEn: string | null; units: number; vipOpensAt: number; opensAt: number; closesAt: number; loanDays: number }) {
  return withTransaction(async (tx) => {
    const service = await loadService(tx, input.serviceId);
    const staff = requireServiceStaff(actor, service.provinceCode);
    if (service.kind !== 'handset_trial' && service.kind !== 'service_trial') throw new DomainError('not_a_trial');
    if (!(input.vipOpensAt <= input.opensAt && input.opensAt < input.closesAt)) throw new DomainError('trial_window_invalid', 'invalid_input', {}, { opensAt: 'trial_window_invalid' });
    if (input.units < 1 || input.loanDays < 1) throw new DomainError('capacity_too_small', 'invalid_input', {}, { units: 'capacity_too_small' });
    const [programme] = await tx.insert(trialProgrammes).values({ ...input, createdByStaffId: staffIdOf(staff) }).returning();
    await audit(tx, staff, { action: 'trial.create', entityType: 'trial_programme', entityId: programme!.id, after: programme, provinceCode: service.provinceCode });
    return programme!;
  });
}

/** A handset club member applies for a trial: VIPs during the priority window, then everyone. */
export async function applyForTrial(actor: Actor, input: { programmeId: number; customerId?: number }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const [programme] = await tx.select().from(trialProgrammes).where(eq(trialProgrammes.id, input.programmeId));
    if (!programme) throw notFound();
    const service = await loadService(tx, programme.serviceId);
    const customer = await loadCustomer(tx, customerIdFor(actor, input.customerId));
    if (actor.kind === 'member' ? customer.provinceCode !== service.provinceCode : !canActForCustomer(actor, customer)) throw notFound();
    if (actor.kind !== 'member') requireServiceStaff(actor, service.provinceCode);
    const [existing] = await tx
      .select({ id: trialApplications.id })
      .from(trialApplications)
      .where(and(eq(trialApplications.programmeId, programme.id), eq(trialApplications.customerId, customer.id), ne(trialApplications.status, 'withdrawn')));
    const refusal = trialApplyRefusal(programme, customer, (await serviceAccessOf(tx, customer)).refusal, Boolean(existing), now);
    if (refusal) refuse(refusal, refusal.code === 'already_applied' ? 'conflict' : 'invalid_input');
    const [application] = await tx
      .insert(trialApplications)
      .values({ programmeId: programme.id, customerId: customer.id, vip: customer.segment === 'postpaid_vip', appliedAt: now })
      .returning();
    await recordActivity(tx, { customerId: customer.id, kind: 'trial', clubCode: 'handset', refType: 'trial_application', refId: application!.id, channel: actor.kind === 'member' ? 'web' : 'hall', staffId: staffIdOf(actor), occurredAt: now, data: { step: 'applied', programme: programme.titleZh, programmeEn: programme.titleEn } });
    return application!;
  });
}

/** A programme's applications for its operators: VIPs first, then by time; late units flagged. */
export async function listTrialApplications(actor: Actor, programmeId: number, now = Date.now()) {
  const db = getReader();
  const [programme] = await db.select().from(trialProgrammes).where(eq(trialProgrammes.id, programmeId));
  if (!programme) throw notFound();
  const service = await loadService(db, programme.serviceId);
  requireServiceStaff(actor, service.provinceCode);
  const rows = await db
    .select({ application: trialApplications, name: customers.name, mobile: customers.mobile, provinceCode: customers.provinceCode, segment: customers.segment })
    .from(trialApplications)
    .innerJoin(customers, eq(customers.id, trialApplications.customerId))
    .where(eq(trialApplications.programmeId, programmeId))
    .orderBy(desc(trialApplications.vip), asc(trialApplications.appliedAt), asc(trialApplications.id));
  return {
    programme,
    applications: rows.map((r) => ({
      ...r.application,
      ...presentIdentity({ name: r.name, mobile: r.mobile }, seesIdentity(actor, { id: r.application.customerId, provinceCode: r.provinceCode })),
      segment: r.segment,
      late: isTrialLate(r.application, now),
    })),
  };
}

const TRIAL_NEXT = { select: ['applied'], decline: ['applied', 'selected'], hand_over: ['selected'], return: ['handed_over'] } as const;

/** Operators pick applicants (up to the units), hand units over (due back after the loan days) and take them back. */
export async function updateTrialApplication(actor: Actor, input: { applicationId: number; step: keyof typeof TRIAL_NEXT }, now = Date.now()) {
  const result = await withTransaction(async (tx) => {
    // Both locked, the application first: its step is checked, and the programme's units counted, against what is committed.
    const [application] = await forUpdate(tx.select().from(trialApplications).where(eq(trialApplications.id, input.applicationId)));
    if (!application) throw notFound();
    const [programme] = await forUpdate(tx.select().from(trialProgrammes).where(eq(trialProgrammes.id, application.programmeId)));
    const service = await loadService(tx, programme!.serviceId);
    const staff = requireServiceStaff(actor, service.provinceCode);
    if (!(TRIAL_NEXT[input.step] as readonly string[]).includes(application.status)) throw new DomainError('trial_step_refused', 'conflict', { from: application.status, step: input.step });
    if (input.step === 'select') {
      const [taken] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(trialApplications)
        .where(and(eq(trialApplications.programmeId, programme!.id), inArray(trialApplications.status, [...UNIT_TAKEN_STATUSES])));
      if ((taken?.n ?? 0) >= programme!.units) throw new DomainError('trial_units_taken', 'conflict', { units: programme!.units });
    }
    const changes =
      input.step === 'select'
        ? { status: 'selected' as const }
        : input.step === 'decline'
          ? { status: 'declined' as const }
          : input.step === 'hand_over'
            ? { status: 'handed_over' as const, handedOverAt: now, dueAt: now + programme!.loanDays * DAY }
            : { status: 'returned' as const, returnedAt: now };
    const [after] = await tx.update(trialApplications).set({ ...changes, staffId: staffIdOf(staff) }).where(eq(trialApplications.id, application.id)).returning();
    await recordActivity(tx, { customerId: application.customerId, kind: 'trial', clubCode: 'handset', refType: 'trial_application', refId: application.id, staffId: staffIdOf(staff), occurredAt: now, data: { step: input.step, programme: programme!.titleZh, programmeEn: programme!.titleEn, late: input.step === 'return' ? isTrialLate(after!, now) : false } });
    if (input.step === 'select' || input.step === 'decline') {
      const customer = await loadCustomer(tx, application.customerId);
      await notifyCustomer(tx, customer, input.step === 'select' ? 'trial_selected' : 'trial_declined', { event: programme!.titleZh, time: smsTime(programme!.closesAt), ...englishNames(programme!.titleEn) });
    }
    await audit(tx, staff, { action: `trial.${input.step}`, entityType: 'trial_application', entityId: application.id, before: { status: application.status }, after: changes, provinceCode: service.provinceCode });
    return { ...after!, late: isTrialLate(after!, now) };
  });
  deliverSoon();
  return result;
}

/** A member's trial applications. */
export async function listMyTrialApplications(actor: Actor, now = Date.now()) {
  if (actor.kind !== 'member') throw forbidden();
  const rows = await getReader()
    .select({ application: trialApplications, titleZh: trialProgrammes.titleZh, titleEn: trialProgrammes.titleEn })
    .from(trialApplications)
    .innerJoin(trialProgrammes, eq(trialProgrammes.id, trialApplications.programmeId))
    .where(eq(trialApplications.customerId, actor.customerId))
    .orderBy(desc(trialApplications.appliedAt));
  return rows.map((r) => ({ ...r.application, titleZh: r.titleZh, titleEn: r.titleEn, late: isTrialLate(r.application, now) }));
}

/** Adds a loaner phone to a hall's inventory. */
export async function addLoaner(actor: Actor, input: { provinceCode?: string; hallId: number; model: string; imei: string; condition: string }) {
  const province = workingProvince(actor, input.provinceCode);
  const staff = requireServiceStaff(actor, province);
  if (!/^\d{15}$/.test(input.imei)) throw new DomainError('invalid_imei', 'invalid_input', {}, { imei: 'invalid_imei' });
  return withTransaction(async (tx) => {
    const [exists] = await tx.select({ id: loanerPhones.id }).from(loanerPhones).where(eq(loanerPhones.imei, input.imei));
    if (exists) throw new DomainError('imei_taken', 'conflict', {}, { imei: 'imei_taken' });
    const hall = await activeHallOf(tx, input.hallId, province, 'hallId');
    const [phone] = await tx
      .insert(loanerPhones)
      .values({ provinceCode: province, hallId: hall.id, hall: hall.nameZh, model: input.model, imei: input.imei, condition: input.condition })
      .returning();
    await audit(tx, staff, { action: 'loaner.add', entityType: 'loaner_phone', entityId: phone!.id, after: phone, provinceCode: province });
    return phone!;
  });
}

/** A province's loaner inventory with each phone's open loan, and the loans overdue. */
export async function listLoaners(actor: Actor, provinceCode?: string, now = Date.now()) {
  const province = workingProvince(actor, provinceCode);
  requireServiceStaff(actor, province);
  const rows = await getReader()
    .select({ phone: loanerPhones, hallNameEn: halls.nameEn, loan: loanerLoans, name: customers.name, mobile: customers.mobile, customerProvince: customers.provinceCode })
    .from(loanerPhones)
    .leftJoin(halls, eq(halls.id, loanerPhones.hallId))
    .leftJoin(loanerLoans, and(eq(loanerLoans.loanerId, loanerPhones.id), isNull(loanerLoans.returnedAt)))
    .leftJoin(customers, eq(customers.id, loanerLoans.customerId))
    .where(eq(loanerPhones.provinceCode, province))
    .orderBy(asc(loanerPhones.hall), asc(loanerPhones.model), asc(loanerPhones.id));
  const phones = rows.map((r) => ({
    ...r.phone,
    hallNameEn: r.hallNameEn,
    loan: r.loan
      ? {
          ...r.loan,
          overdue: now > r.loan.dueAt,
          ...presentIdentity({ name: r.name ?? '', mobile: r.mobile ?? '' }, seesIdentity(actor, { id: r.loan.customerId, provinceCode: r.customerProvince ?? '' })),
        }
      : null,
  }));
  return { phones, overdue: phones.filter((p) => p.loan?.overdue) };
}

/** Lends a loaner to a repair booking's customer; a phone already out is refused, by the rules and by the database. */
export async function lendLoaner(actor: Actor, input: { loanerId: number; bookingId: number; dueAt: number }, now = Date.now()) {
  return withTransaction(async (tx) => {
    // Locked: of two operators lending the phone at once, the second sees it lent.
    const [phone] = await forUpdate(tx.select().from(loanerPhones).where(eq(loanerPhones.id, input.loanerId)));
    if (!phone) throw notFound();
    const staff = requireServiceStaff(actor, phone.provinceCode);
    const { booking, service } = await loadBooking(tx, input.bookingId);
    if (service.provinceCode !== phone.provinceCode) throw notFound();
    if (service.kind !== 'booked_repair' && service.kind !== 'onsite_repair') throw new DomainError('not_a_repair');
    if (booking.status === 'cancelled' || booking.status === 'done') throw new DomainError('booking_finished', 'conflict');
    const [open] = await tx.select({ id: loanerLoans.id }).from(loanerLoans).where(and(eq(loanerLoans.loanerId, phone.id), isNull(loanerLoans.returnedAt)));
    const refusal = lendRefusal(phone, Boolean(open));
    if (refusal) refuse(refusal);
    const [lentForBooking] = await tx.select({ id: loanerLoans.id }).from(loanerLoans).where(and(eq(loanerLoans.bookingId, booking.id), isNull(loanerLoans.returnedAt)));
    if (lentForBooking) throw new DomainError('booking_has_loaner', 'conflict');
    if (!(input.dueAt > now)) throw new DomainError('due_in_past', 'invalid_input', {}, { dueAt: 'due_in_past' });
    const [loan] = await tx
      .insert(loanerLoans)
      .values({ loanerId: phone.id, bookingId: booking.id, customerId: booking.customerId, lentAt: now, dueAt: input.dueAt, staffId: staffIdOf(staff) })
      .returning();
    await tx.update(loanerPhones).set({ status: 'lent' }).where(eq(loanerPhones.id, phone.id));
    await recordActivity(tx, { customerId: booking.customerId, kind: 'loan', clubCode: 'handset', refType: 'loaner_loan', refId: loan!.id, staffId: staffIdOf(staff), occurredAt: now, data: { step: 'lent', model: phone.model, dueAt: input.dueAt } });
    await audit(tx, staff, { action: 'loaner.lend', entityType: 'loaner_loan', entityId: loan!.id, after: loan, provinceCode: phone.provinceCode });
    return loan!;
  });
}

/** Takes a loaner back, noting its condition. */
export async function returnLoaner(actor: Actor, input: { loanId: number; condition: string }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const [loan] = await forUpdate(tx.select().from(loanerLoans).where(eq(loanerLoans.id, input.loanId)));
    if (!loan) throw notFound();
    const [phone] = await tx.select().from(loanerPhones).where(eq(loanerPhones.id, loan.loanerId));
    const staff = requireServiceStaff(actor, phone!.provinceCode);
    if (loan.returnedAt !== null) throw new DomainError('loan_returned', 'conflict');
    await tx.update(loanerLoans).set({ returnedAt: now, conditionOnReturn: input.condition }).where(eq(loanerLoans.id, loan.id));
    await tx.update(loanerPhones).set({ status: 'available', condition: input.condition || phone!.condition }).where(eq(loanerPhones.id, phone!.id));
    await recordActivity(tx, { customerId: loan.customerId, kind: 'loan', clubCode: 'handset', refType: 'loaner_loan', refId: loan.id, staffId: staffIdOf(staff), occurredAt: now, data: { step: 'returned', model: phone!.model, late: now > loan.dueAt } });
    await audit(tx, staff, { action: 'loaner.return', entityType: 'loaner_loan', entityId: loan.id, after: { returnedAt: now, condition: input.condition }, provinceCode: phone!.provinceCode });
    return { loanId: loan.id, late: now > loan.dueAt };
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

/**
 * A province's trial programmes for its operators, newest first, with applicants, units taken and
 * units late. Old programmes stay listed (unlike the catalogue's): a unit may still be out.
 */
export async function listTrialProgrammes(actor: Actor, provinceCode?: string, now = Date.now()) {
  const province = workingProvince(actor, provinceCode);
  requireServiceStaff(actor, province);
  const db = getReader();
  const rows = await db
    .select({ programme: trialProgrammes, serviceKind: services.kind, serviceNameZh: services.nameZh, serviceNameEn: services.nameEn })
    .from(trialProgrammes)
    .innerJoin(services, eq(services.id, trialProgrammes.serviceId))
    .where(eq(services.provinceCode, province))
    .orderBy(desc(trialProgrammes.opensAt), desc(trialProgrammes.id))
    .limit(200);
  const applications = await db
    .select({ programmeId: trialApplications.programmeId, status: trialApplications.status, handedOverAt: trialApplications.handedOverAt, dueAt: trialApplications.dueAt, returnedAt: trialApplications.returnedAt })
    .from(trialApplications)
    .where(and(inArray(trialApplications.programmeId, rows.map((r) => r.programme.id).concat(-1)), ne(trialApplications.status, 'withdrawn')));
  return rows.map(({ programme, ...service }) => {
    const own = applications.filter((a) => a.programmeId === programme.id);
    return {
      ...programme,
      ...service,
      applicants: own.length,
      taken: own.filter((a) => takesUnit(a.status)).length,
      late: own.filter((a) => isTrialLate(a, now)).length,
    };
  });
}

import 'server-only';
import { and, asc, desc, eq, gte, isNull, lt, ne } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { customers, halls, loanerLoans, loanerPhones, pointsLedger, serviceBookings, services, serviceSlots, type BookingStatus } from '@/db/schema';
import { canActForCustomer, isAccountManagerOf, seesIdentity, workingProvince, type Actor } from '@/lib/domain/access';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { serviceMessageParams } from '@/lib/domain/notifications';
import { bookingRefusal, bookingTransitionRefusal, memberCancelRefusal } from '@/lib/domain/service-rules';
import { DAY } from '@/lib/domain/time';
import type { Channel } from '@/lib/domain/types';
import { recordActivity } from '../activity';
import { audit } from '../audit';
import { getHqSettings } from '../hq-settings';
import { notifyCustomer } from '../notifications';
import { deliverSoon } from '../outbox';
import { hallOfSlot, withHall, requireServiceStaff, staffIdOf, refuse, loadService, serviceAccessOf, loadCustomer, customerIdFor, loadBooking, runServiceWrite, serviceChannel } from './shared';

/**
 * Books a slot for a handset club member, in one transaction: the rules (VIP priority window,
 * capacity, one booking per slot), the points, the activity record and a message. The slot is
 * read locked (db/concurrency.ts), so that its count of bookings still holds when the booking is
 * written, whoever books at the same time; its counter, kept by a trigger, refuses any
 * overbooking whatever code writes. Staff name the channel the customer asked through (a hall
 * by default; a VIP's account manager books for their own VIPs whatever their clubs).
 */
export async function bookService(
  actor: Actor,
  input: { slotId: number; customerId?: number; address?: string; description?: string; channel?: Exclude<Channel, 'web'>; idempotencyKey?: string },
  now = Date.now(),
) {
  const request = { op: 'service.book', slotId: input.slotId, customerId: input.customerId ?? null, address: input.address ?? null, description: input.description ?? null, channel: input.channel ?? null };
  const result = await runServiceWrite(actor, input.idempotencyKey, request, async (tx) => {
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
    await recordActivity(tx, { customerId: customer.id, kind: 'service_booked', clubCode: 'handset', refType: 'service_booking', refId: booking!.id, channel: serviceChannel(actor, input.channel), staffId: staffIdOf(actor), occurredAt: now, data: { service: service.kind, slotStartsAt: slot.startsAt, place: slot.place } });
    await notifyCustomer(tx, customer, 'service_booked', serviceMessageParams(service, slot));
    await audit(tx, actor, { action: 'service.book', entityType: 'service_booking', entityId: booking!.id, after: booking, provinceCode: service.provinceCode });
    return booking!;
  }, now);
  deliverSoon();
  return result;
}

/** Gives back a booking's points, once: refunded_at marks it. */
async function refundBooking(tx: Tx, booking: { id: number; customerId: number; pointsPaid: number; refundedAt: number | null }, staffId: number | null, now: number) {
  if (booking.refundedAt !== null || booking.pointsPaid === 0) return;
  await tx.insert(pointsLedger).values({ customerId: booking.customerId, delta: booking.pointsPaid, reason: 'refund', refType: 'service_booking', refId: booking.id, createdByStaffId: staffId, createdAt: now });
  await tx.update(serviceBookings).set({ refundedAt: now }).where(and(eq(serviceBookings.id, booking.id), isNull(serviceBookings.refundedAt)));
}


/**
 * Cancels a booking: a member before the slot, an operator any time before it is done (with a
 * reason). Points go back once; the freed place returns to the slot through its counter.
 */
export async function cancelBooking(actor: Actor, input: { bookingId: number; reason?: string; idempotencyKey?: string }, now = Date.now()) {
  const request = { op: 'service.cancel', bookingId: input.bookingId, reason: input.reason ?? null };
  const result = await runServiceWrite(actor, input.idempotencyKey, request, async (tx) => {
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
  }, now);
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

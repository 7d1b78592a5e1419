import 'server-only';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { withTransaction, type Db, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { customers, halls, memberships, serviceBookings, services, serviceSlots } from '@/db/schema';
import { actingChannel, coversClub, coversProvince, isOperational, type Actor } from '@/lib/domain/access';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { serviceAccessRefusal } from '@/lib/domain/service-rules';
import type { Channel, Segment } from '@/lib/domain/types';
import type { HqSettings } from '@/lib/domain/hq-settings';
import { getHqSettings } from '../hq-settings';
import { runIdempotent } from '../idempotency';

/** A slot's place in English (its hall's English name, or the on-site area's) and its hall's address (none for on-site repair). */
export const hallOfSlot = { placeEn: sql<string | null>`coalesce(${halls.nameEn}, ${serviceSlots.placeEn})`, hallAddress: halls.address };
export const withHall = <S>(r: { slot: S; placeEn: string | null; hallAddress: string | null }) => ({ ...r.slot, placeEn: r.placeEn, hallAddress: r.hallAddress });

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
export async function activeHallOf(tx: Tx, hallId: number, provinceCode: string, field: string) {
  const [hall] = await tx.select().from(halls).where(eq(halls.id, hallId));
  if (!hall || hall.provinceCode !== provinceCode || !hall.active) throw new DomainError('hall_unavailable', 'invalid_input', {}, { [field]: 'hall_unavailable' });
  return hall;
}

export const staffIdOf = (actor: Actor) => (actor.kind === 'staff' ? actor.staffId : null);

export function refuse(refusal: { code: string; params?: Record<string, string | number> }, category: 'invalid_input' | 'conflict' = 'invalid_input'): never {
  throw new DomainError(refusal.code, refusal.code === 'slot_full' || refusal.code === 'already_booked' || refusal.code === 'loaner_already_lent' ? 'conflict' : category, refusal.params);
}

export async function loadService(tx: Tx, serviceId: number) {
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
export async function serviceAccessOf(db: Db | Tx, customer: { id: number; segment: Segment }, settings?: HqSettings) {
  const { serviceAccess } = settings ?? (await getHqSettings(db));
  const member = await isHandsetMember(db, customer.id);
  return { isHandsetMember: member, refusal: serviceAccessRefusal(serviceAccess, { segment: customer.segment, isHandsetMember: member }) };
}

/**
 * A customer, locked when read in a transaction (db/concurrency.ts): a booking decides from the
 * balance. Customers are locked last, after the slot, booking or programme.
 */
export async function loadCustomer(db: Db, customerId: number, options: { lock: boolean } = { lock: true }) {
  const query = db
    .select({ id: customers.id, mobile: customers.mobile, status: customers.status, segment: customers.segment, provinceCode: customers.provinceCode, accountManagerId: customers.accountManagerId, points: customers.pointsBalance })
    .from(customers)
    .where(eq(customers.id, customerId));
  const [c] = await (options.lock ? forUpdate(query) : query);
  if (!c) throw notFound();
  return c;
}

/** The customer a booking or application is for: the member themself, or one an operator acts for. */
export function customerIdFor(actor: Actor, requested: number | undefined): number {
  if (actor.kind === 'member') return actor.customerId;
  if (requested === undefined) throw new DomainError('customer_required');
  return requested;
}

/** A booking to change, locked (db/concurrency.ts): two operators' steps (or a refund) do not both pass its status check. */
export async function loadBooking(tx: Tx, bookingId: number) {
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
 * Runs a service write in one transaction, once per Idempotency-Key where the caller gives one (the
 * desk's forms, so that a double click books once) and always for the channels' systems, which
 * runIdempotent refuses without a key; members' own forms are kept to one booking per slot by the rules.
 */
export function runServiceWrite<T>(actor: Actor, idempotencyKey: string | undefined, request: unknown, work: (tx: Tx) => Promise<T>, now: number): Promise<T> {
  return idempotencyKey !== undefined || actor.kind === 'channel' ? runIdempotent(actor, idempotencyKey, request, work, now) : withTransaction(work);
}

/** The channel a service act came through: a member's own is the web, a system's its token's; staff name it (a hall when they do not). */
export function serviceChannel(actor: Actor, requested: Channel | undefined): Channel {
  return actingChannel(actor, actor.kind === 'staff' ? (requested ?? 'hall') : requested);
}

import 'server-only';
import { and, asc, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import { getReader, withTransaction, type Db, type Tx } from '@/db/client';
import { isUniqueViolation } from '@/db/sql';
import { customers, halls, hallVisits, serviceBookings, services, serviceSlots } from '@/db/schema';
import { coversProvince, isOperational, seesIdentity, type Actor } from '@/lib/domain/access';
import { DomainError, notFound } from '@/lib/domain/errors';
import { readHallCode, signHallCode } from '@/lib/domain/hall-codes';
import { queueOrder, visitDayOf, visitStepRefusal, type VisitArrival, type VisitPurpose } from '@/lib/domain/hall-visits';
import { presentIdentity } from '@/lib/domain/masking';
import { normalizeMobile } from '@/lib/domain/mobile';
import { DAY, shanghaiInstant } from '@/lib/domain/time';
import { recordActivity } from './activity';
import { audit } from './audit';
import { derivedKey } from './secrets';

/** A hall's queue is run by operators of its province, whatever their clubs (the hall serves every customer), and by admins. */
function requireHallStaff(actor: Actor, provinceCode: string) {
  if (!isOperational(actor) || actor.kind !== 'staff' || !coversProvince(actor, provinceCode)) throw notFound();
  return actor;
}

async function loadHall(db: Db | Tx, hallId: number) {
  const [hall] = await db.select().from(halls).where(eq(halls.id, hallId));
  if (!hall) throw notFound();
  return hall;
}

/** The active halls of a province with how many wait in each now: the way into their queues. */
export async function listQueueHalls(actor: Actor, provinceCode: string, now = Date.now()) {
  requireHallStaff(actor, provinceCode);
  const db = getReader();
  const list = await db.select().from(halls).where(and(eq(halls.provinceCode, provinceCode), eq(halls.active, true))).orderBy(asc(halls.city), asc(halls.nameZh));
  const waiting = await db
    .select({ hallId: hallVisits.hallId })
    .from(hallVisits)
    .where(and(inArray(hallVisits.hallId, list.map((h) => h.id).concat(-1)), eq(hallVisits.day, visitDayOf(now)), eq(hallVisits.status, 'waiting')));
  return list.map((h) => ({ ...h, waiting: waiting.filter((w) => w.hallId === h.id).length }));
}

/** The code of a hall's printed QR, for its staff to show: scanning it checks a signed-in member in there. */
export async function getHallCode(actor: Actor, hallId: number) {
  const hall = await loadHall(getReader(), hallId);
  requireHallStaff(actor, hall.provinceCode);
  return { hall, code: signHallCode(hall.id, derivedKey('hall')) };
}

/** The hall a scanned code names, for the member's check-in page; a forged or closed one is not found. */
export async function readHallOfCode(actor: Actor, code: string) {
  if (actor.kind !== 'member') throw notFound();
  const hallId = readHallCode(code, derivedKey('hall'));
  if (hallId === null) throw notFound();
  const hall = await loadHall(getReader(), hallId);
  if (!hall.active) throw notFound();
  return hall;
}

const alreadyQueued = () => new DomainError('visit_already_queued', 'conflict');

/**
 * Writes an arrival: the visit, the customer's activity record, and for staff the audit log. A
 * customer already in this hall's line today is refused by the unique index, whoever checked them
 * in first (a scan and a desk at once).
 */
async function arrive(
  tx: Tx,
  actor: Actor,
  hall: typeof halls.$inferSelect,
  customer: { id: number; segment: (typeof customers.$inferSelect)['segment'] },
  visit: { purpose: VisitPurpose; arrival: VisitArrival; bookingId?: number | null },
  now: number,
) {
  const [open] = await tx
    .select({ id: hallVisits.id })
    .from(hallVisits)
    .where(and(eq(hallVisits.hallId, hall.id), eq(hallVisits.customerId, customer.id), eq(hallVisits.day, visitDayOf(now)), ne(hallVisits.status, 'done')));
  if (open) throw alreadyQueued();
  const staffId = actor.kind === 'staff' ? actor.staffId : null;
  const [row] = await tx
    .insert(hallVisits)
    .values({ hallId: hall.id, customerId: customer.id, segment: customer.segment, purpose: visit.purpose, arrival: visit.arrival, bookingId: visit.bookingId ?? null, day: visitDayOf(now), arrivedAt: now, checkedInByStaffId: staffId, createdAt: now })
    .returning()
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? alreadyQueued() : error;
    });
  await recordActivity(tx, { customerId: customer.id, kind: 'hall_visit', refType: 'hall_visit', refId: row!.id, channel: 'hall', staffId, occurredAt: now, data: { step: 'arrived', place: hall.nameZh, placeEn: hall.nameEn, purpose: visit.purpose } });
  if (actor.kind === 'staff') await audit(tx, actor, { action: 'hall_visit.check_in', entityType: 'hall_visit', entityId: row!.id, after: row, provinceCode: hall.provinceCode });
  return row!;
}

/** Hall staff check a customer in: by mobile number (any province's customer: 全国联保), or from one of today's bookings at the hall. */
export async function checkInVisitor(actor: Actor, input: { hallId: number; purpose: VisitPurpose; mobile?: string; bookingId?: number }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const hall = await loadHall(tx, input.hallId);
    requireHallStaff(actor, hall.provinceCode);
    if (!hall.active) throw new DomainError('hall_unavailable', 'invalid_input');
    if (input.bookingId !== undefined) {
      const [booking] = await tx
        .select({ id: serviceBookings.id, customerId: serviceBookings.customerId, status: serviceBookings.status, hallId: serviceSlots.hallId, startsAt: serviceSlots.startsAt })
        .from(serviceBookings)
        .innerJoin(serviceSlots, eq(serviceSlots.id, serviceBookings.slotId))
        .where(eq(serviceBookings.id, input.bookingId));
      if (!booking || booking.hallId !== hall.id || visitDayOf(booking.startsAt) !== visitDayOf(now)) throw notFound();
      if (booking.status !== 'requested' && booking.status !== 'confirmed') throw new DomainError('booking_not_open_for_visit', 'conflict');
      const [customer] = await tx.select({ id: customers.id, segment: customers.segment }).from(customers).where(eq(customers.id, booking.customerId));
      return arrive(tx, actor, hall, customer!, { purpose: 'service_booking', arrival: 'booking', bookingId: booking.id }, now);
    }
    const mobile = normalizeMobile(input.mobile ?? '');
    if (!mobile) throw new DomainError('invalid_mobile', 'invalid_input', {}, { mobile: 'invalid_mobile' });
    const [customer] = await tx.select({ id: customers.id, segment: customers.segment, status: customers.status }).from(customers).where(eq(customers.mobile, mobile));
    if (!customer) throw new DomainError('visit_customer_unknown', 'invalid_input', {}, { mobile: 'visit_customer_unknown' });
    return arrive(tx, actor, hall, customer, { purpose: input.purpose, arrival: 'staff' }, now);
  });
}

/** A signed-in member checks themself in by the hall's scanned code. */
export async function checkInByHallCode(actor: Actor, input: { code: string; purpose: VisitPurpose }, now = Date.now()) {
  if (actor.kind !== 'member') throw notFound();
  const hallId = readHallCode(input.code, derivedKey('hall'));
  if (hallId === null) throw notFound();
  return withTransaction(async (tx) => {
    const hall = await loadHall(tx, hallId);
    if (!hall.active) throw notFound();
    const [customer] = await tx.select({ id: customers.id, segment: customers.segment }).from(customers).where(eq(customers.id, actor.customerId));
    if (!customer) throw notFound();
    return arrive(tx, actor, hall, customer, { purpose: input.purpose, arrival: 'scan' }, now);
  });
}

/** A member's own place at a hall today: waiting (with how many are ahead in serving order), being served, or none. */
export async function getMyHallVisit(actor: Actor, hallId: number, now = Date.now()) {
  if (actor.kind !== 'member') throw notFound();
  const line = await getReader()
    .select({ id: hallVisits.id, customerId: hallVisits.customerId, segment: hallVisits.segment, arrivedAt: hallVisits.arrivedAt, status: hallVisits.status })
    .from(hallVisits)
    .where(and(eq(hallVisits.hallId, hallId), eq(hallVisits.day, visitDayOf(now)), ne(hallVisits.status, 'done')));
  const mine = line.find((v) => v.customerId === actor.customerId);
  if (!mine) return null;
  const ahead = queueOrder(line.filter((v) => v.status === 'waiting')).findIndex((v) => v.id === mine.id);
  return { status: mine.status, arrivedAt: mine.arrivedAt, ahead: Math.max(0, ahead) };
}

/**
 * Staff call a waiting customer (start) or finish their business. The step is one conditional
 * UPDATE: of two staff tapping at once, one wins and the other hears why; the table's checks
 * refuse a finish before a start whatever code writes.
 */
async function stepVisit(actor: Actor, visitId: number, step: 'start' | 'finish', now: number) {
  return withTransaction(async (tx) => {
    const [found] = await tx.select({ visit: hallVisits, provinceCode: halls.provinceCode, place: halls.nameZh, placeEn: halls.nameEn }).from(hallVisits).innerJoin(halls, eq(halls.id, hallVisits.hallId)).where(eq(hallVisits.id, visitId));
    if (!found) throw notFound();
    const staff = requireHallStaff(actor, found.provinceCode);
    const [after] = await tx
      .update(hallVisits)
      .set(step === 'start' ? { status: 'serving', startedAt: Math.max(now, found.visit.arrivedAt), servedByStaffId: staff.staffId } : { status: 'done', finishedAt: Math.max(now, found.visit.startedAt ?? now) })
      .where(and(eq(hallVisits.id, visitId), eq(hallVisits.status, step === 'start' ? 'waiting' : 'serving')))
      .returning();
    if (!after) {
      const [current] = await tx.select({ status: hallVisits.status }).from(hallVisits).where(eq(hallVisits.id, visitId));
      const refusal = visitStepRefusal(current!.status, step);
      throw new DomainError(refusal?.code ?? 'visit_already_started', 'conflict');
    }
    if (step === 'finish') {
      await recordActivity(tx, { customerId: after.customerId, kind: 'hall_visit', refType: 'hall_visit', refId: after.id, channel: 'hall', staffId: staff.staffId, occurredAt: now, data: { step: 'finished', place: found.place, placeEn: found.placeEn, purpose: after.purpose } });
    }
    await audit(tx, staff, { action: step === 'start' ? 'hall_visit.start' : 'hall_visit.finish', entityType: 'hall_visit', entityId: after.id, before: found.visit, after, provinceCode: found.provinceCode });
    return after;
  });
}

export const startVisit = (actor: Actor, visitId: number, now = Date.now()) => stepVisit(actor, visitId, 'start', now);
export const finishVisit = (actor: Actor, visitId: number, now = Date.now()) => stepVisit(actor, visitId, 'finish', now);

/**
 * A hall's queue today: the waiting line in serving order (VIPs first), those being served, how many
 * were served today, and today's bookings at the hall not yet checked in.
 */
export async function getHallQueue(actor: Actor, hallId: number, now = Date.now()) {
  const db = getReader();
  const hall = await loadHall(db, hallId);
  requireHallStaff(actor, hall.provinceCode);
  const day = visitDayOf(now);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dayStart = shanghaiInstant(y, m, d);
  const rows = await db
    .select({ visit: hallVisits, name: customers.name, mobile: customers.mobile, provinceCode: customers.provinceCode })
    .from(hallVisits)
    .innerJoin(customers, eq(customers.id, hallVisits.customerId))
    .where(and(eq(hallVisits.hallId, hall.id), eq(hallVisits.day, day)))
    .orderBy(asc(hallVisits.arrivedAt));
  const people = rows.map((r) => ({ ...r.visit, ...presentIdentity({ name: r.name, mobile: r.mobile }, seesIdentity(actor, { id: r.visit.customerId, provinceCode: r.provinceCode })) }));
  const queued = new Set(people.filter((p) => p.bookingId !== null).map((p) => p.bookingId));
  const bookings = await db
    .select({ id: serviceBookings.id, customerId: serviceBookings.customerId, startsAt: serviceSlots.startsAt, serviceKind: services.kind, name: customers.name, mobile: customers.mobile, provinceCode: customers.provinceCode })
    .from(serviceBookings)
    .innerJoin(serviceSlots, eq(serviceSlots.id, serviceBookings.slotId))
    .innerJoin(services, eq(services.id, serviceBookings.serviceId))
    .innerJoin(customers, eq(customers.id, serviceBookings.customerId))
    .where(and(eq(serviceSlots.hallId, hall.id), gte(serviceSlots.startsAt, dayStart), lt(serviceSlots.startsAt, dayStart + DAY), inArray(serviceBookings.status, ['requested', 'confirmed'])))
    .orderBy(asc(serviceSlots.startsAt));
  return {
    hall,
    day,
    waiting: queueOrder(people.filter((p) => p.status === 'waiting')),
    serving: people.filter((p) => p.status === 'serving'),
    servedToday: people.filter((p) => p.status === 'done').length,
    bookings: bookings
      .filter((b) => !queued.has(b.id))
      .map((b) => ({ id: b.id, startsAt: b.startsAt, serviceKind: b.serviceKind, ...presentIdentity({ name: b.name, mobile: b.mobile }, seesIdentity(actor, { id: b.customerId, provinceCode: b.provinceCode })) })),
  };
}

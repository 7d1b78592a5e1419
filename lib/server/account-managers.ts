import 'server-only';
import { and, asc, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { callbacks, customers, events, halls, registrations, services, serviceSlots, staff } from '@/db/schema';
import { canActForCustomer, coversProvince, isOperational, type Actor } from '@/lib/domain/access';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { BOOKABLE_KINDS } from '@/lib/domain/service-rules';
import { HOUR } from '@/lib/domain/time';
import { recordActivity } from './activity';
import { audit } from './audit';

/** The active account managers of a province, for the operators and admins who assign them. */
export async function listAccountManagers(actor: Actor, provinceCode: string) {
  if (!isOperational(actor) || !coversProvince(actor, provinceCode)) throw notFound();
  return getReader()
    .select({ id: staff.id, name: staff.displayName })
    .from(staff)
    .where(and(eq(staff.role, 'account_manager'), eq(staff.provinceCode, provinceCode), eq(staff.active, true)))
    .orderBy(asc(staff.displayName), asc(staff.id));
}

/**
 * Gives a VIP an account manager (or takes theirs away): operators of the customer's province and
 * admins; only an active account manager of that province. The VIP's open periodic callbacks go to
 * the new manager (or back to the hotline). On the customer's record and in the audit log.
 */
export async function assignAccountManager(actor: Actor, input: { customerId: number; staffId: number | null }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const [customer] = await forUpdate(
      tx.select({ id: customers.id, segment: customers.segment, provinceCode: customers.provinceCode, accountManagerId: customers.accountManagerId }).from(customers).where(eq(customers.id, input.customerId)),
    );
    if (!customer || !isOperational(actor) || !canActForCustomer(actor, customer)) throw notFound();
    if (customer.segment !== 'postpaid_vip' && input.staffId !== null) throw new DomainError('account_manager_vip_only', 'conflict');
    const manager = input.staffId === null ? null : await activeManager(tx, input.staffId, customer.provinceCode);
    if (input.staffId !== null && !manager) throw new DomainError('account_manager_invalid', 'invalid_input', {}, { staffId: 'account_manager_invalid' });
    if (customer.accountManagerId === input.staffId) return { customerId: customer.id, staffId: input.staffId };
    await tx.update(customers).set({ accountManagerId: input.staffId, updatedAt: now }).where(eq(customers.id, customer.id));
    await tx
      .update(callbacks)
      .set({ assignedStaffId: input.staffId })
      .where(and(eq(callbacks.customerId, customer.id), eq(callbacks.kind, 'periodic'), eq(callbacks.status, 'open')));
    await recordActivity(tx, {
      customerId: customer.id,
      kind: 'account_manager',
      staffId: actor.kind === 'staff' ? actor.staffId : null,
      occurredAt: now,
      data: { step: manager ? 'assigned' : 'removed', manager: manager?.name ?? null },
    });
    await audit(tx, actor, {
      action: 'customer.account_manager',
      entityType: 'customer',
      entityId: customer.id,
      before: { accountManagerId: customer.accountManagerId },
      after: { accountManagerId: input.staffId },
      provinceCode: customer.provinceCode,
    });
    return { customerId: customer.id, staffId: input.staffId };
  });
}

async function activeManager(tx: Tx, staffId: number, provinceCode: string) {
  const [row] = await tx
    .select({ id: staff.id, name: staff.displayName })
    .from(staff)
    .where(and(eq(staff.id, staffId), eq(staff.role, 'account_manager'), eq(staff.provinceCode, provinceCode), eq(staff.active, true)));
  return row;
}

const UPCOMING_PER_VIP = 3;

/**
 * An account manager's VIPs: each with their next events (live tickets, soonest first) and the
 * open callbacks assigned to the manager. Their own VIPs only.
 */
export async function listMyVips(actor: Actor, now = Date.now()) {
  if (actor.kind !== 'staff' || actor.role !== 'account_manager') throw forbidden();
  const db = getReader();
  const vips = await db
    .select({ id: customers.id, name: customers.name, mobile: customers.mobile, segment: customers.segment, status: customers.status })
    .from(customers)
    .where(and(eq(customers.accountManagerId, actor.staffId), eq(customers.provinceCode, actor.provinceCode!)))
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(500);
  const ids = vips.map((v) => v.id);
  if (ids.length === 0) return [];
  const [tickets, tasks] = await Promise.all([
    db
      .select({ customerId: registrations.customerId, id: registrations.id, status: registrations.status, eventId: events.id, titleZh: events.titleZh, titleEn: events.titleEn, startsAt: events.startsAt })
      .from(registrations)
      .innerJoin(events, eq(events.id, registrations.eventId))
      .where(and(inArray(registrations.customerId, ids), inArray(registrations.status, ['confirmed', 'waitlisted']), gt(events.startsAt, now)))
      .orderBy(asc(events.startsAt), asc(registrations.id)),
    db
      .select({ customerId: callbacks.customerId, id: callbacks.id, dueAt: callbacks.dueAt, nextAttemptAt: callbacks.nextAttemptAt, attempts: callbacks.attempts })
      .from(callbacks)
      .where(and(inArray(callbacks.customerId, ids), eq(callbacks.assignedStaffId, actor.staffId), eq(callbacks.status, 'open')))
      .orderBy(asc(callbacks.dueAt)),
  ]);
  return vips.map((v) => ({
    ...v,
    tickets: tickets.filter((t) => t.customerId === v.id).slice(0, UPCOMING_PER_VIP),
    callbacks: tasks.filter((t) => t.customerId === v.id),
  }));
}

/**
 * The handset service slots still ahead with room in the manager's province that are open to VIPs
 * (their priority window has begun), which the manager may book for their VIPs, all of whom live
 * there. Whether one VIP may take one (points, a booking already held) is the booking's rule,
 * answered when they book.
 */
export async function listSlotsForMyVips(actor: Actor, now = Date.now()) {
  if (actor.kind !== 'staff' || actor.role !== 'account_manager') throw forbidden();
  return getReader()
    .select({
      id: serviceSlots.id,
      kind: services.kind,
      serviceZh: services.nameZh,
      serviceEn: services.nameEn,
      place: serviceSlots.place,
      placeEn: sql<string | null>`coalesce(${halls.nameEn}, ${serviceSlots.placeEn})`,
      startsAt: serviceSlots.startsAt,
      seatsLeft: sql<number>`${serviceSlots.capacity} - ${serviceSlots.booked}`.mapWith(Number),
      pricePoints: services.pricePoints,
    })
    .from(serviceSlots)
    .innerJoin(services, eq(services.id, serviceSlots.serviceId))
    .leftJoin(halls, eq(halls.id, serviceSlots.hallId))
    .where(
      and(
        eq(services.provinceCode, actor.provinceCode!),
        eq(services.active, true),
        inArray(services.kind, [...BOOKABLE_KINDS]),
        gt(serviceSlots.startsAt, now),
        lt(serviceSlots.booked, serviceSlots.capacity),
        lte(sql`${serviceSlots.opensAt} - ${services.vipPriorityHours} * ${HOUR}`, now),
      ),
    )
    .orderBy(asc(serviceSlots.startsAt), asc(serviceSlots.id))
    .limit(100);
}

import 'server-only';
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { activities, charges, customers, events, pointsLedger, prepaidLedger, provinces, registrations, serviceBookings, services, staff } from '@/db/schema';
import { canReadCustomer, isHq, isOperational, seesIdentity, type Actor } from '@/lib/domain/access';
import { forbidden, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { normalizeMobile } from '@/lib/domain/mobile';
import { pageNumber } from '@/lib/domain/paging';
import { listMembershipPeriods } from './memberships';

const LEDGER_PAGE = 100;
export const TIMELINE_PAGE_SIZE = 20;

/** Loads a customer the actor may read. Outside the actor's scope it does not exist (no probing by id). */
async function readableCustomer(actor: Actor, customerId: number) {
  const [customer] = await getReader()
    .select({
      id: customers.id,
      mobile: customers.mobile,
      name: customers.name,
      segment: customers.segment,
      status: customers.status,
      provinceCode: customers.provinceCode,
      accountManagerId: customers.accountManagerId,
      provinceZh: provinces.nameZh,
      provinceEn: provinces.nameEn,
      pointsBalance: customers.pointsBalance,
      prepaidBalanceFen: customers.prepaidBalanceFen,
      webAccess: sql<boolean>`${customers.passwordHash} is not null`.mapWith(Boolean),
      createdAt: customers.createdAt,
    })
    .from(customers)
    .innerJoin(provinces, eq(provinces.code, customers.provinceCode))
    .where(eq(customers.id, customerId));
  if (!customer || !canReadCustomer(actor, customer)) throw notFound();
  return presentIdentity(customer, seesIdentity(actor, customer));
}

/** The customer record (客户资料): identity (masked where the actor may not see it), balances, memberships. */
export async function getCustomerRecord(actor: Actor, customerId: number) {
  if (actor.kind !== 'member' && !isOperational(actor)) throw forbidden();
  const customer = await readableCustomer(actor, customerId);
  return { customer, memberships: await listMembershipPeriods(customerId) };
}

/** The customer with their segment and balances, without their ledgers (a member's event page). */
export function getCustomerSummary(actor: Actor, customerId: number) {
  return readableCustomer(actor, customerId);
}

/** Balances and the latest ledger rows of one customer, for whoever may read that customer. */
export async function getCustomerBalances(actor: Actor, customerId: number) {
  const customer = await readableCustomer(actor, customerId);
  const db = getReader();
  // Each line names what it was for, in both languages: the event of a registration (and its
  // refund), the service of a booking; other lines keep their note.
  const ledgerLines = (ledger: typeof pointsLedger | typeof prepaidLedger, delta: SQL<number>) =>
    db
      .select({
        id: ledger.id,
        reason: ledger.reason,
        note: ledger.note,
        externalRef: ledger.externalRef,
        createdAt: ledger.createdAt,
        delta,
        eventId: events.id,
        eventZh: events.titleZh,
        eventEn: events.titleEn,
        serviceZh: services.nameZh,
        serviceEn: services.nameEn,
      })
      .from(ledger)
      .leftJoin(registrations, and(eq(ledger.refType, 'registration'), eq(registrations.id, ledger.refId)))
      .leftJoin(events, eq(events.id, registrations.eventId))
      .leftJoin(serviceBookings, and(eq(ledger.refType, 'service_booking'), eq(serviceBookings.id, ledger.refId)))
      .leftJoin(services, eq(services.id, serviceBookings.serviceId))
      .where(eq(ledger.customerId, customerId))
      .orderBy(desc(ledger.createdAt), desc(ledger.id))
      .limit(LEDGER_PAGE);
  const [points, prepaid, bill] = await Promise.all([
    ledgerLines(pointsLedger, sql<number>`${pointsLedger.delta}`),
    customer.segment === 'prepaid' || customer.prepaidBalanceFen > 0 ? ledgerLines(prepaidLedger, sql<number>`${prepaidLedger.deltaFen}`) : null,
    db
      .select({ id: charges.id, amountFen: charges.amountFen, description: charges.description, createdAt: charges.createdAt, eventId: events.id, eventZh: events.titleZh, eventEn: events.titleEn })
      .from(charges)
      .leftJoin(registrations, eq(registrations.id, charges.registrationId))
      .leftJoin(events, eq(events.id, registrations.eventId))
      .where(eq(charges.customerId, customerId))
      .orderBy(desc(charges.createdAt), desc(charges.id))
      .limit(LEDGER_PAGE),
  ]);
  return { customer, points, prepaid, charges: bill };
}

/** One page of the activity timeline, newest first. Staff names are shown to staff only. */
export async function getActivityTimeline(actor: Actor, customerId: number, page: number) {
  await readableCustomer(actor, customerId);
  const db = getReader();
  const offset = (pageNumber(page) - 1) * TIMELINE_PAGE_SIZE;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: activities.id,
        kind: activities.kind,
        clubCode: activities.clubCode,
        channel: activities.channel,
        occurredAt: activities.occurredAt,
        data: activities.data,
        eventId: activities.eventId,
        eventTitleZh: events.titleZh,
        eventTitleEn: events.titleEn,
        staffName: staff.displayName,
      })
      .from(activities)
      .leftJoin(events, eq(events.id, activities.eventId))
      .leftJoin(staff, eq(staff.id, activities.staffId))
      .where(eq(activities.customerId, customerId))
      .orderBy(desc(activities.occurredAt), desc(activities.id))
      .limit(TIMELINE_PAGE_SIZE)
      .offset(offset),
    db.select({ n: sql<number>`count(*)` }).from(activities).where(eq(activities.customerId, customerId)),
  ]);
  const showStaff = actor.kind === 'staff';
  return { total: total?.n ?? 0, rows: rows.map((r) => ({ ...r, staffName: showStaff ? r.staffName : null })) };
}

const SEARCH_LIMIT = 20;

/**
 * Finds customers in the actor's scope by full mobile number or by name (prefix). Operators and
 * admins only; names and numbers are masked where the actor may not see them.
 */
export async function searchCustomers(actor: Actor, query: string) {
  if (!isOperational(actor)) throw forbidden();
  const q = query.trim();
  if (!q) return [];
  const mobile = normalizeMobile(q);
  const scope: SQL | undefined = isHq(actor) || !actor.provinceCode ? undefined : eq(customers.provinceCode, actor.provinceCode);
  const match: SQL = mobile
    ? eq(customers.mobile, mobile)
    : // A range on the name index: every name that starts with q.
      and(gte(customers.name, q), lt(customers.name, `${q}\u{10FFFF}`))!;
  const rows = await getReader()
    .select({
      id: customers.id,
      mobile: customers.mobile,
      name: customers.name,
      segment: customers.segment,
      status: customers.status,
      provinceCode: customers.provinceCode,
      provinceZh: provinces.nameZh,
      provinceEn: provinces.nameEn,
    })
    .from(customers)
    .innerJoin(provinces, eq(provinces.code, customers.provinceCode))
    .where(scope ? and(match, scope) : match)
    .orderBy(asc(customers.name), asc(customers.id))
    .limit(SEARCH_LIMIT);
  return rows.map((r) => presentIdentity(r, seesIdentity(actor, r)));
}

import 'server-only';
import { and, asc, desc, eq, gte, isNull, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { isUniqueViolation } from '@/db/sql';
import { clubs, customers, memberships } from '@/db/schema';
import { actingChannel, canActForCustomer, coversClub, isHq, isOperational, type Actor } from '@/lib/domain/access';
import { joinRefusal, leaveRefusal } from '@/lib/domain/eligibility';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { seesIdentity } from '@/lib/domain/access';
import { shanghaiInstant } from '@/lib/domain/time';
import type { Channel, ClubCode } from '@/lib/domain/types';
import type { ClubMemberFilters } from '@/lib/validation/members';
import { recordActivity } from './activity';
import { audit } from './audit';

interface ClubChange {
  customerId: number;
  clubCode: ClubCode;
  /** Staff name the channel they were reached through; members act through the web, systems through their token's channel. */
  channel?: Channel;
}

/** Who may change this customer's memberships, and through which channel it is recorded. */
function resolveChannel(actor: Actor, customer: { id: number; provinceCode: string }, clubCode: ClubCode, channel?: Channel): Channel {
  // Outside the actor's scope a customer does not exist: ids cannot be probed.
  if (actor.kind === 'member') {
    if (actor.customerId !== customer.id) throw notFound();
    return 'web';
  }
  if (!canActForCustomer(actor, customer)) throw notFound();
  if (!coversClub(actor, clubCode)) throw forbidden();
  return actingChannel(actor, channel);
}

async function loadCustomer(tx: Tx, customerId: number) {
  const [customer] = await tx
    .select({ id: customers.id, provinceCode: customers.provinceCode, status: customers.status, segment: customers.segment })
    .from(customers)
    .where(eq(customers.id, customerId));
  if (!customer) throw notFound();
  return customer;
}

async function openMembership(tx: Tx, customerId: number, clubCode: ClubCode) {
  const [row] = await tx
    .select({ id: memberships.id, joinedAt: memberships.joinedAt })
    .from(memberships)
    .where(and(eq(memberships.customerId, customerId), eq(memberships.clubCode, clubCode), isNull(memberships.leftAt)));
  return row;
}

/**
 * Joins a customer to a club: the member themself through the web, or staff of the customer's
 * province on their behalf through the channel they name. A new period starts each time.
 */
export async function joinClub(actor: Actor, change: ClubChange, now = Date.now()) {
  return withTransaction(async (tx) => {
    const customer = await loadCustomer(tx, change.customerId);
    const channel = resolveChannel(actor, customer, change.clubCode, change.channel);
    const [club] = await tx.select({ allowedSegments: clubs.allowedSegments }).from(clubs).where(eq(clubs.code, change.clubCode));
    if (!club) throw notFound('unknown_club');
    const refusal = joinRefusal(customer, club, Boolean(await openMembership(tx, customer.id, change.clubCode)));
    if (refusal) throw new DomainError(refusal, refusal === 'already_member' ? 'conflict' : 'invalid_input');
    const staffId = actor.kind === 'staff' ? actor.staffId : null;
    const [row] = await tx
      .insert(memberships)
      .values({ customerId: customer.id, clubCode: change.clubCode, provinceCode: customer.provinceCode, joinedAt: now, joinChannel: channel, joinedByStaffId: staffId, createdAt: now })
      .returning()
      .catch((error: unknown) => {
        // A concurrent join (PostgreSQL) passed the check too and meets the one-open-membership index.
        throw isUniqueViolation(error) ? new DomainError('already_member', 'conflict') : error;
      });
    await recordActivity(tx, { customerId: customer.id, kind: 'joined', clubCode: change.clubCode, channel, staffId, refType: 'membership', refId: row!.id, occurredAt: now });
    await audit(tx, actor, { action: 'membership.join', entityType: 'membership', entityId: row!.id, after: row, provinceCode: customer.provinceCode });
    return row!;
  });
}

/** Ends the customer's open membership of a club; the period stays in the history. */
export async function leaveClub(actor: Actor, change: ClubChange, now = Date.now()) {
  return withTransaction(async (tx) => {
    const customer = await loadCustomer(tx, change.customerId);
    const channel = resolveChannel(actor, customer, change.clubCode, change.channel);
    const open = await openMembership(tx, customer.id, change.clubCode);
    const refusal = leaveRefusal(Boolean(open));
    if (refusal || !open) throw new DomainError(refusal ?? 'not_member');
    const staffId = actor.kind === 'staff' ? actor.staffId : null;
    const [row] = await tx
      .update(memberships)
      .set({ leftAt: Math.max(now, open.joinedAt), leaveChannel: channel, leftByStaffId: staffId })
      .where(and(eq(memberships.id, open.id), isNull(memberships.leftAt)))
      .returning();
    // A concurrent leave (PostgreSQL) ended the period after it was read: this one ends nothing.
    if (!row) throw new DomainError(leaveRefusal(false) ?? 'not_member');
    await recordActivity(tx, { customerId: customer.id, kind: 'left', clubCode: change.clubCode, channel, staffId, refType: 'membership', refId: open.id, occurredAt: now });
    await audit(tx, actor, { action: 'membership.leave', entityType: 'membership', entityId: open.id, before: { ...row, leftAt: null }, after: row, provinceCode: customer.provinceCode });
    return row!;
  });
}

/** Every membership period of a customer, newest first (the caller has checked read access). */
export async function listMembershipPeriods(customerId: number) {
  return getReader()
    .select({
      id: memberships.id,
      clubCode: memberships.clubCode,
      joinedAt: memberships.joinedAt,
      joinChannel: memberships.joinChannel,
      leftAt: memberships.leftAt,
      leaveChannel: memberships.leaveChannel,
    })
    .from(memberships)
    .where(eq(memberships.customerId, customerId))
    .orderBy(desc(memberships.joinedAt), desc(memberships.id));
}

export const CLUB_MEMBERS_PAGE_SIZE = 50;
/** Counts that need each customer row stop here: the list says "1,000+" instead of reading 100,000 rows. */
export const CLUB_MEMBERS_COUNT_CAP = 1_000;

/**
 * One page of a club's member list in the actor's scope (an operator's province, or HQ with an
 * optional province filter), with names and numbers masked where the actor may not see them.
 * Built for a million customers: ordered pages walk an index and stop after a page; a sort by name
 * walks the customers' name index instead; counts read the membership index alone unless a
 * customer filter needs each customer, and are then capped.
 */
export async function listClubMembers(actor: Actor, clubCode: ClubCode, filters: ClubMemberFilters) {
  if (!isOperational(actor)) throw forbidden();
  if (!coversClub(actor, clubCode)) throw forbidden();
  const province = isHq(actor) ? filters.province : (actor.provinceCode ?? undefined);
  const defined = (conditions: (SQL | undefined)[]) => conditions.filter((c): c is SQL => c !== undefined);
  const membershipConditions = defined([
    eq(memberships.clubCode, clubCode),
    province ? eq(memberships.provinceCode, province) : undefined,
    filters.state === 'current' ? isNull(memberships.leftAt) : filters.state === 'left' ? isNotNull(memberships.leftAt) : undefined,
    filters.joinedFrom ? gte(memberships.joinedAt, dayStart(filters.joinedFrom)) : undefined,
    filters.joinedTo ? lt(memberships.joinedAt, dayStart(filters.joinedTo) + 24 * 60 * 60 * 1000) : undefined,
  ]);
  const customerConditions = defined([filters.segment ? eq(customers.segment, filters.segment) : undefined, filters.status ? eq(customers.status, filters.status) : undefined]);
  const where = and(...membershipConditions, ...customerConditions);
  const columns = {
    membershipId: memberships.id,
    joinedAt: memberships.joinedAt,
    leftAt: memberships.leftAt,
    joinChannel: memberships.joinChannel,
    customerId: customers.id,
    mobile: customers.mobile,
    name: customers.name,
    segment: customers.segment,
    status: customers.status,
    provinceCode: customers.provinceCode,
  };
  const offset = (filters.page - 1) * CLUB_MEMBERS_PAGE_SIZE;
  const db = getReader();
  const page =
    filters.sort === 'name'
      ? // CROSS JOIN makes SQLite walk customers in name order and stop after a page.
        db
          .select(columns)
          .from(customers)
          .crossJoin(memberships)
          .where(and(eq(memberships.customerId, customers.id), where))
          .orderBy(asc(customers.name), asc(memberships.id))
      : db
          .select(columns)
          .from(memberships)
          .innerJoin(customers, eq(customers.id, memberships.customerId))
          .where(where)
          .orderBy(...(filters.sort === 'joined_asc' ? [asc(memberships.joinedAt), asc(memberships.id)] : [desc(memberships.joinedAt), desc(memberships.id)]));
  const count =
    customerConditions.length === 0
      ? db.select({ n: sql<number>`count(*)` }).from(memberships).where(and(...membershipConditions))
      : db
          .select({ n: sql<number>`count(*)` })
          .from(
            db
              .select({ one: sql`1` })
              .from(memberships)
              .innerJoin(customers, eq(customers.id, memberships.customerId))
              .where(where)
              .limit(CLUB_MEMBERS_COUNT_CAP + 1)
              .as('matching'),
          );
  const [rows, [counted]] = await Promise.all([page.limit(CLUB_MEMBERS_PAGE_SIZE).offset(offset), count]);
  const n = counted?.n ?? 0;
  return {
    total: Math.min(n, customerConditions.length === 0 ? n : CLUB_MEMBERS_COUNT_CAP),
    capped: customerConditions.length > 0 && n > CLUB_MEMBERS_COUNT_CAP,
    rows: rows.map((r) => presentIdentity(r, seesIdentity(actor, { id: r.customerId, provinceCode: r.provinceCode }))),
  };
}

function dayStart(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  return shanghaiInstant(y!, m!, d!);
}

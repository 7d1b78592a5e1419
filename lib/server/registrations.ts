import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import { getReader, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { activities, charges, customers, events, memberships, pointsLedger, prepaidLedger, registrations } from '@/db/schema';
import { actingChannel, canActForCustomer, seesEvent, type Actor } from '@/lib/domain/access';
import { DomainError, notFound, type ErrorCategory } from '@/lib/domain/errors';
import { eventMessageParams } from '@/lib/domain/notifications';
import {
  cancellationRefusal,
  paymentFor,
  paymentRefusal,
  registrationRefusal,
  waitlistRank,
  type Payment,
  type Refusal,
} from '@/lib/domain/registration-rules';
import { pointsPaymentRefusal } from '@/lib/domain/segment-policy';
import { newShortCode, newTicketSecret } from '@/lib/domain/ticket-codes';
import type { Channel } from '@/lib/domain/types';
import { audit } from './audit';
import { eventsInClubScope } from './event-scope';
import { getHqSettings } from './hq-settings';
import { runIdempotent } from './idempotency';
import { preparedPerConnection } from './prepared';
import { notifyCustomer } from './notifications';
import { deliverSoon } from './outbox';
import { onWriter } from './write-thread';
import { yuanText } from '@/lib/domain/money';

const CATEGORY: Record<string, ErrorCategory> = {
  already_registered: 'conflict',
  event_full: 'conflict',
};

function refuse(refusal: Refusal): never {
  throw new DomainError(refusal.code, CATEGORY[refusal.code] ?? 'invalid_input', refusal.params);
}

const eventColumns = {
  id: events.id,
  clubCode: events.clubCode,
  provinceCode: events.provinceCode,
  status: events.status,
  titleZh: events.titleZh,
  titleEn: events.titleEn,
  venue: events.venue,
  venueEn: events.venueEn,
  startsAt: events.startsAt,
  capacity: events.capacity,
  seatsTaken: events.seatsTaken,
  waitlisted: events.waitlisted,
  regOpensAt: events.regOpensAt,
  regClosesAt: events.regClosesAt,
  vipOpensAt: events.vipOpensAt,
  priceType: events.priceType,
  priceFen: events.priceFen,
  pricePoints: events.pricePoints,
  eligibleSegments: events.eligibleSegments,
};

/**
 * The statements of the hot path, prepared once per writer connection: drizzle re-prepares a
 * builder's SQL on every call, which halves the rate of a registration storm (STYLE.md item 3).
 *
 * The event and the customers are read with forUpdate (db/concurrency.ts): what a registration
 * decides from them (a seat left, the place on the waiting list, a balance that covers the price)
 * must still hold when it writes, with other servers registering for the same event at the same
 * time. Every use-case here locks the event first, then the registration, then customers.
 */
function prepareStatements(tx: Tx) {
  const p = sql.placeholder;
  return {
    customer: forUpdate(
      tx
        .select({
          id: customers.id,
          mobile: customers.mobile,
          status: customers.status,
          segment: customers.segment,
          provinceCode: customers.provinceCode,
          accountManagerId: customers.accountManagerId,
          points: customers.pointsBalance,
          prepaidFen: customers.prepaidBalanceFen,
        })
        .from(customers)
        .where(eq(customers.id, p('id'))),
    ).prepare(),
    event: forUpdate(tx.select(eventColumns).from(events).where(eq(events.id, p('id')))).prepare(),
    /**
     * The event for a registration, with whether the customer is in its club and already
     * registered: one statement (one round trip on PostgreSQL) while the event is locked. The
     * outer columns are spelled out: drizzle writes a column of the one table selected from
     * unqualified, which inside the subqueries would name the subquery's own.
     */
    eventForCustomer: forUpdate(
      tx
        .select({
          ...eventColumns,
          isClubMember: sql<boolean>`exists (select 1 from ${memberships} m where m.customer_id = ${p('customerId')} and m.club_code = events.club_code and m.left_at is null)`.mapWith(Boolean),
          // A literal status: SQLite may then use the partial unique index of live registrations
          // (a bound parameter would make it scan every registration of the event).
          hasLiveRegistration: sql<boolean>`exists (select 1 from ${registrations} r where r.event_id = events.id and r.customer_id = ${p('customerId')} and r.status <> 'cancelled')`.mapWith(Boolean),
        })
        .from(events)
        .where(eq(events.id, p('id'))),
    ).prepare(),
    registration: forUpdate(tx.select().from(registrations).where(eq(registrations.id, p('id')))).prepare(),
    membership: tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.customerId, p('customerId')), eq(memberships.clubCode, p('clubCode')), isNull(memberships.leftAt)))
      .prepare(),
    seats: tx
      .select({ taken: events.seatsTaken, capacity: events.capacity })
      .from(events)
      .where(eq(events.id, p('eventId')))
      .prepare(),
    waitlistAhead: tx
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(registrations)
      // A literal status: SQLite may then use the partial index of waiting registrations. Those
      // of the same rank (the same millisecond) joined earlier, and are ahead too.
      .where(and(eq(registrations.eventId, p('eventId')), sql`${registrations.status} = 'waitlisted'`, lte(registrations.waitlistRank, p('rank'))))
      .prepare(),
    insertRegistration: tx
      .insert(registrations)
      .values({
        eventId: p('eventId'),
        customerId: p('customerId'),
        status: p('status'),
        channel: p('channel'),
        segment: p('segment'),
        createdByStaffId: p('staffId'),
        paidPoints: p('paidPoints'),
        paidFen: p('paidFen'),
        waitlistRank: p('waitlistRank'),
        waitlistToldPosition: p('waitlistToldPosition'),
        ticketSecret: p('ticketSecret'),
        shortCode: p('shortCode'),
        createdAt: p('now'),
        confirmedAt: p('confirmedAt'),
        updatedAt: p('now'),
      })
      // A short code already drawn at this event inserts nothing (and raises no error, which on
      // PostgreSQL would fail the whole transaction): insertRegistration draws again.
      .onConflictDoNothing({ target: [registrations.eventId, registrations.shortCode] })
      .returning({ id: registrations.id })
      .prepare(),
    points: tx
      .insert(pointsLedger)
      .values({ customerId: p('customerId'), delta: p('delta'), reason: p('reason'), refType: 'registration', refId: p('registrationId'), createdByStaffId: p('staffId'), createdAt: p('now') })
      .prepare(),
    prepaid: tx
      .insert(prepaidLedger)
      .values({ customerId: p('customerId'), deltaFen: p('delta'), reason: p('reason'), refType: 'registration', refId: p('registrationId'), createdByStaffId: p('staffId'), createdAt: p('now') })
      .prepare(),
    charge: tx
      .insert(charges)
      .values({ customerId: p('customerId'), registrationId: p('registrationId'), amountFen: p('amount'), reversesChargeId: p('reverses'), description: p('description'), createdAt: p('now') })
      .prepare(),
    activity: tx
      .insert(activities)
      .values({
        customerId: p('customerId'),
        kind: p('kind'),
        clubCode: p('clubCode'),
        eventId: p('eventId'),
        refType: 'registration',
        refId: p('registrationId'),
        channel: p('channel'),
        staffId: p('staffId'),
        data: p('data'),
        occurredAt: p('now'),
      })
      .prepare(),
  };
}

type Statements = ReturnType<typeof prepareStatements>;
const statementsFor = preparedPerConnection(prepareStatements);

type EventForRegistration = NonNullable<Awaited<ReturnType<Statements['event']['execute']>>[number]>;

function staffIdOf(actor: Actor): number | null {
  return actor.kind === 'staff' ? actor.staffId : null;
}

/** Takes the price of a seat, tied to the registration by reference. */
async function charge(st: Statements, payment: Payment, c: { customerId: number; registrationId: number; staffId: number | null; now: number; title: string }) {
  const ref = { customerId: c.customerId, registrationId: c.registrationId, staffId: c.staffId, now: c.now, reason: 'registration' };
  if (payment.kind === 'points') await st.points.execute({ ...ref, delta: -payment.points });
  else if (payment.kind === 'prepaid') await st.prepaid.execute({ ...ref, delta: -payment.fen });
  else if (payment.kind === 'bill') await st.charge.execute({ customerId: c.customerId, registrationId: c.registrationId, amount: payment.fen, reverses: null, description: `活动报名费：${c.title}`, now: c.now });
}

/** Short codes drawn for one registration at most: a collision is rare, six in a row mean the draw is broken. */
const SHORT_CODE_DRAWS = 6;

/** Inserts a registration with a fresh ticket; a short code already used at this event is drawn again. */
async function insertRegistration(st: Statements, values: Omit<Parameters<Statements['insertRegistration']['execute']>[0], 'ticketSecret' | 'shortCode'>): Promise<number> {
  for (let draw = 1; draw <= SHORT_CODE_DRAWS; draw++) {
    const [row] = await st.insertRegistration.execute({ ...values, ticketSecret: newTicketSecret(), shortCode: newShortCode() });
    if (row) return row.id;
  }
  throw new Error(`no free short code for the event after ${SHORT_CODE_DRAWS} draws`);
}

export interface RegisterInput {
  customerId: number;
  eventId: number;
  /** When the event is full: join the waiting list instead of being refused. */
  waitlist?: boolean;
  /** Staff name the channel the customer asked through. */
  channel?: Channel;
  idempotencyKey?: string;
}

export interface RegistrationResult {
  registrationId: number;
  status: 'confirmed' | 'waitlisted';
  /** 1-based place on the waiting list. */
  position: number | null;
  paidPoints: number;
  paidFen: number;
  payment: Payment['kind'];
}

/**
 * Registers a customer for a published event, in one transaction: the rules (active customer,
 * club membership, segment, window, one live registration), then a seat and its price, or a place
 * on the waiting list, with the activity record, the messages and (for staff) the audit entry.
 */
export async function registerForEvent(actor: Actor, input: RegisterInput, now = Date.now()): Promise<RegistrationResult> {
  const result = await onWriter('register', [actor, input, now], () => register(actor, input, now));
  deliverSoon();
  return result;
}

function register(actor: Actor, input: RegisterInput, now: number): Promise<RegistrationResult> {
  const request = { op: 'register', customerId: input.customerId, eventId: input.eventId, waitlist: Boolean(input.waitlist) };
  return runIdempotent(actor, input.idempotencyKey, request, (tx) => registerInTransaction(tx, actor, input, now), now);
}

async function registerInTransaction(tx: Tx, actor: Actor, input: RegisterInput, now: number): Promise<RegistrationResult> {
  const st = statementsFor(tx);
  // The event before the customer (the order of locks); the customer is still refused first.
  const [event] = await st.eventForCustomer.execute({ id: input.eventId, customerId: input.customerId });
  const [customer] = await st.customer.execute({ id: input.customerId });
  if (!customer) throw notFound();
  // Outside the actor's scope a customer does not exist: ids cannot be probed.
  if (actor.kind === 'member' ? actor.customerId !== customer.id : !canActForCustomer(actor, customer)) throw notFound();
  const channel = actingChannel(actor, input.channel);
  // Likewise an event: one of another province (or club, or a draft for members and channels)
  // is not found, rather than refused as wrong_province, which would say that it exists. Only
  // an actor who sees both, HQ, hears that customer and event are of different provinces.
  if (!event || !seesEvent(actor, event)) throw notFound();

  const refusal = registrationRefusal({ event, customer, isClubMember: event.isClubMember, hasLiveRegistration: event.hasLiveRegistration, now });
  if (refusal) refuse(refusal);
  // The segment policy (附表1) is read only for events priced in points, off the hot path of the rest.
  const pointsRefusal = event.priceType === 'points' ? pointsPaymentRefusal((await getHqSettings(tx)).segmentPoints, customer.segment, event.pricePoints) : null;
  if (pointsRefusal) refuse(pointsRefusal);

  const staffId = staffIdOf(actor);
  const base = { eventId: event.id, customerId: customer.id, channel, segment: customer.segment, staffId, now };
  const activity = { customerId: customer.id, clubCode: event.clubCode, eventId: event.id, channel, staffId, now };

  let result: RegistrationResult;
  if (event.seatsTaken < event.capacity) {
    const payment = paymentFor(event, customer.segment);
    const short = paymentRefusal(payment, customer);
    if (short) refuse(short);
    const paidPoints = payment.kind === 'points' ? payment.points : 0;
    const paidFen = payment.kind === 'prepaid' || payment.kind === 'bill' ? payment.fen : 0;
    const registrationId = await insertRegistration(st, { ...base, status: 'confirmed', paidPoints, paidFen, waitlistRank: null, waitlistToldPosition: null, confirmedAt: now });
    await charge(st, payment, { customerId: customer.id, registrationId, staffId, now, title: event.titleZh });
    await st.activity.execute({ ...activity, registrationId, kind: 'registered', data: { paidPoints, paidFen } });
    await notifyCustomer(tx, customer, 'registration_confirmed', eventMessageParams(event));
    result = { registrationId, status: 'confirmed', position: null, paidPoints, paidFen, payment: payment.kind };
  } else {
    if (!input.waitlist) refuse({ code: 'event_full' });
    const rank = waitlistRank(customer.segment, now);
    // Everyone already waiting joined earlier: a member goes to the end of the list, a VIP to the
    // end of the VIPs (a short count over the front of the list).
    const position = customer.segment === 'postpaid_vip' ? ((await st.waitlistAhead.execute({ eventId: event.id, rank }))[0]?.n ?? 0) + 1 : event.waitlisted + 1;
    const registrationId = await insertRegistration(st, { ...base, status: 'waitlisted', paidPoints: 0, paidFen: 0, waitlistRank: rank, waitlistToldPosition: position, confirmedAt: null });
    await st.activity.execute({ ...activity, registrationId, kind: 'waitlisted', data: { position } });
    await notifyCustomer(tx, customer, 'registration_waitlisted', eventMessageParams(event, { position }));
    result = { registrationId, status: 'waitlisted', position, paidPoints: 0, paidFen: 0, payment: 'none' };
  }
  await audit(tx, actor, { action: 'registration.create', entityType: 'registration', entityId: result.registrationId, after: { ...result, channel }, provinceCode: event.provinceCode });
  return result;
}

/** Gives back exactly what was taken for a seat, once: refunded_at marks it done. */
async function refund(tx: Tx, reg: { id: number; customerId: number; paidPoints: number; paidFen: number; refundedAt: number | null }, staffId: number | null, now: number): Promise<string> {
  if (reg.refundedAt !== null || (reg.paidPoints === 0 && reg.paidFen === 0)) return '';
  const st = statementsFor(tx);
  const ref = { customerId: reg.customerId, registrationId: reg.id, staffId, now, reason: 'refund' };
  let described = '';
  if (reg.paidPoints > 0) {
    await st.points.execute({ ...ref, delta: reg.paidPoints });
    described = `${reg.paidPoints}积分`;
  }
  if (reg.paidFen > 0) {
    // A fee came from the prepaid balance or onto the bill; it goes back the same way.
    const [billed] = await tx.select({ id: charges.id }).from(charges).where(and(eq(charges.registrationId, reg.id), gte(charges.amountFen, 1)));
    if (billed) await st.charge.execute({ customerId: reg.customerId, registrationId: reg.id, amount: -reg.paidFen, reverses: billed.id, description: '活动报名费退还', now });
    else await st.prepaid.execute({ ...ref, delta: reg.paidFen });
    described = yuanText(reg.paidFen);
  }
  await tx.update(registrations).set({ refundedAt: now }).where(and(eq(registrations.id, reg.id), isNull(registrations.refundedAt)));
  return described;
}

/**
 * Fills free seats from the waiting list, VIPs first, then by time, charging each promoted
 * customer now. Someone who can no longer pay (or take part) is taken off the list and told.
 */
async function promoteFromWaitlist(tx: Tx, event: EventForRegistration, now: number): Promise<void> {
  const st = statementsFor(tx);
  for (;;) {
    const [seats] = await st.seats.execute({ eventId: event.id });
    if (!seats || seats.taken >= seats.capacity) return;
    const [next] = await tx
      .select()
      .from(registrations)
      .where(and(eq(registrations.eventId, event.id), sql`${registrations.status} = 'waitlisted'`))
      .orderBy(asc(registrations.waitlistRank), asc(registrations.id))
      .limit(1);
    if (!next) return;
    const [customer] = await st.customer.execute({ id: next.customerId });
    const [membership] = await st.membership.execute({ customerId: next.customerId, clubCode: event.clubCode });
    const payment = paymentFor(event, customer!.segment);
    // The segment policy may have changed since they joined the list.
    const policy = payment.kind === 'points' ? pointsPaymentRefusal((await getHqSettings(tx)).segmentPoints, customer!.segment, payment.points) : null;
    const blocked: Refusal | null =
      customer!.status !== 'active' ? { code: 'customer_not_active' } : !membership ? { code: 'not_club_member' } : (policy ?? paymentRefusal(payment, customer!));
    const activity = { customerId: next.customerId, clubCode: event.clubCode, eventId: event.id, registrationId: next.id, channel: next.channel, staffId: null, now };
    if (blocked) {
      await tx.update(registrations).set({ status: 'cancelled', cancelledAt: now, cancelReason: 'cannot_pay', waitlistRank: null, updatedAt: now }).where(eq(registrations.id, next.id));
      await st.activity.execute({ ...activity, kind: 'cancelled', data: { reason: blocked.code } });
      await notifyCustomer(tx, customer!, 'promotion_skipped', eventMessageParams(event, { reason: blocked.code }));
      continue;
    }
    const paidPoints = payment.kind === 'points' ? payment.points : 0;
    const paidFen = payment.kind === 'prepaid' || payment.kind === 'bill' ? payment.fen : 0;
    await tx
      .update(registrations)
      .set({ status: 'confirmed', confirmedAt: now, paidPoints, paidFen, waitlistRank: null, updatedAt: now })
      .where(eq(registrations.id, next.id));
    await charge(st, payment, { customerId: next.customerId, registrationId: next.id, staffId: null, now, title: event.titleZh });
    await st.activity.execute({ ...activity, kind: 'promoted', data: { paidPoints, paidFen } });
    await notifyCustomer(tx, customer!, 'registration_promoted', eventMessageParams(event));
  }
}

export interface CancelInput {
  registrationId: number;
  idempotencyKey?: string;
}

/**
 * Cancels a registration before registration closes, refunding what was paid, once; a freed seat
 * goes to the waiting list in the same transaction.
 */
export async function cancelRegistration(actor: Actor, input: CancelInput, now = Date.now()): Promise<CancelResult> {
  const result = await onWriter('cancel', [actor, input, now], () => cancel(actor, input, now));
  deliverSoon();
  return result;
}

export interface CancelResult {
  registrationId: number;
  status: 'cancelled';
  refunded: string;
}

function cancel(actor: Actor, input: CancelInput, now: number): Promise<CancelResult> {
  const request = { op: 'cancel', registrationId: input.registrationId };
  return runIdempotent(
    actor,
    input.idempotencyKey,
    request,
    async (tx) => {
      const st = statementsFor(tx);
      const [found] = await tx.select({ eventId: registrations.eventId }).from(registrations).where(eq(registrations.id, input.registrationId));
      if (!found) throw notFound();
      // The event first, then the registration read again, locked: a cancellation or check-in
      // that committed meanwhile is seen, and none can come between this read and the writes.
      const [event] = await st.event.execute({ id: found.eventId });
      const reg = (await st.registration.execute({ id: input.registrationId }))[0]!;
      const [customer] = await st.customer.execute({ id: reg.customerId });
      if (actor.kind === 'member' ? actor.customerId !== reg.customerId : !canActForCustomer(actor, customer!)) throw notFound();
      // A member's own registration is theirs whatever became of the event; staff and channels reach it only through the event's scope.
      if (actor.kind !== 'member' && !seesEvent(actor, event!)) throw notFound();
      const refusal = cancellationRefusal(reg, event!, now);
      if (refusal) refuse(refusal);
      const staffId = staffIdOf(actor);
      await tx
        .update(registrations)
        .set({ status: 'cancelled', cancelledAt: now, cancelReason: 'cancelled', waitlistRank: null, updatedAt: now })
        .where(eq(registrations.id, reg.id));
      const refunded = reg.status === 'confirmed' ? await refund(tx, reg, staffId, now) : '';
      const channel = actor.kind === 'member' ? 'web' : actor.kind === 'channel' ? actor.channel : reg.channel;
      await st.activity.execute({
        customerId: reg.customerId,
        clubCode: event!.clubCode,
        eventId: event!.id,
        registrationId: reg.id,
        kind: 'cancelled',
        channel,
        staffId,
        data: { refund: refunded, previousStatus: reg.status },
        now,
      });
      await notifyCustomer(tx, customer!, 'registration_cancelled', eventMessageParams(event!, { refund: refunded }));
      if (reg.status === 'confirmed') await promoteFromWaitlist(tx, event!, now);
      await audit(tx, actor, { action: 'registration.cancel', entityType: 'registration', entityId: reg.id, before: { status: reg.status }, after: { status: 'cancelled', refund: refunded }, provinceCode: event!.provinceCode });
      return { registrationId: reg.id, status: 'cancelled' as const, refunded };
    },
    now,
  );
}

/** The use-cases below the hand-over to the write worker (write-thread.ts), which runs them. */
export const registrationsOnThisThread = { register, cancel };

/**
 * Cancels every live registration of an event the operator cancels: refunds in full, the activity
 * record, a message to each customer. Runs inside the event's cancelling transaction.
 */
export async function cancelRegistrationsOfEvent(tx: Tx, eventId: number, staffId: number | null, now: number): Promise<number> {
  const st = statementsFor(tx);
  const [event] = await st.event.execute({ id: eventId });
  const live = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), inArray(registrations.status, ['confirmed', 'waitlisted'])));
  for (const reg of live) {
    const [customer] = await st.customer.execute({ id: reg.customerId });
    await tx
      .update(registrations)
      .set({ status: 'cancelled', cancelledAt: now, cancelReason: 'event_cancelled', waitlistRank: null, updatedAt: now })
      .where(eq(registrations.id, reg.id));
    const refunded = reg.status === 'confirmed' ? await refund(tx, reg, staffId, now) : '';
    await st.activity.execute({
      customerId: reg.customerId,
      clubCode: event!.clubCode,
      eventId,
      registrationId: reg.id,
      kind: 'event_cancelled',
      channel: null,
      staffId,
      data: { refund: refunded, previousStatus: reg.status },
      now,
    });
    await notifyCustomer(tx, customer!, 'event_cancelled', eventMessageParams(event!, { refund: refunded }));
  }
  return live.length;
}

/**
 * A customer's registrations, newest event first, with the waiting-list place of those waiting.
 * The customer record is the province's, but its registrations (door codes, cancelling) are the
 * clubs' work: an operator limited to some clubs lists those of their clubs' events only, as the
 * event lists and rosters do; the record's activity timeline still tells the whole history.
 */
/**
 * A selected registration's 1-based place on its event's waiting list (null unless waiting): those
 * ahead have a better rank, or the same rank (the same millisecond) and joined earlier.
 */
export function waitlistPosition() {
  return sql<number | null>`case when ${registrations.status} = 'waitlisted' then (select count(*) + 1 from ${registrations} w where w.event_id = ${registrations.eventId} and w.status = 'waitlisted' and (w.waitlist_rank < ${registrations.waitlistRank} or (w.waitlist_rank = ${registrations.waitlistRank} and w.id < ${registrations.id}))) end`.mapWith(
    (n) => (n === null ? null : Number(n)),
  );
}

export async function listCustomerRegistrations(actor: Actor, customerId: number, options: { upcomingOnly?: boolean } = {}, now = Date.now()) {
  const db = getReader();
  const [customer] = await db.select({ id: customers.id, provinceCode: customers.provinceCode }).from(customers).where(eq(customers.id, customerId));
  if (!customer) throw notFound();
  if (actor.kind === 'member' ? actor.customerId !== customerId : !canActForCustomer(actor, customer)) throw notFound();
  const rows = await db
    .select({
      id: registrations.id,
      status: registrations.status,
      channel: registrations.channel,
      paidPoints: registrations.paidPoints,
      paidFen: registrations.paidFen,
      refundedAt: registrations.refundedAt,
      shortCode: registrations.shortCode,
      createdAt: registrations.createdAt,
      cancelledAt: registrations.cancelledAt,
      cancelReason: registrations.cancelReason,
      checkedInAt: registrations.checkedInAt,
      eventId: events.id,
      clubCode: events.clubCode,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      venue: events.venue,
      venueEn: events.venueEn,
      city: events.city,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      regClosesAt: events.regClosesAt,
      eventStatus: events.status,
      position: waitlistPosition(),
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .where(and(eq(registrations.customerId, customerId), eventsInClubScope(actor), options.upcomingOnly ? gte(events.endsAt, now) : undefined))
    .orderBy(desc(events.startsAt), desc(registrations.id))
    .limit(200);
  return rows.map((r) => ({ ...r, cancellable: cancellationRefusal({ status: r.status }, { regClosesAt: r.regClosesAt, status: r.eventStatus }, now) === null }));
}


import 'server-only';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { callbacks, checkinScans, customers, events, feedback, registrations, type ScanOutcome } from '@/db/schema';
import { isOperational, seesEvent, seesIdentity, type Actor } from '@/lib/domain/access';
import { checkInRefusal, closeRefusal, correctionRefusal, feedbackRefusal, undoCheckInRefusal } from '@/lib/domain/attendance-rules';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { eventMessageParams } from '@/lib/domain/notifications';
import type { Refusal } from '@/lib/domain/registration-rules';
import { readTicketCode, SHORT_CODE_PATTERN, signTicketCode, ticketCodeHash } from '@/lib/domain/ticket-codes';
import { recordActivity } from './activity';
import { audit } from './audit';
import { notifyCustomer } from './notifications';
import { deliverSoon } from './outbox';
import { preparedPerConnection } from './prepared';
import { derivedKey } from './secrets';

type StaffLike = Extract<Actor, { kind: 'staff' | 'channel' }>;

/** Operators (and admins) of the event's province and club run its door; for anyone else the event does not exist. */
function requireDoorStaff(actor: Actor, event: Parameters<typeof seesEvent>[1]): StaffLike {
  if (!isOperational(actor) || !seesEvent(actor, event)) throw notFound();
  return actor;
}

const staffIdOf = (actor: Actor) => (actor.kind === 'staff' ? actor.staffId : null);

/** The signed code a ticket's QR carries. */
export function ticketCode(registrationId: number, ticketSecret: string): string {
  return signTicketCode(registrationId, ticketSecret, derivedKey('ticket'));
}

async function loadEvent(tx: Tx, eventId: number) {
  const [event] = await tx
    .select({ id: events.id, provinceCode: events.provinceCode, clubCode: events.clubCode, status: events.status, titleZh: events.titleZh, titleEn: events.titleEn, startsAt: events.startsAt, endsAt: events.endsAt })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) throw notFound();
  return event;
}

/**
 * What a door device loads when its check-in page opens: the event, every ticket holder with what
 * identifies them at the door (short code, last four digits, the hash of the QR code), and counts.
 * With it the page can check people in while the venue's network is down.
 */
export async function getCheckinRoster(actor: Actor, eventId: number) {
  const db = getReader();
  const event = await loadEvent(db, eventId);
  requireDoorStaff(actor, event);
  const rows = await db
    .select({
      registrationId: registrations.id,
      status: registrations.status,
      shortCode: registrations.shortCode,
      ticketSecret: registrations.ticketSecret,
      checkedInAt: registrations.checkedInAt,
      customerId: customers.id,
      name: customers.name,
      mobile: customers.mobile,
      segment: customers.segment,
      provinceCode: customers.provinceCode,
    })
    .from(registrations)
    .innerJoin(customers, eq(customers.id, registrations.customerId))
    .where(and(eq(registrations.eventId, eventId), inArray(registrations.status, ['confirmed', 'attended', 'no_show', 'waitlisted'])))
    .orderBy(asc(customers.name), asc(registrations.id));
  const entries = rows.map(({ ticketSecret, mobile, ...r }) => {
    const shown = presentIdentity({ name: r.name, mobile }, seesIdentity(actor, { id: r.customerId, provinceCode: r.provinceCode }));
    return { ...r, name: shown.name, mobile: shown.mobile, mobileLast4: mobile.slice(-4), codeHash: ticketCodeHash(ticketCode(r.registrationId, ticketSecret)) };
  });
  const seated = entries.filter((e) => e.status !== 'waitlisted');
  return {
    event,
    counts: { confirmed: seated.length, checkedIn: seated.filter((e) => e.status === 'attended').length, remaining: seated.filter((e) => e.status === 'confirmed').length },
    entries,
  };
}

export interface ScanInput {
  /** Unique per scan, made by the door device: a replayed sync counts nothing twice. */
  nonce: string;
  /** The device's clock when it scanned (ms). */
  scannedAt: number;
  deviceId?: string;
  /** Made while the device was offline: a ticket already used by then is a conflict to report. */
  offline?: boolean;
  /** The QR's signed code, or a short code read out. */
  code?: string;
  /** A ticket ticked on the roster (or picked after a last-four-digits search). */
  registrationId?: number;
}

export interface ScanResult {
  nonce: string;
  outcome: ScanOutcome;
  registrationId: number | null;
  name: string | null;
  /** When the ticket was checked in (this scan or the one before it). */
  checkedInAt: number | null;
  /** The refusal, for outcome 'refused'. */
  code: string | null;
  replayed: boolean;
}

const statementsFor = preparedPerConnection((tx: Tx) => {
  const p = sql.placeholder;
  return {
    scan: tx.select().from(checkinScans).where(eq(checkinScans.nonce, p('nonce'))).prepare(),
    byId: tx
      .select({ id: registrations.id, eventId: registrations.eventId, status: registrations.status, checkedInAt: registrations.checkedInAt, ticketSecret: registrations.ticketSecret, customerId: registrations.customerId })
      .from(registrations)
      .where(eq(registrations.id, p('id')))
      .prepare(),
    byShortCode: tx
      .select({ id: registrations.id })
      .from(registrations)
      .where(and(eq(registrations.eventId, p('eventId')), eq(registrations.shortCode, p('shortCode'))))
      .prepare(),
    customer: tx
      .select({ id: customers.id, name: customers.name, mobile: customers.mobile, provinceCode: customers.provinceCode })
      .from(customers)
      .where(eq(customers.id, p('id')))
      .prepare(),
  };
});

/** Which registration a scan names: a signed QR code, a short code of this event, or a roster tick. */
async function resolveScan(tx: Tx, eventId: number, scan: ScanInput): Promise<number | null> {
  const st = statementsFor(tx);
  if (scan.registrationId !== undefined) return scan.registrationId;
  const code = (scan.code ?? '').trim();
  if (code.startsWith('T1.')) {
    const read = readTicketCode(code, derivedKey('ticket'));
    if (!read) return null;
    const [reg] = await st.byId.execute({ id: read.registrationId });
    return reg && reg.ticketSecret === read.ticketSecret ? reg.id : null;
  }
  const shortCode = code.toUpperCase();
  if (!SHORT_CODE_PATTERN.test(shortCode)) return null;
  const [reg] = await st.byShortCode.execute({ eventId, shortCode });
  return reg?.id ?? null;
}

/**
 * Checks people in, for one scan at the door or a batch a device syncs after being offline. Each
 * scan is decided and recorded with its nonce in the same transaction as the attendance and the
 * activity record; a nonce seen before returns its first answer. A ticket already used is answered
 * with when it was used; for a scan made offline that is a conflict, which its device reports.
 */
export async function checkIn(actor: Actor, eventId: number, scans: ScanInput[], now = Date.now()): Promise<ScanResult[]> {
  const results = await withTransaction(async (tx) => {
    const event = await loadEvent(tx, eventId);
    const staff = requireDoorStaff(actor, event);
    const st = statementsFor(tx);
    const out: ScanResult[] = [];
    // Offline scans are applied in the order they were made: the first scan of a ticket wins.
    for (const scan of [...scans].sort((a, b) => a.scannedAt - b.scannedAt)) {
      const replay = async () => {
        const [seen] = await st.scan.execute({ nonce: scan.nonce });
        return seen && { nonce: scan.nonce, outcome: seen.outcome, registrationId: seen.registrationId, name: (seen.detail?.name as string) ?? null, checkedInAt: (seen.detail?.checkedInAt as number) ?? null, code: (seen.detail?.code as string) ?? null, replayed: true };
      };
      const replayed = await replay();
      if (replayed) {
        out.push(replayed);
        continue;
      }
      const scannedAt = Math.min(scan.scannedAt, now);
      const registrationId = await resolveScan(tx, eventId, scan);
      let [reg] = registrationId === null ? [] : await st.byId.execute({ id: registrationId });
      let refusal: Refusal | null = !reg ? { code: 'invalid_code' } : checkInRefusal(reg, event, now);
      // The ticket is used by a conditional update: another door's transaction may have used it
      // since it was read (PostgreSQL runs them at once); then it is decided again as it is now.
      if (!refusal && reg) {
        const [used] = await tx
          .update(registrations)
          .set({ status: 'attended', checkedInAt: scannedAt, checkedInByStaffId: staffIdOf(staff), updatedAt: now })
          .where(and(eq(registrations.id, reg.id), eq(registrations.status, 'confirmed')))
          .returning({ id: registrations.id });
        if (!used) {
          [reg] = await st.byId.execute({ id: reg.id });
          refusal = !reg ? { code: 'invalid_code' } : (checkInRefusal(reg, event, now) ?? { code: 'already_checked_in' });
        }
      }
      const [customer] = reg ? await st.customer.execute({ id: reg.customerId }) : [];
      const name = customer ? presentIdentity(customer, seesIdentity(actor, customer)).name : null;
      let result: ScanResult;
      if (!refusal && reg) {
        await recordActivity(tx, { customerId: reg.customerId, kind: 'attended', clubCode: event.clubCode, eventId, refType: 'registration', refId: reg.id, staffId: staffIdOf(staff), occurredAt: scannedAt, data: { device: scan.deviceId ?? null } });
        await audit(tx, staff, { action: 'registration.check_in', entityType: 'registration', entityId: reg.id, after: { checkedInAt: scannedAt, nonce: scan.nonce }, provinceCode: event.provinceCode });
        result = { nonce: scan.nonce, outcome: 'checked_in', registrationId: reg.id, name, checkedInAt: scannedAt, code: null, replayed: false };
      } else if (refusal?.code === 'already_checked_in' && reg) {
        result = { nonce: scan.nonce, outcome: scan.offline ? 'conflict' : 'already_checked_in', registrationId: reg.id, name, checkedInAt: reg.checkedInAt, code: null, replayed: false };
      } else {
        result = { nonce: scan.nonce, outcome: 'refused', registrationId: reg?.id ?? null, name, checkedInAt: null, code: refusal!.code, replayed: false };
      }
      const [recorded] = await tx
        .insert(checkinScans)
        .values({
          nonce: scan.nonce,
          eventId,
          registrationId: result.registrationId,
          staffId: staffIdOf(staff),
          deviceId: scan.deviceId ?? null,
          scannedAt,
          receivedAt: now,
          outcome: result.outcome,
          detail: { ...(result.name ? { name: result.name } : {}), ...(result.checkedInAt ? { checkedInAt: result.checkedInAt } : {}), ...(result.code ? { code: result.code } : {}) },
        })
        .onConflictDoNothing({ target: checkinScans.nonce })
        .returning({ id: checkinScans.id });
      // The same scan sent again while the first was still running (PostgreSQL): the first one,
      // which used the ticket if anyone did, recorded it; this one answers as its replay.
      out.push(recorded ? result : ((await replay()) ?? result));
    }
    return out;
  });
  return scans.map((s) => results.find((r) => r.nonce === s.nonce)!);
}

/** Tickets of an event whose mobile number ends in these four digits: the operator picks one. */
export async function findByMobileLast4(actor: Actor, eventId: number, last4: string) {
  if (!/^\d{4}$/.test(last4)) throw new DomainError('invalid_last4');
  const roster = await getCheckinRoster(actor, eventId);
  return roster.entries.filter((e) => e.mobileLast4 === last4);
}

/**
 * A registration read and locked until the transaction ends: two staff correcting the same ticket
 * at once (PostgreSQL) then decide one after the other, each on what the other wrote.
 */
async function lockedRegistration(tx: Tx, registrationId: number) {
  const [reg] = await forUpdate(tx.select().from(registrations).where(eq(registrations.id, registrationId)));
  return reg;
}

/**
 * The same, for a change of the registration's status, which moves its event's counters (a trigger
 * writes the event row): the event is locked first, the order every use-case takes its locks in
 * (db/concurrency.ts), so that this cannot deadlock with a cancellation of the same ticket.
 */
async function lockedRegistrationAfterEvent(tx: Tx, registrationId: number) {
  const [found] = await tx.select({ eventId: registrations.eventId }).from(registrations).where(eq(registrations.id, registrationId));
  if (!found) return undefined;
  await forUpdate(tx.select({ id: events.id }).from(events).where(eq(events.id, found.eventId)));
  return lockedRegistration(tx, registrationId);
}

/** Undoes a mistaken check-in while the event is open, with an audit trail and a corrected record. */
export async function undoCheckIn(actor: Actor, registrationId: number, now = Date.now()) {
  return withTransaction(async (tx) => {
    const reg = await lockedRegistrationAfterEvent(tx, registrationId);
    if (!reg) throw notFound();
    const event = await loadEvent(tx, reg.eventId);
    const staff = requireDoorStaff(actor, event);
    const refusal = undoCheckInRefusal(reg, event);
    if (refusal) throw new DomainError(refusal.code, 'conflict');
    await tx.update(registrations).set({ status: 'confirmed', checkedInAt: null, checkedInByStaffId: null, updatedAt: now }).where(eq(registrations.id, reg.id));
    await recordActivity(tx, { customerId: reg.customerId, kind: 'attendance_corrected', clubCode: event.clubCode, eventId: event.id, refType: 'registration', refId: reg.id, staffId: staffIdOf(staff), occurredAt: now, data: { from: 'attended', to: 'confirmed', undo: true } });
    await audit(tx, staff, { action: 'registration.check_in_undo', entityType: 'registration', entityId: reg.id, before: { status: 'attended', checkedInAt: reg.checkedInAt }, after: { status: 'confirmed' }, provinceCode: event.provinceCode });
    return { registrationId: reg.id, status: 'confirmed' as const };
  });
}

/** A callback task for a VIP who attended, once per registration, due at once. */
async function openCallback(tx: Tx, reg: { id: number; customerId: number; eventId: number }, provinceCode: string, now: number) {
  const [c] = await tx.select({ segment: customers.segment }).from(customers).where(eq(customers.id, reg.customerId));
  if (c?.segment !== 'postpaid_vip') return;
  await tx.insert(callbacks).values({ kind: 'event', customerId: reg.customerId, eventId: reg.eventId, registrationId: reg.id, provinceCode, dueAt: now, createdAt: now }).onConflictDoNothing();
}

/**
 * Closes an event after it has ended: the confirmed who were not checked in become no-shows, the
 * event is completed (and so counts as held when anyone came), VIP attendees get a callback task,
 * and attendees are asked for feedback. One transaction.
 */
export async function closeEvent(actor: Actor, eventId: number, now = Date.now()) {
  const result = await withTransaction(async (tx) => {
    // The event is locked first: a second close waits, then finds it completed.
    await forUpdate(tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)));
    const event = await loadEvent(tx, eventId);
    const staff = requireDoorStaff(actor, event);
    const refusal = closeRefusal(event, now);
    if (refusal) throw new DomainError(refusal.code, 'conflict', refusal.params);
    // Conditional: a check-in at the door may commit meanwhile (PostgreSQL), and its ticket is then attended, not a no-show.
    const missed = await tx
      .update(registrations)
      .set({ status: 'no_show', updatedAt: now })
      .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')))
      .returning({ id: registrations.id, customerId: registrations.customerId });
    for (const reg of missed) {
      await recordActivity(tx, { customerId: reg.customerId, kind: 'no_show', clubCode: event.clubCode, eventId, refType: 'registration', refId: reg.id, staffId: staffIdOf(staff), occurredAt: now });
    }
    const came = await tx
      .select({ id: registrations.id, customerId: registrations.customerId, eventId: registrations.eventId })
      .from(registrations)
      .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'attended')));
    for (const reg of came) {
      await openCallback(tx, reg, event.provinceCode, now);
      const [customer] = await statementsFor(tx).customer.execute({ id: reg.customerId });
      await notifyCustomer(tx, customer!, 'feedback_request', eventMessageParams(event), `feedback:${reg.id}`);
    }
    // Waiting-list entries never got a seat: they end with the event.
    await tx
      .update(registrations)
      .set({ status: 'cancelled', cancelledAt: now, cancelReason: 'event_cancelled', waitlistRank: null, updatedAt: now })
      .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'waitlisted')));
    await tx.update(events).set({ status: 'completed', completedAt: now, updatedAt: now }).where(eq(events.id, eventId));
    const attended = came.length;
    const noShows = missed.length;
    await audit(tx, staff, { action: 'event.close', entityType: 'event', entityId: eventId, before: { status: 'published' }, after: { status: 'completed', attended, noShows }, provinceCode: event.provinceCode });
    return { eventId, attended, noShows };
  });
  deliverSoon();
  return result;
}

/** Corrects a completed event's attendance (attended <-> no-show) with an audit trail. */
export async function correctAttendance(actor: Actor, registrationId: number, attended: boolean, now = Date.now()) {
  return withTransaction(async (tx) => {
    const reg = await lockedRegistrationAfterEvent(tx, registrationId);
    if (!reg) throw notFound();
    const event = await loadEvent(tx, reg.eventId);
    const staff = requireDoorStaff(actor, event);
    const refusal = correctionRefusal(reg, event, attended);
    if (refusal) throw new DomainError(refusal.code, 'conflict');
    const to = attended ? 'attended' : 'no_show';
    await tx
      .update(registrations)
      .set({ status: to, checkedInAt: attended ? (reg.checkedInAt ?? event.startsAt) : null, checkedInByStaffId: attended ? staffIdOf(staff) : null, updatedAt: now })
      .where(eq(registrations.id, reg.id));
    await recordActivity(tx, { customerId: reg.customerId, kind: 'attendance_corrected', clubCode: event.clubCode, eventId: event.id, refType: 'registration', refId: reg.id, staffId: staffIdOf(staff), occurredAt: now, data: { from: reg.status, to } });
    if (attended) {
      await openCallback(tx, reg, event.provinceCode, now);
      const [customer] = await statementsFor(tx).customer.execute({ id: reg.customerId });
      await notifyCustomer(tx, customer!, 'feedback_request', eventMessageParams(event), `feedback:${reg.id}`);
    }
    await audit(tx, staff, { action: 'registration.attendance_correct', entityType: 'registration', entityId: reg.id, before: { status: reg.status }, after: { status: to }, provinceCode: event.provinceCode });
    return { registrationId: reg.id, status: to };
  });
}

/**
 * The attendance sheet of an event, for staff and channels whose scope covers it (an operator's
 * clubs included): names and numbers masked for whoever may not see them.
 */
export async function getAttendanceSheet(actor: Actor, eventId: number) {
  const db = getReader();
  const event = await loadEvent(db, eventId);
  if (actor.kind === 'member' || !seesEvent(actor, event)) throw notFound();
  const rows = await db
    .select({
      registrationId: registrations.id,
      status: registrations.status,
      channel: registrations.channel,
      shortCode: registrations.shortCode,
      createdAt: registrations.createdAt,
      checkedInAt: registrations.checkedInAt,
      customerId: customers.id,
      name: customers.name,
      mobile: customers.mobile,
      segment: customers.segment,
      provinceCode: customers.provinceCode,
    })
    .from(registrations)
    .innerJoin(customers, eq(customers.id, registrations.customerId))
    .where(and(eq(registrations.eventId, eventId), inArray(registrations.status, ['confirmed', 'attended', 'no_show'])))
    .orderBy(asc(customers.name), asc(registrations.id));
  return { event, rows: rows.map((r) => presentIdentity(r, seesIdentity(actor, { id: r.customerId, provinceCode: r.provinceCode }))) };
}

/** A member's rating and comment on an event they attended; editable for seven days. */
export async function submitFeedback(actor: Actor, input: { registrationId: number; rating: number; comment: string }, now = Date.now()) {
  if (actor.kind !== 'member') throw forbidden();
  return withTransaction(async (tx) => {
    const reg = await lockedRegistration(tx, input.registrationId);
    if (!reg || reg.customerId !== actor.customerId) throw notFound();
    const [existing] = await tx.select().from(feedback).where(eq(feedback.registrationId, reg.id));
    const refusal = feedbackRefusal(reg, existing ?? null, now);
    if (refusal) throw new DomainError(refusal.code, 'conflict');
    if (existing) {
      await tx.update(feedback).set({ rating: input.rating, comment: input.comment, updatedAt: now }).where(eq(feedback.id, existing.id));
    } else {
      await tx.insert(feedback).values({ registrationId: reg.id, eventId: reg.eventId, customerId: reg.customerId, rating: input.rating, comment: input.comment, createdAt: now });
    }
    const [event] = await tx.select({ clubCode: events.clubCode }).from(events).where(eq(events.id, reg.eventId));
    await recordActivity(tx, { customerId: reg.customerId, kind: 'feedback', clubCode: event!.clubCode, eventId: reg.eventId, refType: 'registration', refId: reg.id, channel: 'web', occurredAt: now, data: { rating: input.rating, edited: Boolean(existing) } });
    return { registrationId: reg.id, rating: input.rating, comment: input.comment, edited: Boolean(existing) };
  });
}

/** The member's feedback on an event, if any, and whether they may still give or change it. */
export async function getMyFeedback(actor: Actor, eventId: number, now = Date.now()) {
  if (actor.kind !== 'member') throw forbidden();
  const db = getReader();
  const [reg] = await db
    .select({ id: registrations.id, status: registrations.status })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.customerId, actor.customerId), inArray(registrations.status, ['attended', 'no_show', 'confirmed'])));
  if (!reg) return null;
  const [existing] = await db.select({ rating: feedback.rating, comment: feedback.comment, createdAt: feedback.createdAt }).from(feedback).where(eq(feedback.registrationId, reg.id));
  return { registrationId: reg.id, feedback: existing ?? null, mayGive: feedbackRefusal(reg, existing ?? null, now) === null };
}

/** An event's feedback for its operators: average, count and the comments, newest first. */
export async function getEventFeedback(actor: Actor, eventId: number) {
  const db = getReader();
  const event = await loadEvent(db, eventId);
  if (!isOperational(actor) || !seesEvent(actor, event)) throw notFound();
  const [summary] = await db.select({ average: sql<number | null>`avg(${feedback.rating})`, count: sql<number>`count(*)` }).from(feedback).where(eq(feedback.eventId, eventId));
  const comments = await db
    .select({ rating: feedback.rating, comment: feedback.comment, createdAt: feedback.createdAt, name: customers.name, customerId: customers.id, provinceCode: customers.provinceCode, mobile: customers.mobile })
    .from(feedback)
    .innerJoin(customers, eq(customers.id, feedback.customerId))
    .where(eq(feedback.eventId, eventId))
    .orderBy(desc(feedback.createdAt))
    .limit(200);
  return {
    average: summary?.average ?? null,
    count: summary?.count ?? 0,
    comments: comments.map(({ mobile, ...c }) => ({ ...c, name: presentIdentity({ name: c.name, mobile }, seesIdentity(actor, { id: c.customerId, provinceCode: c.provinceCode })).name })),
  };
}

/** The codes of a member's own confirmed tickets, for their QR codes: registration id -> signed code. */
export async function getMyTicketCodes(actor: Actor, registrationIds: number[]): Promise<Map<number, string>> {
  if (actor.kind !== 'member') throw forbidden();
  if (registrationIds.length === 0) return new Map();
  const rows = await getReader()
    .select({ id: registrations.id, ticketSecret: registrations.ticketSecret })
    .from(registrations)
    .where(and(inArray(registrations.id, registrationIds), eq(registrations.customerId, actor.customerId), eq(registrations.status, 'confirmed')));
  return new Map(rows.map((r) => [r.id, ticketCode(r.id, r.ticketSecret)]));
}

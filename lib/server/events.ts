import 'server-only';
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { customers, eventSeries, events, memberships, provinces, registrations } from '@/db/schema';
import { coversClub, coversProvince, isHq, seesEvent, type Actor, type StaffActor } from '@/lib/domain/access';
import { nextRevision } from '@/lib/domain/calendar-revision';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { eventViolations, transitionRefusal, type EventDraft, type Violation } from '@/lib/domain/event-rules';
import { memberRegistrationState } from '@/lib/domain/registration-state';
import { seriesOccurrences } from '@/lib/domain/series';
import { DAY, HOUR, shanghaiYearRange, shanghaiInstant } from '@/lib/domain/time';
import type { ClubCode, PriceType } from '@/lib/domain/types';
import type { EventInput, EventSeriesInput } from '@/lib/validation/events';
import { audit } from './audit';
import { eventsInClubScope } from './event-scope';
import { getHqSettings } from './hq-settings';
import { deliverSoon } from './outbox';
import { cancelRegistrationsOfEvent, waitlistPosition } from './registrations';


type EventRow = typeof events.$inferSelect;

/** Who schedules events: operators and admins. */
function isManager(actor: Actor): actor is StaffActor {
  return actor.kind === 'staff' && (actor.role === 'operator' || actor.role === 'admin');
}

/** Operators create events in their province and clubs; admins anywhere. */
function requireManager(actor: Actor, event: { provinceCode: string; clubCode: ClubCode }): StaffActor {
  if (!isManager(actor)) throw forbidden();
  if (!coversProvince(actor, event.provinceCode) || !coversClub(actor, event.clubCode)) throw forbidden();
  return actor;
}

function refuse(violations: Violation[]): never {
  throw new DomainError(
    violations[0]!.code,
    'invalid_input',
    {},
    Object.fromEntries(violations.map((v) => [v.field, v.code])),
  );
}

function draftOf(input: Omit<EventInput, 'provinceCode'>): EventDraft {
  return {
    clubCode: input.clubCode,
    kind: input.kind,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    capacity: input.capacity,
    regOpensAt: input.regOpensAt,
    regClosesAt: input.regClosesAt,
    vipOpensAt: input.vipOpensAt,
    priceType: input.priceType,
    priceFen: input.priceFen,
    pricePoints: input.pricePoints,
    eligibleSegments: input.eligibleSegments,
  };
}

function columnsOf(input: Omit<EventInput, 'provinceCode'>) {
  return {
    ...draftOf(input),
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    venue: input.venue,
    venueEn: input.venueEn,
    city: input.city,
    eligibleSegments: [...input.eligibleSegments],
  };
}

/** The province an event is created in: an operator's own, or the one an admin chose. */
async function targetProvince(tx: Tx, actor: Actor, requested: string | undefined): Promise<string> {
  if (actor.kind === 'staff' && actor.provinceCode) return actor.provinceCode;
  if (!requested) throw new DomainError('province_required', 'invalid_input', {}, { provinceCode: 'province_required' });
  const [p] = await tx.select({ code: provinces.code }).from(provinces).where(eq(provinces.code, requested));
  if (!p) throw new DomainError('unknown_province', 'invalid_input', {}, { provinceCode: 'unknown_province' });
  return requested;
}

/**
 * An existing event for its managers; outside their province or clubs it does not exist. Locked
 * until the transaction ends: two edits, a cancel and a publish, or a registration taking a seat
 * (PostgreSQL) each decide on what the one before wrote.
 */
async function loadForManager(tx: Tx, actor: Actor, eventId: number): Promise<EventRow> {
  if (!isManager(actor)) throw forbidden();
  const [event] = await forUpdate(tx.select().from(events).where(eq(events.id, eventId)));
  if (!event || !seesEvent(actor, event)) throw notFound();
  return event;
}

/**
 * What an edit, a publication or a cancellation writes to an event, with its calendar revision:
 * the one place the revision is set, so that no change a calendar shows can leave it behind.
 */
function changeOf(before: EventRow, set: Partial<EventRow> & { updatedAt: number }) {
  return { ...set, revision: nextRevision(before, set) };
}

/** Schedules an event as a draft, invisible to members until published. */
export async function createEvent(actor: Actor, input: EventInput, now = Date.now()) {
  return withTransaction(async (tx) => {
    const provinceCode = await targetProvince(tx, actor, input.provinceCode);
    const manager = requireManager(actor, { provinceCode, clubCode: input.clubCode });
    const violations = eventViolations(draftOf(input));
    if (violations.length > 0) refuse(violations);
    const [row] = await tx
      .insert(events)
      .values({ ...columnsOf(input), provinceCode, status: 'draft', createdByStaffId: manager.staffId, createdAt: now })
      .returning();
    await audit(tx, manager, { action: 'event.create', entityType: 'event', entityId: row!.id, after: row, provinceCode });
    return row!;
  });
}

/** Edits an event of the manager's scope; completed and cancelled events are locked. */
export async function updateEvent(actor: Actor, eventId: number, input: EventInput, now = Date.now()) {
  return withTransaction(async (tx) => {
    const before = await loadForManager(tx, actor, eventId);
    const manager = requireManager(actor, { provinceCode: before.provinceCode, clubCode: input.clubCode });
    const violations = eventViolations(draftOf(input), { status: before.status, seatsTaken: before.seatsTaken });
    if (violations.length > 0) refuse(violations);
    const [after] = await tx
      .update(events)
      .set(changeOf(before, { ...columnsOf(input), updatedAt: now }))
      .where(eq(events.id, eventId))
      .returning();
    await audit(tx, manager, { action: 'event.update', entityType: 'event', entityId: eventId, before, after, provinceCode: before.provinceCode });
    return after!;
  });
}

/** Makes a draft visible to members. */
export async function publishEvent(actor: Actor, eventId: number, now = Date.now()) {
  return withTransaction(async (tx) => {
    const before = await loadForManager(tx, actor, eventId);
    const refusal = transitionRefusal(before.status, 'published');
    if (refusal) throw new DomainError(refusal, 'conflict');
    const violations = eventViolations(before);
    if (violations.length > 0) refuse(violations);
    const [after] = await tx.update(events).set(changeOf(before, { status: 'published', publishedAt: now, updatedAt: now })).where(eq(events.id, eventId)).returning();
    await audit(tx, actor, { action: 'event.publish', entityType: 'event', entityId: eventId, before: { status: before.status }, after: { status: 'published' }, provinceCode: before.provinceCode });
    return after!;
  });
}

/**
 * Cancels a draft or published event. Every live registration is cancelled and refunded in full,
 * with its activity record and a message, in the same transaction.
 */
export async function cancelEvent(actor: Actor, eventId: number, now = Date.now()) {
  const result = await withTransaction(async (tx) => {
    const before = await loadForManager(tx, actor, eventId);
    const refusal = transitionRefusal(before.status, 'cancelled');
    if (refusal) throw new DomainError(refusal, 'conflict');
    const [after] = await tx.update(events).set(changeOf(before, { status: 'cancelled', cancelledAt: now, updatedAt: now })).where(eq(events.id, eventId)).returning();
    const cancelled = await cancelRegistrationsOfEvent(tx, eventId, actor.kind === 'staff' ? actor.staffId : null, now);
    await audit(tx, actor, { action: 'event.cancel', entityType: 'event', entityId: eventId, before: { status: before.status }, after: { status: 'cancelled', registrationsCancelled: cancelled }, provinceCode: before.provinceCode });
    return { ...after!, registrationsCancelled: cancelled };
  });
  deliverSoon();
  return result;
}

/**
 * Creates a series in one go: one ordinary event per occurrence of the rule, each with its own
 * registration windows, all valid or none written.
 */
export async function createEventSeries(actor: Actor, input: EventSeriesInput, now = Date.now()) {
  const starts = seriesOccurrences(input);
  if (starts.length === 0) throw new DomainError('invalid_rule');
  return withTransaction(async (tx) => {
    const provinceCode = await targetProvince(tx, actor, input.provinceCode);
    const manager = requireManager(actor, { provinceCode, clubCode: input.clubCode });
    const drafts = starts.map((startsAt) => {
      const regOpensAt = startsAt - input.regOpensDaysBefore * DAY;
      return {
        ...input,
        startsAt,
        endsAt: startsAt + input.durationMinutes * 60_000,
        regOpensAt,
        regClosesAt: startsAt - input.regClosesHoursBefore * HOUR,
        vipOpensAt: input.vipDaysBefore > 0 ? regOpensAt - input.vipDaysBefore * DAY : null,
      };
    });
    for (const draft of drafts) {
      const violations = eventViolations(draftOf(draft));
      if (violations.length > 0) refuse(violations);
    }
    const rule = { frequency: input.frequency, weekday: input.weekday, ordinal: input.ordinal, startDate: input.startDate, count: input.count, time: input.time };
    const [series] = await tx
      .insert(eventSeries)
      .values({ clubCode: input.clubCode, provinceCode, rule, createdByStaffId: manager.staffId, createdAt: now })
      .returning({ id: eventSeries.id });
    const status = input.publish ? ('published' as const) : ('draft' as const);
    const created = await tx
      .insert(events)
      .values(
        drafts.map((d) => ({
          ...columnsOf(d),
          provinceCode,
          seriesId: series!.id,
          status,
          publishedAt: input.publish ? now : null,
          createdByStaffId: manager.staffId,
          createdAt: now,
        })),
      )
      .returning({ id: events.id, startsAt: events.startsAt });
    await audit(tx, manager, { action: 'event.series.create', entityType: 'event_series', entityId: series!.id, after: { rule, status, eventIds: created.map((e) => e.id) }, provinceCode });
    return { seriesId: series!.id, events: created };
  });
}

/** Seat counts per event: taken (confirmed, attended, no-show) and waiting, from the events' counters. */
export async function seatCounts(eventIds: number[]): Promise<Map<number, { taken: number; waitlisted: number }>> {
  if (eventIds.length === 0) return new Map();
  const rows = await getReader()
    .select({ id: events.id, taken: events.seatsTaken, waitlisted: events.waitlisted })
    .from(events)
    .where(inArray(events.id, eventIds));
  return new Map(rows.map((r) => [r.id, { taken: r.taken, waitlisted: r.waitlisted }]));
}

/** One event with its seat counts, for its managers (province and clubs); for anyone else it does not exist. */
export async function getStaffEvent(actor: Actor, eventId: number) {
  const [event] = await getReader().select().from(events).where(eq(events.id, eventId));
  if (!event || !isManager(actor) || !seesEvent(actor, event)) throw notFound();
  const counts = (await seatCounts([eventId])).get(eventId)!;
  return { ...event, ...counts };
}

/** Events of a year in the actor's scope (an operator's province and clubs; HQ: any, optionally one province). */
export async function listStaffEvents(actor: Actor, filters: { year: number; club?: ClubCode; status?: EventRow['status']; province?: string }) {
  if (!isManager(actor)) throw forbidden();
  const { start, end } = shanghaiYearRange(filters.year);
  const province = isHq(actor) ? filters.province : (actor.provinceCode ?? undefined);
  const conditions: (SQL | undefined)[] = [
    gte(events.startsAt, start),
    lt(events.startsAt, end),
    province ? eq(events.provinceCode, province) : undefined,
    filters.club ? eq(events.clubCode, filters.club) : undefined,
    filters.status ? eq(events.status, filters.status) : undefined,
    eventsInClubScope(actor),
  ];
  const rows = await getReader()
    .select({
      id: events.id,
      clubCode: events.clubCode,
      provinceCode: events.provinceCode,
      kind: events.kind,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      venue: events.venue,
      venueEn: events.venueEn,
      city: events.city,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      capacity: events.capacity,
      status: events.status,
      priceType: events.priceType,
      priceFen: events.priceFen,
      pricePoints: events.pricePoints,
      seriesId: events.seriesId,
    })
    .from(events)
    .where(and(...conditions.filter((c): c is SQL => c !== undefined)))
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(2000);
  const counts = await seatCounts(rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, ...counts.get(r.id)! }));
}

export interface MemberEventFilters {
  club?: ClubCode;
  /** YYYY-MM in Beijing time; without it, upcoming events. */
  month?: string;
  price?: PriceType;
  seatsLeft?: boolean;
}

/** What anyone shown an event may read of it: the poster, no people, no creator. */
export const memberColumns = {
  id: events.id,
  clubCode: events.clubCode,
  kind: events.kind,
  titleZh: events.titleZh,
  titleEn: events.titleEn,
  descriptionZh: events.descriptionZh,
  descriptionEn: events.descriptionEn,
  venue: events.venue,
  venueEn: events.venueEn,
  city: events.city,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  capacity: events.capacity,
  regOpensAt: events.regOpensAt,
  regClosesAt: events.regClosesAt,
  vipOpensAt: events.vipOpensAt,
  priceType: events.priceType,
  priceFen: events.priceFen,
  pricePoints: events.pricePoints,
  eligibleSegments: events.eligibleSegments,
  status: events.status,
};

/**
 * Published events of the member's province in the clubs they belong to: upcoming ones, or those
 * of one month (calendar view). Drafts are never shown.
 */
export async function listMemberEvents(actor: Actor, filters: MemberEventFilters, now = Date.now()) {
  if (actor.kind !== 'member') throw forbidden();
  const db = getReader();
  const clubs = (
    await db
      .select({ clubCode: memberships.clubCode })
      .from(memberships)
      .where(and(eq(memberships.customerId, actor.customerId), sql`${memberships.leftAt} is null`))
  ).map((m) => m.clubCode);
  const visibleClubs = filters.club ? clubs.filter((c) => c === filters.club) : clubs;
  if (visibleClubs.length === 0) return { clubs, events: [] };
  let range: SQL[];
  if (filters.month) {
    const [y, m] = filters.month.split('-').map(Number) as [number, number];
    range = [gte(events.startsAt, shanghaiInstant(y, m, 1)), lt(events.startsAt, m === 12 ? shanghaiInstant(y + 1, 1, 1) : shanghaiInstant(y, m + 1, 1))];
  } else {
    range = [gte(events.endsAt, now)];
  }
  const rows = await db
    .select({ ...memberColumns, publishedAt: events.publishedAt })
    .from(events)
    .where(
      and(
        eq(events.provinceCode, actor.provinceCode),
        inArray(events.clubCode, visibleClubs),
        filters.month ? inArray(events.status, ['published', 'completed', 'cancelled']) : eq(events.status, 'published'),
        isNotNull(events.publishedAt),
        filters.price ? eq(events.priceType, filters.price) : undefined,
        ...range,
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(500);
  const ids = rows.map((r) => r.id);
  const [counts, [customer], held, settings] = await Promise.all([
    seatCounts(ids),
    db.select({ segment: customers.segment }).from(customers).where(eq(customers.id, actor.customerId)),
    ids.length === 0
      ? []
      : db
          .select({ eventId: registrations.eventId, status: registrations.status, position: waitlistPosition() })
          .from(registrations)
          .where(and(eq(registrations.customerId, actor.customerId), inArray(registrations.eventId, ids), inArray(registrations.status, ['confirmed', 'waitlisted']))),
    getHqSettings(db),
  ]);
  const mine = new Map(held.map((h) => [h.eventId, h]));
  const withSeats = rows.map((r) => {
    const seatsLeft = Math.max(0, r.capacity - counts.get(r.id)!.taken);
    // Every event listed is of one of the member's clubs.
    const registrationState = memberRegistrationState({ event: { ...r, seatsLeft }, segment: customer!.segment, isClubMember: true, registration: mine.get(r.id) ?? null, segmentPoints: settings.segmentPoints, now });
    return { ...r, seatsLeft, waitlisted: counts.get(r.id)!.waitlisted, registrationState };
  });
  return { clubs, events: filters.seatsLeft ? withSeats.filter((e) => e.seatsLeft > 0) : withSeats };
}

/** One event for a member: of their province and not a draft; with seats left and whether they are in its club. */
export async function getMemberEvent(actor: Actor, eventId: number) {
  if (actor.kind !== 'member') throw forbidden();
  const db = getReader();
  const [event] = await db
    .select({ ...memberColumns, provinceCode: events.provinceCode, publishedAt: events.publishedAt })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event || event.provinceCode !== actor.provinceCode || event.status === 'draft' || event.publishedAt === null) throw notFound();
  const [membership] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.customerId, actor.customerId), eq(memberships.clubCode, event.clubCode), sql`${memberships.leftAt} is null`));
  const counts = (await seatCounts([eventId])).get(eventId)!;
  return { ...event, seatsLeft: Math.max(0, event.capacity - counts.taken), waitlisted: counts.waitlisted, isClubMember: Boolean(membership) };
}

/** Events a public calendar feed carries: published, completed or cancelled after publication, from a year back. */
export async function listCalendarEvents(provinceCode: string, clubCode: ClubCode, now = Date.now()) {
  return getReader()
    .select({ ...memberColumns, provinceCode: events.provinceCode, updatedAt: events.updatedAt, createdAt: events.createdAt, publishedAt: events.publishedAt, revision: events.revision })
    .from(events)
    .where(
      and(
        eq(events.provinceCode, provinceCode),
        eq(events.clubCode, clubCode),
        isNotNull(events.publishedAt),
        gte(events.startsAt, now - 365 * DAY),
      ),
    )
    // Newest first: should a feed ever hit the cap, the oldest past events are the ones left out.
    .orderBy(desc(events.startsAt))
    .limit(1000);
}

/** One event for a public .ics download: anything but a draft. */
export async function getPublicEvent(eventId: number) {
  const [event] = await getReader()
    .select({ ...memberColumns, provinceCode: events.provinceCode, updatedAt: events.updatedAt, createdAt: events.createdAt, publishedAt: events.publishedAt, revision: events.revision })
    .from(events)
    .where(and(eq(events.id, eventId), isNotNull(events.publishedAt)));
  if (!event) throw notFound();
  return event;
}


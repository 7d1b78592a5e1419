import { sql } from 'drizzle-orm';
import { check, index, integer, table, text, uniqueIndex } from './core';
import {
  CHANNELS,
  EVENT_KINDS,
  EVENT_STATUSES,
  PRICE_TYPES,
  REGISTRATION_STATUSES,
  type Channel,
  type ClubCode,
  type EventKind,
  type EventStatus,
  type PriceType,
  type RegistrationStatus,
  type Segment,
} from '@/lib/domain/types';
import { clubs } from './clubs';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';
import { provinces } from './geo';
import { images } from './images';
import { staff } from './staff';

/** A rule that produced a set of ordinary events in one go (e.g. a salon each quarter). */
export const eventSeries = table('event_series', {
  id: integer().primaryKey({ autoIncrement: true }),
  clubCode: text()
    .$type<ClubCode>()
    .notNull()
    .references(() => clubs.code),
  provinceCode: text()
    .notNull()
    .references(() => provinces.code),
  rule: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  createdByStaffId: integer().references(() => staff.id),
  createdAt: createdAt(),
});

/** An event (活动) of one club in one province. */
export const events = table(
  'events',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    clubCode: text()
      .$type<ClubCode>()
      .notNull()
      .references(() => clubs.code),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    seriesId: integer().references(() => eventSeries.id),
    kind: text().$type<EventKind>().notNull(),
    titleZh: text().notNull(),
    titleEn: text(),
    descriptionZh: text().notNull().default(''),
    descriptionEn: text(),
    venue: text().notNull(),
    /** The venue in English, for the English UI; written with its city, as it is not put in front. */
    venueEn: text(),
    city: text(),
    startsAt: integer().notNull(),
    endsAt: integer().notNull(),
    capacity: integer().notNull(),
    regOpensAt: integer().notNull(),
    regClosesAt: integer().notNull(),
    /** Start of the VIP-only priority window; general registration opens at reg_opens_at. */
    vipOpensAt: integer(),
    priceType: text().$type<PriceType>().notNull().default('free'),
    priceFen: integer().notNull().default(0),
    pricePoints: integer().notNull().default(0),
    eligibleSegments: text({ mode: 'json' }).$type<Segment[]>().notNull(),
    status: text().$type<EventStatus>().notNull().default('draft'),
    /**
     * Counters of its registrations (confirmed, attended and no-show; waitlisted), kept by triggers
     * on registrations in the same statement, so that a registration needs no count. A trigger
     * also refuses any write that would put seats_taken above capacity.
     */
    seatsTaken: integer().notNull().default(0),
    waitlisted: integer().notNull().default(0),
    /** Registrations attended, all segments and channels: the sum of its event_stats rows, kept by their triggers (statistics' events held and top events). */
    attendees: integer().notNull().default(0),
    /** The event's own cover; without one, members see its club's cover in the province. */
    coverImageId: integer().references(() => images.id),
    createdByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
    updatedAt: integer(),
    /** Rises with each change a calendar shows (lib/domain/calendar-revision.ts): the feeds' SEQUENCE. */
    revision: integer().notNull().default(0),
    publishedAt: integer(),
    cancelledAt: integer(),
    completedAt: integer(),
  },
  (t) => [
    check('events_kind', oneOf(t.kind, EVENT_KINDS)),
    check('events_status', oneOf(t.status, EVENT_STATUSES)),
    check('events_price_type', oneOf(t.priceType, PRICE_TYPES)),
    check('events_times', sql`${t.endsAt} > ${t.startsAt} and ${t.regClosesAt} <= ${t.startsAt} and ${t.regOpensAt} < ${t.regClosesAt}`),
    check('events_vip_window', sql`${t.vipOpensAt} is null or ${t.vipOpensAt} < ${t.regOpensAt}`),
    check('events_capacity', sql`${t.capacity} >= 1`),
    check(
      'events_price',
      sql`(${t.priceType} = 'free' and ${t.priceFen} = 0 and ${t.pricePoints} = 0) or (${t.priceType} = 'fee' and ${t.priceFen} > 0 and ${t.pricePoints} = 0) or (${t.priceType} = 'points' and ${t.pricePoints} > 0 and ${t.priceFen} = 0)`,
    ),
    index('events_province_club_start').on(t.provinceCode, t.clubCode, t.startsAt),
    index('events_start').on(t.startsAt),
    index('events_cover_image').on(t.coverImageId),
    // Statistics count a period's events by status and rank them by attendees from this index alone:
    // event rows are wide, a page each, and a national year has thousands.
    index('events_statistics').on(t.startsAt, t.status, t.attendees, t.clubCode, t.provinceCode, t.kind, t.id),
  ],
);

/** A registration (报名) of a customer for an event. */
export const registrations = table(
  'registrations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    eventId: integer()
      .notNull()
      .references(() => events.id),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    status: text().$type<RegistrationStatus>().notNull(),
    channel: text().$type<Channel>().notNull(),
    /** The customer's segment when registering (what they paid by); filled by a trigger when left out. */
    segment: text().$type<Segment>(),
    createdByStaffId: integer().references(() => staff.id),
    /** What was taken when the seat was confirmed; refunds give back exactly this. */
    paidPoints: integer().notNull().default(0),
    paidFen: integer().notNull().default(0),
    refundedAt: integer(),
    /** VIPs first, then by time: the waiting-list order key. */
    waitlistRank: integer(),
    /**
     * The waiting-list place the member was last told (when joining, then by the scheduler's
     * waitlist job): when a VIP joins ahead and the place moves back, they are told again.
     */
    waitlistToldPosition: integer(),
    /** Random part of the signed ticket code and the short code read out at the door. */
    ticketSecret: text().notNull().unique(),
    shortCode: text().notNull(),
    createdAt: createdAt(),
    confirmedAt: integer(),
    cancelledAt: integer(),
    /** Why a registration ended: the member or staff cancelled, the event was cancelled, or a promotion could not be paid. */
    cancelReason: text().$type<'cancelled' | 'event_cancelled' | 'cannot_pay'>(),
    checkedInAt: integer(),
    checkedInByStaffId: integer().references(() => staff.id),
    updatedAt: integer(),
  },
  (t) => [
    check('registrations_status', oneOf(t.status, REGISTRATION_STATUSES)),
    check('registrations_channel', oneOf(t.channel, CHANNELS)),
    check('registrations_paid', sql`${t.paidPoints} >= 0 and ${t.paidFen} >= 0`),
    uniqueIndex('registrations_one_live')
      .on(t.eventId, t.customerId)
      .where(sql`${t.status} <> 'cancelled'`),
    uniqueIndex('registrations_event_short_code').on(t.eventId, t.shortCode),
    // Statistics count an event's registrations by status, segment and channel (and distinct
    // customers) from this index alone.
    index('registrations_event_status').on(t.eventId, t.status, t.segment, t.channel, t.customerId),
    // The waiting list in order: places, and the next to promote.
    index('registrations_waitlist').on(t.eventId, t.waitlistRank).where(sql`${t.status} = 'waitlisted'`),
    index('registrations_customer').on(t.customerId, t.createdAt),
    // Who attended, customer by customer: a customer's participation chain is recomputed from this
    // index alone at each check-in (status included, so that SQLite needs no table row; migration
    // participation_chain_triggers). Partial: registering never touches it.
    index('registrations_attended_customers')
      .on(t.customerId, t.eventId, t.segment, t.channel, t.status)
      .where(sql`${t.status} = 'attended'`),
  ],
);

/**
 * A member's request to be told when an event's registration opens to them (a VIP's own window
 * when they have one): by SMS and in the app, once, by the scheduler's job.
 */
export const openingReminders = table(
  'opening_reminders',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    eventId: integer()
      .notNull()
      .references(() => events.id),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    createdAt: createdAt(),
    sentAt: integer(),
  },
  (t) => [
    uniqueIndex('opening_reminders_one').on(t.eventId, t.customerId),
    // The job reads the reminders still to send, event by event.
    index('opening_reminders_pending')
      .on(t.eventId)
      .where(sql`${t.sentAt} is null`),
  ],
);

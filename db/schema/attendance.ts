import { sql } from 'drizzle-orm';
import { check, index, integer, table, text, uniqueIndex } from './core';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';
import { events, registrations } from './events';
import { provinces } from './geo';
import { staff } from './staff';

export const SCAN_OUTCOMES = ['checked_in', 'already_checked_in', 'conflict', 'refused'] as const;
export type ScanOutcome = (typeof SCAN_OUTCOMES)[number];

/**
 * Every check-in attempt at a door, online or synced later, with the nonce its device gave it: a
 * replayed sync finds its nonce and counts nothing twice.
 */
export const checkinScans = table(
  'checkin_scans',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    nonce: text().notNull(),
    eventId: integer()
      .notNull()
      .references(() => events.id),
    registrationId: integer().references(() => registrations.id),
    staffId: integer().references(() => staff.id),
    deviceId: text(),
    /** When the door device scanned (its clock), and when the server heard of it. */
    scannedAt: integer().notNull(),
    receivedAt: integer().notNull(),
    outcome: text().$type<ScanOutcome>().notNull(),
    /** The refusal code, or for a conflict when the ticket had been checked in. */
    detail: text({ mode: 'json' }).$type<Record<string, string | number>>(),
  },
  (t) => [
    check('checkin_scans_outcome', oneOf(t.outcome, SCAN_OUTCOMES)),
    uniqueIndex('checkin_scans_nonce').on(t.nonce),
    index('checkin_scans_event').on(t.eventId, t.receivedAt),
  ],
);

/** A member's rating (1-5) and comment on an event they attended: one per attendance. */
export const feedback = table(
  'feedback',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    registrationId: integer()
      .notNull()
      .references(() => registrations.id),
    eventId: integer()
      .notNull()
      .references(() => events.id),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    rating: integer().notNull(),
    comment: text().notNull().default(''),
    createdAt: createdAt(),
    updatedAt: integer(),
  },
  (t) => [
    check('feedback_rating', sql`${t.rating} between 1 and 5`),
    uniqueIndex('feedback_registration').on(t.registrationId),
    index('feedback_event').on(t.eventId),
  ],
);

export const CALLBACK_STATUSES = ['open', 'reached', 'not_reached', 'declined'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** After an event a VIP attended, or the periodic one every VIP gets (10010 定期回访, plan 四(二)5). */
export const CALLBACK_KINDS = ['event', 'periodic'] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

/**
 * A callback (回访) to a VIP, worked by the province's hotline staff: after an event they attended
 * (one per registration), or once per period (one per customer and period start). A task not
 * reached stays open with its next attempt set until the attempts run out (then not_reached).
 */
export const callbacks = table(
  'callbacks',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    kind: text().$type<CallbackKind>().notNull().default('event'),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    eventId: integer().references(() => events.id),
    registrationId: integer().references(() => registrations.id),
    /** Periodic tasks: the start of their period (Asia/Shanghai calendar). */
    periodStart: integer(),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    /** The start of the day the task is due (after an event: when it was made). */
    dueAt: integer().notNull(),
    attempts: integer().notNull().default(0),
    /** When a VIP not reached is to be tried again; null before the first attempt. */
    nextAttemptAt: integer(),
    /** The VIP's account manager, who gets the task first; the hotline staff once it is overdue. */
    assignedStaffId: integer().references(() => staff.id),
    status: text().$type<CallbackStatus>().notNull().default('open'),
    opinion: text(),
    staffId: integer().references(() => staff.id),
    createdAt: createdAt(),
    completedAt: integer(),
  },
  (t) => [
    check('callbacks_status', oneOf(t.status, CALLBACK_STATUSES)),
    check('callbacks_kind', oneOf(t.kind, CALLBACK_KINDS)),
    check('callbacks_kind_columns', sql`(${t.kind} = 'event' and ${t.registrationId} is not null) or (${t.kind} = 'periodic' and ${t.periodStart} is not null)`),
    uniqueIndex('callbacks_registration').on(t.registrationId),
    uniqueIndex('callbacks_customer_period').on(t.customerId, t.periodStart),
    index('callbacks_queue').on(t.provinceCode, t.status, t.dueAt),
    index('callbacks_assigned').on(t.assignedStaffId, t.status),
  ],
);

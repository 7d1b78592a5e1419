import { index, integer, primaryKey, table, text } from './core';
import type { Channel, ClubCode, EventKind, Segment } from '@/lib/domain/types';
import { events } from './events';

/**
 * Registration counts and takings per event, segment and channel: the additive statistics, kept by
 * triggers on registrations in the statement that changes a registration (migration
 * event_stats_triggers), so that a year's statistics add up thousands of rows, not millions. A
 * test recounts them from the registrations.
 */
export const eventStats = table(
  'event_stats',
  {
    eventId: integer()
      .notNull()
      .references(() => events.id),
    segment: text().$type<Segment>().notNull(),
    channel: text().$type<Channel>().notNull(),
    /** Every registration ever made, whatever became of it. */
    registrations: integer().notNull().default(0),
    confirmed: integer().notNull().default(0),
    attended: integer().notNull().default(0),
    noShow: integer().notNull().default(0),
    cancelled: integer().notNull().default(0),
    /** Waiting now, and everyone who ever joined the waiting list (demand beyond capacity). */
    waitlisted: integer().notNull().default(0),
    waitlistJoins: integer().notNull().default(0),
    /** Taken and not refunded. */
    pointsPaid: integer().notNull().default(0),
    fenPaid: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.segment, t.channel] })],
);

/**
 * Who took part, per period (`Y2026`, `Q2026-4`, `M2026-11`, Beijing time), club (`*` for any)
 * and province: one row per customer with the number of events they attended. Unique participants
 * and repeat participation are range counts here instead of a distinct count over millions of
 * registrations. Kept by triggers on registrations (migration participation_triggers).
 */
export const participation = table(
  'participation',
  {
    periodKey: text().notNull(),
    clubCode: text().notNull(),
    provinceCode: text().notNull(),
    customerId: integer().notNull(),
    eventsAttended: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.periodKey, t.clubCode, t.provinceCode, t.customerId] }),
    index('participation_counts').on(t.periodKey, t.clubCode, t.provinceCode, t.eventsAttended),
  ],
);

/**
 * event_stats added up per Beijing month of the events' start (`2026-11`), province, club, kind,
 * segment and channel: what a statistics page for whole months reads instead of one row per event
 * and segment and channel (a national year: ~30,000 rows instead of ~80,000, with no join). Kept by
 * triggers on event_stats and on events (a rescheduled event moves its figures to its new month),
 * migration monthly_stats_triggers; db/consistency.ts recounts it.
 */
export const monthlyStats = table(
  'monthly_stats',
  {
    month: text().notNull(),
    provinceCode: text().notNull(),
    clubCode: text().$type<ClubCode>().notNull(),
    kind: text().$type<EventKind>().notNull(),
    segment: text().$type<Segment>().notNull(),
    channel: text().$type<Channel>().notNull(),
    registrations: integer().notNull().default(0),
    attended: integer().notNull().default(0),
    noShow: integer().notNull().default(0),
    cancelled: integer().notNull().default(0),
    waitlistJoins: integer().notNull().default(0),
    pointsPaid: integer().notNull().default(0),
    fenPaid: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.provinceCode, t.clubCode, t.kind, t.segment, t.channel] })],
);

/**
 * participation counted per period, club and province: customers who attended at least one event
 * (participants) and at least two (repeaters). A whole period's unique and repeat participants are
 * then one row per province instead of one per participant. Kept by triggers on participation.
 */
export const participationTotals = table(
  'participation_totals',
  {
    periodKey: text().notNull(),
    clubCode: text().notNull(),
    provinceCode: text().notNull(),
    participants: integer().notNull().default(0),
    repeaters: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.periodKey, t.clubCode, t.provinceCode] })],
);

/**
 * Memberships counted per Beijing month, club, province, customer segment and join channel: joins
 * in the month of joined_at, leaves in the month of left_at. Members active at an instant are the
 * joins before it minus the leaves before it, whole months from here and the rest of its own month
 * from the memberships. Kept by triggers on memberships (a membership whose customer changes
 * segment, or which moves province, moves its counts); `segment` is '' until the insert trigger has
 * copied the customer's segment onto a new membership.
 */
export const membershipStats = table(
  'membership_stats',
  {
    month: text().notNull(),
    clubCode: text().$type<ClubCode>().notNull(),
    provinceCode: text().notNull(),
    segment: text().notNull(),
    joinChannel: text().$type<Channel>().notNull(),
    joins: integer().notNull().default(0),
    leaves: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.month, t.clubCode, t.provinceCode, t.segment, t.joinChannel] })],
);

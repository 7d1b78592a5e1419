import { index, integer, primaryKey, table, text } from './core';
import type { Channel, Segment } from '@/lib/domain/types';
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

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

/** participation_chain's next_at and next2_at when there is no next attendance: 9999-12-31, after any range. */
export const NO_NEXT_ATTENDANCE = 253402214400000;

/**
 * Who took part, as a chain per customer, scope and province: each attended registration once in
 * each scope it counts in, with the start of the customer's previous two and next two attended
 * events in that scope and province (0 before the first, NO_NEXT_ATTENDANCE after the last). The
 * scope (column club_code) is each combination of the statistics filters the registration meets:
 * its club or its event's kind (or neither), its segment (or not), its channel (or not), joined by
 * '/' (`music`, `kind:film_premiere/segment:postpaid_vip`, `segment:prepaid/channel:hotline`; `*`
 * for none), twelve per registration. A customer took part in a range when one of their
 * attendances falls in it with the previous one before it, and came back when a second one does: participation_cells
 * counts these by month, and the chain's rows answer the days at a custom range's ends exactly
 * (lib/server/stats.ts). Kept by triggers on registrations and events, which recompute the chain of
 * the customer and province concerned (participation_recompute; migration participation_chain).
 */
export const participationChain = table(
  'participation_chain',
  {
    customerId: integer().notNull(),
    provinceCode: text().notNull(),
    clubCode: text().notNull(),
    startsAt: integer().notNull(),
    registrationId: integer().notNull(),
    prevAt: integer().notNull(),
    prev2At: integer().notNull(),
    nextAt: integer().notNull(),
    next2At: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.customerId, t.provinceCode, t.clubCode, t.startsAt, t.registrationId] }),
    // The attendances of a scope in a stretch of days, with their neighbours, read without the rows.
    index('participation_chain_days').on(t.clubCode, t.startsAt, t.provinceCode, t.prevAt, t.prev2At, t.nextAt, t.next2At),
  ],
);

/**
 * participation_chain counted per scope, province (and '*' for all provinces, their sum), Beijing
 * month of the attendance and the months of the two before it ('' for none). Over whole months
 * from M: participants = attendances in the months whose previous one is before M; repeat
 * participants = those whose previous one is in the months and the one before that is not. A
 * national year adds up a few hundred rows, whatever the number of customers. Kept by triggers on
 * participation_chain; db/consistency.ts recounts them.
 */
export const participationCells = table(
  'participation_cells',
  {
    clubCode: text().notNull(),
    provinceCode: text().notNull(),
    month: text().notNull(),
    prevMonth: text().notNull(),
    prev2Month: text().notNull(),
    attendances: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.clubCode, t.provinceCode, t.month, t.prevMonth, t.prev2Month] })],
);

/**
 * event_stats added up per Beijing month of the events' start (`2026-11`) and province, at three
 * levels: each club, kind, segment and channel (the cells); each club and kind with segment and
 * channel '*' (totals); and club and kind '*' per segment and channel (every club's). A statistics
 * page of whole months reads the level its filters need (a national year: ~1,700 totals and
 * ~6,600 all-club rows of ~30,000 cells, instead of ~80,000 event_stats rows and a join). Kept by
 * triggers on event_stats and on events (a rescheduled event moves its figures to its new month),
 * migrations summary_triggers, summary_totals and monthly_stats_all_clubs; db/consistency.ts
 * recounts them.
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
  (t) => [
    primaryKey({ columns: [t.month, t.provinceCode, t.clubCode, t.kind, t.segment, t.channel] }),
    // The '*' totals, the all-clubs rows and one channel's rows, each read by month without the rest.
    index('monthly_stats_totals').on(t.segment, t.month),
    index('monthly_stats_all_clubs').on(t.clubCode, t.month),
    index('monthly_stats_channel').on(t.channel, t.month),
  ],
);

/**
 * Memberships counted per Beijing month, club, province, customer segment and join channel: joins
 * in the month of joined_at, leaves in the month of left_at; month '*' counts every join and leave
 * ever, and segment and channel '*' every segment and channel (rows at each combination of the
 * two). Members active at an instant are all joins less all leaves, less those of the months after
 * its month and of the rest of its month (from the memberships). Kept by triggers on memberships (a
 * membership whose customer changes segment, or which moves province, moves its counts); `segment`
 * is '' until the insert trigger has copied the customer's segment onto a new membership.
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
  (t) => [
    primaryKey({ columns: [t.month, t.clubCode, t.provinceCode, t.segment, t.joinChannel] }),
    // The rows of every segment and channel ('*'), or of one channel, read by month without the rest.
    index('membership_stats_totals').on(t.segment, t.month),
    index('membership_stats_channel').on(t.joinChannel, t.month),
  ],
);

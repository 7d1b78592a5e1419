import { sql } from 'drizzle-orm';
import { check, index, integer, table, text, uniqueIndex } from './core';
import { VISIT_ARRIVALS, VISIT_PURPOSES, VISIT_STATUSES, type VisitArrival, type VisitPurpose, type VisitStatus } from '@/lib/domain/hall-visits';
import type { Segment } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';
import { halls, serviceBookings } from './services';
import { staff } from './staff';

/**
 * A customer's visit to a hall or brand store, timed against the plan's service levels (四(二)1):
 * arrival (checked in by staff, from a booking, or by scanning the hall's code), start and finish,
 * and who served. The checks hold the order of the steps whatever code writes: a visit starts
 * after it arrived, finishes after it started, and its status says which times it has.
 */
export const hallVisits = table(
  'hall_visits',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    hallId: integer()
      .notNull()
      .references(() => halls.id),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    /** The segment at arrival: VIPs are received first, and the statistics keep them apart. */
    segment: text().$type<Segment>().notNull(),
    purpose: text().$type<VisitPurpose>().notNull(),
    arrival: text().$type<VisitArrival>().notNull(),
    /** The booking the customer came for, when checked in from the day's bookings. */
    bookingId: integer().references(() => serviceBookings.id),
    status: text().$type<VisitStatus>().notNull().default('waiting'),
    /** The Beijing calendar day of arrival: a hall's queue is one day's. */
    day: text().notNull(),
    arrivedAt: integer().notNull(),
    startedAt: integer(),
    finishedAt: integer(),
    checkedInByStaffId: integer().references(() => staff.id),
    servedByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('hall_visits_purpose', oneOf(t.purpose, VISIT_PURPOSES)),
    check('hall_visits_arrival', oneOf(t.arrival, VISIT_ARRIVALS)),
    check('hall_visits_status', oneOf(t.status, VISIT_STATUSES)),
    check(
      'hall_visits_steps',
      sql`(${t.status} = 'waiting' and ${t.startedAt} is null and ${t.finishedAt} is null)
        or (${t.status} = 'serving' and ${t.startedAt} is not null and ${t.startedAt} >= ${t.arrivedAt} and ${t.finishedAt} is null)
        or (${t.status} = 'done' and ${t.startedAt} is not null and ${t.startedAt} >= ${t.arrivedAt} and ${t.finishedAt} is not null and ${t.finishedAt} >= ${t.startedAt})`,
    ),
    check('hall_visits_booking', sql`(${t.arrival} = 'booking') = (${t.bookingId} is not null)`),
    // One place in a hall's line at a time: a second check-in (a scan after staff, a double tap) is refused here.
    uniqueIndex('hall_visits_one_open').on(t.hallId, t.customerId, t.day).where(sql`${t.status} <> 'done'`),
    index('hall_visits_queue').on(t.hallId, t.day, t.status),
    index('hall_visits_arrived').on(t.arrivedAt),
    index('hall_visits_customer').on(t.customerId, t.arrivedAt),
  ],
);

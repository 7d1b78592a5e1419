import { sql } from 'drizzle-orm';
import { check, index, integer, table, text } from './core';
import {
  CHANNELS,
  COMPLAINT_KINDS,
  COMPLAINT_STATUSES,
  COMPLAINT_STEPS,
  COMPLAINT_TOPICS,
  SEGMENTS,
  type Channel,
  type ComplaintKind,
  type ComplaintStatus,
  type ComplaintStep,
  type ComplaintTopic,
  type Segment,
} from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';
import { provinces } from './geo';
import { staff } from './staff';

/**
 * A customer's complaint (投诉) or suggestion (建议), handled by the staff of the customer's province:
 * VIPs' first (the segment is kept as it was when it came in), then the oldest. The first staff
 * member who takes it owns it until it is closed (首问服务制). `resolvedAt` and `resolvedByStaffId`
 * hold the latest answer; `firstAnsweredAt` the first, which the deadline is measured against.
 */
export const complaints = table(
  'complaints',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    kind: text().$type<ComplaintKind>().notNull().default('complaint'),
    segment: text().$type<Segment>().notNull(),
    topic: text().$type<ComplaintTopic>().notNull(),
    body: text().notNull(),
    channel: text().$type<Channel>().notNull(),
    status: text().$type<ComplaintStatus>().notNull().default('open'),
    ownerStaffId: integer().references(() => staff.id),
    /** When an answer is due (filing plus the segment's hours); null for suggestions. */
    deadlineAt: integer(),
    escalatedAt: integer(),
    reply: text(),
    firstAnsweredAt: integer(),
    resolvedAt: integer(),
    resolvedByStaffId: integer().references(() => staff.id),
    /** Until when the customer may confirm or reopen the answer; then it closes by itself. */
    confirmBy: integer(),
    reopenCount: integer().notNull().default(0),
    rating: integer(),
    closedAt: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    check('complaints_kind', oneOf(t.kind, COMPLAINT_KINDS)),
    check('complaints_topic', oneOf(t.topic, COMPLAINT_TOPICS)),
    check('complaints_status', oneOf(t.status, COMPLAINT_STATUSES)),
    check('complaints_channel', oneOf(t.channel, CHANNELS)),
    check('complaints_segment', oneOf(t.segment, SEGMENTS)),
    check('complaints_rating', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    index('complaints_queue').on(t.provinceCode, t.status, t.createdAt),
    index('complaints_customer').on(t.customerId, t.createdAt),
    index('complaints_due').on(t.status, t.deadlineAt),
  ],
);

/** A complaint's history: each step, who took it (a staff member; none for the customer or the scheduler) and to whom it went. */
export const complaintSteps = table(
  'complaint_steps',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    complaintId: integer()
      .notNull()
      .references(() => complaints.id),
    step: text().$type<ComplaintStep>().notNull(),
    staffId: integer().references(() => staff.id),
    toStaffId: integer().references(() => staff.id),
    note: text(),
    rating: integer(),
    at: integer().notNull(),
  },
  (t) => [check('complaint_steps_step', oneOf(t.step, COMPLAINT_STEPS)), index('complaint_steps_complaint').on(t.complaintId, t.at)],
);

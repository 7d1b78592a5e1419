import { check, index, integer, table, text } from './core';
import { CHANNELS, COMPLAINT_STATUSES, COMPLAINT_TOPICS, SEGMENTS, type Channel, type ComplaintStatus, type ComplaintTopic, type Segment } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';
import { provinces } from './geo';
import { staff } from './staff';

/**
 * A customer's complaint (投诉), handled by the operators of the customer's province: VIPs' first
 * (the segment is kept as it was when the complaint came in), then the oldest.
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
    segment: text().$type<Segment>().notNull(),
    topic: text().$type<ComplaintTopic>().notNull(),
    body: text().notNull(),
    channel: text().$type<Channel>().notNull(),
    status: text().$type<ComplaintStatus>().notNull().default('open'),
    reply: text(),
    resolvedAt: integer(),
    resolvedByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('complaints_topic', oneOf(t.topic, COMPLAINT_TOPICS)),
    check('complaints_status', oneOf(t.status, COMPLAINT_STATUSES)),
    check('complaints_channel', oneOf(t.channel, CHANNELS)),
    check('complaints_segment', oneOf(t.segment, SEGMENTS)),
    index('complaints_queue').on(t.provinceCode, t.status, t.createdAt),
    index('complaints_customer').on(t.customerId, t.createdAt),
  ],
);

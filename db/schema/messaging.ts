import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { OUTBOX_CHANNELS, OUTBOX_STATUSES, type OutboxChannel, type OutboxStatus } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';

/** Messages to customers (SMS text and in-app), written in the transaction that causes them. */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    customerId: integer().references(() => customers.id),
    mobile: text().notNull(),
    channel: text().$type<OutboxChannel>().notNull(),
    template: text().notNull(),
    body: text().notNull(),
    /** Makes a message that must go out once (a reminder) idempotent. */
    dedupeKey: text().unique(),
    status: text().$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    createdAt: createdAt(),
    sentAt: integer(),
    readAt: integer(),
  },
  (t) => [
    check('outbox_channel', oneOf(t.channel, OUTBOX_CHANNELS)),
    check('outbox_status', oneOf(t.status, OUTBOX_STATUSES)),
    index('outbox_pending').on(t.status, t.createdAt),
    index('outbox_customer').on(t.customerId, t.createdAt),
  ],
);

/** Fixed-window counters for rate limits (failed sign-ins per account and per IP, code requests). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text().primaryKey(),
  windowStart: integer().notNull(),
  count: integer().notNull(),
});

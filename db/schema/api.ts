import { sql } from 'drizzle-orm';
import { check, integer, table, text, uniqueIndex } from './core';
import { CHANNELS, type Channel } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { provinces } from './geo';
import { staff } from './staff';

/**
 * Bearer tokens of the operator's other systems (hotline desk, online / SMS / mobile halls), one
 * per channel and scope (a province, or HQ when null). Only a SHA-256 hash of the token is kept.
 */
export const apiTokens = table(
  'api_tokens',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    channel: text().$type<Channel>().notNull(),
    provinceCode: text().references(() => provinces.code),
    tokenHash: text().notNull().unique(),
    createdByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
    revokedAt: integer(),
    lastUsedAt: integer(),
  },
  (t) => [check('api_tokens_channel', sql`${oneOf(t.channel, CHANNELS)} and ${t.channel} <> 'web'`)],
);

/**
 * Idempotency keys of registering and cancelling requests, per actor, with the result they had:
 * a repeat returns it. Written in the same transaction as the work. Kept at least 24 hours.
 */
export const idempotencyKeys = table(
  'idempotency_keys',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Whose key it is: `member:12`, `staff:3` or `token:5`. */
    scope: text().notNull(),
    key: text().notNull(),
    /** What was asked, so that a key reused for another request is refused. */
    requestHash: text().notNull(),
    response: text({ mode: 'json' }).$type<unknown>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('idempotency_keys_scope_key').on(t.scope, t.key)],
);

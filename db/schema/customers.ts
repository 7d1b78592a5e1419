import { sql } from 'drizzle-orm';
import { check, index, integer, table, text } from './core';
import { CUSTOMER_STATUSES, SEGMENTS, type CustomerStatus, type Segment } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { provinces } from './geo';
import { staff } from './staff';

/**
 * A 3G customer (客户). Balances are caches of their ledgers: database triggers (see the ledger
 * migration) keep them equal to the ledger sums and refuse any other change.
 */
export const customers = table(
  'customers',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    mobile: text().notNull().unique(),
    name: text().notNull(),
    segment: text().$type<Segment>().notNull(),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    status: text().$type<CustomerStatus>().notNull().default('active'),
    pointsBalance: integer().notNull().default(0),
    prepaidBalanceFen: integer().notNull().default(0),
    /** Null until the customer activates web access. */
    passwordHash: text(),
    /** When the password last changed: sessions signed in before it have ended. */
    passwordChangedAt: integer(),
    /**
     * Part of what the secret of the member's personal calendar feed is derived from: raising it
     * (a reset) makes every URL handed out before unusable.
     */
    calendarFeedVersion: integer().notNull().default(0),
    /** A VIP's account manager (客户经理, plan 三(四)): a staff member of the customer's province. */
    accountManagerId: integer().references(() => staff.id),
    createdAt: createdAt(),
    updatedAt: integer(),
  },
  (t) => [
    check('customers_segment', oneOf(t.segment, SEGMENTS)),
    check('customers_status', oneOf(t.status, CUSTOMER_STATUSES)),
    check('customers_mobile', sql`length(${t.mobile}) = 11`),
    check('customers_points_nonnegative', sql`${t.pointsBalance} >= 0`),
    check('customers_prepaid_nonnegative', sql`${t.prepaidBalanceFen} >= 0`),
    index('customers_province_segment_status').on(t.provinceCode, t.segment, t.status),
    index('customers_name').on(t.name),
    // Member lists filtered by a rare status (停机, 销户) find those customers first.
    index('customers_status').on(t.status),
    index('customers_account_manager').on(t.accountManagerId),
  ],
);

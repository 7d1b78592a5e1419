import { sql } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { check, index, integer, table, text, uniqueIndex } from './core';
import { LEDGER_REASONS, type LedgerReason } from '@/lib/domain/types';
import { createdAt, instant, oneOf } from './columns';
import { customers } from './customers';
import { registrations } from './events';
import { staff } from './staff';

const ledgerColumns = () => ({
  id: integer().primaryKey({ autoIncrement: true }),
  customerId: integer()
    .notNull()
    .references(() => customers.id),
  reason: text().$type<LedgerReason>().notNull(),
  /** What the change refers to, e.g. 'registration' and its id. */
  refType: text(),
  refId: integer(),
  note: text(),
  /**
   * The billing system's id of an entry that came from it (计费系统流水号), unique per ledger so
   * that the same entry can never apply twice; null for what the app itself writes.
   */
  externalRef: text(),
  /** When the entry happened in billing; createdAt is when it reached the app. */
  occurredAt: instant(),
  createdByStaffId: integer().references(() => staff.id),
  createdAt: createdAt(),
});

/**
 * Points ledger (积分流水): the only way customers.points_balance changes. Append-only; triggers
 * apply each row to the balance, which may never go below zero.
 */
export const pointsLedger = table(
  'points_ledger',
  { ...ledgerColumns(), delta: integer().notNull() },
  (t) => [
    check('points_ledger_reason', oneOf(t.reason, LEDGER_REASONS)),
    check('points_ledger_delta', sql`${t.delta} <> 0`),
    index('points_ledger_customer').on(t.customerId, t.createdAt),
    index('points_ledger_ref').on(t.refType, t.refId),
    uniqueIndex('points_ledger_external_ref').on(t.externalRef),
  ],
);

/** Prepaid balance ledger, in fen: the only way customers.prepaid_balance_fen changes. */
export const prepaidLedger = table(
  'prepaid_ledger',
  { ...ledgerColumns(), deltaFen: integer().notNull() },
  (t) => [
    check('prepaid_ledger_reason', oneOf(t.reason, LEDGER_REASONS)),
    check('prepaid_ledger_delta', sql`${t.deltaFen} <> 0`),
    index('prepaid_ledger_customer').on(t.customerId, t.createdAt),
    index('prepaid_ledger_ref').on(t.refType, t.refId),
    uniqueIndex('prepaid_ledger_external_ref').on(t.externalRef),
  ],
);

/**
 * Charge lines on a postpaid customer's bill (费用): a fee, and a reversal when refunded, a negative
 * line that names the charge it reverses (at most one each). Append-only: a line, once written, is
 * exported to the billing system exactly once (lib/server/billing.ts).
 */
export const charges = table(
  'charges',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    registrationId: integer().references(() => registrations.id),
    amountFen: integer().notNull(),
    reversesChargeId: integer().references((): AnySQLiteColumn => charges.id),
    description: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('charges_amount', sql`${t.amountFen} <> 0`),
    check('charges_reversal', sql`${t.reversesChargeId} is null or ${t.amountFen} < 0`),
    uniqueIndex('charges_reverses').on(t.reversesChargeId),
    index('charges_customer').on(t.customerId, t.createdAt),
    index('charges_registration').on(t.registrationId),
  ],
);

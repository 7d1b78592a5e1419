import { sql } from 'drizzle-orm';
import { check, integer, table, text, uniqueIndex } from './core';
import { createdAt } from './columns';
import { staff } from './staff';

/**
 * The billing file of a closed cycle for a province (or `ALL`), as first exported: every later
 * export of it serves these bytes again, so the billing system never gets two versions of a cycle.
 * Line count, sum and hash are kept beside the text for the reconciliation page.
 */
export const billingExports = table(
  'billing_exports',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** The cycle's id, the month it starts in: `2026-11`. */
    cycle: text().notNull(),
    /** A province code, or `ALL`. */
    scope: text().notNull(),
    startsAt: integer().notNull(),
    endsAt: integer().notNull(),
    lineCount: integer().notNull(),
    sumFen: integer().notNull(),
    sha256: text().notNull(),
    content: text().notNull(),
    createdByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('billing_exports_cycle_scope').on(t.cycle, t.scope), check('billing_exports_count', sql`${t.lineCount} >= 0`)],
);

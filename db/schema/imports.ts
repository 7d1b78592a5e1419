import { integer, table, text } from './core';
import type { ImportKind } from '@/lib/domain/types';
import { createdAt } from './columns';
import { staff } from './staff';

export interface ImportRowError {
  row: number;
  column: string;
  reason: string;
}

/**
 * A CSV import, of customers or of ledger entries from billing: its counts and the row errors behind
 * the downloadable error report. For a ledger import, created counts the entries applied and
 * unchanged those already applied by an earlier file.
 */
export const customerImports = table('customer_imports', {
  id: integer().primaryKey({ autoIncrement: true }),
  staffId: integer()
    .notNull()
    .references(() => staff.id),
  kind: text().$type<ImportKind>().notNull().default('customers'),
  fileName: text().notNull(),
  totalRows: integer().notNull(),
  createdCount: integer().notNull(),
  updatedCount: integer().notNull(),
  unchangedCount: integer().notNull(),
  errorCount: integer().notNull(),
  errors: text({ mode: 'json' }).$type<ImportRowError[]>().notNull(),
  createdAt: createdAt(),
});

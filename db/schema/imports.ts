import { integer, table, text } from './core';
import { createdAt } from './columns';
import { staff } from './staff';

export interface ImportRowError {
  row: number;
  column: string;
  reason: string;
}

/** A customer CSV import: its counts and the row errors behind the downloadable error report. */
export const customerImports = table('customer_imports', {
  id: integer().primaryKey({ autoIncrement: true }),
  staffId: integer()
    .notNull()
    .references(() => staff.id),
  fileName: text().notNull(),
  totalRows: integer().notNull(),
  createdCount: integer().notNull(),
  updatedCount: integer().notNull(),
  unchangedCount: integer().notNull(),
  errorCount: integer().notNull(),
  errors: text({ mode: 'json' }).$type<ImportRowError[]>().notNull(),
  createdAt: createdAt(),
});

import { integer, table, text } from './core';
import { staff } from './staff';

/**
 * HQ's settings (lib/domain/hq-settings.ts): one row per key that an admin has set; a key with no
 * row is at its default.
 */
export const hqSettings = table('hq_settings', {
  key: text().primaryKey(),
  value: text({ mode: 'json' }).$type<unknown>().notNull(),
  updatedAt: integer().notNull(),
  updatedByStaffId: integer().references(() => staff.id),
});

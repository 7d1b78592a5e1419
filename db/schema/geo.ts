import { integer, table, text } from './core';

/** The 31 mainland provincial branches (省分公司), keyed by GB/T 2260 code. HQ is not a province. */
export const provinces = table('provinces', {
  code: text().primaryKey(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  timeZone: text().notNull().default('Asia/Shanghai'),
  sortOrder: integer().notNull(),
});

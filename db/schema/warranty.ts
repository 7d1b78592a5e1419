import { sql } from 'drizzle-orm';
import { check, index, integer, table, text, uniqueIndex } from './core';
import { createdAt } from './columns';
import { customers } from './customers';
import { provinces } from './geo';
import { halls } from './services';
import { staff } from './staff';

/**
 * A handset under nationwide warranty (全国联保): registered by the province and hall that sold it,
 * found by its IMEI in any hall of any province. Dates are Beijing calendar days ("YYYY-MM-DD"):
 * a warranty runs by whole days, not instants. The buyer is a 3G customer of the selling province
 * when known; a handset bought for another network's number has none and is still covered.
 */
export const warrantyHandsets = table(
  'warranty_handsets',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    imei: text().notNull(),
    model: text().notNull(),
    purchasedOn: text().notNull(),
    /** The last day covered, included: purchase + 1 year unless the operator typed another. */
    warrantyEndsOn: text().notNull(),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    hallId: integer()
      .notNull()
      .references(() => halls.id),
    customerId: integer().references(() => customers.id),
    registeredByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    // One record per handset, whichever province registers it first.
    uniqueIndex('warranty_handsets_imei').on(t.imei),
    check('warranty_handsets_imei_digits', sql`length(${t.imei}) = 15`),
    check('warranty_handsets_dates', sql`${t.warrantyEndsOn} >= ${t.purchasedOn}`),
    index('warranty_handsets_customer').on(t.customerId),
  ],
);

/**
 * A repair served at a hall, of any province, on a registered handset: free under warranty, or a
 * paid repair with its fee once the warranty has run out. `requestKey` is the serving form's own
 * key: a double click or a resent form meets the unique index and is refused, not served twice.
 */
export const warrantyRepairs = table(
  'warranty_repairs',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    handsetId: integer()
      .notNull()
      .references(() => warrantyHandsets.id),
    hallId: integer()
      .notNull()
      .references(() => halls.id),
    /** The serving hall's province, kept beside the handset's selling one for the statistics. */
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    staffId: integer()
      .notNull()
      .references(() => staff.id),
    fault: text().notNull(),
    work: text().notNull(),
    parts: text().notNull().default(''),
    inWarranty: integer({ mode: 'boolean' }).notNull(),
    feeFen: integer().notNull().default(0),
    servedAt: integer().notNull(),
    requestKey: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('warranty_repairs_fee', sql`${t.feeFen} >= 0 and (${t.inWarranty} = false or ${t.feeFen} = 0)`),
    uniqueIndex('warranty_repairs_request').on(t.handsetId, t.requestKey),
    index('warranty_repairs_handset').on(t.handsetId, t.servedAt),
    index('warranty_repairs_served').on(t.servedAt),
  ],
);

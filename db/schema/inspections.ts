import { sql } from 'drizzle-orm';
import { check, index, integer, table, text, uniqueIndex } from './core';
import { INSPECTION_ITEM_KEYS, INSPECTION_KINDS, INSPECTION_RATINGS, type InspectionItemKey, type InspectionKind, type InspectionRating } from '@/lib/domain/inspections';
import { createdAt, oneOf } from './columns';
import { events } from './events';
import { provinces } from './geo';
import { halls } from './services';
import { staff } from './staff';

/**
 * An inspection (六 of the plan): HQ's open or covert visit, or a province's self-inspection, of one
 * hall or one event, with its total score (lib/domain/inspections.ts, recounted by tests/invariants.ts).
 */
export const inspections = table(
  'inspections',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    kind: text().$type<InspectionKind>().notNull(),
    hallId: integer().references(() => halls.id),
    eventId: integer().references(() => events.id),
    visitedAt: integer().notNull(),
    score: integer().notNull(),
    note: text(),
    inspectorStaffId: integer()
      .notNull()
      .references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('inspections_kind', oneOf(t.kind, INSPECTION_KINDS)),
    check('inspections_place', sql`(${t.hallId} is null) <> (${t.eventId} is null)`),
    check('inspections_score', sql`${t.score} between 0 and 100`),
    index('inspections_province').on(t.provinceCode, t.visitedAt),
  ],
);

/** One item of an inspection's scorecard, its finding when not passed, and the province's follow-up of it. */
export const inspectionItems = table(
  'inspection_items',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    inspectionId: integer()
      .notNull()
      .references(() => inspections.id),
    itemKey: text().$type<InspectionItemKey>().notNull(),
    rating: text().$type<InspectionRating>().notNull(),
    finding: text(),
    followUp: text(),
    followedUpAt: integer(),
    followedUpByStaffId: integer().references(() => staff.id),
    /** When the province marked the finding fixed; null while it is open. */
    fixedAt: integer(),
  },
  (t) => [
    check('inspection_items_key', oneOf(t.itemKey, INSPECTION_ITEM_KEYS)),
    check('inspection_items_rating', oneOf(t.rating, INSPECTION_RATINGS)),
    uniqueIndex('inspection_items_item').on(t.inspectionId, t.itemKey),
  ],
);

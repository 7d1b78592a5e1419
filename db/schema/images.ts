import { sql } from 'drizzle-orm';
import { blob, check, index, integer, primaryKey, table, text, uniqueIndex } from './core';
import { type ClubCode, COVER_IMAGE_TYPES, type CoverImageType } from '@/lib/domain/types';
import { clubs } from './clubs';
import { createdAt, oneOf } from './columns';
import { provinces } from './geo';
import { staff } from './staff';

/**
 * Pictures operators upload (covers of clubs and events), kept in the database so that every app
 * server serves the same bytes. Named by the SHA-256 of their bytes: the URL of a picture never
 * changes meaning, so it is cached for good, and the same file uploaded twice is stored once.
 */
export const images = table(
  'images',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /** Hex SHA-256 of the bytes. */
    sha256: text().notNull(),
    contentType: text().$type<CoverImageType>().notNull(),
    byteSize: integer().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    bytes: blob().notNull(),
    uploadedByStaffId: integer().references(() => staff.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('images_content_type', oneOf(t.contentType, COVER_IMAGE_TYPES)),
    check('images_size', sql`${t.byteSize} > 0 and ${t.width} > 0 and ${t.height} > 0`),
    uniqueIndex('images_sha256').on(t.sha256),
  ],
);

/** A club's cover in one province: each province runs its own clubs, and shows them with its own picture. */
export const clubCovers = table(
  'club_covers',
  {
    clubCode: text()
      .$type<ClubCode>()
      .notNull()
      .references(() => clubs.code),
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    imageId: integer()
      .notNull()
      .references(() => images.id),
    updatedByStaffId: integer().references(() => staff.id),
    updatedAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.clubCode] }), index('club_covers_image').on(t.imageId)],
);

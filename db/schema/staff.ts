import { sql } from 'drizzle-orm';
import { check, integer, primaryKey, table, text } from './core';
import { CLUB_CODES, STAFF_ROLES, type ClubCode, type StaffRole } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { provinces } from './geo';

/**
 * Staff accounts. A null province means HQ scope (all provinces): admins always, analysts
 * optionally; operators and account managers always belong to one province.
 */
export const staff = table(
  'staff',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    username: text().notNull().unique(),
    displayName: text().notNull(),
    passwordHash: text().notNull(),
    /** When the password last changed: sessions signed in before it have ended. */
    passwordChangedAt: integer(),
    role: text().$type<StaffRole>().notNull(),
    provinceCode: text().references(() => provinces.code),
    active: integer({ mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check('staff_role', oneOf(t.role, STAFF_ROLES)),
    check(
      'staff_scope',
      sql`(${t.role} = 'admin' and ${t.provinceCode} is null) or (${t.role} in ('operator', 'account_manager') and ${t.provinceCode} is not null) or ${t.role} = 'analyst'`,
    ),
  ],
);

/** The clubs an operator runs. An operator with no rows here runs every club of their province. */
export const staffClubs = table(
  'staff_clubs',
  {
    staffId: integer()
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
    clubCode: text().$type<ClubCode>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.clubCode] }), check('staff_clubs_club', oneOf(t.clubCode, CLUB_CODES))],
);

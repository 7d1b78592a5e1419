import { sql } from 'drizzle-orm';
import { check, index, integer, table, text, uniqueIndex } from './core';
import { CHANNELS, CLUB_CODES, type Channel, type ClubCode, type Segment } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';
import { provinces } from './geo';
import { staff } from './staff';

/** The four feature clubs (特色俱乐部) and their settings, editable by admins. */
export const clubs = table(
  'clubs',
  {
    code: text().$type<ClubCode>().primaryKey(),
    nameZh: text().notNull(),
    nameEn: text().notNull(),
    descriptionZh: text().notNull(),
    descriptionEn: text().notNull(),
    minEventsPerYear: integer().notNull(),
    allowedSegments: text({ mode: 'json' }).$type<Segment[]>().notNull(),
    sortOrder: integer().notNull(),
  },
  (t) => [
    check('clubs_code', oneOf(t.code, CLUB_CODES)),
    check('clubs_min_events', sql`${t.minEventsPerYear} >= 0`),
  ],
);

/** Customer x club over a period. At most one open period (left_at null) per customer and club. */
export const memberships = table(
  'memberships',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    clubCode: text()
      .$type<ClubCode>()
      .notNull()
      .references(() => clubs.code),
    /**
     * The province whose club was joined: each province runs its own clubs. It is the customer's
     * province, copied here so that a province's member list is one index range; a change of the
     * customer's province moves their open memberships in the same transaction.
     */
    provinceCode: text()
      .notNull()
      .references(() => provinces.code),
    joinedAt: integer().notNull(),
    joinChannel: text().$type<Channel>().notNull(),
    joinedByStaffId: integer().references(() => staff.id),
    leftAt: integer(),
    leaveChannel: text().$type<Channel>(),
    leftByStaffId: integer().references(() => staff.id),
    /**
     * The customer's segment, copied by triggers (on insert here, and when the customer's segment
     * changes), so that membership statistics by segment read one index and no customer row.
     */
    segment: text().$type<Segment>(),
    createdAt: createdAt(),
  },
  (t) => [
    check('memberships_join_channel', oneOf(t.joinChannel, CHANNELS)),
    check('memberships_period', sql`${t.leftAt} is null or ${t.leftAt} >= ${t.joinedAt}`),
    uniqueIndex('memberships_one_open')
      .on(t.customerId, t.clubCode)
      .where(sql`${t.leftAt} is null`),
    index('memberships_customer').on(t.customerId, t.joinedAt),
    // left_at last: member lists page in joined order, and their counts read the index alone.
    index('memberships_club_joined').on(t.clubCode, t.joinedAt, t.leftAt),
    index('memberships_club_province_joined').on(t.clubCode, t.provinceCode, t.joinedAt, t.leftAt),
    // Statistics count joins before a date, joins and leaves in a period, over every filter, from these alone.
    index('memberships_joined_stats').on(t.joinedAt, t.clubCode, t.provinceCode, t.joinChannel, t.segment),
    index('memberships_left_stats')
      .on(t.leftAt, t.clubCode, t.provinceCode, t.joinChannel, t.segment)
      .where(sql`${t.leftAt} is not null`),
  ],
);

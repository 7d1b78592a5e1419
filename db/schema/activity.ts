import { isNotNull } from 'drizzle-orm';
import { check, index, integer, table, text } from './core';
import { ACTIVITY_KINDS, type ActivityKind, type Channel, type ClubCode } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';
import { events } from './events';
import { provinces } from './geo';
import { staff } from './staff';

/** The customer's activity record (会员活动情况记入客户资料): one row per fact, newest read first. */
export const activities = table(
  'activities',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    kind: text().$type<ActivityKind>().notNull(),
    clubCode: text().$type<ClubCode>(),
    eventId: integer().references(() => events.id),
    refType: text(),
    refId: integer(),
    channel: text().$type<Channel>(),
    staffId: integer().references(() => staff.id),
    data: text({ mode: 'json' }).$type<Record<string, unknown>>(),
    occurredAt: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('activities_kind', oneOf(t.kind, ACTIVITY_KINDS)),
    index('activities_customer_time').on(t.customerId, t.occurredAt),
    index('activities_kind_time').on(t.kind, t.occurredAt),
  ],
);

/** Every staff (or channel) write: who, when, what, before and after. */
export const auditLog = table(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    staffId: integer().references(() => staff.id),
    /** For writes through the channel API: the token's id. */
    apiTokenId: integer(),
    action: text().notNull(),
    entityType: text().notNull(),
    entityId: text(),
    before: text({ mode: 'json' }),
    after: text({ mode: 'json' }),
    createdAt: createdAt(),
    /**
     * The province the act concerned: the entity's (an event's, a customer's, a hall's...), else the
     * writer's own; null for acts of HQ scope (club settings, HQ accounts and tokens).
     */
    provinceCode: text().references(() => provinces.code),
  },
  (t) => [
    index('audit_log_entity').on(t.entityType, t.entityId, t.createdAt),
    index('audit_log_time').on(t.createdAt),
    // The audit page's filters, each newest first. The staff index is partial, so that the channel
    // API's writes (most of the log) do not touch it. A token has no index of its own: one would cost
    // every channel write a page of its own per token and commit (measured: +11 us per entry in a
    // nationwide mix, against +1.5 us for action and entity type); its entries are read along the
    // time index.
    index('audit_log_staff_time').on(t.staffId, t.createdAt).where(isNotNull(t.staffId)),
    index('audit_log_action_time').on(t.action, t.createdAt),
    index('audit_log_type_time').on(t.entityType, t.createdAt),
    index('audit_log_province_time').on(t.provinceCode, t.createdAt),
  ],
);

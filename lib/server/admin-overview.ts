import 'server-only';
import { and, asc, count, desc, eq, gte, max } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { apiTokens, auditLog, clubs, outbox, staff } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { forbidden } from '@/lib/domain/errors';
import { DAY } from '@/lib/domain/time';
import { maskMobile } from '@/lib/domain/masking';
import { OUTBOX_STATUSES, type ClubCode, type OutboxStatus } from '@/lib/domain/types';

/** How far back the overview counts audit entries. */
export const AUDIT_RECENT_DAYS = 7;

export interface AdminOverview {
  staff: { active: number; disabled: number };
  tokens: { active: number; revoked: number };
  audit: { recent: number; lastAt: number | null };
  clubs: { code: ClubCode; nameZh: string; nameEn: string; minEventsPerYear: number }[];
  /** SMS queued in the last AUDIT_RECENT_DAYS days by status, and the latest that failed (numbers masked). */
  sms: { counts: Record<OutboxStatus, number>; failures: { id: number; to: string; template: string; reason: string | null; at: number }[] };
}

/** How many failed SMS the overview lists: enough to see whether one cause dominates. */
const SMS_FAILURES_SHOWN = 5;

/** What an admin's places hold, counted for the page admins land on. Admins only, like each place. */
export async function getAdminOverview(actor: Actor, now = Date.now()): Promise<AdminOverview> {
  if (actor.kind !== 'staff' || actor.role !== 'admin') throw forbidden();
  const db = getReader();
  const since = now - AUDIT_RECENT_DAYS * DAY;
  const recentSms = and(eq(outbox.channel, 'sms'), gte(outbox.createdAt, since));
  const [staffRows, [tokens], [recent], [last], clubRows, smsRows, failures] = await Promise.all([
    db.select({ active: staff.active, n: count().mapWith(Number) }).from(staff).groupBy(staff.active),
    db.select({ total: count().mapWith(Number), revoked: count(apiTokens.revokedAt).mapWith(Number) }).from(apiTokens),
    db.select({ n: count().mapWith(Number) }).from(auditLog).where(gte(auditLog.createdAt, now - AUDIT_RECENT_DAYS * DAY)),
    db.select({ at: max(auditLog.createdAt) }).from(auditLog),
    db.select({ code: clubs.code, nameZh: clubs.nameZh, nameEn: clubs.nameEn, minEventsPerYear: clubs.minEventsPerYear }).from(clubs).orderBy(asc(clubs.sortOrder)),
    db.select({ status: outbox.status, n: count().mapWith(Number) }).from(outbox).where(recentSms).groupBy(outbox.status),
    db
      .select({ id: outbox.id, mobile: outbox.mobile, template: outbox.template, reason: outbox.failureReason, at: outbox.createdAt })
      .from(outbox)
      .where(and(recentSms, eq(outbox.status, 'failed')))
      .orderBy(desc(outbox.createdAt), desc(outbox.id))
      .limit(SMS_FAILURES_SHOWN),
  ]);
  const staffCount = (active: boolean) => staffRows.find((r) => r.active === active)?.n ?? 0;
  const revoked = tokens?.revoked ?? 0;
  return {
    staff: { active: staffCount(true), disabled: staffCount(false) },
    tokens: { active: (tokens?.total ?? 0) - revoked, revoked },
    audit: { recent: recent?.n ?? 0, lastAt: last?.at ?? null },
    clubs: clubRows,
    sms: {
      counts: Object.fromEntries(OUTBOX_STATUSES.map((status) => [status, smsRows.find((r) => r.status === status)?.n ?? 0])) as Record<OutboxStatus, number>,
      failures: failures.map(({ mobile, ...f }) => ({ ...f, to: maskMobile(mobile) })),
    },
  };
}

import 'server-only';
import { asc, count, gte, max } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { apiTokens, auditLog, clubs, staff } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { forbidden } from '@/lib/domain/errors';
import { DAY } from '@/lib/domain/time';
import type { ClubCode } from '@/lib/domain/types';

/** How far back the overview counts audit entries. */
export const AUDIT_RECENT_DAYS = 7;

export interface AdminOverview {
  staff: { active: number; disabled: number };
  tokens: { active: number; revoked: number };
  audit: { recent: number; lastAt: number | null };
  clubs: { code: ClubCode; nameZh: string; nameEn: string; minEventsPerYear: number }[];
}

/** What an admin's places hold, counted for the page admins land on. Admins only, like each place. */
export async function getAdminOverview(actor: Actor, now = Date.now()): Promise<AdminOverview> {
  if (actor.kind !== 'staff' || actor.role !== 'admin') throw forbidden();
  const db = getReader();
  const [staffRows, [tokens], [recent], [last], clubRows] = await Promise.all([
    db.select({ active: staff.active, n: count().mapWith(Number) }).from(staff).groupBy(staff.active),
    db.select({ total: count().mapWith(Number), revoked: count(apiTokens.revokedAt).mapWith(Number) }).from(apiTokens),
    db.select({ n: count().mapWith(Number) }).from(auditLog).where(gte(auditLog.createdAt, now - AUDIT_RECENT_DAYS * DAY)),
    db.select({ at: max(auditLog.createdAt) }).from(auditLog),
    db.select({ code: clubs.code, nameZh: clubs.nameZh, nameEn: clubs.nameEn, minEventsPerYear: clubs.minEventsPerYear }).from(clubs).orderBy(asc(clubs.sortOrder)),
  ]);
  const staffCount = (active: boolean) => staffRows.find((r) => r.active === active)?.n ?? 0;
  const revoked = tokens?.revoked ?? 0;
  return {
    staff: { active: staffCount(true), disabled: staffCount(false) },
    tokens: { active: (tokens?.total ?? 0) - revoked, revoked },
    audit: { recent: recent?.n ?? 0, lastAt: last?.at ?? null },
    clubs: clubRows,
  };
}

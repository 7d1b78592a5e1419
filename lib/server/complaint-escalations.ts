import 'server-only';
import { and, asc, count, eq, inArray, isNotNull, min } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { complaints, provinces } from '@/db/schema';
import { hasRole, type Actor } from '@/lib/domain/access';
import { forbidden } from '@/lib/domain/errors';
import { HOUR } from '@/lib/domain/time';

/**
 * The escalated complaints still unanswered, per province: how many and how late the oldest is.
 * The escalation goes to HQ (admins and HQ's analysts see every province; there is no provincial
 * admin) and to the province's own queue (a provincial analyst sees their province's count).
 */
export async function getEscalatedComplaints(actor: Actor, now = Date.now()) {
  if (actor.kind !== 'staff' || !hasRole(actor, ['admin', 'analyst'])) throw forbidden();
  const rows = await getReader()
    .select({ provinceCode: complaints.provinceCode, nameZh: provinces.nameZh, nameEn: provinces.nameEn, escalated: count().mapWith(Number), oldestDeadline: min(complaints.deadlineAt) })
    .from(complaints)
    .innerJoin(provinces, eq(provinces.code, complaints.provinceCode))
    .where(and(isNotNull(complaints.escalatedAt), inArray(complaints.status, ['open', 'in_progress']), actor.provinceCode === null ? undefined : eq(complaints.provinceCode, actor.provinceCode)))
    .groupBy(complaints.provinceCode, provinces.nameZh, provinces.nameEn, provinces.sortOrder)
    .orderBy(asc(provinces.sortOrder));
  return rows.map((r) => ({ provinceCode: r.provinceCode, nameZh: r.nameZh, nameEn: r.nameEn, escalated: r.escalated, hoursLate: r.oldestDeadline === null ? 0 : Math.floor((now - Number(r.oldestDeadline)) / HOUR) }));
}

export type EscalatedComplaints = Awaited<ReturnType<typeof getEscalatedComplaints>>;

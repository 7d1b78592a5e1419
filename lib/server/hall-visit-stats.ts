import 'server-only';
import { sql } from 'drizzle-orm';
import { readAll } from '@/db/read-pool';
import { halls, hallVisits } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { summarizeHallVisits, type VisitFact } from '@/lib/domain/hall-visits';
import { beijingMonthOf, resolvePeriod } from '@/lib/domain/stats-period';
import { shanghaiYear } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { periodOf, type StatsFilters } from '@/lib/validation/stats';
import { statsScope } from './stats';

type Row = Omit<VisitFact, 'month'> & { nameZh: string; nameEn: string | null };

/**
 * Service levels at the halls in the view's period (by arrival, Beijing time) and province, and the
 * segment filter: the month's rows are read plainly and the medians and 90th percentiles taken in
 * TypeScript (lib/domain/hall-visits.ts), so SQLite and PostgreSQL give the same figures. Visits
 * are made at a hall: a view of another channel has none.
 */
export async function getHallVisitStatistics(actor: Actor, f: StatsFilters, now = Date.now()) {
  const province = statsScope(actor, f.province);
  const period = resolvePeriod(periodOf(f, shanghaiYear(now)));
  if (!period) throw new DomainError('invalid_period');
  const conditions = [
    sql`${hallVisits.arrivedAt} >= ${period.start}`,
    sql`${hallVisits.arrivedAt} < ${period.end}`,
    province ? sql`${halls.provinceCode} = ${province}` : undefined,
    f.segment ? sql`${hallVisits.segment} = ${f.segment}` : undefined,
    f.channel && f.channel !== 'hall' ? sql`1 = 0` : undefined,
  ].filter((c) => c !== undefined);
  const [rows] = await readAll<[Row[]]>(
    sql`select ${halls.provinceCode} as province, ${hallVisits.hallId} as "hallId", ${halls.nameZh} as "nameZh", ${halls.nameEn} as "nameEn", ${hallVisits.segment} as segment,
          ${hallVisits.arrivedAt} as "arrivedAt", ${hallVisits.startedAt} as "startedAt", ${hallVisits.finishedAt} as "finishedAt"
        from ${hallVisits} join ${halls} on ${halls.id} = ${hallVisits.hallId}
        where ${sql.join(conditions, sql` and `)}`,
  );
  // Numbers as numbers whatever the driver (PostgreSQL hands bigint columns over as strings).
  const num = (v: unknown) => (v === null ? null : Number(v));
  const facts: VisitFact[] = rows.map((r) => ({
    province: r.province,
    hallId: Number(r.hallId),
    month: beijingMonthOf(Number(r.arrivedAt)),
    segment: r.segment as Segment,
    arrivedAt: Number(r.arrivedAt),
    startedAt: num(r.startedAt),
    finishedAt: num(r.finishedAt),
  }));
  const hallNames = new Map(rows.map((r) => [String(r.hallId), { nameZh: r.nameZh, nameEn: r.nameEn }]));
  return { ...summarizeHallVisits(facts), hallNames: Object.fromEntries(hallNames) };
}
export type HallVisitStatistics = Awaited<ReturnType<typeof getHallVisitStatistics>>;

import 'server-only';
import { sql } from 'drizzle-orm';
import { readAll } from '@/db/read-pool';
import { customers, warrantyHandsets, warrantyRepairs } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { beijingMonthOf, resolvePeriod } from '@/lib/domain/stats-period';
import { shanghaiYear } from '@/lib/domain/time';
import { countWarrantyRepairs } from '@/lib/domain/warranty';
import { periodOf, type StatsFilters } from '@/lib/validation/stats';
import { statsScope } from './stats';

interface Row {
  servedAt: number | string;
  servingProvince: string;
  sellingProvince: string;
}

/**
 * Warranty repairs in the view's period (served, Beijing time), counted for both provinces each
 * concerns: the serving one (served here; of them, for handsets sold elsewhere) and the selling one
 * (sold here, served elsewhere). A province's view reads the repairs served there or of its
 * handsets. The rows are read plainly and counted in TypeScript (lib/domain/warranty.ts), so that
 * SQLite and PostgreSQL give the same figures. Repairs are served at a hall: a view of another
 * channel has none; a segment view counts the buyers of that segment (not those without a customer).
 */
export async function getWarrantyStatistics(actor: Actor, f: StatsFilters, now = Date.now()) {
  const province = statsScope(actor, f.province);
  const period = resolvePeriod(periodOf(f, shanghaiYear(now)));
  if (!period) throw new DomainError('invalid_period');
  const conditions = [
    sql`${warrantyRepairs.servedAt} >= ${period.start}`,
    sql`${warrantyRepairs.servedAt} < ${period.end}`,
    province ? sql`(${warrantyRepairs.provinceCode} = ${province} or ${warrantyHandsets.provinceCode} = ${province})` : undefined,
    f.segment ? sql`${customers.segment} = ${f.segment}` : undefined,
    f.channel && f.channel !== 'hall' ? sql`1 = 0` : undefined,
  ].filter((c) => c !== undefined);
  const [rows] = await readAll<[Row[]]>(
    sql`select ${warrantyRepairs.servedAt} as "servedAt", ${warrantyRepairs.provinceCode} as "servingProvince", ${warrantyHandsets.provinceCode} as "sellingProvince"
        from ${warrantyRepairs} join ${warrantyHandsets} on ${warrantyHandsets.id} = ${warrantyRepairs.handsetId}
        left join ${customers} on ${customers.id} = ${warrantyHandsets.customerId}
        where ${sql.join(conditions, sql` and `)}`,
  );
  // PostgreSQL hands bigint columns over as strings.
  const facts = rows.map((r) => ({ month: beijingMonthOf(Number(r.servedAt)), servingProvince: r.servingProvince, sellingProvince: r.sellingProvince }));
  return countWarrantyRepairs(facts, province ?? null);
}
export type WarrantyStatistics = Awaited<ReturnType<typeof getWarrantyStatistics>>;

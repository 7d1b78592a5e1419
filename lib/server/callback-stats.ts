import 'server-only';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { callbacks } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { callbackPeriodRange, onTimeShare } from '@/lib/domain/callback-rules';
import { monthBounds } from '@/lib/domain/stats-period';
import { DAY, HOUR, shanghaiYearRange } from '@/lib/domain/time';
import { getHqSettings } from './hq-settings';
import { statsScope } from './stats';

export interface TimelinessCell {
  month: string;
  /** Tasks due in the month whose outcome is final or whose deadline passed. */
  settled: number;
  onTime: number;
  /** Still within their time: counted neither way. */
  pending: number;
  share: number | null;
}

/**
 * The share of VIPs called on time (lib/domain/callback-rules.ts, callbackTimeliness) per province
 * and month of the due day (Beijing time) in a year: periodic callbacks only, the after-event ones
 * being extra. Counted in the database with the deadline as a CASE over the year's few periods, the
 * same SQL on both engines. Analysts (their province) and admins; HQ analysts every province.
 */
export async function getCallbackTimeliness(actor: Actor, input: { year: number; province?: string }, now = Date.now()) {
  const province = statsScope(actor, input.province);
  const settings = await getHqSettings();
  const year = shanghaiYearRange(input.year);
  const months = Array.from({ length: 12 }, (_, i) => `${input.year}-${String(i + 1).padStart(2, '0')}`);
  const scope = and(eq(callbacks.kind, 'periodic'), gte(callbacks.dueAt, year.start), lt(callbacks.dueAt, year.end), province ? eq(callbacks.provinceCode, province) : undefined);
  const starts = await getReader().selectDistinct({ start: callbacks.periodStart }).from(callbacks).where(scope);
  if (starts.length === 0) return { months, rows: [] };
  // Integers computed here, written into the SQL: PostgreSQL cannot type a CASE of bare parameters.
  const int = (n: number) => sql.raw(String(Math.trunc(n)));
  const periodEnd = sql.join([sql`case ${callbacks.periodStart}`, ...starts.map(({ start }) => sql`when ${int(start!)} then ${int(callbackPeriodRange(settings.callbackPeriod, start!).end)}`), sql`end`], sql` `);
  const allowance = int(DAY + (settings.callbackMaxAttempts - 1) * settings.callbackRetryHours * HOUR);
  const deadline = sql`(case when ${callbacks.dueAt} + ${allowance} < ${periodEnd} then ${callbacks.dueAt} + ${allowance} else ${periodEnd} end)`;
  const month: SQL = sql.join([sql`case`, ...months.map((m, i) => sql`when ${callbacks.dueAt} < ${monthBounds(m)[1]} then ${sql.raw(String(i))}`), sql`end`], sql` `);
  const final = sql`${callbacks.status} <> 'open'`;
  const rows = await getReader()
    .select({
      provinceCode: callbacks.provinceCode,
      month: sql<number>`${month}`.as('month_index'),
      onTime: sql<number>`sum(case when ${final} and ${callbacks.completedAt} <= ${deadline} then 1 else 0 end)`,
      settled: sql<number>`sum(case when ${final} or ${deadline} < ${int(now)} then 1 else 0 end)`,
      total: sql<number>`count(*)`,
    })
    .from(callbacks)
    .where(scope)
    .groupBy(callbacks.provinceCode, sql`month_index`);
  const byProvince = new Map<string, TimelinessCell[]>();
  for (const r of rows) {
    const cells = byProvince.get(r.provinceCode) ?? months.map((m) => ({ month: m, settled: 0, onTime: 0, pending: 0, share: null }));
    const [onTime, settled, total] = [Number(r.onTime), Number(r.settled), Number(r.total)];
    cells[Number(r.month)] = { month: months[Number(r.month)]!, settled, onTime, pending: total - settled, share: onTimeShare(onTime, settled) };
    byProvince.set(r.provinceCode, cells);
  }
  return {
    months,
    rows: [...byProvince].sort(([a], [b]) => a.localeCompare(b)).map(([provinceCode, cells]) => {
      const onTime = cells.reduce((n, c) => n + c.onTime, 0);
      const settled = cells.reduce((n, c) => n + c.settled, 0);
      const pending = cells.reduce((n, c) => n + c.pending, 0);
      return { provinceCode, cells, onTime, settled, pending, share: onTimeShare(onTime, settled) };
    }),
  };
}

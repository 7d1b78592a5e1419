import { z } from 'zod';
import type { PeriodSpec } from '@/lib/domain/stats-period';
import { CHANNELS, CLUB_CODES, EVENT_KINDS, SEGMENTS } from '@/lib/domain/types';
import { filterDay, filterProvince, optionalFilter, refuseReversed } from './query-filters';

/** Each filter of the statistics view on its own: what the form keeps of a refused query. */
export const statsFields = {
  period: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['year', 'quarter', 'month', 'custom']).default('year')),
  year: optionalFilter(z.coerce.number().int().min(2000).max(2100)),
  quarter: optionalFilter(z.coerce.number().int().min(1).max(4)),
  month: optionalFilter(z.coerce.number().int().min(1).max(12)),
  from: optionalFilter(filterDay),
  to: optionalFilter(filterDay),
  club: optionalFilter(z.enum(CLUB_CODES)),
  province: optionalFilter(filterProvince),
  segment: optionalFilter(z.enum(SEGMENTS)),
  channel: optionalFilter(z.enum(CHANNELS)),
  kind: optionalFilter(z.enum(EVENT_KINDS)),
};

/**
 * The statistics view from the URL, so that it can be bookmarked and shared. A malformed value
 * (month=13, year=abc, an unknown club, a from after its to, a custom period without both days)
 * is refused (lib/validation/query-filters.ts); other parameters (the export's format) are left
 * to their readers.
 */
export const statsFilters = z.object(statsFields).superRefine((f, ctx) => {
  refuseReversed(f, ctx);
  if (f.period === 'custom') {
    for (const day of ['from', 'to'] as const) if (!f[day]) ctx.addIssue({ code: 'custom', path: [day], message: 'filter_required' });
  }
});

export type StatsFilters = z.infer<typeof statsFilters>;

/** The period a filter set names, with this year (Beijing time) and its first quarter or month as defaults. */
export function periodOf(f: StatsFilters, currentYear: number): PeriodSpec {
  const year = f.year ?? currentYear;
  if (f.period === 'quarter') return { kind: 'quarter', year, quarter: (f.quarter ?? 1) as 1 | 2 | 3 | 4 };
  if (f.period === 'month') return { kind: 'month', year, month: f.month ?? 1 };
  if (f.period === 'custom' && f.from && f.to) return { kind: 'custom', from: f.from, to: f.to };
  return { kind: 'year', year };
}

import { z } from 'zod';
import type { PeriodSpec } from '@/lib/domain/stats-period';
import { CHANNELS, CLUB_CODES, EVENT_KINDS, SEGMENTS } from '@/lib/domain/types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The statistics view from the URL, so that it can be bookmarked and shared. Malformed values fall
 * back to their defaults (this year, everything) instead of failing the page.
 */
export const statsFilters = z
  .object({
    period: z.enum(['year', 'quarter', 'month', 'custom']).catch('year').default('year'),
    year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
    quarter: z.coerce.number().int().min(1).max(4).optional().catch(undefined),
    month: z.coerce.number().int().min(1).max(12).optional().catch(undefined),
    from: day.optional().catch(undefined),
    to: day.optional().catch(undefined),
    club: z.enum(CLUB_CODES).optional().catch(undefined),
    province: z.string().regex(/^\d{6}$/).optional().catch(undefined),
    segment: z.enum(SEGMENTS).optional().catch(undefined),
    channel: z.enum(CHANNELS).optional().catch(undefined),
    kind: z.enum(EVENT_KINDS).optional().catch(undefined),
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

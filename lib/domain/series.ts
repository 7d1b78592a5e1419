import { shanghaiInstant } from './time';

/**
 * A recurring schedule: "the first Saturday of every quarter", "the last Friday of every month",
 * "every Wednesday". Dates are Beijing calendar dates; times are Beijing wall-clock times.
 */
export interface SeriesRule {
  frequency: 'weekly' | 'monthly' | 'quarterly';
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
  /** Monthly and quarterly: the 1st-4th such weekday of the month (the quarter's first month), or -1 for the last. */
  ordinal: 1 | 2 | 3 | 4 | -1;
  /** No occurrence before this Beijing date (YYYY-MM-DD). */
  startDate: string;
  count: number;
  /** Beijing wall-clock start time, HH:mm. */
  time: string;
}

export const MAX_SERIES_COUNT = 24;

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const weekdayOf = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** The day of month of the n-th (or last) given weekday of a month. */
export function nthWeekdayOfMonth(y: number, m: number, weekday: number, ordinal: SeriesRule['ordinal']): number {
  if (ordinal === -1) {
    const last = daysInMonth(y, m);
    return last - ((weekdayOf(y, m, last) - weekday + 7) % 7);
  }
  const first = 1 + ((weekday - weekdayOf(y, m, 1) + 7) % 7);
  return first + (ordinal - 1) * 7;
}

/** The start instants (UTC ms) of a series, in order; empty for a malformed rule. */
export function seriesOccurrences(rule: SeriesRule): number[] {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(rule.startDate);
  const time = /^(\d{2}):(\d{2})$/.exec(rule.time);
  if (!date || !time || rule.count < 1 || rule.count > MAX_SERIES_COUNT || rule.weekday < 0 || rule.weekday > 6) return [];
  const [y0, m0, d0] = date.slice(1).map(Number) as [number, number, number];
  const [hh, mm] = time.slice(1).map(Number) as [number, number];
  const startKey = y0 * 10_000 + m0 * 100 + d0;
  const out: number[] = [];

  if (rule.frequency === 'weekly') {
    let day = d0 + ((rule.weekday - weekdayOf(y0, m0, d0) + 7) % 7);
    while (out.length < rule.count) {
      const dt = new Date(Date.UTC(y0, m0 - 1, day));
      out.push(shanghaiInstant(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate(), hh, mm));
      day += 7;
    }
    return out;
  }

  const step = rule.frequency === 'quarterly' ? 3 : 1;
  // A quarterly series runs in January, April, July and October.
  let month = rule.frequency === 'quarterly' ? m0 - ((m0 - 1) % 3) : m0;
  let year = y0;
  while (out.length < rule.count) {
    const day = nthWeekdayOfMonth(year, month, rule.weekday, rule.ordinal);
    if (year * 10_000 + month * 100 + day >= startKey) out.push(shanghaiInstant(year, month, day, hh, mm));
    month += step;
    if (month > 12) {
      month -= 12;
      year++;
    }
  }
  return out;
}

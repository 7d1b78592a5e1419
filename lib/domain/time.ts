import { TZDate } from '@date-fns/tz';
import { TIME_ZONE } from './types';

/** The UTC instant (ms) of a wall-clock time in Asia/Shanghai. `month` is 1-12. */
export function shanghaiInstant(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return new TZDate(year, month - 1, day, hour, minute, 0, TIME_ZONE).getTime();
}

/** The calendar year an instant belongs to in Asia/Shanghai. */
export function shanghaiYear(instant: number): number {
  return new TZDate(instant, TIME_ZONE).getFullYear();
}

/** [start, end) of a calendar year in Asia/Shanghai, as UTC instants. */
export function shanghaiYearRange(year: number): { start: number; end: number } {
  return { start: shanghaiInstant(year, 1, 1), end: shanghaiInstant(year + 1, 1, 1) };
}

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

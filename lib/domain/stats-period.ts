import { shanghaiInstant } from './time';

export type PeriodSpec =
  | { kind: 'year'; year: number }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'custom'; from: string; to: string };

export interface ResolvedPeriod {
  /** [start, end) as UTC instants, Beijing calendar boundaries. */
  start: number;
  end: number;
  /** Every month touched, "YYYY-MM", for trends. */
  months: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

function parseDay(day: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, mo - 1, d));
  return check.getUTCMonth() === mo - 1 && check.getUTCDate() === d ? [y, mo, d] : null;
}

function monthsBetween(y1: number, m1: number, y2: number, m2: number): string[] {
  const out: string[] = [];
  for (let y = y1, m = m1; y < y2 || (y === y2 && m <= m2); m === 12 ? ((m = 1), y++) : m++) out.push(`${y}-${pad(m)}`);
  return out;
}

/** A statistics period in Beijing time; a custom range includes both of its days. Null when malformed. */
export function resolvePeriod(spec: PeriodSpec): ResolvedPeriod | null {
  switch (spec.kind) {
    case 'year':
      return { start: shanghaiInstant(spec.year, 1, 1), end: shanghaiInstant(spec.year + 1, 1, 1), months: monthsBetween(spec.year, 1, spec.year, 12) };
    case 'quarter': {
      const first = (spec.quarter - 1) * 3 + 1;
      const end = spec.quarter === 4 ? shanghaiInstant(spec.year + 1, 1, 1) : shanghaiInstant(spec.year, first + 3, 1);
      return { start: shanghaiInstant(spec.year, first, 1), end, months: monthsBetween(spec.year, first, spec.year, first + 2) };
    }
    case 'month': {
      if (spec.month < 1 || spec.month > 12) return null;
      const end = spec.month === 12 ? shanghaiInstant(spec.year + 1, 1, 1) : shanghaiInstant(spec.year, spec.month + 1, 1);
      return { start: shanghaiInstant(spec.year, spec.month, 1), end, months: [`${spec.year}-${pad(spec.month)}`] };
    }
    case 'custom': {
      const from = parseDay(spec.from);
      const to = parseDay(spec.to);
      if (!from || !to) return null;
      const start = shanghaiInstant(...from);
      const end = shanghaiInstant(...to) + 24 * 60 * 60 * 1000;
      if (end <= start || end - start > 3 * 366 * 24 * 60 * 60 * 1000) return null;
      return { start, end, months: monthsBetween(from[0], from[1], to[0], to[1]) };
    }
  }
}

/** "2026-11": the Beijing month of an instant. */
export function beijingMonthOf(instant: number): string {
  const d = new Date(instant + 8 * 60 * 60 * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** When a Beijing month ("2026-11") starts and ends, as UTC instants. */
export function monthBounds(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return [shanghaiInstant(y, m, 1), m === 12 ? shanghaiInstant(y + 1, 1, 1) : shanghaiInstant(y, m + 1, 1)];
}

/** A stretch of a period inside one month: from, to (exclusive) and that month. */
export interface PartMonth {
  month: string;
  from: number;
  to: number;
}

/**
 * A period cut into the months it covers whole (read from the monthly summaries) and the parts of
 * months at its ends (a custom range's first and last days, read from per-event figures): years,
 * quarters and months have no parts.
 */
export function splitByMonths(period: Pick<ResolvedPeriod, 'start' | 'end' | 'months'>): { whole: string[]; parts: PartMonth[] } {
  const whole: string[] = [];
  const parts: PartMonth[] = [];
  for (const month of period.months) {
    const [from, to] = monthBounds(month);
    if (from >= period.start && to <= period.end) whole.push(month);
    else parts.push({ month, from: Math.max(from, period.start), to: Math.min(to, period.end) });
  }
  return { whole, parts };
}

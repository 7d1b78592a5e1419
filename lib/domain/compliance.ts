import { shanghaiYearRange } from './time';

/**
 * The yearly plan of one club in one province (DOMAIN.md, "Yearly plan"):
 * - met: held >= required;
 * - missed: the year is over and held < required;
 * - at risk: held + events still scheduled ahead < required, or held is behind a linear pace;
 * - on track: otherwise.
 */
export type ComplianceStatus = 'met' | 'on_track' | 'at_risk' | 'missed';

export interface ComplianceInput {
  year: number;
  required: number;
  /** Completed events of the year with at least one attendee. */
  held: number;
  /** Published events of the year that have not started yet. */
  scheduledAhead: number;
  now: number;
}

/** The share of the year (Asia/Shanghai) that has passed at `now`: 0 before it, 1 after it. */
export function elapsedShareOfYear(year: number, now: number): number {
  const { start, end } = shanghaiYearRange(year);
  if (now <= start) return 0;
  if (now >= end) return 1;
  return (now - start) / (end - start);
}

/** How many events a linear pace expects to have been held by now. */
export function expectedByNow(required: number, year: number, now: number): number {
  return Math.floor(required * elapsedShareOfYear(year, now));
}

export function complianceStatus({ year, required, held, scheduledAhead, now }: ComplianceInput): ComplianceStatus {
  if (held >= required) return 'met';
  if (elapsedShareOfYear(year, now) >= 1) return 'missed';
  if (held + scheduledAhead < required) return 'at_risk';
  if (held < expectedByNow(required, year, now)) return 'at_risk';
  return 'on_track';
}

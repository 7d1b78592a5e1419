import { TZDate } from '@date-fns/tz';
import { stringify } from 'csv-stringify/sync';
import { MINUTE } from './time';
import { TIME_ZONE } from './types';

/**
 * Billing cycles (账期) and the file the billing system takes (docs/billing.md). A cycle starts on
 * HQ's start day of a month at 00:00 Beijing time and runs to the same day of the next month; its
 * id is the month it starts in ("2026-11"). Charges belong to the cycle their instant falls in.
 */

export const CYCLE_ID_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * A charge's transaction takes its instant before it commits, and a transaction runs at most a few
 * seconds (the bounded lock wait): a line is settled, and a cycle closed, this long after. Until then
 * a line with an earlier instant may still appear, so nothing before it is final.
 */
export const BILLING_SETTLE_MS = MINUTE;

/** Lines per page of the pull API. */
export const BILLING_PAGE_SIZE = { default: 100, max: 1000 };

export type BillingCycle = { id: string; start: number; end: number };

function cycleFromMonth(year: number, month: number, startDay: number): BillingCycle {
  const start = new TZDate(year, month - 1, startDay, 0, 0, 0, TIME_ZONE).getTime();
  const end = new TZDate(year, month, startDay, 0, 0, 0, TIME_ZONE).getTime();
  return { id: `${year}-${String(month).padStart(2, '0')}`, start, end };
}

/** The cycle with this id, [start, end) as UTC instants; null for an id that is not a month. */
export function billingCycle(id: string, startDay: number): BillingCycle | null {
  const m = CYCLE_ID_PATTERN.exec(id);
  return m ? cycleFromMonth(Number(m[1]), Number(m[2]), startDay) : null;
}

/** The cycle an instant falls in. */
export function billingCycleOf(instant: number, startDay: number): BillingCycle {
  const local = new TZDate(instant, TIME_ZONE);
  const year = local.getFullYear();
  const month = local.getMonth() + 1;
  if (local.getDate() >= startDay) return cycleFromMonth(year, month, startDay);
  return month === 1 ? cycleFromMonth(year - 1, 12, startDay) : cycleFromMonth(year, month - 1, startDay);
}

/** The cycle `offset` cycles after this one (before it when negative). */
export function shiftBillingCycle(cycle: BillingCycle, offset: number, startDay: number): BillingCycle {
  const [year, month] = cycle.id.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + offset;
  return cycleFromMonth(Math.floor(index / 12), (index % 12) + 1, startDay);
}

/** Closed: its end has passed by the settling time, so no line can still join it and its file is final. */
export function isBillingCycleClosed(cycle: BillingCycle, now: number): boolean {
  return now >= cycle.end + BILLING_SETTLE_MS;
}

export const BILLING_FILE_VERSION = 1;
/** The whole country in a file's header and in the export record. */
export const ALL_PROVINCES = 'ALL';

export type BillingLine = {
  id: number;
  mobile: string;
  provinceCode: string;
  amountFen: number;
  /** The line this one reverses (a refund); null for a charge. */
  reversesId: number | null;
  description: string;
  createdAt: number;
};

/** A cycle's lines of one kind as the app has them: how many and their sum. */
export type Totals = { count: number; sumFen: number };

/** One province (or `ALL`) of one cycle on the reconciliation page. */
export type ReconciliationRow = {
  scope: string;
  charges: Totals;
  reversals: Totals;
  net: Totals;
  exported: { lineCount: number; sumFen: number; sha256: string; createdAt: number; byName: string | null } | null;
  /** The app's lines no longer add up to the recorded file. */
  differs: boolean;
};

export type BillingFileHeader = { cycle: string; scope: string; createdAt: number; final: boolean };

export function billingLineKind(line: Pick<BillingLine, 'reversesId'>): 'CHARGE' | 'REVERSAL' {
  return line.reversesId === null ? 'CHARGE' : 'REVERSAL';
}

export function billingTotals(lines: readonly Pick<BillingLine, 'amountFen'>[]): { count: number; sumFen: number } {
  return { count: lines.length, sumFen: lines.reduce((sum, l) => sum + l.amountFen, 0) };
}

/**
 * The file of a cycle: a header record (H), one detail record per line in id order (D) and a
 * trailer (T) with their count and sum, UTF-8 without a BOM and CRLF line ends (RFC 4180). Text
 * fields are quoted and numbers are not, so the mobile number stays text in any reader.
 */
export function billingFile(header: BillingFileHeader, lines: readonly BillingLine[]): string {
  const sorted = [...lines].sort((a, b) => a.id - b.id);
  const { count, sumFen } = billingTotals(sorted);
  const records: (string | number)[][] = [
    ['H', BILLING_FILE_VERSION, header.cycle, header.scope, new Date(header.createdAt).toISOString(), header.final ? 'FINAL' : 'PREVIEW'],
    ...sorted.map((l) => ['D', l.id, l.mobile, l.provinceCode, l.amountFen, billingLineKind(l), l.reversesId ?? '', l.description, new Date(l.createdAt).toISOString()]),
    ['T', count, sumFen],
  ];
  // A description starting with = + - @ would run as a formula in a spreadsheet: escape_formulas
  // prefixes it with a quote (numbers, the negative amounts included, are left alone).
  return stringify(records, { record_delimiter: 'windows', quoted_string: true, quoted_empty: false, escape_formulas: true });
}

import type { Refusal } from './registration-rules';
import { toShanghaiLocal } from './time';

/**
 * Nationwide warranty (全国联保, plan 二 and 附表2 异地服务): a handset sold in one province is
 * repaired under warranty in any hall of any province.
 */

/** An IMEI as a hall types it: 15 digits, spaces and hyphens (as printed on the box) left out. */
export function normalizeImei(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/**
 * The Luhn check digit of an IMEI's first 14 digits (3GPP TS 23.003 annex B): from the right, every
 * second digit is doubled and its digits added.
 */
export function imeiCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    const doubled = i % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a normalized IMEI is 15 digits whose last is the Luhn check digit of the others. */
export function isValidImei(imei: string): boolean {
  return /^\d{15}$/.test(imei) && imeiCheckDigit(imei.slice(0, 14)) === Number(imei[14]);
}

/** Why a normalized IMEI is refused: not 15 digits, or a last digit that is not the check digit (a typo). */
export function imeiRefusal(imei: string): 'invalid_imei' | 'imei_check_digit' | null {
  if (!/^\d{15}$/.test(imei)) return 'invalid_imei';
  return isValidImei(imei) ? null : 'imei_check_digit';
}

/**
 * How long the warranty runs by default: the whole handset one year from purchase, as the national
 * rules for mobile phones (移动电话机商品修理更换退货责任规定, 整机三包有效期一年) require. The
 * operator types a longer one where the maker gives more.
 */
export const DEFAULT_WARRANTY_YEARS = 1;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether "YYYY-MM-DD" is a real calendar date (no 31 February). */
export function isCalendarDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * The last day of a warranty bought on a day: the same date `years` later (the warranty covers the
 * year up to it); a handset bought on 29 February is covered to 28 February.
 */
export function defaultWarrantyEnd(purchasedOn: string, years = DEFAULT_WARRANTY_YEARS): string {
  const [y, mo, d] = purchasedOn.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + years, mo - 1, d));
  // 29 February in a year without one rolls to 1 March: step back to the month's last day.
  if (date.getUTCMonth() !== mo - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** The Beijing calendar day of an instant, "YYYY-MM-DD": a warranty runs by whole days. */
export const beijingDayOf = (instant: number) => toShanghaiLocal(instant).slice(0, 10);

/** Whether a handset is under warranty at an instant: from the day of purchase to the last day of its warranty, both included (Beijing days). */
export function inWarranty(handset: { purchasedOn: string; warrantyEndsOn: string }, at: number): boolean {
  const day = beijingDayOf(at);
  return day >= handset.purchasedOn && day <= handset.warrantyEndsOn;
}

/** Why a handset's dates cannot be registered: a purchase in the future, or a warranty ending before it began. */
export function handsetDatesRefusal(input: { purchasedOn: string; warrantyEndsOn: string }, now: number): Refusal | null {
  if (input.purchasedOn > beijingDayOf(now)) return { code: 'warranty_purchase_in_future' };
  if (input.warrantyEndsOn < input.purchasedOn) return { code: 'warranty_ends_before_purchase' };
  return null;
}

/**
 * The terms of a repair served now. Under warranty it is free: a fee is refused (the customer must
 * not pay for what the warranty covers). Out of warranty the hall does not refuse the customer who
 * came in: it records a paid repair, and the fee (integer fen, 0 allowed for goodwill) must then be
 * given, so that nobody records a paid repair believing it was free.
 */
export function repairTerms(
  handset: { purchasedOn: string; warrantyEndsOn: string },
  at: number,
  feeFen: number | null,
): { ok: true; inWarranty: boolean; feeFen: number } | { ok: false; refusal: Refusal } {
  if (beijingDayOf(at) < handset.purchasedOn) return { ok: false, refusal: { code: 'warranty_purchase_in_future' } };
  if (inWarranty(handset, at)) return feeFen ? { ok: false, refusal: { code: 'warranty_repair_is_free' } } : { ok: true, inWarranty: true, feeFen: 0 };
  if (feeFen === null) return { ok: false, refusal: { code: 'warranty_expired_fee_required' } };
  return { ok: true, inWarranty: false, feeFen };
}

/** A repair as the statistics read it: when it was served, where, and where the handset was sold. */
export interface RepairFact {
  month: string;
  servingProvince: string;
  sellingProvince: string;
}

/** A province's warranty repairs in a month (or a period): served here (of them, for handsets sold elsewhere), and sold here but served elsewhere. */
export interface WarrantyCount {
  servedHere: number;
  servedHereSoldElsewhere: number;
  soldHereServedElsewhere: number;
}

const zero = (): WarrantyCount => ({ servedHere: 0, servedHereSoldElsewhere: 0, soldHereServedElsewhere: 0 });

/**
 * Each repair counts for both provinces it concerns: the serving province as served here, and,
 * served in another one, the selling province as sold here but served elsewhere. `province` limits
 * the rows to one province's (a provincial view); without it every province with a repair has rows.
 */
export function countWarrantyRepairs(facts: readonly RepairFact[], province: string | null) {
  const byProvince = new Map<string, WarrantyCount>();
  const byMonth = new Map<string, WarrantyCount>();
  const add = (provinceCode: string, month: string, key: keyof WarrantyCount) => {
    if (province && provinceCode !== province) return;
    for (const [map, k] of [
      [byProvince, provinceCode],
      [byMonth, `${month}|${provinceCode}`],
    ] as const) {
      const count = map.get(k) ?? zero();
      count[key] += 1;
      map.set(k, count);
    }
  };
  for (const f of facts) {
    add(f.servingProvince, f.month, 'servedHere');
    if (f.sellingProvince !== f.servingProvince) {
      add(f.servingProvince, f.month, 'servedHereSoldElsewhere');
      add(f.sellingProvince, f.month, 'soldHereServedElsewhere');
    }
  }
  const inScope = province ? facts.filter((f) => f.servingProvince === province || f.sellingProvince === province) : facts;
  const sorted = <T>(map: Map<string, T>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    /** Repairs the view concerns: served in the province or of its handsets (all, nationwide). */
    repairs: inScope.length,
    /** Of them, served in another province than the one that sold the handset. */
    crossProvince: inScope.filter((f) => f.servingProvince !== f.sellingProvince).length,
    byProvince: sorted(byProvince).map(([code, count]) => ({ province: code, ...count })),
    byMonth: sorted(byMonth).map(([key, count]) => {
      const [month, code] = key.split('|') as [string, string];
      return { month, province: code, ...count };
    }),
  };
}
export type WarrantyRepairCounts = ReturnType<typeof countWarrantyRepairs>;

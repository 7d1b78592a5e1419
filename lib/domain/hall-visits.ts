import type { Refusal } from './registration-rules';
import { MINUTE, toShanghaiLocal } from './time';
import type { Segment } from './types';

/** 四(二)1 of the plan: 营业厅、3G品牌店客户等候时长不超过5分钟. A fixed promise, not a setting. */
export const HALL_WAIT_TARGET_MS = 5 * MINUTE;
/** 四(二)1 of the plan: 单项业务办理时长不超过10分钟. */
export const HALL_HANDLING_TARGET_MS = 10 * MINUTE;

/** What a customer came to the hall for: a short list the hall staff pick from. */
export const VISIT_PURPOSES = ['service_booking', 'enquiry', 'bill_topup', 'sim_number', 'complaint', 'other'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];

/** How the arrival was recorded: staff by mobile number, staff from the day's bookings, or the customer scanning the hall's code. */
export const VISIT_ARRIVALS = ['staff', 'booking', 'scan'] as const;
export type VisitArrival = (typeof VISIT_ARRIVALS)[number];

export const VISIT_STATUSES = ['waiting', 'serving', 'done'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];

/** The Beijing calendar day of an instant, "YYYY-MM-DD": a hall's queue is one day's. */
export const visitDayOf = (instant: number) => toShanghaiLocal(instant).slice(0, 10);

interface Queued {
  id: number;
  segment: Segment;
  arrivedAt: number;
}

/** The waiting line as the plan wants it served (VIP 优先接待): VIPs first, then by arrival, then by check-in order. */
export function queueOrder<V extends Queued>(visits: readonly V[]): V[] {
  const vipFirst = (v: Queued) => (v.segment === 'postpaid_vip' ? 0 : 1);
  return [...visits].sort((a, b) => vipFirst(a) - vipFirst(b) || a.arrivedAt - b.arrivedAt || a.id - b.id);
}

/** How long a customer waited (or has waited so far, if not yet called) from arrival to start. */
export function waitMs(visit: { arrivedAt: number; startedAt: number | null }, now: number): number {
  return Math.max(0, (visit.startedAt ?? now) - visit.arrivedAt);
}

/** How long the business took (or has taken so far) from start to finish; null before it starts. */
export function handlingMs(visit: { startedAt: number | null; finishedAt: number | null }, now: number): number | null {
  return visit.startedAt === null ? null : Math.max(0, (visit.finishedAt ?? now) - visit.startedAt);
}

/** Staff call a waiting customer, then finish their business: a visit starts once, and finishes only once started. */
export function visitStepRefusal(status: VisitStatus, step: 'start' | 'finish'): Refusal | null {
  if (step === 'start') return status === 'waiting' ? null : { code: 'visit_already_started' };
  return status === 'serving' ? null : { code: status === 'waiting' ? 'visit_not_started' : 'visit_finished' };
}

/**
 * The p-th percentile (0 < p <= 1) by the nearest-rank rule: the smallest value with at least p of
 * the values at or below it. Always one of the values (no interpolation), so the same rows give the
 * same answer whatever engine read them; null for none.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

/** The share of values at or under the limit; null for none. */
export function shareWithin(values: readonly number[], limit: number): number | null {
  return values.length === 0 ? null : values.filter((v) => v <= limit).length / values.length;
}

/** A finished, started or waiting visit as the statistics read it. */
export interface VisitFact {
  province: string;
  hallId: number;
  month: string;
  segment: Segment;
  arrivedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** Service levels of a set of visits: waits of the started ones, handling of the finished ones, in minutes. */
export interface ServiceLevel {
  visits: number;
  medianWaitMinutes: number | null;
  p90WaitMinutes: number | null;
  waitWithinTarget: number | null;
  medianHandlingMinutes: number | null;
  p90HandlingMinutes: number | null;
  handlingWithinTarget: number | null;
}

export function serviceLevel(facts: readonly VisitFact[]): ServiceLevel {
  const waits = facts.flatMap((f) => (f.startedAt === null ? [] : [f.startedAt - f.arrivedAt]));
  const handled = facts.flatMap((f) => (f.startedAt === null || f.finishedAt === null ? [] : [f.finishedAt - f.startedAt]));
  const minutes = (ms: number | null) => (ms === null ? null : ms / MINUTE);
  return {
    visits: facts.length,
    medianWaitMinutes: minutes(percentile(waits, 0.5)),
    p90WaitMinutes: minutes(percentile(waits, 0.9)),
    waitWithinTarget: shareWithin(waits, HALL_WAIT_TARGET_MS),
    medianHandlingMinutes: minutes(percentile(handled, 0.5)),
    p90HandlingMinutes: minutes(percentile(handled, 0.9)),
    handlingWithinTarget: shareWithin(handled, HALL_HANDLING_TARGET_MS),
  };
}

export interface ServiceLevelGroup {
  key: string;
  vip: ServiceLevel;
  others: ServiceLevel;
}

const isVip = (f: VisitFact) => f.segment === 'postpaid_vip';

function groupBy(facts: readonly VisitFact[], keyOf: (f: VisitFact) => string): ServiceLevelGroup[] {
  const groups = new Map<string, VisitFact[]>();
  for (const f of facts) {
    const key = keyOf(f);
    const members = groups.get(key);
    if (members) members.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, members]) => ({ key, vip: serviceLevel(members.filter(isVip)), others: serviceLevel(members.filter((f) => !isVip(f))) }));
}

/** The halls' service levels in a period: overall, by province, by hall and by month, VIPs and others apart. */
export function summarizeHallVisits(facts: readonly VisitFact[]) {
  return {
    vip: serviceLevel(facts.filter(isVip)),
    others: serviceLevel(facts.filter((f) => !isVip(f))),
    byProvince: groupBy(facts, (f) => f.province),
    byHall: groupBy(facts, (f) => String(f.hallId)),
    byMonth: groupBy(facts, (f) => f.month),
  };
}
export type HallVisitSummary = ReturnType<typeof summarizeHallVisits>;

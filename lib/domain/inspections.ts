import type { Actor } from './access';

/**
 * Inspections of the plan's execution (六): HQ visits halls and events openly (明察) or covertly
 * (暗访) and scores them; provinces inspect themselves (自查) on the same scorecard.
 */
export const INSPECTION_KINDS = ['open', 'covert', 'self'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
/** The kinds HQ records; a province records only its self-inspections. */
export const HQ_INSPECTION_KINDS = ['open', 'covert'] as const satisfies readonly InspectionKind[];

export const INSPECTION_RATINGS = ['pass', 'partial', 'fail', 'na'] as const;
export type InspectionRating = (typeof INSPECTION_RATINGS)[number];

/**
 * The scorecard: one item per promise of the plan an inspector can see in a hall or at an event,
 * with the plan's section and its weight. Weights add up to 100, the promises HQ checks first
 * (waiting, VIPs, certified staff, complaints) weigh most.
 */
export const INSPECTION_ITEMS = [
  { key: 'wait_time', plan: '四(二)1', weight: 15 },
  { key: 'handling_time', plan: '四(二)1', weight: 10 },
  { key: 'vip_zone', plan: '四(二)2', weight: 15 },
  { key: 'zone_3g', plan: '四(一)1', weight: 10 },
  { key: 'certified_staff', plan: '五(一)', weight: 15 },
  { key: 'information_display', plan: '四(三)', weight: 10 },
  { key: 'first_contact', plan: '四(二)4', weight: 15 },
  { key: 'demo_area', plan: '五(一)', weight: 10 },
] as const;
export type InspectionItemKey = (typeof INSPECTION_ITEMS)[number]['key'];
export const INSPECTION_ITEM_KEYS = INSPECTION_ITEMS.map((i) => i.key) as InspectionItemKey[];

/** Share of an item's weight each rating earns; `na` (nothing to see, e.g. no queue at an event) leaves the item out. */
const EARNED: Record<Exclude<InspectionRating, 'na'>, number> = { pass: 1, partial: 0.5, fail: 0 };

export interface RatedItem {
  key: InspectionItemKey;
  rating: InspectionRating;
}

/**
 * The total out of 100: the weight earned over the weight of the items that applied, rounded.
 * null when no item applied (such a scorecard is refused: see checkScorecard).
 */
export function inspectionScore(items: readonly RatedItem[]): number | null {
  let applicable = 0;
  let earned = 0;
  for (const item of items) {
    if (item.rating === 'na') continue;
    const weight = INSPECTION_ITEMS.find((i) => i.key === item.key)!.weight;
    applicable += weight;
    earned += weight * EARNED[item.rating];
  }
  return applicable === 0 ? null : Math.round((100 * earned) / applicable);
}

/** Whether an item's rating calls for a finding (what was wrong), which the province then follows up. */
export function needsFinding(rating: InspectionRating): boolean {
  return rating === 'partial' || rating === 'fail';
}

/**
 * A scorecard's problems, per item key (error codes): every item rated once, a finding written for
 * each item not passed, at least one item that applied.
 */
export function checkScorecard(items: readonly (RatedItem & { finding: string | null })[]): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const key of INSPECTION_ITEM_KEYS) {
    const rated = items.filter((i) => i.key === key);
    if (rated.length !== 1) problems[key] = 'inspection_item_rating_required';
    else if (needsFinding(rated[0]!.rating) && !rated[0]!.finding) problems[key] = 'inspection_finding_required';
  }
  if (items.some((i) => !INSPECTION_ITEM_KEYS.includes(i.key))) problems._ = 'invalid_input';
  if (Object.keys(problems).length === 0 && inspectionScore(items) === null) problems._ = 'inspection_nothing_rated';
  return problems;
}

/**
 * Who records which kind: HQ scope staff (admins, HQ analysts) visit openly or covertly, in any
 * province; operators and analysts of a province inspect their own province only.
 */
export function mayRecordInspection(actor: Actor, kind: InspectionKind, provinceCode: string): boolean {
  if (actor.kind !== 'staff') return false;
  if (actor.provinceCode === null) return kind !== 'self' && (actor.role === 'admin' || actor.role === 'analyst');
  return kind === 'self' && actor.provinceCode === provinceCode && (actor.role === 'operator' || actor.role === 'analyst');
}

/**
 * Who reads a province's inspections: HQ, and the province's own staff. A province sees HQ's
 * visits once recorded (it must follow their findings up), covert ones too: a covert visit exists
 * in the app only after it happened, so nothing can warn a hall ahead of one. Who made a covert
 * visit stays HQ's: the province sees "HQ", not the inspector's name.
 */
export function mayReadInspections(actor: Actor, provinceCode: string): boolean {
  return actor.kind === 'staff' && (actor.provinceCode === null || actor.provinceCode === provinceCode);
}

export function seesInspector(actor: Actor, kind: InspectionKind): boolean {
  return kind !== 'covert' || (actor.kind === 'staff' && actor.provinceCode === null);
}

/** Who follows a finding up: the province's operators, and admins. */
export function mayFollowUp(actor: Actor, provinceCode: string): boolean {
  if (actor.kind !== 'staff') return false;
  return actor.role === 'admin' || (actor.role === 'operator' && actor.provinceCode === provinceCode);
}

/** Of a province's inspections, newest first, the latest of HQ's (open or covert) and the latest self-inspection. */
export function latestScores<T extends { kind: InspectionKind; visitedAt: number }>(inspections: readonly T[]): { hq: T | null; self: T | null } {
  let hq: T | null = null;
  let self: T | null = null;
  for (const i of inspections) {
    if (i.kind === 'self') {
      if (!self || i.visitedAt > self.visitedAt) self = i;
    } else if (!hq || i.visitedAt > hq.visitedAt) hq = i;
  }
  return { hq, self };
}

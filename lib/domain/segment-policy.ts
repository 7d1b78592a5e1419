import type { Refusal } from './registration-rules';
import { CLUB_CODES, SEGMENTS, type ClubCode, type Segment } from './types';

/**
 * The segment policy (附表1 of the plan): which segments may join which club (each club's
 * allowedSegments), and which earn points and may pay in them (the HQ setting segmentPoints; by
 * default prepaid customers get no points rewards, 积分回馈: 不提供). One matrix on /admin/settings.
 */
export type SegmentPoints = Record<Segment, { earn: boolean; pay: boolean }>;

export interface SegmentPolicyRow {
  segment: Segment;
  clubs: Record<ClubCode, boolean>;
  earn: boolean;
  pay: boolean;
}

/** The matrix: one row per segment, a column per club, then earning and paying in points. */
export function segmentPolicyMatrix(clubs: readonly { code: ClubCode; allowedSegments: readonly Segment[] }[], points: SegmentPoints): SegmentPolicyRow[] {
  return SEGMENTS.map((segment) => ({
    segment,
    clubs: Object.fromEntries(CLUB_CODES.map((c) => [c, clubs.find((x) => x.code === c)?.allowedSegments.includes(segment) ?? false])) as Record<ClubCode, boolean>,
    earn: points[segment].earn,
    pay: points[segment].pay,
  }));
}

/** Paying for something in points: refused, with its reason, for a segment that may not (checked before the balance). */
export function pointsPaymentRefusal(points: SegmentPoints, segment: Segment, price: number): Refusal | null {
  return price > 0 && !points[segment].pay ? { code: 'points_payment_not_allowed' } : null;
}

/** Points added to a customer's balance (an import, a grant): refused for a segment that earns none. */
export function pointsEarningRefusal(points: SegmentPoints, segment: Segment, delta: number): Refusal | null {
  return delta > 0 && !points[segment].earn ? { code: 'points_not_earned' } : null;
}

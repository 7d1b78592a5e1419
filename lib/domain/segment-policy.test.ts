import { describe, expect, it } from 'vitest';
import { HQ_SETTINGS } from './hq-settings';
import { pointsEarningRefusal, pointsPaymentRefusal, segmentPolicyMatrix } from './segment-policy';

const plan = HQ_SETTINGS.segmentPoints.default;

describe('the segment policy', () => {
  it("follows the plan's table by default: prepaid customers neither earn nor pay in points (附表1 积分回馈)", () => {
    expect(plan).toEqual({ prepaid: { earn: false, pay: false }, postpaid: { earn: true, pay: true }, postpaid_vip: { earn: true, pay: true } });
    expect(pointsPaymentRefusal(plan, 'prepaid', 300)).toEqual({ code: 'points_payment_not_allowed' });
    expect(pointsPaymentRefusal(plan, 'postpaid', 300)).toBeNull();
    expect(pointsEarningRefusal(plan, 'prepaid', 1)).toEqual({ code: 'points_not_earned' });
    expect(pointsEarningRefusal(plan, 'postpaid_vip', 5000)).toBeNull();
  });

  it('refuses only what moves points the forbidden way: nothing to pay, or a balance going down, passes', () => {
    expect(pointsPaymentRefusal(plan, 'prepaid', 0)).toBeNull();
    expect(pointsEarningRefusal(plan, 'prepaid', 0)).toBeNull();
    expect(pointsEarningRefusal(plan, 'prepaid', -200)).toBeNull();
  });

  it('follows the setting an admin saved', () => {
    const changed = { ...plan, prepaid: { earn: true, pay: false }, postpaid: { earn: false, pay: false } };
    expect(pointsEarningRefusal(changed, 'prepaid', 10)).toBeNull();
    expect(pointsPaymentRefusal(changed, 'prepaid', 10)).toEqual({ code: 'points_payment_not_allowed' });
    expect(pointsEarningRefusal(changed, 'postpaid', 10)).toEqual({ code: 'points_not_earned' });
  });

  it('lays clubs and points out as one matrix, a row per segment', () => {
    const clubs = [
      { code: 'music' as const, allowedSegments: ['prepaid', 'postpaid', 'postpaid_vip'] as const },
      { code: 'film' as const, allowedSegments: ['postpaid', 'postpaid_vip'] as const },
      { code: 'gaming' as const, allowedSegments: ['prepaid'] as const },
      { code: 'handset' as const, allowedSegments: ['postpaid_vip'] as const },
    ];
    expect(segmentPolicyMatrix(clubs, plan)).toEqual([
      { segment: 'prepaid', clubs: { music: true, film: false, gaming: true, handset: false }, earn: false, pay: false },
      { segment: 'postpaid', clubs: { music: true, film: true, gaming: false, handset: false }, earn: true, pay: true },
      { segment: 'postpaid_vip', clubs: { music: true, film: true, gaming: false, handset: true }, earn: true, pay: true },
    ]);
  });
});

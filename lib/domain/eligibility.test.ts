import { describe, expect, it } from 'vitest';
import { joinRefusal, leaveRefusal } from './eligibility';
import { CUSTOMER_STATUSES, SEGMENTS, type Segment } from './types';

describe('joining a club', () => {
  const everyone = { allowedSegments: SEGMENTS };
  const postpaidOnly = { allowedSegments: ['postpaid', 'postpaid_vip'] as Segment[] };
  const vipOnly = { allowedSegments: ['postpaid_vip'] as Segment[] };

  it('decides every segment x status x club setting', () => {
    for (const segment of SEGMENTS) {
      for (const status of CUSTOMER_STATUSES) {
        for (const club of [everyone, postpaidOnly, vipOnly]) {
          const expected = status !== 'active' ? 'customer_not_active' : club.allowedSegments.includes(segment) ? null : 'segment_not_allowed';
          expect(joinRefusal({ segment, status }, club, false), `${segment}/${status}/${club.allowedSegments.join('+')}`).toBe(expected);
        }
      }
    }
  });

  it('refuses a second open membership of the same club', () => {
    expect(joinRefusal({ segment: 'prepaid', status: 'active' }, everyone, true)).toBe('already_member');
  });

  it('names the status first when a suspended customer is also of a wrong segment', () => {
    expect(joinRefusal({ segment: 'prepaid', status: 'suspended' }, vipOnly, false)).toBe('customer_not_active');
  });
});

describe('leaving a club', () => {
  it('needs an open membership', () => {
    expect(leaveRefusal(true)).toBeNull();
    expect(leaveRefusal(false)).toBe('not_member');
  });
});

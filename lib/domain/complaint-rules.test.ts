import { describe, expect, it } from 'vitest';
import { compareComplaintQueue, complaintPriority, resolveRefusal } from './complaint-rules';

describe('complaint rules', () => {
  it('puts VIPs first, then the oldest', () => {
    const queue = [
      { id: 1, segment: 'prepaid' as const, createdAt: 100 },
      { id: 2, segment: 'postpaid_vip' as const, createdAt: 300 },
      { id: 3, segment: 'postpaid' as const, createdAt: 50 },
      { id: 4, segment: 'postpaid_vip' as const, createdAt: 200 },
      { id: 5, segment: 'postpaid' as const, createdAt: 50 },
    ];
    expect([...queue].sort(compareComplaintQueue).map((c) => c.id)).toEqual([4, 2, 3, 5, 1]);
    expect(complaintPriority('postpaid_vip')).toBeLessThan(complaintPriority('postpaid'));
    expect(complaintPriority('postpaid')).toBe(complaintPriority('prepaid'));
  });

  it('answers a complaint once, and with words', () => {
    expect(resolveRefusal({ status: 'open' }, '已为您退还费用')).toBeNull();
    expect(resolveRefusal({ status: 'open' }, '  ')).toEqual({ code: 'reply_required' });
    expect(resolveRefusal({ status: 'resolved' }, '再次答复')).toEqual({ code: 'complaint_already_resolved' });
  });
});

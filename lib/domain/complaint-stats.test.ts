import { describe, expect, it } from 'vitest';
import { median, summarizeComplaints, type ComplaintFact } from './complaint-stats';
import { HOUR } from './time';

// 2027-03-01 00:00 in Beijing
const MARCH = Date.UTC(2027, 1, 28, 16);
const fact = (over: Partial<ComplaintFact>): ComplaintFact => ({ province: '440000', topic: 'event', channel: 'web', segment: 'postpaid', createdAt: MARCH, resolvedAt: null, ...over });

describe('complaint statistics', () => {
  it('take the median of an odd and an even count, and none of nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('count received, answered and open, the VIP share, and the median hours to answer of VIPs and the others apart', () => {
    const s = summarizeComplaints(
      [
        fact({ segment: 'postpaid_vip', resolvedAt: MARCH + 2 * HOUR }),
        fact({ segment: 'postpaid_vip', resolvedAt: MARCH + 4 * HOUR }),
        fact({ segment: 'prepaid', resolvedAt: MARCH + 30 * HOUR }),
        fact({ segment: 'postpaid', createdAt: MARCH + HOUR }),
      ],
      MARCH + 49 * HOUR,
    );
    expect(s).toMatchObject({ received: 4, answered: 3, open: 1, vipShare: 0.5, medianHours: 4, medianHoursVip: 3, medianHoursOthers: 30, oldestOpenHours: 48 });
  });

  it('group by topic, province and channel, the most complaints first, and by month of filing in Beijing time', () => {
    const s = summarizeComplaints(
      [
        fact({ topic: 'network', province: '110000', channel: 'hotline', createdAt: MARCH - HOUR, resolvedAt: MARCH + 5 * HOUR }),
        fact({ topic: 'billing' }),
        fact({ topic: 'billing', channel: 'hall', resolvedAt: MARCH + HOUR }),
      ],
      MARCH + 10 * HOUR,
    );
    expect(s.byTopic).toEqual([
      { key: 'billing', received: 2, answered: 1, open: 1, medianHours: 1 },
      { key: 'network', received: 1, answered: 1, open: 0, medianHours: 6 },
    ]);
    expect(s.byProvince.map((g) => [g.key, g.received])).toEqual([
      ['440000', 2],
      ['110000', 1],
    ]);
    expect(s.byChannel.map((g) => g.key)).toEqual(['hall', 'hotline', 'web']);
    // One hour before midnight in Beijing is still February.
    expect(s.byMonth.map((g) => [g.key, g.received])).toEqual([
      ['2027-02', 1],
      ['2027-03', 2],
    ]);
  });

  it('have nothing to measure without complaints', () => {
    expect(summarizeComplaints([], MARCH)).toMatchObject({ received: 0, vipShare: null, medianHours: null, oldestOpenHours: null, byTopic: [], byMonth: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { median, summarizeComplaints, type ComplaintFact } from './complaint-stats';
import { HOUR } from './time';

// 2027-03-01 00:00 in Beijing
const MARCH = Date.UTC(2027, 1, 28, 16);
const fact = (over: Partial<ComplaintFact>): ComplaintFact => ({ province: '440000', topic: 'event', channel: 'web', segment: 'postpaid', createdAt: MARCH, answeredAt: null, deadlineAt: MARCH + 48 * HOUR, reopenCount: 0, rating: null, ...over });

describe('complaint statistics', () => {
  it('take the median of an odd and an even count, and none of nothing', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([])).toBeNull();
  });

  it('count received, answered and open, the VIP share, and the median hours to answer of VIPs and the others apart', () => {
    const s = summarizeComplaints(
      [
        fact({ segment: 'postpaid_vip', answeredAt: MARCH + 2 * HOUR }),
        fact({ segment: 'postpaid_vip', answeredAt: MARCH + 4 * HOUR }),
        fact({ segment: 'prepaid', answeredAt: MARCH + 30 * HOUR }),
        fact({ segment: 'postpaid', createdAt: MARCH + HOUR }),
      ],
      MARCH + 49 * HOUR,
    );
    expect(s).toMatchObject({ received: 4, answered: 3, open: 1, vipShare: 0.5, medianHours: 4, medianHoursVip: 3, medianHoursOthers: 30, oldestOpenHours: 48 });
  });

  it('group by topic, province and channel, the most complaints first, and by month of filing in Beijing time', () => {
    const s = summarizeComplaints(
      [
        fact({ topic: 'network', province: '110000', channel: 'hotline', createdAt: MARCH - HOUR, answeredAt: MARCH + 5 * HOUR }),
        fact({ topic: 'billing' }),
        fact({ topic: 'billing', channel: 'hall', answeredAt: MARCH + HOUR }),
      ],
      MARCH + 10 * HOUR,
    );
    expect(s.byTopic).toEqual([
      { key: 'billing', received: 2, answered: 1, open: 1, medianHours: 1, inTimeRate: 1, reopened: 0, satisfaction: null, ratings: 0 },
      { key: 'network', received: 1, answered: 1, open: 0, medianHours: 6, inTimeRate: 1, reopened: 0, satisfaction: null, ratings: 0 },
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

  it('count answers in time against the deadline, of those whose outcome is known, VIPs apart; the reopened; and the average rating', () => {
    const s = summarizeComplaints(
      [
        fact({ segment: 'postpaid_vip', deadlineAt: MARCH + 24 * HOUR, answeredAt: MARCH + 2 * HOUR, rating: 5 }),
        fact({ segment: 'postpaid_vip', deadlineAt: MARCH + 24 * HOUR, answeredAt: MARCH + 30 * HOUR, reopenCount: 1, rating: 2 }),
        // Unanswered past its deadline: late already.
        fact({ segment: 'postpaid', deadlineAt: MARCH + 10 * HOUR }),
        // Unanswered, still within its deadline: not counted yet.
        fact({ segment: 'postpaid', deadlineAt: MARCH + 60 * HOUR }),
        fact({ segment: 'prepaid', deadlineAt: MARCH + 48 * HOUR, answeredAt: MARCH + 47 * HOUR, rating: 4 }),
      ],
      MARCH + 50 * HOUR,
      3,
    );
    expect(s).toMatchObject({ inTimeRate: 2 / 4, inTimeRateVip: 1 / 2, inTimeRateOthers: 1 / 2, reopened: 1, satisfaction: 11 / 3, ratings: 3, satisfactionVip: 3.5, suggestions: 3 });
    expect(s.byProvince[0]).toMatchObject({ inTimeRate: 0.5, reopened: 1, satisfaction: 11 / 3, ratings: 3 });
  });

  it('have nothing to measure without complaints', () => {
    expect(summarizeComplaints([], MARCH)).toMatchObject({ received: 0, vipShare: null, medianHours: null, inTimeRate: null, satisfaction: null, ratings: 0, oldestOpenHours: null, byTopic: [], byMonth: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { handlingMs, HALL_HANDLING_TARGET_MS, HALL_WAIT_TARGET_MS, percentile, queueOrder, serviceLevel, shareWithin, summarizeHallVisits, visitDayOf, visitStepRefusal, waitMs, type VisitFact } from './hall-visits';
import { MINUTE, shanghaiInstant } from './time';

const T = shanghaiInstant(2027, 3, 1, 9);

describe('the hall queue', () => {
  it('serves VIPs first, then by arrival, then by check-in order', () => {
    const line = [
      { id: 1, segment: 'postpaid' as const, arrivedAt: T },
      { id: 2, segment: 'prepaid' as const, arrivedAt: T + MINUTE },
      { id: 3, segment: 'postpaid_vip' as const, arrivedAt: T + 4 * MINUTE },
      { id: 4, segment: 'postpaid_vip' as const, arrivedAt: T + 2 * MINUTE },
      { id: 5, segment: 'postpaid' as const, arrivedAt: T },
    ];
    expect(queueOrder(line).map((v) => v.id)).toEqual([4, 3, 1, 5, 2]);
    expect(line.map((v) => v.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('measures the wait so far, then the wait and the handling once started and finished', () => {
    expect(waitMs({ arrivedAt: T, startedAt: null }, T + 3 * MINUTE)).toBe(3 * MINUTE);
    expect(waitMs({ arrivedAt: T, startedAt: T + 2 * MINUTE }, T + 30 * MINUTE)).toBe(2 * MINUTE);
    expect(handlingMs({ startedAt: null, finishedAt: null }, T)).toBeNull();
    expect(handlingMs({ startedAt: T, finishedAt: null }, T + 4 * MINUTE)).toBe(4 * MINUTE);
    expect(handlingMs({ startedAt: T, finishedAt: T + 7 * MINUTE }, T + 60 * MINUTE)).toBe(7 * MINUTE);
  });

  it('starts a visit once and finishes it only after it started', () => {
    expect(visitStepRefusal('waiting', 'start')).toBeNull();
    expect(visitStepRefusal('serving', 'start')?.code).toBe('visit_already_started');
    expect(visitStepRefusal('waiting', 'finish')?.code).toBe('visit_not_started');
    expect(visitStepRefusal('serving', 'finish')).toBeNull();
    expect(visitStepRefusal('done', 'finish')?.code).toBe('visit_finished');
  });

  it('keeps a day by the Beijing calendar', () => {
    expect(visitDayOf(shanghaiInstant(2027, 3, 1, 23, 59))).toBe('2027-03-01');
    expect(visitDayOf(shanghaiInstant(2027, 3, 2, 0, 1))).toBe('2027-03-02');
  });
});

describe('service level figures', () => {
  it('takes percentiles by nearest rank, always one of the values', () => {
    const values = [7, 1, 3, 9, 5, 2, 8, 4, 10, 6];
    expect(percentile(values, 0.5)).toBe(5);
    expect(percentile(values, 0.9)).toBe(9);
    expect(percentile(values, 1)).toBe(10);
    expect(percentile([4], 0.9)).toBe(4);
    expect(percentile([], 0.5)).toBeNull();
    for (const p of [0.1, 0.5, 0.9]) expect(values).toContain(percentile(values, p));
  });

  it('counts the share within a limit, the limit itself included', () => {
    expect(shareWithin([1, 5, 6, 10], 5)).toBe(0.5);
    expect(shareWithin([], 5)).toBeNull();
  });

  it('measures waits of started visits and handling of finished ones against the plan’s 5 and 10 minutes', () => {
    const fact = (wait: number | null, handling: number | null): VisitFact => ({
      province: '440000',
      hallId: 1,
      month: '2027-03',
      segment: 'postpaid',
      arrivedAt: T,
      startedAt: wait === null ? null : T + wait * MINUTE,
      finishedAt: wait === null || handling === null ? null : T + (wait + handling) * MINUTE,
    });
    const level = serviceLevel([fact(2, 8), fact(6, 12), fact(4, null), fact(null, null)]);
    expect(level.visits).toBe(4);
    expect(level.medianWaitMinutes).toBe(4);
    expect(level.p90WaitMinutes).toBe(6);
    expect(level.waitWithinTarget).toBeCloseTo(2 / 3);
    expect(level.medianHandlingMinutes).toBe(8);
    expect(level.p90HandlingMinutes).toBe(12);
    expect(level.handlingWithinTarget).toBe(0.5);
    expect(HALL_WAIT_TARGET_MS).toBe(5 * MINUTE);
    expect(HALL_HANDLING_TARGET_MS).toBe(10 * MINUTE);
  });

  it('keeps VIPs and others apart, by province, hall and month', () => {
    const base = { province: '440000', hallId: 1, month: '2027-03', arrivedAt: T, finishedAt: null };
    const facts: VisitFact[] = [
      { ...base, segment: 'postpaid_vip', startedAt: T + MINUTE },
      { ...base, segment: 'postpaid', startedAt: T + 7 * MINUTE },
      { ...base, segment: 'prepaid', startedAt: T + 3 * MINUTE, hallId: 2, month: '2027-04', province: '110000' },
    ];
    const s = summarizeHallVisits(facts);
    expect(s.vip).toMatchObject({ visits: 1, medianWaitMinutes: 1, waitWithinTarget: 1 });
    expect(s.others).toMatchObject({ visits: 2, waitWithinTarget: 0.5 });
    expect(s.byProvince.map((g) => [g.key, g.vip.visits, g.others.visits])).toEqual([
      ['110000', 0, 1],
      ['440000', 1, 1],
    ]);
    expect(s.byHall.map((g) => g.key)).toEqual(['1', '2']);
    expect(s.byMonth.map((g) => [g.key, g.others.medianWaitMinutes])).toEqual([
      ['2027-03', 7],
      ['2027-04', 3],
    ]);
  });
});

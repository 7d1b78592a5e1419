import { describe, expect, it } from 'vitest';
import { afterAttempt, callbackDueAt, callbackPeriodRange, callbackTimeliness, inHotlineQueue, onTimeDeadline, onTimeShare, shanghaiDayStart } from './callback-rules';
import { DAY, HOUR, shanghaiInstant } from './time';

const RULES = { callbackRetryHours: 24, callbackMaxAttempts: 3 };

describe('callback periods', () => {
  it('follows the Beijing calendar: a quarter starts on 1 January, April, July, October at 00:00 Beijing time', () => {
    // 31 March 17:00 UTC is already 1 April 01:00 in Beijing: the second quarter.
    expect(callbackPeriodRange('quarter', Date.UTC(2027, 2, 31, 17))).toEqual({ start: shanghaiInstant(2027, 4, 1), end: shanghaiInstant(2027, 7, 1) });
    expect(callbackPeriodRange('quarter', Date.UTC(2027, 2, 31, 15))).toEqual({ start: shanghaiInstant(2027, 1, 1), end: shanghaiInstant(2027, 4, 1) });
    expect(callbackPeriodRange('quarter', shanghaiInstant(2027, 12, 31, 23, 59))).toEqual({ start: shanghaiInstant(2027, 10, 1), end: shanghaiInstant(2028, 1, 1) });
  });

  it('has months, half years and years too', () => {
    const at = shanghaiInstant(2027, 8, 15, 10);
    expect(callbackPeriodRange('month', at)).toEqual({ start: shanghaiInstant(2027, 8, 1), end: shanghaiInstant(2027, 9, 1) });
    expect(callbackPeriodRange('half_year', at)).toEqual({ start: shanghaiInstant(2027, 7, 1), end: shanghaiInstant(2028, 1, 1) });
    expect(callbackPeriodRange('year', at)).toEqual({ start: shanghaiInstant(2027, 1, 1), end: shanghaiInstant(2028, 1, 1) });
  });

  it('starts days at midnight in Beijing', () => {
    expect(shanghaiDayStart(shanghaiInstant(2027, 5, 3, 23, 59))).toBe(shanghaiInstant(2027, 5, 3));
    expect(shanghaiDayStart(shanghaiInstant(2027, 5, 4))).toBe(shanghaiInstant(2027, 5, 4));
  });
});

describe('spreading the due days', () => {
  const quarter = callbackPeriodRange('quarter', shanghaiInstant(2027, 4, 1));

  it('gives each customer the same day of the period on every run, a whole day within it', () => {
    for (const id of [1, 2, 77, 5000]) {
      const due = callbackDueAt(id, quarter, quarter.start);
      expect(due).toBe(callbackDueAt(id, quarter, quarter.start + 3 * HOUR));
      expect(due).toBe(shanghaiDayStart(due));
      expect(due).toBeGreaterThanOrEqual(quarter.start);
      expect(due).toBeLessThan(quarter.end);
    }
  });

  it('spreads a province of VIPs evenly: no day of the quarter gets more than twice its share', () => {
    const perDay = new Map<number, number>();
    for (let id = 1; id <= 9100; id++) {
      const due = callbackDueAt(id, quarter, quarter.start);
      perDay.set(due, (perDay.get(due) ?? 0) + 1);
    }
    const days = Math.round((quarter.end - quarter.start) / DAY);
    expect(perDay.size).toBe(days);
    expect(Math.max(...perDay.values())).toBeLessThanOrEqual((2 * 9100) / days);
  });

  it('spreads a task whose day has passed over the days left, never before today', () => {
    const now = shanghaiInstant(2027, 6, 20, 15);
    const late = Array.from({ length: 200 }, (_, i) => callbackDueAt(i + 1, quarter, now));
    expect(Math.min(...late)).toBe(shanghaiInstant(2027, 6, 20));
    expect(Math.max(...late)).toBeLessThan(quarter.end);
    // Those whose day is still ahead keep it.
    const ahead = late.filter((d, i) => callbackDueAt(i + 1, quarter, quarter.start) > now);
    expect(ahead.length).toBeGreaterThan(0);
  });
});

describe('attempts and retries', () => {
  const now = shanghaiInstant(2027, 5, 10, 10);

  it('ends the task when reached or declined', () => {
    expect(afterAttempt('reached', 0, RULES, now)).toEqual({ status: 'reached', attempts: 1, nextAttemptAt: null, completedAt: now });
    expect(afterAttempt('declined', 1, RULES, now)).toEqual({ status: 'declined', attempts: 2, nextAttemptAt: null, completedAt: now });
  });

  it('retries one not reached after the retry hours, until the last attempt', () => {
    expect(afterAttempt('not_reached', 0, RULES, now)).toEqual({ status: 'open', attempts: 1, nextAttemptAt: now + 24 * HOUR, completedAt: null });
    expect(afterAttempt('not_reached', 1, { callbackRetryHours: 4, callbackMaxAttempts: 3 }, now)).toMatchObject({ status: 'open', nextAttemptAt: now + 4 * HOUR });
    expect(afterAttempt('not_reached', 2, RULES, now)).toEqual({ status: 'not_reached', attempts: 3, nextAttemptAt: null, completedAt: now });
    expect(afterAttempt('not_reached', 0, { callbackRetryHours: 24, callbackMaxAttempts: 1 }, now)).toMatchObject({ status: 'not_reached' });
  });

  it('shows a task to the hotline when it is due, a retry when its time comes, a manager\'s task once overdue', () => {
    const dueAt = shanghaiInstant(2027, 5, 10);
    expect(inHotlineQueue({ dueAt, nextAttemptAt: null, assignedStaffId: null }, dueAt - 1)).toBe(false);
    expect(inHotlineQueue({ dueAt, nextAttemptAt: null, assignedStaffId: null }, dueAt)).toBe(true);
    expect(inHotlineQueue({ dueAt, nextAttemptAt: dueAt + 30 * HOUR, assignedStaffId: null }, dueAt + 29 * HOUR)).toBe(false);
    expect(inHotlineQueue({ dueAt, nextAttemptAt: dueAt + 30 * HOUR, assignedStaffId: null }, dueAt + 30 * HOUR)).toBe(true);
    expect(inHotlineQueue({ dueAt, nextAttemptAt: null, assignedStaffId: 9 }, dueAt + 23 * HOUR)).toBe(false);
    expect(inHotlineQueue({ dueAt, nextAttemptAt: null, assignedStaffId: 9 }, dueAt + DAY)).toBe(true);
  });
});

describe('on time', () => {
  const dueAt = shanghaiInstant(2027, 5, 10);
  const periodEnd = shanghaiInstant(2027, 7, 1);
  // The due day, then two retries of 24 hours.
  const deadline = dueAt + 3 * DAY;

  it('allows the due day plus every retry, never past the period', () => {
    expect(onTimeDeadline({ dueAt, periodEnd }, RULES)).toBe(deadline);
    expect(onTimeDeadline({ dueAt: shanghaiInstant(2027, 6, 30), periodEnd }, RULES)).toBe(periodEnd);
  });

  it('counts a final outcome by the deadline, late after it, pending while within it', () => {
    expect(callbackTimeliness({ dueAt, periodEnd, status: 'reached', completedAt: dueAt + 5 * HOUR }, RULES, periodEnd)).toBe('on_time');
    expect(callbackTimeliness({ dueAt, periodEnd, status: 'not_reached', completedAt: deadline }, RULES, periodEnd)).toBe('on_time');
    expect(callbackTimeliness({ dueAt, periodEnd, status: 'declined', completedAt: deadline + 1 }, RULES, periodEnd)).toBe('late');
    expect(callbackTimeliness({ dueAt, periodEnd, status: 'open', completedAt: null }, RULES, deadline)).toBe('pending');
    expect(callbackTimeliness({ dueAt, periodEnd, status: 'open', completedAt: null }, RULES, deadline + 1)).toBe('late');
  });

  it('gives the share of settled tasks, none when nothing is settled', () => {
    expect(onTimeShare(2, 3)).toBe(66.6);
    expect(onTimeShare(0, 0)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { nthWeekdayOfMonth, seriesOccurrences, type SeriesRule } from './series';
import { toShanghaiLocal } from './time';

const local = (rule: SeriesRule) => seriesOccurrences(rule).map(toShanghaiLocal);

describe('nthWeekdayOfMonth', () => {
  it('finds first, n-th and last weekdays', () => {
    expect(nthWeekdayOfMonth(2027, 1, 6, 1)).toBe(2); // 2 Jan 2027 is a Saturday
    expect(nthWeekdayOfMonth(2027, 1, 6, 2)).toBe(9);
    expect(nthWeekdayOfMonth(2027, 1, 5, -1)).toBe(29); // last Friday of January 2027
    expect(nthWeekdayOfMonth(2027, 2, 0, -1)).toBe(28);
  });
});

describe('seriesOccurrences', () => {
  it('makes a handset salon on the first Saturday of every quarter', () => {
    expect(local({ frequency: 'quarterly', weekday: 6, ordinal: 1, startDate: '2027-01-01', count: 4, time: '14:00' })).toEqual([
      '2027-01-02T14:00',
      '2027-04-03T14:00',
      '2027-07-03T14:00',
      '2027-10-02T14:00',
    ]);
  });

  it('skips a quarter whose date is already past the start date', () => {
    expect(local({ frequency: 'quarterly', weekday: 6, ordinal: 1, startDate: '2027-02-15', count: 2, time: '14:00' })).toEqual([
      '2027-04-03T14:00',
      '2027-07-03T14:00',
    ]);
  });

  it('makes a monthly film night on the last Friday, across the year end', () => {
    expect(local({ frequency: 'monthly', weekday: 5, ordinal: -1, startDate: '2026-11-01', count: 3, time: '19:30' })).toEqual([
      '2026-11-27T19:30',
      '2026-12-25T19:30',
      '2027-01-29T19:30',
    ]);
  });

  it('makes weekly events from the first matching weekday', () => {
    expect(local({ frequency: 'weekly', weekday: 3, ordinal: 1, startDate: '2027-03-01', count: 3, time: '19:00' })).toEqual([
      '2027-03-03T19:00',
      '2027-03-10T19:00',
      '2027-03-17T19:00',
    ]);
  });

  it('gives nothing for malformed rules', () => {
    const base: SeriesRule = { frequency: 'monthly', weekday: 5, ordinal: 1, startDate: '2027-01-01', count: 2, time: '19:00' };
    expect(seriesOccurrences({ ...base, count: 0 })).toEqual([]);
    expect(seriesOccurrences({ ...base, count: 25 })).toEqual([]);
    expect(seriesOccurrences({ ...base, startDate: '2027/01/01' })).toEqual([]);
    expect(seriesOccurrences({ ...base, time: '7pm' })).toEqual([]);
    expect(seriesOccurrences({ ...base, weekday: 7 })).toEqual([]);
  });
});

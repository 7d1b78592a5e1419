import { describe, expect, it } from 'vitest';
import { beijingMonthOf, resolvePeriod } from './stats-period';
import { shanghaiInstant } from './time';

describe('statistics periods in Beijing time', () => {
  it('resolves years, quarters and months with their participation keys', () => {
    expect(resolvePeriod({ kind: 'year', year: 2026 })).toMatchObject({ start: shanghaiInstant(2026, 1, 1), end: shanghaiInstant(2027, 1, 1), participationKey: 'Y2026' });
    expect(resolvePeriod({ kind: 'year', year: 2026 })!.months).toHaveLength(12);
    expect(resolvePeriod({ kind: 'quarter', year: 2026, quarter: 4 })).toEqual({ start: shanghaiInstant(2026, 10, 1), end: shanghaiInstant(2027, 1, 1), participationKey: 'Q2026-4', months: ['2026-10', '2026-11', '2026-12'] });
    expect(resolvePeriod({ kind: 'month', year: 2026, month: 2 })).toEqual({ start: shanghaiInstant(2026, 2, 1), end: shanghaiInstant(2026, 3, 1), participationKey: 'M2026-02', months: ['2026-02'] });
  });

  it('includes both days of a custom range, across years, with no participation key', () => {
    expect(resolvePeriod({ kind: 'custom', from: '2025-12-15', to: '2026-01-10' })).toEqual({
      start: shanghaiInstant(2025, 12, 15),
      end: shanghaiInstant(2026, 1, 11),
      participationKey: null,
      months: ['2025-12', '2026-01'],
    });
  });

  it('refuses malformed, reversed and over-long ranges', () => {
    expect(resolvePeriod({ kind: 'custom', from: '2026-02-30', to: '2026-03-01' })).toBeNull();
    expect(resolvePeriod({ kind: 'custom', from: '2026-03-02', to: '2026-03-01' })).toBeNull();
    expect(resolvePeriod({ kind: 'custom', from: '2020-01-01', to: '2026-01-01' })).toBeNull();
    expect(resolvePeriod({ kind: 'month', year: 2026, month: 13 })).toBeNull();
  });

  it('puts 23:30 on 31 December Beijing time in December, and 00:30 on 1 January in January', () => {
    expect(beijingMonthOf(shanghaiInstant(2026, 12, 31, 23, 30))).toBe('2026-12');
    expect(beijingMonthOf(shanghaiInstant(2027, 1, 1, 0, 30))).toBe('2027-01');
  });
});

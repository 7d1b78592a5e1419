import { describe, expect, it } from 'vitest';
import { beijingMonthOf, monthBounds, resolvePeriod, splitByMonths } from './stats-period';
import { shanghaiInstant } from './time';

describe('statistics periods in Beijing time', () => {
  it('resolves years, quarters and months', () => {
    expect(resolvePeriod({ kind: 'year', year: 2026 })).toMatchObject({ start: shanghaiInstant(2026, 1, 1), end: shanghaiInstant(2027, 1, 1) });
    expect(resolvePeriod({ kind: 'year', year: 2026 })!.months).toHaveLength(12);
    expect(resolvePeriod({ kind: 'quarter', year: 2026, quarter: 4 })).toEqual({ start: shanghaiInstant(2026, 10, 1), end: shanghaiInstant(2027, 1, 1), months: ['2026-10', '2026-11', '2026-12'] });
    expect(resolvePeriod({ kind: 'month', year: 2026, month: 2 })).toEqual({ start: shanghaiInstant(2026, 2, 1), end: shanghaiInstant(2026, 3, 1), months: ['2026-02'] });
  });

  it('includes both days of a custom range, across years', () => {
    expect(resolvePeriod({ kind: 'custom', from: '2025-12-15', to: '2026-01-10' })).toEqual({
      start: shanghaiInstant(2025, 12, 15),
      end: shanghaiInstant(2026, 1, 11),
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

  it('cuts a period into the months it covers whole and the parts of months at its ends', () => {
    const year = resolvePeriod({ kind: 'year', year: 2026 })!;
    expect(splitByMonths(year)).toEqual({ whole: year.months, parts: [] });
    const custom = resolvePeriod({ kind: 'custom', from: '2025-06-15', to: '2026-05-31' })!;
    const { whole, parts } = splitByMonths(custom);
    expect(whole[0]).toBe('2025-07');
    expect(whole.at(-1)).toBe('2026-05');
    expect(whole).toHaveLength(11);
    expect(parts).toEqual([{ month: '2025-06', from: shanghaiInstant(2025, 6, 15), to: shanghaiInstant(2025, 7, 1) }]);
    const inside = resolvePeriod({ kind: 'custom', from: '2026-03-10', to: '2026-03-20' })!;
    expect(splitByMonths(inside)).toEqual({ whole: [], parts: [{ month: '2026-03', from: shanghaiInstant(2026, 3, 10), to: shanghaiInstant(2026, 3, 21) }] });
    expect(monthBounds('2026-12')).toEqual([shanghaiInstant(2026, 12, 1), shanghaiInstant(2027, 1, 1)]);
  });
});

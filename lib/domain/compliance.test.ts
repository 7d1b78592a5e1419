import { describe, expect, it } from 'vitest';
import { complianceStatus, elapsedShareOfYear, expectedByNow } from './compliance';
import { shanghaiInstant, shanghaiYear } from './time';

const at = (y: number, m: number, d: number, h = 12) => shanghaiInstant(y, m, d, h);

describe('complianceStatus', () => {
  it('is met once enough events were held, whatever the date', () => {
    expect(complianceStatus({ year: 2026, required: 2, held: 2, scheduledAhead: 0, now: at(2026, 3, 1) })).toBe('met');
    expect(complianceStatus({ year: 2026, required: 2, held: 3, scheduledAhead: 0, now: at(2027, 6, 1) })).toBe('met');
    expect(complianceStatus({ year: 2026, required: 0, held: 0, scheduledAhead: 0, now: at(2026, 12, 31) })).toBe('met');
  });

  it('is missed when the year is over short of the minimum, even with events that were scheduled', () => {
    expect(complianceStatus({ year: 2025, required: 3, held: 2, scheduledAhead: 0, now: at(2026, 1, 1) })).toBe('missed');
    expect(complianceStatus({ year: 2025, required: 3, held: 2, scheduledAhead: 1, now: at(2026, 1, 1, 0) })).toBe('missed');
  });

  it('is at risk when what is held and still scheduled cannot reach the minimum', () => {
    expect(complianceStatus({ year: 2026, required: 2, held: 0, scheduledAhead: 1, now: at(2026, 1, 10) })).toBe('at_risk');
    expect(complianceStatus({ year: 2026, required: 2, held: 0, scheduledAhead: 0, now: at(2026, 1, 10) })).toBe('at_risk');
  });

  it('is at risk when behind a linear pace, although enough is scheduled', () => {
    // Handset club: 4 a year; by 1 July half the year is gone, so 2 should have been held.
    expect(complianceStatus({ year: 2026, required: 4, held: 1, scheduledAhead: 3, now: at(2026, 7, 10) })).toBe('at_risk');
    expect(complianceStatus({ year: 2026, required: 4, held: 2, scheduledAhead: 2, now: at(2026, 7, 10) })).toBe('on_track');
  });

  it('is on track when enough is scheduled and the pace holds', () => {
    expect(complianceStatus({ year: 2026, required: 2, held: 0, scheduledAhead: 2, now: at(2026, 2, 1) })).toBe('on_track');
    expect(complianceStatus({ year: 2027, required: 3, held: 0, scheduledAhead: 3, now: at(2026, 11, 26) })).toBe('on_track');
  });
});

describe('year boundaries in Asia/Shanghai', () => {
  it('puts 23:30 on 31 December Beijing time in that year', () => {
    const lateEvening = shanghaiInstant(2026, 12, 31, 23, 30);
    expect(new Date(lateEvening).toISOString()).toBe('2026-12-31T15:30:00.000Z');
    expect(shanghaiYear(lateEvening)).toBe(2026);
  });

  it('puts 00:30 on 1 January Beijing time in the new year, although it is still 31 December in UTC', () => {
    const justAfter = shanghaiInstant(2027, 1, 1, 0, 30);
    expect(new Date(justAfter).toISOString()).toBe('2026-12-31T16:30:00.000Z');
    expect(shanghaiYear(justAfter)).toBe(2027);
  });

  it('ends the year at midnight Beijing time: a year is missed from then on, not from UTC midnight', () => {
    const beforeMidnight = shanghaiInstant(2026, 12, 31, 23, 59);
    const midnight = shanghaiInstant(2027, 1, 1, 0, 0);
    expect(complianceStatus({ year: 2026, required: 2, held: 1, scheduledAhead: 1, now: beforeMidnight })).toBe('on_track');
    expect(complianceStatus({ year: 2026, required: 2, held: 1, scheduledAhead: 1, now: midnight })).toBe('missed');
    expect(elapsedShareOfYear(2026, midnight)).toBe(1);
  });

  it('expects nothing before the year starts and the whole minimum after it', () => {
    expect(expectedByNow(4, 2027, at(2026, 12, 31))).toBe(0);
    expect(expectedByNow(4, 2025, at(2026, 1, 2))).toBe(4);
  });
});

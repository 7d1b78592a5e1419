import { describe, expect, it } from 'vitest';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { parseShanghaiLocal, shanghaiDateTime, shanghaiInstant, shanghaiMonth, shanghaiWallClock, shanghaiYearRange, toShanghaiLocal } from './time';

describe('Beijing time', () => {
  it('reads datetime-local values as Beijing time and writes them back', () => {
    const t = parseShanghaiLocal('2027-03-06T14:00');
    expect(new Date(t!).toISOString()).toBe('2027-03-06T06:00:00.000Z');
    expect(toShanghaiLocal(t!)).toBe('2027-03-06T14:00');
  });

  it('refuses malformed and impossible dates', () => {
    for (const bad of ['', '2027-03-06', '2027-02-31T10:00', '2027-13-01T10:00', '2027-03-06T24:00', 'tomorrow']) {
      expect(parseShanghaiLocal(bad)).toBeNull();
    }
  });

  it('names the month and year of an instant in Beijing time, not UTC', () => {
    const newYearsEve = shanghaiInstant(2026, 12, 31, 23, 30);
    expect(shanghaiMonth(newYearsEve)).toBe('2026-12');
    expect(shanghaiMonth(shanghaiInstant(2027, 1, 1, 0, 30))).toBe('2027-01');
    const { start, end } = shanghaiYearRange(2027);
    expect(new Date(start).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(new Date(end).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });
});

describe('Beijing wall-clock text', () => {
  it('agrees with the time zone database before and after 1991, when China last observed daylight saving time', () => {
    const zoned = (t: number) => format(new TZDate(t, 'Asia/Shanghai'), "yyyy-MM-dd'T'HH:mm");
    const instants = [Date.UTC(1988, 5, 1, 3), Date.UTC(1991, 8, 14, 16), Date.UTC(1991, 8, 15), Date.UTC(2026, 11, 31, 15, 30), Date.UTC(2027, 0, 1, 0, 0)];
    for (let i = 0; i < 500; i++) instants.push(Date.UTC(1992, 0, 1) + Math.floor(((i * 7919) % 500) * 0.2 * 365 * 86_400_000 + i * 60_000));
    for (const t of instants) expect(toShanghaiLocal(t)).toBe(zoned(t));
    expect(shanghaiDateTime(Date.UTC(2026, 11, 31, 15, 30))).toBe('2026-12-31 23:30');
  });
});

describe('Beijing wall clock as a date cell', () => {
  it('carries the Beijing wall time in its UTC fields, across the daylight saving years too', () => {
    expect(shanghaiWallClock(Date.UTC(2026, 11, 31, 15, 30)).toISOString()).toBe('2026-12-31T23:30:00.000Z');
    // 1 June 1988 was in daylight saving time: UTC+9.
    expect(shanghaiWallClock(Date.UTC(1988, 5, 1, 3)).toISOString()).toBe('1988-06-01T12:00:00.000Z');
    for (const t of [Date.UTC(1991, 8, 14, 16), Date.UTC(2027, 0, 1, 0, 0, 59)]) {
      expect(shanghaiWallClock(t).toISOString().slice(0, 16)).toBe(toShanghaiLocal(t));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkInRefusal } from '@/lib/domain/attendance-rules';
import { shanghaiInstant, toShanghaiLocal } from '@/lib/domain/time';
import { beijingDay, eveningBefore, inOpeningHours, nextDemoStart, outOfTheNight } from './seed-time';

const local = (instant: number) => toShanghaiLocal(instant).replace('T', ' ');

describe('seed times', () => {
  it('finds the Beijing day of an instant, also across the UTC date line', () => {
    expect(local(beijingDay(Date.UTC(2027, 2, 5, 17, 30)))).toBe('2027-03-06 00:00');
    expect(local(beijingDay(Date.UTC(2027, 2, 5, 15, 59), -1))).toBe('2027-03-04 00:00');
  });

  it('moves an instant into the same day’s opening hours, the time depending on the day only', () => {
    const night = shanghaiInstant(2026, 11, 26, 2, 26);
    const evening = shanghaiInstant(2026, 11, 26, 23, 59);
    const moved = inOpeningHours(night);
    expect(local(moved).slice(0, 10)).toBe('2026-11-26');
    expect(moved).toBe(inOpeningHours(evening));
    const hours = Array.from({ length: 60 }, (_, i) => Number(local(inOpeningHours(night + i * 86_400_000)).slice(11, 13)));
    expect(Math.min(...hours)).toBeGreaterThanOrEqual(9);
    expect(Math.max(...hours)).toBeLessThanOrEqual(20);
    expect(new Set(hours).size).toBeGreaterThan(6);
  });

  it('moves night-time instants nine hours on and leaves daytime ones alone', () => {
    expect(local(outOfTheNight(shanghaiInstant(2026, 11, 26, 5, 30)))).toBe('2026-11-26 14:30');
    expect(local(outOfTheNight(shanghaiInstant(2026, 11, 26, 0, 0)))).toBe('2026-11-26 09:00');
    expect(local(outOfTheNight(shanghaiInstant(2026, 11, 26, 9, 0)))).toBe('2026-11-26 09:00');
    expect(local(outOfTheNight(shanghaiInstant(2026, 11, 26, 23, 15)))).toBe('2026-11-26 23:15');
  });

  it('moves night-time instants back into the evening before and leaves daytime ones alone', () => {
    expect(local(eveningBefore(shanghaiInstant(2026, 11, 26, 7, 0)))).toBe('2026-11-25 19:00');
    expect(local(eveningBefore(shanghaiInstant(2026, 11, 26, 0, 30)))).toBe('2026-11-25 12:30');
    expect(local(eveningBefore(shanghaiInstant(2026, 11, 26, 9, 0)))).toBe('2026-11-26 09:00');
  });

  it('starts the event of the day on the next half hour an hour or more away, at any hour', () => {
    const start = (hour: number, minute: number) => local(nextDemoStart(shanghaiInstant(2026, 11, 26, hour, minute)));
    expect(start(10, 0)).toBe('2026-11-26 11:00');
    expect(start(10, 1)).toBe('2026-11-26 11:30');
    expect(start(19, 45)).toBe('2026-11-26 21:00');
    expect(start(6, 52)).toBe('2026-11-26 08:00');
    expect(start(23, 30)).toBe('2026-11-27 00:30');
    expect(start(0, 10)).toBe('2026-11-26 01:30');
  });

  it('opens the doors of the event of the day by the time the seed runs, whatever its hour', () => {
    for (const [hour, minute] of [[6, 52], [23, 30], [0, 10], [14, 0]] as const) {
      const now = shanghaiInstant(2026, 11, 26, hour, minute);
      const event = { id: 1, status: 'published' as const, startsAt: nextDemoStart(now) };
      expect(checkInRefusal({ eventId: 1, status: 'confirmed', checkedInAt: null }, event, now), `${hour}:${minute}`).toBeNull();
    }
  });
});

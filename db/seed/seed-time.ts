import { DAY, HOUR, shanghaiInstant, toShanghaiLocal } from '@/lib/domain/time';

/** Beijing midnight of the day `offset` days from the instant's day. */
export function beijingDay(instant: number, offset = 0): number {
  const [y, m, d] = toShanghaiLocal(instant).slice(0, 10).split('-').map(Number) as [number, number, number];
  return shanghaiInstant(y, m, d) + offset * DAY;
}

/**
 * The instant's Beijing day at a time when halls are open (09:00-20:59), the minute drawn from the
 * day itself: a record seeded "n days ago" then reads as made in the daytime, not at the hour the
 * seed happened to run. No random number is drawn, so the rest of the dataset does not move.
 */
export function inOpeningHours(instant: number): number {
  const day = beijingDay(instant);
  return day + 9 * HOUR + ((Math.round(day / DAY) * 263) % (12 * 60)) * 60_000;
}

/** A night-time instant (00:00-08:59 in Beijing) moved nine hours on, into the same day's 09:00-17:59. */
export function outOfTheNight(instant: number): number {
  return Number(toShanghaiLocal(instant).slice(11, 13)) < 9 ? instant + 9 * HOUR : instant;
}

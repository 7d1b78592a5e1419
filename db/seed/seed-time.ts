import { DAY, HOUR, shanghaiInstant, toShanghaiLocal } from '@/lib/domain/time';

/** Beijing midnight of the day `offset` days from the instant's day. */
export function beijingDay(instant: number, offset = 0): number {
  const [y, m, d] = toShanghaiLocal(instant).slice(0, 10).split('-').map(Number) as [number, number, number];
  return shanghaiInstant(y, m, d) + offset * DAY;
}

const beijingHour = (instant: number) => Number(toShanghaiLocal(instant).slice(11, 13));

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
  return beijingHour(instant) < 9 ? instant + 9 * HOUR : instant;
}

/** A night-time instant moved twelve hours back, into the evening before: for what comes before a morning appointment. */
export function eveningBefore(instant: number): number {
  return beijingHour(instant) < 9 ? instant - 12 * HOUR : instant;
}

/**
 * When the seed's event of the day starts: on the next half hour at least an hour away, whatever
 * the hour of the seed. Check-in opens three hours before the start, so the demo operator finds its
 * doors open at any hour `npm start` seeds the data, even if that puts the event in the night.
 */
export function nextDemoStart(now: number): number {
  const halfHour = 30 * 60_000;
  return Math.ceil((now + HOUR) / halfHour) * halfHour;
}

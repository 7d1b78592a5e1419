import { describe, expect, it } from 'vitest';
import { upcomingFirst } from './event-order';
import { HOUR } from './time';

const NOW = Date.UTC(2026, 11, 7, 6, 0);
const event = (id: number, startsInHours: number, lastsHours = 2) => ({ id, startsAt: NOW + startsInHours * HOUR, endsAt: NOW + (startsInHours + lastsHours) * HOUR });

describe('upcomingFirst', () => {
  it('puts events not yet over first, soonest first, then past ones, most recent first', () => {
    const rows = [event(1, -48), event(2, 72), event(3, -1), event(4, 5), event(5, -300), event(6, 24)];
    expect(upcomingFirst(rows, NOW).map((r) => r.id)).toEqual([3, 4, 6, 2, 1, 5]);
  });

  it('counts an event as past from the moment it ends, and breaks ties by id', () => {
    const rows = [event(7, -2, 2), event(9, 1), event(8, 1)];
    expect(upcomingFirst(rows, NOW).map((r) => r.id)).toEqual([8, 9, 7]);
  });
});

import type { EventStatus } from './types';

/** What of an event a calendar entry shows (lib/server/calendar.ts): a change to any of these is a new revision. */
export interface CalendarFacts {
  titleZh: string;
  titleEn: string | null;
  descriptionZh: string;
  descriptionEn: string | null;
  venue: string;
  city: string | null;
  startsAt: number;
  endsAt: number;
  status: EventStatus;
}

const FIELDS = ['titleZh', 'titleEn', 'descriptionZh', 'descriptionEn', 'venue', 'city', 'startsAt', 'endsAt'] as const;

/**
 * The revision an event has after a change: one more when a calendar would show the change, the
 * same otherwise. Calendar clients replace their copy of an entry only when its SEQUENCE rises
 * (RFC 5545 3.8.7.4), and take a rise for news worth showing, so a new cover image, a seat taken
 * or the event completing (all shown as CONFIRMED) leave it as it is.
 */
export function nextRevision(before: CalendarFacts & { revision: number }, after: Partial<CalendarFacts>): number {
  const changed =
    FIELDS.some((f) => f in after && after[f] !== before[f]) ||
    (after.status !== undefined && (after.status === 'cancelled') !== (before.status === 'cancelled'));
  return changed ? before.revision + 1 : before.revision;
}

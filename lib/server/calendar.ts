import 'server-only';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { toPlainText } from '@/lib/domain/plain-text';
import type { ClubCode, EventStatus } from '@/lib/domain/types';
import { TIME_ZONE } from '@/lib/domain/types';

/** What an iCalendar entry carries of an event: public facts only, nothing about who registered. */
export interface CalendarEvent {
  id: number;
  titleZh: string;
  titleEn: string | null;
  descriptionZh: string;
  descriptionEn: string | null;
  venue: string;
  city: string | null;
  startsAt: number;
  endsAt: number;
  status: EventStatus;
  createdAt: number;
  updatedAt: number | null;
}

export interface CalendarOptions {
  /** X-WR-CALNAME: what the calendar app lists the subscription as. */
  name: string;
  /** Which language's description comes first; the summary stays Chinese for every subscriber. */
  locale: string;
  /** Origin of the app (no trailing slash) for links back to the event page; null leaves URL out. */
  baseUrl: string | null;
  /** How often subscribed clients should refetch a feed; omitted for one-off downloads. */
  refreshSeconds?: number;
}

/**
 * The app's public origin, when configured: PUBLIC_URL, or else NEXTAUTH_URL (which next-auth needs
 * in production anyway). Links that leave the app (calendar subscriptions) are built from it.
 */
export function appBaseUrl(): string | null {
  const url = (process.env.PUBLIC_URL?.trim() || process.env.NEXTAUTH_URL)?.trim();
  return url ? url.replace(/\/+$/, '') : null;
}

/** The path of a club's public feed in a province. */
export function calendarFeedPath(provinceCode: string, clubCode: ClubCode): string {
  return `/calendar/${provinceCode}/${clubCode}.ics`;
}

/** The UID a calendar client keys an event by: it must never change, or clients show duplicates. */
export function eventUid(eventId: number): string {
  return `event-${eventId}@club-hub`;
}

/**
 * A revision number that only grows: seconds between creation and the last change. Clients replace
 * their copy only when SEQUENCE goes up, so a counter derived from the stored timestamps suffices.
 */
function sequenceOf(event: CalendarEvent): number {
  return event.updatedAt === null ? 0 : Math.max(0, Math.floor((event.updatedAt - event.createdAt) / 1000));
}

/**
 * An RFC 5545 TEXT value (3.3.11): backslash, semicolon, comma and line breaks escaped. For the
 * calendar's NAME and X-WR-CALNAME, which ical-generator writes as given (it escapes the
 * properties of events itself).
 */
function escapeText(value: string): string {
  return toPlainText(value).replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
}

function descriptionOf(event: CalendarEvent, locale: string, url: string | null): string {
  const chinese = [event.descriptionZh];
  const english = [event.titleEn, event.descriptionEn];
  const parts = locale === 'en' ? [...english, ...chinese] : [...chinese, ...english];
  const text = parts.filter((p): p is string => Boolean(p?.trim())).join('\n\n');
  return url ? (text ? `${text}\n\n${url}` : url) : text;
}

/** An RFC 5545 calendar of events, in UTC, as the text of an .ics file. Drafts are never included. */
export function buildEventsCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const calendar = ical({
    name: escapeText(options.name),
    prodId: { company: 'Club Hub', product: 'Events', language: options.locale === 'en' ? 'EN' : 'ZH' },
    method: ICalCalendarMethod.PUBLISH,
    // Times are written in UTC; this only tells clients such as Google Calendar how to display them.
    x: { 'X-WR-TIMEZONE': TIME_ZONE },
    ...(options.refreshSeconds ? { ttl: options.refreshSeconds } : {}),
  });
  for (const event of events) {
    if (event.status === 'draft') continue;
    const url = options.baseUrl ? `${options.baseUrl}/events/${event.id}` : null;
    const changedAt = new Date(event.updatedAt ?? event.createdAt);
    calendar.createEvent({
      id: eventUid(event.id),
      sequence: sequenceOf(event),
      // Stable across fetches: a DTSTAMP of "now" would make every refresh look like a change.
      stamp: changedAt,
      created: new Date(event.createdAt),
      lastModified: changedAt,
      start: new Date(event.startsAt),
      end: new Date(event.endsAt),
      // Validation refuses control characters now; text stored before it may still carry them.
      summary: toPlainText(event.titleZh),
      location: toPlainText([event.venue, event.city].filter(Boolean).join(', ')),
      description: toPlainText(descriptionOf(event, options.locale, url)),
      url,
      status: event.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

import 'server-only';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarFacts } from '@/lib/domain/calendar-revision';
import { toPlainText } from '@/lib/domain/plain-text';
import type { ClubCode } from '@/lib/domain/types';
import { TIME_ZONE } from '@/lib/domain/types';
import { conditionalResponse, weakEtag } from './http-cache';

/** What an iCalendar entry carries of an event: public facts only, nothing about who registered. */
export interface CalendarEvent extends CalendarFacts {
  id: number;
  createdAt: number;
  updatedAt: number | null;
  /** Rises with each change a calendar shows (lib/domain/calendar-revision.ts). */
  revision: number;
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
  /** The moment the calendar is generated (DTSTAMP); now by default. */
  now?: number;
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
 * When an event was created and last changed, as a calendar may state them: LAST-MODIFIED never
 * before CREATED, and neither after the moment of writing (a clock set ahead on another server
 * must not make an entry claim a future change).
 */
export function eventTimes(event: Pick<CalendarEvent, 'createdAt' | 'updatedAt'>, now: number): { created: number; lastModified: number } {
  const created = Math.min(event.createdAt, now);
  return { created, lastModified: Math.min(Math.max(event.updatedAt ?? created, created), now) };
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

/**
 * An RFC 5545 calendar of events, in UTC, as the text of an .ics file. Drafts are never included.
 * ical-generator folds lines at 75 octets without splitting a character, but ends the last line
 * without the CRLF that RFC 5545 (3.1) puts after every line, which strict parsers want.
 */
export function buildEventsCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const now = options.now ?? Date.now();
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
    const { created, lastModified } = eventTimes(event, now);
    calendar.createEvent({
      id: eventUid(event.id),
      sequence: event.revision,
      // With METHOD:PUBLISH, DTSTAMP is when this calendar object was written (RFC 5545 3.8.7.2);
      // clients tell a change by SEQUENCE and LAST-MODIFIED, not by it.
      stamp: new Date(now),
      created: new Date(created),
      lastModified: new Date(lastModified),
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
  return `${calendar.toString()}\r\n`;
}

/**
 * A feed or .ics download with its validators, 304 when the client's copy is current. The ETag
 * is made of what the calendar is made of (so it does not follow DTSTAMP), Last-Modified is the
 * latest change of an event in it, or `changedAt` when something else decides what is in it (a
 * member's registrations); an event changed since without a later time is caught by the ETag.
 */
export function calendarResponse(
  request: Request,
  events: readonly CalendarEvent[],
  options: Omit<CalendarOptions, 'now'>,
  headers: { disposition: string; cacheControl: string },
  changedAt: number | null = null,
): Response {
  const now = Date.now();
  const shown = events.filter((e) => e.status !== 'draft');
  // A time after now (a clock ahead where it was written) is left out rather than cut to now:
  // cut, it would follow the clock and make every If-Modified-Since look out of date.
  const changes = [changedAt ?? 0, ...shown.map((e) => Math.max(e.createdAt, e.updatedAt ?? 0))].filter((at) => at <= now);
  const lastModified = Math.max(0, ...changes);
  return conditionalResponse(request, { etag: weakEtag([shown, options]), lastModified }, () => buildEventsCalendar(shown, { ...options, now }), {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': headers.disposition,
    'cache-control': headers.cacheControl,
  });
}

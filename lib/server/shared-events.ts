import 'server-only';
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { events } from '@/db/schema';
import { notFound } from '@/lib/domain/errors';
import { sharedRegistrationState, type SharedEvent } from '@/lib/domain/shared-event';
import { memberColumns } from './events';

/**
 * An event as its shared link shows it to anyone, signed in or not (a link in an SMS, forwarded to
 * a friend): published at some point, so never a draft, whatever its province. Only the columns of
 * the poster are read, so no registration, creator or audit fact can leak into the page.
 */
export async function getSharedEvent(eventId: number, now = Date.now()): Promise<SharedEvent> {
  const [event] = await getReader()
    .select({ ...memberColumns, seatsTaken: events.seatsTaken })
    .from(events)
    .where(and(eq(events.id, eventId), ne(events.status, 'draft'), isNotNull(events.publishedAt)));
  if (!event) throw notFound();
  const { seatsTaken, ...poster } = event;
  const seatsLeft = Math.max(0, poster.capacity - seatsTaken);
  return { ...poster, seatsLeft, registrationState: sharedRegistrationState({ ...poster, seatsLeft }, now) };
}

import 'server-only';
import { inArray, type SQL } from 'drizzle-orm';
import { events } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';

/**
 * The club scope of a list of events as a condition of its query (seesEvent for one event): an
 * operator limited to some clubs reads only theirs; no condition for anyone else. Joined lists
 * (registrations, callbacks) use it on their events, so a scope rule cannot be forgotten between
 * the fetch and a check.
 */
export function eventsInClubScope(actor: Actor): SQL | undefined {
  return actor.kind === 'staff' && actor.clubCodes ? inArray(events.clubCode, actor.clubCodes) : undefined;
}

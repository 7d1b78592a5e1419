import type { ClubCode, RegistrationStatus } from './types';

/** How long a newly published event is marked new on the member's clubs page. */
export const NEW_EVENT_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/** How many of a club's coming events its card lists; the rest are a tap away on the events page. */
export const EVENTS_PER_CLUB = 2;

export interface HomeEvent {
  id: number;
  clubCode: ClubCode;
  startsAt: number;
  publishedAt: number | null;
}

export interface HomeTicket {
  eventId: number;
  clubCode: ClubCode;
  startsAt: number;
  endsAt: number;
  status: RegistrationStatus;
}

/** Published in the last NEW_EVENT_DAYS days (and not in the future, which a clock skew could give). */
export function isNewEvent(publishedAt: number | null, now: number): boolean {
  return publishedAt !== null && publishedAt <= now && now - publishedAt < NEW_EVENT_DAYS * DAY_MS;
}

/** A ticket the member still holds for an event not over yet: confirmed, or waiting for a seat. */
export function isLiveTicket(ticket: HomeTicket, now: number): boolean {
  return (ticket.status === 'confirmed' || ticket.status === 'waitlisted') && ticket.endsAt >= now;
}

/** The member's live tickets, soonest first. */
export function liveTickets<T extends HomeTicket>(tickets: readonly T[], now: number): T[] {
  return tickets.filter((t) => isLiveTicket(t, now)).sort((a, b) => a.startsAt - b.startsAt || a.eventId - b.eventId);
}

export interface ClubHighlights<E, T> {
  /** The soonest events the member has no ticket for yet (their tickets are listed apart). */
  next: E[];
  /** Events of the club published in the last NEW_EVENT_DAYS days and still to come. */
  newCount: number;
  /** The member's live tickets in this club, soonest first. */
  tickets: T[];
}

/**
 * What a member cares about in one club: what comes next, what is new, and their own tickets.
 * `events` are the club's coming events the member may see, in any order.
 */
export function clubHighlights<E extends HomeEvent, T extends HomeTicket>(club: ClubCode, events: readonly E[], tickets: readonly T[], now: number): ClubHighlights<E, T> {
  const mine = liveTickets(
    tickets.filter((t) => t.clubCode === club),
    now,
  );
  const held = new Set(mine.map((t) => t.eventId));
  const coming = events.filter((e) => e.clubCode === club).sort((a, b) => a.startsAt - b.startsAt || a.id - b.id);
  return {
    next: coming.filter((e) => !held.has(e.id)).slice(0, EVENTS_PER_CLUB),
    newCount: coming.filter((e) => isNewEvent(e.publishedAt, now)).length,
    tickets: mine,
  };
}

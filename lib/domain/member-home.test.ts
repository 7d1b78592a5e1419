import { describe, expect, it } from 'vitest';
import { clubHighlights, isNewEvent, liveTickets, NEW_EVENT_DAYS, type HomeEvent, type HomeTicket } from './member-home';

const NOW = Date.UTC(2026, 11, 7, 6);
const DAY = 24 * 60 * 60 * 1000;

const event = (id: number, startsInDays: number, publishedDaysAgo: number | null, clubCode: HomeEvent['clubCode'] = 'music'): HomeEvent => ({
  id,
  clubCode,
  startsAt: NOW + startsInDays * DAY,
  publishedAt: publishedDaysAgo === null ? null : NOW - publishedDaysAgo * DAY,
});
const ticket = (eventId: number, startsInDays: number, status: HomeTicket['status'], clubCode: HomeTicket['clubCode'] = 'music'): HomeTicket => ({
  eventId,
  clubCode,
  startsAt: NOW + startsInDays * DAY,
  endsAt: NOW + startsInDays * DAY + 2 * 60 * 60 * 1000,
  status,
});

describe('what is new', () => {
  it('is an event published in the last 14 days, not one published earlier or not yet', () => {
    expect(isNewEvent(NOW - DAY, NOW)).toBe(true);
    expect(isNewEvent(NOW - NEW_EVENT_DAYS * DAY + 1, NOW)).toBe(true);
    expect(isNewEvent(NOW - NEW_EVENT_DAYS * DAY, NOW)).toBe(false);
    expect(isNewEvent(NOW + DAY, NOW)).toBe(false);
    expect(isNewEvent(null, NOW)).toBe(false);
  });
});

describe('the member\'s tickets', () => {
  it('are the confirmed and waiting ones of events not over yet, soonest first', () => {
    const tickets = [ticket(1, 9, 'confirmed'), ticket(2, 3, 'waitlisted'), ticket(3, 1, 'cancelled'), ticket(4, -3, 'attended'), ticket(5, -3, 'confirmed')];
    expect(liveTickets(tickets, NOW).map((t) => t.eventId)).toEqual([2, 1]);
  });

  it('include an event under way until it ends', () => {
    const underWay = { ...ticket(6, 0, 'confirmed'), startsAt: NOW - 60_000 };
    expect(liveTickets([underWay], NOW)).toEqual([underWay]);
  });
});

describe('a club\'s highlights', () => {
  it('list the two soonest events of the club the member holds no ticket for, and count the new ones', () => {
    const events = [event(1, 20, 30), event(2, 5, 2), event(3, 2, 1), event(4, 8, 40), event(5, 1, 3, 'film')];
    const tickets = [ticket(3, 2, 'confirmed'), ticket(5, 1, 'waitlisted', 'film')];
    const music = clubHighlights('music', events, tickets, NOW);
    expect(music.next.map((e) => e.id)).toEqual([2, 4]);
    expect(music.newCount).toBe(2);
    expect(music.tickets.map((t) => t.eventId)).toEqual([3]);
    const film = clubHighlights('film', events, tickets, NOW);
    expect(film.next).toEqual([]);
    expect(film.tickets.map((t) => t.eventId)).toEqual([5]);
  });

  it('are empty for a club with nothing coming, whatever the date (no yearly count that reads 0 in December)', () => {
    expect(clubHighlights('gaming', [event(1, 3, 1)], [], NOW)).toEqual({ next: [], newCount: 0, tickets: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { checkInRefusal, closeRefusal, correctionRefusal, feedbackRefusal, undoCheckInRefusal, CHECKIN_OPENS_BEFORE_MS, FEEDBACK_EDITABLE_MS } from './attendance-rules';
import { HOUR } from './time';
import type { EventStatus } from './types';

const startsAt = Date.UTC(2027, 2, 6, 6);
const event: { id: number; status: EventStatus; startsAt: number; endsAt: number } = { id: 10, status: 'published', startsAt, endsAt: startsAt + 2 * HOUR };
const ticket = { eventId: 10, status: 'confirmed' as const, checkedInAt: null };
const code = (r: Partial<Parameters<typeof checkInRefusal>[0]>, e: Partial<typeof event> = {}, now = startsAt) => checkInRefusal({ ...ticket, ...r }, { ...event, ...e }, now)?.code ?? null;

describe('checking in', () => {
  it('admits a confirmed ticket of this event from three hours before the start', () => {
    expect(code({})).toBeNull();
    expect(code({}, {}, startsAt - CHECKIN_OPENS_BEFORE_MS)).toBeNull();
    expect(code({}, {}, startsAt - CHECKIN_OPENS_BEFORE_MS - 1)).toBe('checkin_not_open');
  });

  it('gives every refusal its own answer', () => {
    expect(code({ eventId: 11 })).toBe('wrong_event');
    expect(code({ status: 'cancelled' })).toBe('ticket_cancelled');
    expect(code({ status: 'waitlisted' })).toBe('ticket_waitlisted');
    expect(code({}, { status: 'completed' })).toBe('checkin_closed');
    expect(code({}, { status: 'cancelled' })).toBe('checkin_closed');
  });

  it('answers a ticket already used with when it was used, which makes check-in idempotent', () => {
    expect(checkInRefusal({ ...ticket, status: 'attended', checkedInAt: startsAt - 60_000 }, event, startsAt)).toEqual({ code: 'already_checked_in', params: { checkedInAt: startsAt - 60_000 } });
  });

  it('undoes a check-in only while the event is open', () => {
    expect(undoCheckInRefusal({ status: 'attended' }, { status: 'published' })).toBeNull();
    expect(undoCheckInRefusal({ status: 'confirmed' }, { status: 'published' })?.code).toBe('not_checked_in');
    expect(undoCheckInRefusal({ status: 'attended' }, { status: 'completed' })?.code).toBe('checkin_closed');
  });
});

describe('closing and correcting', () => {
  it('closes a published event once it has ended', () => {
    expect(closeRefusal(event, event.endsAt)).toBeNull();
    expect(closeRefusal(event, event.endsAt - 1)?.code).toBe('event_not_ended');
    expect(closeRefusal({ ...event, status: 'completed' }, event.endsAt)?.code).toBe('already_closed');
    expect(closeRefusal({ ...event, status: 'draft' }, event.endsAt)?.code).toBe('not_published');
  });

  it('corrects a completed event\'s attendance either way, and nothing else', () => {
    expect(correctionRefusal({ status: 'no_show' }, { status: 'completed' }, true)).toBeNull();
    expect(correctionRefusal({ status: 'attended' }, { status: 'completed' }, false)).toBeNull();
    expect(correctionRefusal({ status: 'attended' }, { status: 'completed' }, true)?.code).toBe('nothing_to_correct');
    expect(correctionRefusal({ status: 'cancelled' }, { status: 'completed' }, true)?.code).toBe('not_correctable');
    expect(correctionRefusal({ status: 'no_show' }, { status: 'published' }, true)?.code).toBe('event_not_closed');
  });
});

describe('feedback', () => {
  it('is for attendees, once, editable for seven days', () => {
    expect(feedbackRefusal({ status: 'attended' }, null, 0)).toBeNull();
    expect(feedbackRefusal({ status: 'no_show' }, null, 0)?.code).toBe('feedback_needs_attendance');
    expect(feedbackRefusal({ status: 'attended' }, { createdAt: 0 }, FEEDBACK_EDITABLE_MS)).toBeNull();
    expect(feedbackRefusal({ status: 'attended' }, { createdAt: 0 }, FEEDBACK_EDITABLE_MS + 1)?.code).toBe('feedback_locked');
  });
});

import type { Refusal } from './registration-rules';
import type { EventStatus, RegistrationStatus } from './types';
import { DAY, HOUR } from './time';

/** Doors open three hours before an event starts. */
export const CHECKIN_OPENS_BEFORE_MS = 3 * HOUR;
/** Feedback may be changed for a week after it was first given. */
export const FEEDBACK_EDITABLE_MS = 7 * DAY;

interface CheckinRegistration {
  eventId: number;
  status: RegistrationStatus;
  checkedInAt: number | null;
}

interface CheckinEvent {
  id: number;
  status: EventStatus;
  startsAt: number;
}

/**
 * Whether a ticket may be checked in at this event now. A ticket already used is its own answer
 * (with when it was used), so that checking in twice changes nothing.
 */
export function checkInRefusal(reg: CheckinRegistration, event: CheckinEvent, now: number): Refusal | null {
  if (reg.eventId !== event.id) return { code: 'wrong_event' };
  if (event.status !== 'published') return { code: 'checkin_closed' };
  if (now < event.startsAt - CHECKIN_OPENS_BEFORE_MS) return { code: 'checkin_not_open', params: { opensAt: event.startsAt - CHECKIN_OPENS_BEFORE_MS } };
  if (reg.status === 'attended') return { code: 'already_checked_in', params: { checkedInAt: reg.checkedInAt ?? 0 } };
  if (reg.status === 'cancelled') return { code: 'ticket_cancelled' };
  if (reg.status === 'waitlisted') return { code: 'ticket_waitlisted' };
  if (reg.status !== 'confirmed') return { code: 'checkin_closed' };
  return null;
}

/** A mistaken check-in can be undone while the event is open; after closing, attendance is corrected instead. */
export function undoCheckInRefusal(reg: { status: RegistrationStatus }, event: { status: EventStatus }): Refusal | null {
  if (event.status !== 'published') return { code: 'checkin_closed' };
  if (reg.status !== 'attended') return { code: 'not_checked_in' };
  return null;
}

/** An event is closed once it has ended: the confirmed who did not come become no-shows. */
export function closeRefusal(event: { status: EventStatus; endsAt: number }, now: number): Refusal | null {
  if (event.status !== 'published') return { code: event.status === 'completed' ? 'already_closed' : 'not_published' };
  if (now < event.endsAt) return { code: 'event_not_ended', params: { endsAt: event.endsAt } };
  return null;
}

/** A completed event's attendance can be corrected either way, with an audit trail. */
export function correctionRefusal(reg: { status: RegistrationStatus }, event: { status: EventStatus }, attended: boolean): Refusal | null {
  if (event.status !== 'completed') return { code: 'event_not_closed' };
  if (reg.status !== 'attended' && reg.status !== 'no_show') return { code: 'not_correctable' };
  if ((reg.status === 'attended') === attended) return { code: 'nothing_to_correct' };
  return null;
}

/** One feedback per attendance, by the member who attended, editable for a week. */
export function feedbackRefusal(reg: { status: RegistrationStatus }, existing: { createdAt: number } | null, now: number): Refusal | null {
  if (reg.status !== 'attended') return { code: 'feedback_needs_attendance' };
  if (existing && now - existing.createdAt > FEEDBACK_EDITABLE_MS) return { code: 'feedback_locked' };
  return null;
}

import { EVENT_KINDS_BY_CLUB, type ClubCode, type EventKind, type EventStatus, type PriceType, type Segment } from './types';

/** What an operator schedules; instants are UTC milliseconds. */
export interface EventDraft {
  clubCode: ClubCode;
  kind: EventKind;
  startsAt: number;
  endsAt: number;
  capacity: number;
  regOpensAt: number;
  regClosesAt: number;
  vipOpensAt: number | null;
  priceType: PriceType;
  priceFen: number;
  pricePoints: number;
  eligibleSegments: readonly Segment[];
}

export interface Violation {
  field: keyof EventDraft | 'status';
  code: string;
}

/**
 * Every rule an event breaks, empty when it may be saved. `existing` is the stored event when
 * editing: a completed or cancelled event is locked, and capacity may not drop below the seats
 * already taken.
 */
export function eventViolations(draft: EventDraft, existing?: { status: EventStatus; seatsTaken: number }): Violation[] {
  const v: Violation[] = [];
  if (existing && (existing.status === 'completed' || existing.status === 'cancelled')) {
    return [{ field: 'status', code: 'event_locked' }];
  }
  if (!EVENT_KINDS_BY_CLUB[draft.clubCode].includes(draft.kind)) v.push({ field: 'kind', code: 'kind_not_in_club' });
  if (!(draft.endsAt > draft.startsAt)) v.push({ field: 'endsAt', code: 'end_before_start' });
  if (!(draft.regClosesAt <= draft.startsAt)) v.push({ field: 'regClosesAt', code: 'registration_closes_after_start' });
  if (!(draft.regOpensAt < draft.regClosesAt)) v.push({ field: 'regOpensAt', code: 'registration_opens_after_close' });
  if (draft.vipOpensAt !== null && !(draft.vipOpensAt < draft.regOpensAt)) v.push({ field: 'vipOpensAt', code: 'vip_window_after_general' });
  if (!Number.isInteger(draft.capacity) || draft.capacity < 1) v.push({ field: 'capacity', code: 'capacity_too_small' });
  else if (existing && draft.capacity < existing.seatsTaken) v.push({ field: 'capacity', code: 'capacity_below_confirmed' });
  if (draft.priceType === 'free' && (draft.priceFen !== 0 || draft.pricePoints !== 0)) v.push({ field: 'priceType', code: 'price_on_free_event' });
  if (draft.priceType === 'fee' && (!Number.isInteger(draft.priceFen) || draft.priceFen < 1 || draft.pricePoints !== 0)) v.push({ field: 'priceFen', code: 'price_required' });
  if (draft.priceType === 'points' && (!Number.isInteger(draft.pricePoints) || draft.pricePoints < 1 || draft.priceFen !== 0)) v.push({ field: 'pricePoints', code: 'price_required' });
  if (draft.eligibleSegments.length === 0) v.push({ field: 'eligibleSegments', code: 'segments_required' });
  return v;
}

/** Draft -> published -> completed, or cancelled from draft or published. */
export function transitionRefusal(from: EventStatus, to: 'published' | 'cancelled' | 'completed'): string | null {
  if (to === 'published') return from === 'draft' ? null : 'not_a_draft';
  if (to === 'cancelled') return from === 'draft' || from === 'published' ? null : 'event_locked';
  return from === 'published' ? null : 'not_published';
}

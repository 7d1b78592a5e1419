import { describe, expect, it } from 'vitest';
import { eventViolations, transitionRefusal, type EventDraft } from './event-rules';
import { DAY, HOUR } from './time';

const start = Date.UTC(2027, 2, 6, 6);
const ok: EventDraft = {
  clubCode: 'film',
  kind: 'film_premiere',
  startsAt: start,
  endsAt: start + 2 * HOUR,
  capacity: 200,
  regOpensAt: start - 21 * DAY,
  regClosesAt: start - DAY,
  vipOpensAt: start - 23 * DAY,
  priceType: 'points',
  priceFen: 0,
  pricePoints: 500,
  eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
};
const codes = (draft: Partial<EventDraft>, existing?: Parameters<typeof eventViolations>[1]) => eventViolations({ ...ok, ...draft }, existing).map((v) => v.code);

describe('eventViolations', () => {
  it('accepts a well-formed event', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ priceType: 'free', pricePoints: 0 })).toEqual([]);
    expect(codes({ priceType: 'fee', pricePoints: 0, priceFen: 2500, vipOpensAt: null })).toEqual([]);
  });

  it('needs the end after the start', () => {
    expect(codes({ endsAt: start })).toEqual(['end_before_start']);
    expect(codes({ endsAt: start - HOUR })).toEqual(['end_before_start']);
  });

  it('needs registration to close before the start, and to open before it closes', () => {
    expect(codes({ regClosesAt: start + 1 })).toEqual(['registration_closes_after_start']);
    expect(codes({ regClosesAt: start })).toEqual([]);
    expect(codes({ regOpensAt: start - DAY, vipOpensAt: null })).toEqual(['registration_opens_after_close']);
  });

  it('needs the VIP priority window before general opening', () => {
    expect(codes({ vipOpensAt: ok.regOpensAt })).toEqual(['vip_window_after_general']);
    expect(codes({ vipOpensAt: ok.regOpensAt + HOUR })).toEqual(['vip_window_after_general']);
  });

  it('needs a capacity of at least one', () => {
    expect(codes({ capacity: 0 })).toEqual(['capacity_too_small']);
    expect(codes({ capacity: 1.5 })).toEqual(['capacity_too_small']);
  });

  it('allows no price on a free event and needs one on a paid event', () => {
    expect(codes({ priceType: 'free' })).toEqual(['price_on_free_event']);
    expect(codes({ priceType: 'fee', pricePoints: 0, priceFen: 0 })).toEqual(['price_required']);
    expect(codes({ priceType: 'points', pricePoints: 0 })).toEqual(['price_required']);
  });

  it('needs the kind to belong to the club and at least one segment', () => {
    expect(codes({ kind: 'gaming_tournament' })).toEqual(['kind_not_in_club']);
    expect(codes({ eligibleSegments: [] })).toEqual(['segments_required']);
  });

  it('refuses capacity below the seats already taken when editing', () => {
    expect(codes({ capacity: 99 }, { status: 'published', seatsTaken: 100 })).toEqual(['capacity_below_confirmed']);
    expect(codes({ capacity: 100 }, { status: 'published', seatsTaken: 100 })).toEqual([]);
  });

  it('locks completed and cancelled events against any edit', () => {
    expect(codes({}, { status: 'completed', seatsTaken: 0 })).toEqual(['event_locked']);
    expect(codes({}, { status: 'cancelled', seatsTaken: 0 })).toEqual(['event_locked']);
  });

  it('reports every broken rule at once', () => {
    expect(codes({ endsAt: start - 1, capacity: 0, priceType: 'free' })).toEqual(['end_before_start', 'capacity_too_small', 'price_on_free_event']);
  });
});

describe('transitionRefusal', () => {
  it('publishes drafts only, cancels drafts and published events, completes published ones', () => {
    expect(transitionRefusal('draft', 'published')).toBeNull();
    expect(transitionRefusal('published', 'published')).toBe('not_a_draft');
    expect(transitionRefusal('draft', 'cancelled')).toBeNull();
    expect(transitionRefusal('published', 'cancelled')).toBeNull();
    expect(transitionRefusal('completed', 'cancelled')).toBe('event_locked');
    expect(transitionRefusal('cancelled', 'cancelled')).toBe('event_locked');
    expect(transitionRefusal('published', 'completed')).toBeNull();
    expect(transitionRefusal('draft', 'completed')).toBe('not_published');
  });
});

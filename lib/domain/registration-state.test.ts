import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from './time';
import { memberRegistrationState, nextStateChangeAt, type StateEvent } from './registration-state';
import { registrationRefusal } from './registration-rules';
import { HQ_SETTINGS } from './hq-settings';
import type { SegmentPoints } from './segment-policy';
import type { Segment } from './types';

const NOW = Date.UTC(2027, 0, 10, 2);
const event = (over: Partial<StateEvent> = {}): StateEvent => ({
  status: 'published',
  eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
  regOpensAt: NOW - DAY,
  regClosesAt: NOW + 5 * DAY,
  vipOpensAt: null,
  priceType: 'free',
  pricePoints: 0,
  seatsLeft: 10,
  ...over,
});
const state = (e: StateEvent, segment: Segment = 'postpaid', extra: { isClubMember?: boolean; registration?: { status: 'confirmed' | 'waitlisted' | 'cancelled' | 'attended' | 'no_show'; position: number | null } | null; segmentPoints?: SegmentPoints; now?: number } = {}) =>
  memberRegistrationState({ event: e, segment, isClubMember: extra.isClubMember ?? true, registration: extra.registration ?? null, segmentPoints: extra.segmentPoints ?? HQ_SETTINGS.segmentPoints.default, now: extra.now ?? NOW });

describe('a member registration state', () => {
  it('is open until registration closes, with the waiting list once full', () => {
    expect(state(event())).toEqual({ kind: 'open', closesAt: NOW + 5 * DAY, full: false, vipPriority: false });
    expect(state(event({ seatsLeft: 0 }))).toMatchObject({ kind: 'open', full: true });
    expect(nextStateChangeAt(state(event()))).toBe(NOW + 5 * DAY);
    expect(state(event(), 'postpaid', { now: NOW + 5 * DAY })).toEqual({ kind: 'closed' });
  });

  it('says when it opens: a VIP at their own opening, others at the general one while VIPs have priority', () => {
    const e = event({ regOpensAt: NOW + 2 * DAY, vipOpensAt: NOW + DAY });
    expect(state(e, 'postpaid')).toEqual({ kind: 'not_open', opensAt: NOW + 2 * DAY, vipOpensAt: NOW + DAY });
    expect(state(e, 'postpaid_vip')).toEqual({ kind: 'not_open', opensAt: NOW + DAY, vipOpensAt: null });
    const during = NOW + DAY + HOUR;
    expect(state(e, 'postpaid', { now: during })).toEqual({ kind: 'vip_only', opensAt: NOW + 2 * DAY });
    expect(state(e, 'postpaid_vip', { now: during })).toEqual({ kind: 'open', closesAt: NOW + 5 * DAY, full: false, vipPriority: true });
    expect(nextStateChangeAt(state(e, 'postpaid', { now: during }))).toBe(NOW + 2 * DAY);
    expect(state(event({ regOpensAt: NOW + DAY }), 'postpaid_vip')).toEqual({ kind: 'not_open', opensAt: NOW + DAY, vipOpensAt: null });
  });

  it('tells a member whose segment may not pay in points so before the tap, by the HQ setting (附表1)', () => {
    const inPoints = event({ priceType: 'points', pricePoints: 300 });
    // The plan's default: prepaid customers have no points rewards.
    expect(state(inPoints, 'prepaid')).toEqual({ kind: 'points_not_allowed' });
    expect(state(inPoints, 'postpaid')).toMatchObject({ kind: 'open' });
    expect(state(event({ priceType: 'fee' }), 'prepaid')).toMatchObject({ kind: 'open' });
    const prepaidMayPay = { ...HQ_SETTINGS.segmentPoints.default, prepaid: { earn: false, pay: true } };
    expect(state(inPoints, 'prepaid', { segmentPoints: prepaidMayPay })).toMatchObject({ kind: 'open' });
    const vipMayNot = { ...HQ_SETTINGS.segmentPoints.default, postpaid_vip: { earn: true, pay: false } };
    expect(state(inPoints, 'postpaid_vip', { segmentPoints: vipMayNot })).toEqual({ kind: 'points_not_allowed' });
    // A seat already held stays the member's, whatever the setting says now.
    expect(state(inPoints, 'prepaid', { registration: { status: 'confirmed', position: null } })).toMatchObject({ kind: 'registered' });
  });

  it('says what a member cannot have before the tap: another club, another segment, an event over', () => {
    expect(state(event(), 'postpaid', { isClubMember: false })).toEqual({ kind: 'not_member' });
    expect(state(event({ eligibleSegments: ['postpaid_vip'] }), 'prepaid')).toEqual({ kind: 'not_eligible', segments: ['postpaid_vip'] });
    for (const status of ['cancelled', 'completed'] as const) expect(state(event({ status }))).toEqual({ kind: 'ended' });
  });

  it('shows a registration held, cancellable until registration closes', () => {
    const held = { status: 'waitlisted' as const, position: 3 };
    expect(state(event(), 'postpaid', { registration: held })).toEqual({ kind: 'registered', status: 'waitlisted', position: 3, cancelUntil: NOW + 5 * DAY });
    expect(state(event(), 'postpaid', { registration: held, now: NOW + 6 * DAY })).toMatchObject({ kind: 'registered', cancelUntil: null });
    // A cancelled registration is no registration: the member may register again.
    expect(state(event(), 'postpaid', { registration: { status: 'cancelled', position: null } })).toMatchObject({ kind: 'open' });
  });

  it('offers registering exactly when the server would accept it (seats and money aside)', () => {
    const segments: Segment[] = ['prepaid', 'postpaid', 'postpaid_vip'];
    const events = [
      event(),
      event({ regOpensAt: NOW + DAY, vipOpensAt: NOW - HOUR }),
      event({ regOpensAt: NOW + DAY, vipOpensAt: NOW + HOUR }),
      event({ regOpensAt: NOW + DAY }),
      event({ regClosesAt: NOW }),
      event({ eligibleSegments: ['postpaid_vip'] }),
      event({ status: 'cancelled' }),
    ];
    for (const e of events) {
      for (const segment of segments) {
        for (const isClubMember of [true, false]) {
          const offered = state(e, segment, { isClubMember }).kind === 'open';
          const refusal = registrationRefusal({
            event: { ...e, provinceCode: '440000', priceType: 'free', priceFen: 0, pricePoints: 0 },
            customer: { status: 'active', segment, provinceCode: '440000' },
            isClubMember,
            hasLiveRegistration: false,
            now: NOW,
          });
          expect(offered, `${JSON.stringify(e)} ${segment} ${isClubMember}`).toBe(refusal === null);
        }
      }
    }
  });
});

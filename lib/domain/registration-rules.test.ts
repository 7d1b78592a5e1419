import { describe, expect, it } from 'vitest';
import { cancellationRefusal, paymentFor, paymentRefusal, registrationRefusal, waitlistRank, windowRefusal, type RegistrationCustomer, type RegistrationEvent } from './registration-rules';
import { DAY, HOUR } from './time';

const opens = Date.UTC(2027, 1, 10, 2);
const event: RegistrationEvent = {
  status: 'published',
  provinceCode: '440000',
  eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
  regOpensAt: opens,
  regClosesAt: opens + 20 * DAY,
  vipOpensAt: opens - 2 * DAY,
  priceType: 'points',
  priceFen: 0,
  pricePoints: 500,
};
const regular: RegistrationCustomer = { status: 'active', segment: 'postpaid', provinceCode: '440000' };
const base: Parameters<typeof registrationRefusal>[0] = { event, customer: regular, isClubMember: true, hasLiveRegistration: false, now: opens + HOUR };
const code = (overrides: Partial<typeof base>) => registrationRefusal({ ...base, ...overrides })?.code ?? null;

describe('registrationRefusal', () => {
  it('lets an eligible member register inside the window', () => {
    expect(code({})).toBeNull();
  });

  it('gives every refusal reason', () => {
    expect(code({ event: { ...event, status: 'draft' } })).toBe('event_not_open');
    expect(code({ event: { ...event, status: 'cancelled' } })).toBe('event_not_open');
    expect(code({ customer: { ...regular, status: 'suspended' } })).toBe('customer_not_active');
    expect(code({ customer: { ...regular, provinceCode: '110000' } })).toBe('wrong_province');
    expect(code({ isClubMember: false })).toBe('not_club_member');
    expect(code({ event: { ...event, eligibleSegments: ['postpaid_vip'] } })).toBe('segment_not_eligible');
    expect(code({ now: opens - 3 * DAY })).toBe('registration_not_open');
    expect(code({ now: opens - HOUR })).toBe('vip_window_only');
    expect(code({ now: event.regClosesAt })).toBe('registration_closed');
    expect(code({ hasLiveRegistration: true })).toBe('already_registered');
  });
});

describe('the VIP priority window', () => {
  it('opens for postpaid VIPs only, and tells others when general registration opens', () => {
    expect(windowRefusal(event, 'postpaid_vip', opens - HOUR)).toBeNull();
    expect(windowRefusal(event, 'postpaid', opens - HOUR)).toEqual({ code: 'vip_window_only', params: { opensAt: opens } });
    expect(windowRefusal(event, 'prepaid', opens - HOUR)).toEqual({ code: 'vip_window_only', params: { opensAt: opens } });
  });

  it('tells a VIP before the window when their window opens, and others when general registration opens', () => {
    expect(windowRefusal(event, 'postpaid_vip', opens - 3 * DAY)).toEqual({ code: 'registration_not_open', params: { opensAt: opens - 2 * DAY } });
    expect(windowRefusal(event, 'postpaid', opens - 3 * DAY)).toEqual({ code: 'registration_not_open', params: { opensAt: opens } });
  });

  it('is simply closed until general opening when an event has no VIP window', () => {
    expect(windowRefusal({ ...event, vipOpensAt: null }, 'postpaid_vip', opens - HOUR)).toEqual({ code: 'registration_not_open', params: { opensAt: opens } });
  });
});

describe('payment', () => {
  it('takes points, a prepaid balance, or a bill line by price and segment', () => {
    expect(paymentFor(event, 'postpaid')).toEqual({ kind: 'points', points: 500 });
    const fee = { ...event, priceType: 'fee' as const, priceFen: 2500, pricePoints: 0 };
    expect(paymentFor(fee, 'prepaid')).toEqual({ kind: 'prepaid', fen: 2500 });
    expect(paymentFor(fee, 'postpaid')).toEqual({ kind: 'bill', fen: 2500 });
    expect(paymentFor(fee, 'postpaid_vip')).toEqual({ kind: 'bill', fen: 2500 });
    expect(paymentFor({ ...event, priceType: 'free', pricePoints: 0 }, 'prepaid')).toEqual({ kind: 'none' });
  });

  it('refuses short balances and never a bill line', () => {
    expect(paymentRefusal({ kind: 'points', points: 500 }, { points: 499, prepaidFen: 0 })?.code).toBe('insufficient_points');
    expect(paymentRefusal({ kind: 'points', points: 500 }, { points: 500, prepaidFen: 0 })).toBeNull();
    expect(paymentRefusal({ kind: 'prepaid', fen: 2500 }, { points: 0, prepaidFen: 2499 })?.code).toBe('insufficient_balance');
    expect(paymentRefusal({ kind: 'bill', fen: 2500 }, { points: 0, prepaidFen: 0 })).toBeNull();
  });
});

describe('waitlistRank', () => {
  it('orders VIPs first, then by time', () => {
    const ranks = [
      ['late vip', waitlistRank('postpaid_vip', 5_000)],
      ['early regular', waitlistRank('postpaid', 1_000)],
      ['early vip', waitlistRank('postpaid_vip', 2_000)],
      ['later regular', waitlistRank('prepaid', 3_000)],
    ] as const;
    expect([...ranks].sort((a, b) => a[1] - b[1]).map((r) => r[0])).toEqual(['early vip', 'late vip', 'early regular', 'later regular']);
  });
});

describe('cancellationRefusal', () => {
  it('allows confirmed and waiting registrations until registration closes', () => {
    expect(cancellationRefusal({ status: 'confirmed' }, event, event.regClosesAt - 1)).toBeNull();
    expect(cancellationRefusal({ status: 'waitlisted' }, event, event.regClosesAt - 1)).toBeNull();
    expect(cancellationRefusal({ status: 'confirmed' }, event, event.regClosesAt)?.code).toBe('cancellation_closed');
    expect(cancellationRefusal({ status: 'cancelled' }, event, opens)?.code).toBe('not_cancellable');
    expect(cancellationRefusal({ status: 'attended' }, event, opens)?.code).toBe('not_cancellable');
    expect(cancellationRefusal({ status: 'confirmed' }, { ...event, status: 'completed' }, opens)?.code).toBe('not_cancellable');
  });
});

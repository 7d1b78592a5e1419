import { describe, expect, it } from 'vitest';
import { bookingRefusal, bookingTransitionRefusal, isTrialLate, lendRefusal, memberCancelRefusal, serviceAccessRefusal, takesUnit, trialApplyRefusal } from './service-rules';
import { HQ_SETTINGS } from './hq-settings';
import { DAY, HOUR } from './time';

const opens = Date.UTC(2027, 0, 10, 2);
type Input = Parameters<typeof bookingRefusal>[0];
const service: Input['service'] = { eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'], vipPriorityHours: 24, pricePoints: 200, active: true };
const slot = { startsAt: opens + 3 * DAY, opensAt: opens, capacity: 2, booked: 0 };
const regular: Input['customer'] = { status: 'active', segment: 'postpaid', points: 1000 };
const base: Input = { customer: regular, service, slot, access: null, hasLiveBooking: false, segmentPoints: HQ_SETTINGS.segmentPoints.default, now: opens + HOUR };
const code = (o: Partial<Input>) => bookingRefusal({ ...base, ...o })?.code ?? null;

describe('booking a service slot', () => {
  it('books an eligible member into an open slot with room', () => {
    expect(code({})).toBeNull();
  });

  it('gives every refusal its reason', () => {
    expect(code({ service: { ...service, active: false } })).toBe('service_unavailable');
    expect(code({ customer: { ...regular, status: 'suspended' } })).toBe('customer_not_active');
    expect(code({ access: { code: 'not_handset_member' } })).toBe('not_handset_member');
    expect(code({ service: { ...service, eligibleSegments: ['postpaid_vip'] } })).toBe('service_segment_not_eligible');
    expect(code({ now: slot.startsAt })).toBe('slot_passed');
    expect(code({ now: opens - 2 * DAY })).toBe('booking_not_open');
    expect(code({ hasLiveBooking: true })).toBe('already_booked');
    expect(code({ slot: { ...slot, booked: 2 } })).toBe('slot_full');
    expect(code({ customer: { ...regular, points: 199 } })).toBe('insufficient_points');
  });

  it('refuses a service charged in points to a segment that may not pay in points, before its balance (附表1)', () => {
    const prepaid = { ...regular, segment: 'prepaid' as const };
    expect(code({ customer: prepaid })).toBe('points_payment_not_allowed');
    expect(code({ customer: { ...prepaid, points: 0 } })).toBe('points_payment_not_allowed');
    expect(code({ customer: prepaid, service: { ...service, pricePoints: 0 } })).toBeNull();
    expect(code({ customer: prepaid, segmentPoints: { ...HQ_SETTINGS.segmentPoints.default, prepaid: { earn: false, pay: true } } })).toBeNull();
    expect(code({ segmentPoints: { ...HQ_SETTINGS.segmentPoints.default, postpaid: { earn: true, pay: false } } })).toBe('points_payment_not_allowed');
  });

  it('lets VIPs book during the priority window and tells others when booking opens', () => {
    const during = opens - 2 * HOUR;
    expect(code({ now: during, customer: { ...regular, segment: 'postpaid_vip' } })).toBeNull();
    expect(bookingRefusal({ ...base, now: during })).toEqual({ code: 'vip_window_only', params: { opensAt: opens } });
  });

  it('lets a member cancel before the slot only, and operators move bookings one step at a time', () => {
    expect(memberCancelRefusal({ status: 'confirmed' }, slot, slot.startsAt - 1)).toBeNull();
    expect(memberCancelRefusal({ status: 'confirmed' }, slot, slot.startsAt)?.code).toBe('booking_cancellation_closed');
    expect(memberCancelRefusal({ status: 'in_progress' }, slot, opens)?.code).toBe('booking_not_cancellable');
    expect(bookingTransitionRefusal('requested', 'confirmed')).toBeNull();
    expect(bookingTransitionRefusal('confirmed', 'in_progress')).toBeNull();
    expect(bookingTransitionRefusal('in_progress', 'done')).toBeNull();
    expect(bookingTransitionRefusal('requested', 'done')?.code).toBe('booking_transition_refused');
    expect(bookingTransitionRefusal('done', 'cancelled')?.code).toBe('booking_transition_refused');
  });
});

describe('who may use the handset services (HQ setting serviceAccess)', () => {
  const vip = { segment: 'postpaid_vip' as const, isHandsetMember: false };
  const outsider = { segment: 'postpaid' as const, isHandsetMember: false };
  const member = { segment: 'prepaid' as const, isHandsetMember: true };

  it('by default lets every VIP in whatever their clubs, and handset club members', () => {
    expect(serviceAccessRefusal('handset_members_and_vips', vip)).toBeNull();
    expect(serviceAccessRefusal('handset_members_and_vips', member)).toBeNull();
    expect(serviceAccessRefusal('handset_members_and_vips', outsider)).toEqual({ code: 'not_handset_member_or_vip' });
  });

  it('keeps the services to the club when HQ says so, and opens them to all when it says so', () => {
    expect(serviceAccessRefusal('handset_members', vip)).toEqual({ code: 'not_handset_member' });
    expect(serviceAccessRefusal('handset_members', member)).toBeNull();
    expect(serviceAccessRefusal('everyone', outsider)).toBeNull();
  });

  it('refuses a booking and a trial application with the access reason, after the customer status', () => {
    const refusal = serviceAccessRefusal('handset_members_and_vips', outsider);
    expect(code({ access: refusal })).toBe('not_handset_member_or_vip');
    expect(code({ access: refusal, customer: { ...regular, status: 'closed' } })).toBe('customer_not_active');
  });
});

describe('trials', () => {
  const programme = { vipOpensAt: opens - DAY, opensAt: opens, closesAt: opens + 7 * DAY };
  const vip: Parameters<typeof trialApplyRefusal>[1] = { status: 'active', segment: 'postpaid_vip' };
  const member: Parameters<typeof trialApplyRefusal>[1] = { status: 'active', segment: 'prepaid' };

  it('opens to VIPs first, then to everyone, until it closes', () => {
    expect(trialApplyRefusal(programme, vip, null, false, opens - HOUR)).toBeNull();
    expect(trialApplyRefusal(programme, member, null, false, opens - HOUR)).toEqual({ code: 'vip_window_only', params: { opensAt: opens } });
    expect(trialApplyRefusal(programme, vip, null, false, opens - 2 * DAY)?.code).toBe('trial_not_open');
    expect(trialApplyRefusal(programme, member, null, false, opens)).toBeNull();
    expect(trialApplyRefusal(programme, member, null, false, programme.closesAt)?.code).toBe('trial_closed');
    expect(trialApplyRefusal(programme, member, { code: 'not_handset_member_or_vip' }, false, opens)?.code).toBe('not_handset_member_or_vip');
    expect(trialApplyRefusal(programme, member, null, true, opens)?.code).toBe('already_applied');
  });

  it('flags units returned late or not returned by their due date', () => {
    const handed = { handedOverAt: opens, dueAt: opens + 7 * DAY, returnedAt: null };
    expect(isTrialLate(handed, opens + 6 * DAY)).toBe(false);
    expect(isTrialLate(handed, opens + 8 * DAY)).toBe(true);
    expect(isTrialLate({ ...handed, returnedAt: opens + 6 * DAY }, opens + 30 * DAY)).toBe(false);
    expect(isTrialLate({ ...handed, returnedAt: opens + 9 * DAY }, opens + 30 * DAY)).toBe(true);
    expect(isTrialLate({ handedOverAt: null, dueAt: null, returnedAt: null }, opens)).toBe(false);
  });

  it('counts a unit as taken once its applicant is selected, until the end, and never for the others', () => {
    expect(['selected', 'handed_over', 'returned'].map(takesUnit)).toEqual([true, true, true]);
    expect(['applied', 'declined', 'withdrawn'].map(takesUnit)).toEqual([false, false, false]);
  });
});

describe('loaner phones', () => {
  it('cannot be lent twice at once, nor once retired', () => {
    expect(lendRefusal({ status: 'available' }, false)).toBeNull();
    expect(lendRefusal({ status: 'lent' }, true)?.code).toBe('loaner_already_lent');
    expect(lendRefusal({ status: 'available' }, true)?.code).toBe('loaner_already_lent');
    expect(lendRefusal({ status: 'retired' }, false)?.code).toBe('loaner_retired');
  });
});

import type { CustomerStatus, EventStatus, PriceType, RegistrationStatus, Segment } from './types';

export interface RegistrationEvent {
  status: EventStatus;
  provinceCode: string;
  eligibleSegments: readonly Segment[];
  regOpensAt: number;
  regClosesAt: number;
  vipOpensAt: number | null;
  priceType: PriceType;
  priceFen: number;
  pricePoints: number;
}

export interface RegistrationCustomer {
  status: CustomerStatus;
  segment: Segment;
  provinceCode: string;
}

export interface Refusal {
  code: string;
  params?: Record<string, string | number>;
}

/**
 * Whether registration is open for this customer now. Before general opening only postpaid VIPs
 * may register, and only inside the VIP priority window.
 */
export function windowRefusal(event: Pick<RegistrationEvent, 'regOpensAt' | 'regClosesAt' | 'vipOpensAt'>, segment: Segment, now: number): Refusal | null {
  if (now >= event.regClosesAt) return { code: 'registration_closed' };
  if (now >= event.regOpensAt) return null;
  const vipOpen = event.vipOpensAt !== null && now >= event.vipOpensAt;
  if (vipOpen && segment === 'postpaid_vip') return null;
  if (vipOpen) return { code: 'vip_window_only', params: { opensAt: event.regOpensAt } };
  const opensAt = segment === 'postpaid_vip' && event.vipOpensAt !== null ? event.vipOpensAt : event.regOpensAt;
  return { code: 'registration_not_open', params: { opensAt } };
}

/**
 * Everything but seats and money, in the order a member would want to hear it: the event, the
 * customer, the club, the segment, the window, a registration already held.
 */
export function registrationRefusal(input: {
  event: RegistrationEvent;
  customer: RegistrationCustomer;
  isClubMember: boolean;
  hasLiveRegistration: boolean;
  now: number;
}): Refusal | null {
  const { event, customer } = input;
  if (event.status !== 'published') return { code: 'event_not_open' };
  if (customer.status !== 'active') return { code: 'customer_not_active' };
  if (customer.provinceCode !== event.provinceCode) return { code: 'wrong_province' };
  if (!input.isClubMember) return { code: 'not_club_member' };
  if (!event.eligibleSegments.includes(customer.segment)) return { code: 'segment_not_eligible' };
  const window = windowRefusal(event, customer.segment, input.now);
  if (window) return window;
  if (input.hasLiveRegistration) return { code: 'already_registered' };
  return null;
}

/** How a seat is paid: points from the ledger, a fee from the prepaid balance, or a line on the postpaid bill. */
export type Payment = { kind: 'none' } | { kind: 'points'; points: number } | { kind: 'prepaid'; fen: number } | { kind: 'bill'; fen: number };

export function paymentFor(event: Pick<RegistrationEvent, 'priceType' | 'priceFen' | 'pricePoints'>, segment: Segment): Payment {
  if (event.priceType === 'points') return { kind: 'points', points: event.pricePoints };
  if (event.priceType === 'fee') return segment === 'prepaid' ? { kind: 'prepaid', fen: event.priceFen } : { kind: 'bill', fen: event.priceFen };
  return { kind: 'none' };
}

/** Not enough points or prepaid balance: refused before anything is written. A bill line needs no balance. */
export function paymentRefusal(payment: Payment, balances: { points: number; prepaidFen: number }): Refusal | null {
  if (payment.kind === 'points' && balances.points < payment.points) return { code: 'insufficient_points', params: { needed: payment.points, balance: balances.points } };
  if (payment.kind === 'prepaid' && balances.prepaidFen < payment.fen) return { code: 'insufficient_balance', params: { needed: payment.fen, balance: balances.prepaidFen } };
  return null;
}

/** Far enough ahead that any VIP who joined the waiting list sorts before any other member. */
const NON_VIP_OFFSET = 100 * 365 * 24 * 60 * 60 * 1000;

/** The waiting-list order key: VIPs first, then by time of joining. */
export function waitlistRank(segment: Segment, joinedAt: number): number {
  return segment === 'postpaid_vip' ? joinedAt : joinedAt + NON_VIP_OFFSET;
}

/** A confirmed or waiting registration may be cancelled until registration closes. */
export function cancellationRefusal(registration: { status: RegistrationStatus }, event: { regClosesAt: number; status: EventStatus }, now: number): Refusal | null {
  if (registration.status !== 'confirmed' && registration.status !== 'waitlisted') return { code: 'not_cancellable' };
  if (event.status !== 'published') return { code: 'not_cancellable' };
  if (now >= event.regClosesAt) return { code: 'cancellation_closed' };
  return null;
}

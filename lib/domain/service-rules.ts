import type { Refusal } from './registration-rules';
import type { ServiceAccessRule } from './hq-settings';
import { pointsPaymentRefusal, type SegmentPoints } from './segment-policy';
import type { CustomerStatus, Segment } from './types';
import { HOUR } from './time';

/**
 * Whether a customer may book hall services and apply for trials under HQ's rule (setting
 * serviceAccess): the plan makes priority trial and appointments VIP rights (四(二)3、6), so by
 * default a VIP may, whatever their clubs, beside the handset club's members.
 */
export function serviceAccessRefusal(rule: ServiceAccessRule, customer: { segment: Segment; isHandsetMember: boolean }): Refusal | null {
  if (rule === 'everyone' || customer.isHandsetMember) return null;
  if (rule === 'handset_members_and_vips') return customer.segment === 'postpaid_vip' ? null : { code: 'not_handset_member_or_vip' };
  return { code: 'not_handset_member' };
}

/** The services booked by taking a slot (time at a hall, or a window for on-site repair); trials are applied for, loaners lent. */
export const BOOKABLE_KINDS = ['cleaning', 'booked_repair', 'onsite_repair', 'warranty'] as const;
export type BookableKind = (typeof BOOKABLE_KINDS)[number];
export const isBookableKind = (kind: string): kind is BookableKind => (BOOKABLE_KINDS as readonly string[]).includes(kind);

type BookingStatus = 'requested' | 'confirmed' | 'in_progress' | 'done' | 'cancelled';

interface Bookable {
  eligibleSegments: readonly Segment[];
  vipPriorityHours: number;
  pricePoints: number;
  active: boolean;
}

interface Slot {
  startsAt: number;
  opensAt: number;
  capacity: number;
  booked: number;
}

/** When a customer of this segment may book a slot: VIPs from the priority window on, others when it opens. */
export function slotOpensFor(service: Pick<Bookable, 'vipPriorityHours'>, slot: Pick<Slot, 'opensAt'>, segment: Segment): number {
  return segment === 'postpaid_vip' ? slot.opensAt - service.vipPriorityHours * HOUR : slot.opensAt;
}

/** Whether a member may book a slot now; the order is what they would want to hear first. */
export function bookingRefusal(input: {
  customer: { status: CustomerStatus; segment: Segment; points: number };
  service: Bookable;
  slot: Slot;
  /** The customer's standing under HQ's access rule (serviceAccessRefusal). */
  access: Refusal | null;
  hasLiveBooking: boolean;
  /** The HQ setting: which segments may pay in points. */
  segmentPoints: SegmentPoints;
  now: number;
}): Refusal | null {
  const { customer, service, slot, now } = input;
  if (!service.active) return { code: 'service_unavailable' };
  if (customer.status !== 'active') return { code: 'customer_not_active' };
  if (input.access) return input.access;
  if (!service.eligibleSegments.includes(customer.segment)) return { code: 'service_segment_not_eligible' };
  const points = pointsPaymentRefusal(input.segmentPoints, customer.segment, service.pricePoints);
  if (points) return points;
  if (now >= slot.startsAt) return { code: 'slot_passed' };
  const opensAt = slotOpensFor(service, slot, customer.segment);
  if (now < opensAt) return customer.segment !== 'postpaid_vip' && now >= slot.opensAt - service.vipPriorityHours * HOUR ? { code: 'vip_window_only', params: { opensAt: slot.opensAt } } : { code: 'booking_not_open', params: { opensAt } };
  if (input.hasLiveBooking) return { code: 'already_booked' };
  if (slot.booked >= slot.capacity) return { code: 'slot_full' };
  if (customer.points < service.pricePoints) return { code: 'insufficient_points', params: { needed: service.pricePoints, balance: customer.points } };
  return null;
}

/** A member cancels a booking that has not started, before its slot. */
export function memberCancelRefusal(booking: { status: BookingStatus }, slot: { startsAt: number }, now: number): Refusal | null {
  if (booking.status !== 'requested' && booking.status !== 'confirmed') return { code: 'booking_not_cancellable' };
  if (now >= slot.startsAt) return { code: 'booking_cancellation_closed' };
  return null;
}

const NEXT: Record<BookingStatus, BookingStatus[]> = {
  requested: ['confirmed', 'cancelled'],
  confirmed: ['in_progress', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: [],
  cancelled: [],
};

/** Operators move a booking requested -> confirmed -> in progress -> done, or cancel it with a reason. */
export function bookingTransitionRefusal(from: BookingStatus, to: BookingStatus): Refusal | null {
  return NEXT[from].includes(to) ? null : { code: 'booking_transition_refused', params: { from, to } };
}

interface Programme {
  vipOpensAt: number;
  opensAt: number;
  closesAt: number;
}

/** Applications to a trial open to VIPs first, then to everyone, until they close. */
export function trialApplyRefusal(programme: Programme, customer: { status: CustomerStatus; segment: Segment }, access: Refusal | null, hasApplication: boolean, now: number): Refusal | null {
  if (customer.status !== 'active') return { code: 'customer_not_active' };
  if (access) return access;
  if (now >= programme.closesAt) return { code: 'trial_closed' };
  const vip = customer.segment === 'postpaid_vip';
  if (now < programme.vipOpensAt || (!vip && now < programme.opensAt)) {
    return !vip && now >= programme.vipOpensAt ? { code: 'vip_window_only', params: { opensAt: programme.opensAt } } : { code: 'trial_not_open', params: { opensAt: vip ? programme.vipOpensAt : programme.opensAt } };
  }
  if (hasApplication) return { code: 'already_applied' };
  return null;
}

/** The application statuses that hold one of a programme's units: chosen, out on trial, or back. */
export const UNIT_TAKEN_STATUSES = ['selected', 'handed_over', 'returned'] as const;
export const takesUnit = (status: string) => (UNIT_TAKEN_STATUSES as readonly string[]).includes(status);

/** A trial unit handed over is late once its due date passes without a return (or was returned after it). */
export function isTrialLate(application: { handedOverAt: number | null; dueAt: number | null; returnedAt: number | null }, now: number): boolean {
  if (application.handedOverAt === null || application.dueAt === null) return false;
  return (application.returnedAt ?? now) > application.dueAt;
}

/** A loaner can be lent only when it is available and has no open loan. */
export function lendRefusal(loaner: { status: 'available' | 'lent' | 'retired' }, hasOpenLoan: boolean): Refusal | null {
  if (loaner.status === 'retired') return { code: 'loaner_retired' };
  if (loaner.status === 'lent' || hasOpenLoan) return { code: 'loaner_already_lent' };
  return null;
}

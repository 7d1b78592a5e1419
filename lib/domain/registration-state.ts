import { windowRefusal, type RegistrationEvent } from './registration-rules';
import { pointsPaymentRefusal, type SegmentPoints } from './segment-policy';
import type { RegistrationStatus, Segment } from './types';

/**
 * Where a member stands with an event's registration, said before they tap anything: what they
 * can do now, or why not, and the next moment that changes it. Built on the same rules the
 * server enforces (registration-rules.ts), so that a button shown is one the server accepts.
 */
export type MemberRegistrationState =
  /** They hold a seat or a place on the waiting list; cancellable until registration closes. */
  | { kind: 'registered'; status: 'confirmed' | 'waitlisted'; position: number | null; cancelUntil: number | null }
  /** The event is over, cancelled, or no longer published. */
  | { kind: 'ended' }
  /** Registration has closed. */
  | { kind: 'closed' }
  /** Not a member of the event's club: joining it comes first. */
  | { kind: 'not_member' }
  /** The event is for other segments (e.g. VIPs only). */
  | { kind: 'not_eligible'; segments: readonly Segment[] }
  /** Priced in points, which this member's segment may not pay in (附表1: prepaid customers have no points rewards). */
  | { kind: 'points_not_allowed' }
  /** The VIP priority window runs: open to VIPs, to this member from `opensAt`. */
  | { kind: 'vip_only'; opensAt: number }
  /** Not open yet for this member: from `opensAt` (a VIP's own opening when they have one). */
  | { kind: 'not_open'; opensAt: number; vipOpensAt: number | null }
  /** Open now until `closesAt`; `full`: only the waiting list; `vipPriority`: a VIP inside their window. */
  | { kind: 'open'; closesAt: number; full: boolean; vipPriority: boolean };

export interface StateEvent extends Pick<RegistrationEvent, 'status' | 'eligibleSegments' | 'regOpensAt' | 'regClosesAt' | 'vipOpensAt' | 'priceType' | 'pricePoints'> {
  seatsLeft: number;
}

export function memberRegistrationState(input: {
  event: StateEvent;
  segment: Segment;
  isClubMember: boolean;
  registration: { status: RegistrationStatus; position: number | null } | null;
  /** The HQ setting: which segments may pay in points. */
  segmentPoints: SegmentPoints;
  now: number;
}): MemberRegistrationState {
  const { event, segment, registration, now } = input;
  if (registration && (registration.status === 'confirmed' || registration.status === 'waitlisted')) {
    const cancellable = event.status === 'published' && now < event.regClosesAt;
    return { kind: 'registered', status: registration.status, position: registration.position, cancelUntil: cancellable ? event.regClosesAt : null };
  }
  if (event.status !== 'published') return { kind: 'ended' };
  if (now >= event.regClosesAt) return { kind: 'closed' };
  if (!input.isClubMember) return { kind: 'not_member' };
  if (!event.eligibleSegments.includes(segment)) return { kind: 'not_eligible', segments: event.eligibleSegments };
  if (event.priceType === 'points' && pointsPaymentRefusal(input.segmentPoints, segment, event.pricePoints)) return { kind: 'points_not_allowed' };
  const window = windowRefusal(event, segment, now);
  if (window?.code === 'vip_window_only') return { kind: 'vip_only', opensAt: event.regOpensAt };
  if (window?.code === 'registration_not_open') return { kind: 'not_open', opensAt: Number(window.params!.opensAt), vipOpensAt: segment === 'postpaid_vip' ? null : event.vipOpensAt };
  if (window) return { kind: 'closed' };
  return { kind: 'open', closesAt: event.regClosesAt, full: event.seatsLeft <= 0, vipPriority: now < event.regOpensAt };
}

/** The next instant at which the state may change by the clock alone (seats aside); null when none will. */
export function nextStateChangeAt(state: MemberRegistrationState): number | null {
  switch (state.kind) {
    case 'registered':
      return state.cancelUntil;
    case 'vip_only':
    case 'not_open':
      return state.opensAt;
    case 'open':
      return state.closesAt;
    default:
      return null;
  }
}

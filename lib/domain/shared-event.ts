import type { MemberRegistrationState } from './registration-state';
import type { ClubCode, EventKind, EventStatus, PriceType, Segment } from './types';

/**
 * What anyone holding an event's link may see, signed in or not: the facts on its poster. Nothing
 * about who registered, who made it, or its province's plans.
 */
export interface SharedEvent {
  id: number;
  clubCode: ClubCode;
  kind: EventKind;
  titleZh: string;
  titleEn: string | null;
  descriptionZh: string;
  descriptionEn: string | null;
  venue: string;
  venueEn: string | null;
  city: string | null;
  startsAt: number;
  endsAt: number;
  regOpensAt: number;
  regClosesAt: number;
  vipOpensAt: number | null;
  priceType: PriceType;
  priceFen: number;
  pricePoints: number;
  eligibleSegments: Segment[];
  status: EventStatus;
  capacity: number;
  seatsLeft: number;
  registrationState: MemberRegistrationState;
}

type StateInput = Pick<SharedEvent, 'status' | 'regOpensAt' | 'regClosesAt' | 'vipOpensAt' | 'seatsLeft'>;

/**
 * The registration state of an event for a visitor nobody knows yet: the same states a member
 * sees, but with no segment or club to judge by, so the VIP window reads as VIP-only and general
 * registration as open to all. Eligibility is said separately and checked once they sign in.
 */
export function sharedRegistrationState(event: StateInput, now: number): MemberRegistrationState {
  if (event.status !== 'published') return { kind: 'ended' };
  if (now >= event.regClosesAt) return { kind: 'closed' };
  if (now < event.regOpensAt) {
    if (event.vipOpensAt !== null && now >= event.vipOpensAt) return { kind: 'vip_only', opensAt: event.regOpensAt };
    return { kind: 'not_open', opensAt: event.regOpensAt, vipOpensAt: event.vipOpensAt };
  }
  return { kind: 'open', closesAt: event.regClosesAt, full: event.seatsLeft <= 0, vipPriority: false };
}

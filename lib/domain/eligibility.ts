import type { CustomerStatus, Segment } from './types';

export type JoinRefusal = 'customer_not_active' | 'segment_not_allowed' | 'already_member';

/**
 * Whether a customer may join a club: only active customers take part (停机 and 销户 do not), the
 * club's allowed segments are respected, and there is at most one open membership per club.
 */
export function joinRefusal(
  customer: { status: CustomerStatus; segment: Segment },
  club: { allowedSegments: readonly Segment[] },
  hasOpenMembership: boolean,
): JoinRefusal | null {
  if (customer.status !== 'active') return 'customer_not_active';
  if (!club.allowedSegments.includes(customer.segment)) return 'segment_not_allowed';
  if (hasOpenMembership) return 'already_member';
  return null;
}

export type LeaveRefusal = 'not_member';

/** Leaving needs an open membership; a suspended or closed customer may still leave. */
export function leaveRefusal(hasOpenMembership: boolean): LeaveRefusal | null {
  return hasOpenMembership ? null : 'not_member';
}

import type { ErrorCategory } from './errors';

/**
 * Refusals that the same request may overcome later without changing a thing: time passes
 * (registration opens, the VIP window starts), a seat or a place frees, the customer tops up, joins
 * the club, is reactivated, or a billing entry arrives that lifts the balance. A hall system
 * retrying its key must then be served, so these answers are not stored under the key.
 * Everything else (invalid input, not found, forbidden, a closed window, a request already done)
 * will never change for that request and is replayed, as is every success.
 */
export const NOT_REPLAYED_CODES = [
  'registration_not_open',
  'vip_window_only',
  'event_full',
  'insufficient_points',
  'insufficient_balance',
  'not_club_member',
  'customer_not_active',
  'balance_below_zero',
] as const;

/** Categories that are transient by nature: a busy database, a rate limit. */
const TRANSIENT_CATEGORIES: readonly ErrorCategory[] = ['unavailable', 'rate_limited'];

/** Whether a refusal is stored under its Idempotency-Key and answered again to a repeat. */
export function isReplayedRefusal(refusal: { code: string; category: ErrorCategory }): boolean {
  if (TRANSIENT_CATEGORIES.includes(refusal.category)) return false;
  return !(NOT_REPLAYED_CODES as readonly string[]).includes(refusal.code);
}

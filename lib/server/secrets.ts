import 'server-only';
import { createHmac } from 'node:crypto';

/**
 * A key for one purpose (one-time codes, ticket codes), derived from NEXTAUTH_SECRET so that a
 * deployment has one secret to keep (`npm start` generates and keeps one under .data/). Outside
 * production a fixed development secret stands in; production without the secret refuses to run,
 * since a known key would let anyone forge tickets or brute-force codes.
 */
export function derivedKey(purpose: 'otp' | 'ticket'): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret && process.env.NODE_ENV === 'production') throw new Error('NEXTAUTH_SECRET is not set');
  return createHmac('sha256', secret ?? 'club-hub development secret').update(purpose).digest('base64url');
}

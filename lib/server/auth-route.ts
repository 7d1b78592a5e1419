import 'server-only';
import { safeReturnPath } from '@/lib/domain/return-path';

/** Sign-in forms are a few hundred bytes; nothing next-auth accepts comes near this. */
export const AUTH_BODY_LIMIT = 16 * 1024;

const PROVIDERS = new Set(['member', 'member-code', 'staff']);

/**
 * The methods each next-auth route the app uses answers, or null for a route that is not ours
 * (next-auth's client logger `_log`, email sign-in links, unknown providers).
 */
function allowedMethods(action: string, provider: string | undefined): string[] | null {
  if (provider !== undefined && !PROVIDERS.has(provider)) return null;
  switch (action) {
    case 'providers':
    case 'csrf':
    case 'session':
    case 'error':
      return provider === undefined ? ['GET'] : null;
    case 'signin':
      return provider === undefined ? ['GET'] : ['GET', 'POST'];
    case 'callback':
      return provider === undefined ? null : ['POST'];
    case 'signout':
      return provider === undefined ? ['GET', 'POST'] : null;
    default:
      return null;
  }
}

export type AuthRefusal = { status: 400 | 404 | 405 | 413 | 415; code: string; allow?: string };

/**
 * Why a request to /api/auth/* is answered before next-auth sees it, or null to hand it over.
 * next-auth answers 500 to several requests a browser or a scanner may send (GET of a credentials
 * callback, a JSON body that does not parse), so it is given only the routes, methods and bodies
 * that the sign-in form and sign-out use.
 */
export function authRequestRefusal(method: string, segments: readonly string[], contentType: string | null, contentLength: number | null): AuthRefusal | null {
  const [action = '', provider, ...rest] = segments;
  const allowed = rest.length === 0 ? allowedMethods(action, provider) : null;
  if (!allowed) return { status: 404, code: 'not_found' };
  // HEAD is answered like GET by Next.js.
  if (!allowed.includes(method === 'HEAD' ? 'GET' : method)) return { status: 405, code: 'method_not_allowed', allow: allowed.join(', ') };
  if (method !== 'POST') return null;
  if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) return { status: 415, code: 'unsupported_media_type' };
  if (contentLength !== null && contentLength > AUTH_BODY_LIMIT) return { status: 413, code: 'payload_too_large' };
  return null;
}

/**
 * next-auth answers 500 to a callbackUrl it cannot parse, in the query or in its callback-url
 * cookie; the app refuses any that is not a page of its own (an empty one counts as none).
 */
export function callbackUrlRefusal(values: ReadonlyArray<string | null | undefined>, origin: string): AuthRefusal | null {
  return values.some((v) => v && safeReturnPath(v, origin) === null) ? { status: 400, code: 'invalid_callback_url' } : null;
}

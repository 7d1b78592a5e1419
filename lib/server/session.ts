import 'server-only';
import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { authOptions, authSecret } from './auth';

/** What a session cookie says: whose it is, its session id and when it signed in. */
export type SessionClaims = { principal: string; sessionId?: string; signedInAt?: number };

/** next-auth's session cookie: its name and options as next-auth itself sets them. */
export function sessionCookie() {
  const secure = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
  return { name: `${secure ? '__Secure-' : ''}next-auth.session-token`, options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure } };
}

/**
 * The claims of this request's session cookie, or null without a valid one (none, forged, expired
 * or from another secret). The cookie is decoded here rather than through getServerSession, which
 * would re-encrypt a refreshed cookie on every request and cannot set it from a page anyway; our
 * tokens stay far below the size at which next-auth splits a cookie in chunks.
 */
export async function readSessionClaims(): Promise<SessionClaims | null> {
  const secret = authSecret();
  const value = (await cookies()).get(sessionCookie().name)?.value;
  if (!secret || !value) return null;
  const token = await decode({ token: value, secret }).catch(() => null);
  if (!token?.sub) return null;
  return { principal: token.sub, sessionId: typeof token.sid === 'string' ? token.sid : undefined, signedInAt: token.signedInAt };
}

/**
 * Keeps this request's session open across its own password change: its sign-in time becomes
 * `signedInAt` (the change's), so only the account's other sessions end. Without a readable
 * session cookie the session ends too, and the person signs in again with the new password.
 */
export async function keepThisSession(signedInAt: number): Promise<void> {
  const secret = authSecret();
  const { name, options } = sessionCookie();
  const jar = await cookies();
  const current = jar.get(name)?.value;
  if (!secret || !current) return;
  const token = await decode({ token: current, secret }).catch(() => null);
  if (!token) return;
  const maxAge = authOptions.session!.maxAge!;
  jar.set(name, await encode({ token: { ...token, signedInAt }, secret, maxAge }), { ...options, expires: new Date(Date.now() + maxAge * 1000) });
}

/** Removes the session cookie from the browser (the session itself is ended on the server first). */
export async function dropSessionCookie(): Promise<void> {
  const { name, options } = sessionCookie();
  (await cookies()).set(name, '', { ...options, maxAge: 0 });
}

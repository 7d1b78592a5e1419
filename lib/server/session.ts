import 'server-only';
import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { authOptions } from './auth';

/** next-auth's session cookie: its name and options as next-auth itself sets them. */
function sessionCookie() {
  const secure = process.env.NEXTAUTH_URL?.startsWith('https://') ?? false;
  return { name: `${secure ? '__Secure-' : ''}next-auth.session-token`, options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure } };
}

/**
 * Keeps this request's session open across its own password change: its sign-in time becomes
 * `signedInAt` (the change's), so only the account's other sessions end. Without a readable
 * session cookie (no NEXTAUTH_SECRET in development) the session ends too, and the person signs
 * in again with the new password.
 */
export async function keepThisSession(signedInAt: number): Promise<void> {
  const secret = process.env.NEXTAUTH_SECRET;
  const { name, options } = sessionCookie();
  const jar = await cookies();
  const current = jar.get(name)?.value;
  if (!secret || !current) return;
  const token = await decode({ token: current, secret }).catch(() => null);
  if (!token) return;
  const maxAge = authOptions.session!.maxAge!;
  jar.set(name, await encode({ token: { ...token, signedInAt }, secret, maxAge }), { ...options, expires: new Date(Date.now() + maxAge * 1000) });
}

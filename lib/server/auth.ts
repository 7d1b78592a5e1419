import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { DomainError } from '@/lib/domain/errors';
import { safeReturnPath } from '@/lib/domain/return-path';
import { clientIp } from './client-ip';
import { authenticate, SignInRefused } from './sign-in';
import { openSession, revokeSession, SESSION_MAX_AGE_MS } from './session-store';
import { signInWithCode } from './web-access';

/**
 * The key of session cookies. Production has NEXTAUTH_SECRET (`npm start` generates and keeps one);
 * elsewhere a fixed development secret stands in, the same in next-auth and in the guard that
 * reads the cookie on every request.
 */
export function authSecret(): string | undefined {
  return process.env.NEXTAUTH_SECRET ?? (process.env.NODE_ENV === 'production' ? undefined : 'club-hub development secret');
}

async function authorize(kind: 'member' | 'staff', login: string | undefined, password: string | undefined, headers: Record<string, string> | undefined) {
  try {
    return await authenticate(kind, login, password, clientIp(headers));
  } catch (error) {
    // next-auth hands the message to the sign-in page as its error code.
    if (error instanceof SignInRefused) throw new Error(error.message);
    throw error;
  }
}

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_MS / 1000 },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      id: 'member',
      name: 'member',
      credentials: { mobile: { type: 'tel' }, password: { type: 'password' } },
      authorize: (c, req) => authorize('member', c?.mobile, c?.password, req.headers),
    }),
    CredentialsProvider({
      // 验证码登录: the mobile number and the code sent to it by SMS (lib/server/web-access.ts).
      id: 'member-code',
      name: 'member-code',
      credentials: { mobile: { type: 'tel' }, code: { type: 'text' } },
      async authorize(c) {
        try {
          return await signInWithCode(c?.mobile ?? '', c?.code ?? '');
        } catch (error) {
          // next-auth hands the message to the sign-in page as its error code.
          if (error instanceof DomainError) throw new Error(error.code);
          throw error;
        }
      },
    }),
    CredentialsProvider({
      id: 'staff',
      name: 'staff',
      credentials: { username: { type: 'text' }, password: { type: 'password' } },
      authorize: (c, req) => authorize('staff', c?.username, c?.password, req.headers),
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const now = Date.now();
        token.sub = user.id;
        token.signedInAt = now;
        // The cookie alone is not enough: its session must still be open on the server.
        token.sid = await openSession(user.id, now);
      }
      return token;
    },
    session({ session, token }) {
      // What the browser may read (/api/auth/session): who, not the session id. Role and scope are
      // read from the database per request by the guard.
      return { expires: session.expires, user: { id: token.sub ?? '', name: token.name ?? '', signedInAt: token.signedInAt } };
    },
    redirect({ url, baseUrl }) {
      const path = safeReturnPath(url, baseUrl);
      return path ? new URL(path, baseUrl).href : baseUrl;
    },
  },
  events: {
    // next-auth's own sign-out route (POST /api/auth/signout); the app's button uses signOutAction,
    // which refuses to report success when the session could not be ended.
    async signOut({ token }) {
      if (typeof token?.sid === 'string') await revokeSession(token.sid);
    },
  },
};

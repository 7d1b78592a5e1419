import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { clientIp } from './client-ip';
import { authenticate, SignInRefused } from './sign-in';

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
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/signin', error: '/signin' },
  providers: [
    CredentialsProvider({
      id: 'member',
      name: 'member',
      credentials: { mobile: { type: 'tel' }, password: { type: 'password' } },
      authorize: (c, req) => authorize('member', c?.mobile, c?.password, req.headers),
    }),
    CredentialsProvider({
      id: 'staff',
      name: 'staff',
      credentials: { username: { type: 'text' }, password: { type: 'password' } },
      authorize: (c, req) => authorize('staff', c?.username, c?.password, req.headers),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      // Only the principal id and the sign-in time travel; role and scope are read fresh from the
      // database per request, and a password changed since the sign-in ends the session.
      return { expires: session.expires, user: { id: token.sub ?? '', name: token.name ?? '', signedInAt: token.signedInAt } };
    },
  },
};

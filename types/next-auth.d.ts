import 'next-auth';

declare module 'next-auth' {
  interface Session {
    /** signedInAt: when this session signed in (ms); a password change after it ends the session. */
    user: { id: string; name: string; signedInAt?: number };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    signedInAt?: number;
    /** The session id, checked against the open sessions on the server on every request. */
    sid?: string;
  }
}

'use server';

import { redirect } from 'next/navigation';
import { toFormState, type FormState } from '@/lib/server/action';
import { dropSessionCookie, readSessionClaims } from '@/lib/server/session';
import { revokeSession } from '@/lib/server/session-store';

/**
 * Signs out: ends the session on the server, so that a copy of the cookie is refused too, then
 * drops the cookie. When the session cannot be ended (the database is busy) the person stays
 * signed in and is told so, rather than believing a copied cookie is dead.
 */
export async function signOutAction(): Promise<FormState> {
  try {
    const claims = await readSessionClaims();
    if (claims?.sessionId) await revokeSession(claims.sessionId);
  } catch (error) {
    return toFormState(error);
  }
  await dropSessionCookie();
  redirect('/signin');
}

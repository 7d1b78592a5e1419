import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { getReader } from '@/db/client';
import { customers, staff, staffClubs } from '@/db/schema';
import { hasRole, sessionStillValid, type SessionActor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import type { Role } from '@/lib/domain/types';
import { recordActor } from './request-context';
import { readSessionClaims, type SessionClaims } from './session';
import { isSessionOpen } from './session-store';

/**
 * Loads the actor behind a session's principal id, or null when the account is gone, closed or
 * disabled, or its password changed after `signedInAt`.
 */
export async function loadActor(principalId: string, signedInAt?: number): Promise<SessionActor | null> {
  const [kind, rawId] = principalId.split(':');
  const id = Number(rawId);
  if (!Number.isSafeInteger(id)) return null;
  const db = getReader();
  if (kind === 'member') {
    const [c] = await db
      .select({ id: customers.id, provinceCode: customers.provinceCode, status: customers.status, name: customers.name, passwordChangedAt: customers.passwordChangedAt })
      .from(customers)
      .where(eq(customers.id, id));
    if (!c || c.status === 'closed' || !sessionStillValid(signedInAt, c.passwordChangedAt)) return null;
    return { kind: 'member', role: 'member', customerId: c.id, provinceCode: c.provinceCode, name: c.name };
  }
  if (kind === 'staff') {
    const [s] = await db
      .select({ id: staff.id, role: staff.role, provinceCode: staff.provinceCode, active: staff.active, name: staff.displayName, passwordChangedAt: staff.passwordChangedAt })
      .from(staff)
      .where(eq(staff.id, id));
    if (!s || !s.active || !sessionStillValid(signedInAt, s.passwordChangedAt)) return null;
    const clubs = await db.select({ clubCode: staffClubs.clubCode }).from(staffClubs).where(eq(staffClubs.staffId, id)).orderBy(asc(staffClubs.clubCode));
    return {
      kind: 'staff',
      role: s.role,
      staffId: s.id,
      provinceCode: s.provinceCode,
      clubCodes: clubs.length > 0 ? clubs.map((c) => c.clubCode) : null,
      name: s.name,
    };
  }
  return null;
}

/**
 * The actor of a session cookie's claims, or null when its session was ended on the server
 * (signed out, account disabled, password set by an admin), has expired or never existed, or when
 * the account can no longer sign in.
 */
export async function actorOfSession(claims: SessionClaims | null, now = Date.now()): Promise<SessionActor | null> {
  if (!claims || !(await isSessionOpen(claims.sessionId, claims.principal, now))) return null;
  return loadActor(claims.principal, claims.signedInAt);
}

/** The signed-in actor of this request, read once per request. */
export const getActor = cache(async (): Promise<SessionActor | null> => recordActor(await actorOfSession(await readSessionClaims())));

/**
 * For server actions and route handlers: the actor, if signed in with one of `roles`.
 * Throws a DomainError (401 or 403) otherwise.
 */
export async function requireActor(roles: readonly Role[]): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) throw new DomainError('unauthenticated', 'unauthenticated');
  if (!hasRole(actor, roles)) throw new DomainError('forbidden', 'forbidden');
  return actor;
}

/** For pages: redirects to sign-in when signed out, answers 403 for a role not in `roles`. */
export async function requirePageActor(roles: readonly Role[], from?: string): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) redirect(from ? `/signin?from=${encodeURIComponent(from)}` : '/signin');
  if (!hasRole(actor, roles)) forbidden();
  return actor;
}

import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import { getReader, withTransaction, type Db, type Tx } from '@/db/client';
import { sessions } from '@/db/schema';
import { HOUR } from '@/lib/domain/time';
import { preparedPerConnection } from './prepared';

/** How long a sign-in lasts, from the moment it was made: a working day, whatever happens in it. */
export const SESSION_MAX_AGE_MS = 12 * HOUR;

/** Rows deleted by one purge: a transaction short enough not to hold up registrations. */
const PURGE_BATCH = 5_000;

/** Only a hash is stored: a copy of the table cannot be turned back into session cookies. */
function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

/** Opens a session for a principal who just proved who they are; returns its id for the cookie. */
export async function openSession(principal: string, now = Date.now()): Promise<string> {
  const sessionId = randomBytes(32).toString('base64url');
  await withTransaction(async (tx) => {
    await tx.insert(sessions).values({ tokenHash: hashSessionId(sessionId), principal, createdAt: now, expiresAt: now + SESSION_MAX_AGE_MS });
  });
  return sessionId;
}

const prepareLookup = (db: Db) =>
  db
    .select({ principal: sessions.principal, expiresAt: sessions.expiresAt, revokedAt: sessions.revokedAt })
    .from(sessions)
    .where(eq(sessions.tokenHash, sql.placeholder('hash')))
    .prepare();

const lookupFor = preparedPerConnection(prepareLookup);

/**
 * Whether `sessionId` is an open session of `principal`: neither revoked nor expired. One read by
 * the unique index, on every request that carries a session cookie.
 */
export async function isSessionOpen(sessionId: string | undefined, principal: string, now = Date.now()): Promise<boolean> {
  if (!sessionId) return false;
  const [row] = await lookupFor(getReader()).execute({ hash: hashSessionId(sessionId) });
  return row !== undefined && row.principal === principal && row.revokedAt === null && row.expiresAt > now;
}

/** Ends one session (signing out). Ending one already ended changes nothing. */
export async function revokeSession(sessionId: string, now = Date.now()): Promise<void> {
  await withTransaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.tokenHash, hashSessionId(sessionId)), isNull(sessions.revokedAt)));
  });
}

/**
 * Ends every open session of a principal (an account disabled, a password set by an admin), or
 * every one but `keep` (the session that changed its own password), inside the caller's transaction.
 */
export async function revokeSessionsOf(tx: Tx, principal: string, now: number, keep?: string): Promise<void> {
  const open = and(eq(sessions.principal, principal), isNull(sessions.revokedAt));
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(keep ? and(open, ne(sessions.tokenHash, hashSessionId(keep))) : open);
}

/** Deletes sessions past their expiry (revoked or not); the scheduler calls it. Returns how many went. */
export async function purgeExpiredSessions(now = Date.now()): Promise<number> {
  let purged = 0;
  for (;;) {
    const deleted = await withTransaction(async (tx) => {
      const expired = tx.select({ id: sessions.id }).from(sessions).where(lt(sessions.expiresAt, now)).limit(PURGE_BATCH);
      return (await tx.delete(sessions).where(inArray(sessions.id, expired)).returning({ id: sessions.id })).length;
    });
    purged += deleted;
    if (deleted < PURGE_BATCH) return purged;
  }
}

import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import { withTransaction, type Tx } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError, type ErrorCategory } from '@/lib/domain/errors';

/** Keys are kept at least this long; the scheduler purges older ones. */
export const IDEMPOTENCY_TTL_MS = 48 * 60 * 60 * 1000;
/** A claim older than this belongs to a request that died without finishing: it may be taken over. */
const ABANDONED_AFTER_MS = 60 * 1000;

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{8,128}$/;

type Stored = { ok: true; value: unknown } | { ok: false; code: string; category: ErrorCategory; params: Record<string, string | number> };

/** Whose keys these are: two customers may pick the same key without colliding. */
export function keyScope(actor: Actor): string {
  if (actor.kind === 'member') return `member:${actor.customerId}`;
  if (actor.kind === 'staff') return `staff:${actor.staffId}`;
  return `token:${actor.tokenId}`;
}

function hashRequest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}

function replay<T>(stored: Stored): T {
  if (stored.ok) return stored.value as T;
  throw new DomainError(stored.code, stored.category, stored.params);
}

/**
 * Runs a write once per (actor, key). The key is claimed in a transaction of its own, so that a
 * repeat arriving while the first still runs is answered 409 at once; the work and the stored
 * result commit together. A repeat after that returns the first result, refusals included; a key
 * reused for a different request is refused. Unexpected failures release the key for a retry.
 */
export async function runIdempotent<T>(actor: Actor, key: string | undefined, request: unknown, work: (tx: Tx) => Promise<T>, now = Date.now()): Promise<T> {
  if (!key) throw new DomainError('idempotency_key_required');
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new DomainError('idempotency_key_invalid');
  const scope = keyScope(actor);
  const requestHash = hashRequest(request);
  const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));

  const earlier = await withTransaction(async (tx) => {
    const [row] = await tx.select().from(idempotencyKeys).where(where);
    if (!row) {
      await tx.insert(idempotencyKeys).values({ scope, key, requestHash, status: 'running', createdAt: now });
      return null;
    }
    if (row.requestHash !== requestHash) throw new DomainError('idempotency_key_reused', 'invalid_input');
    if (row.status === 'done') return row.response as Stored;
    if (now - row.createdAt < ABANDONED_AFTER_MS) throw new DomainError('request_in_progress', 'conflict');
    await tx.update(idempotencyKeys).set({ createdAt: now }).where(where);
    return null;
  });
  if (earlier) return replay<T>(earlier);

  const finish = (tx: Tx, stored: Stored) => tx.update(idempotencyKeys).set({ status: 'done', response: stored, completedAt: Date.now() }).where(where);
  try {
    return await withTransaction(async (tx) => {
      const value = await work(tx);
      await finish(tx, { ok: true, value });
      return value;
    });
  } catch (error) {
    if (error instanceof DomainError) {
      // The refusal is the request's outcome: a repeat hears the same, and nothing was written.
      await withTransaction((tx) => finish(tx, { ok: false, code: error.code, category: error.category, params: error.params }));
    } else {
      await withTransaction((tx) => tx.delete(idempotencyKeys).where(where));
    }
    throw error;
  }
}

/** Forgets keys older than the retention period. */
export async function purgeIdempotencyKeys(now = Date.now()): Promise<number> {
  return withTransaction(async (tx) => {
    const gone = await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS)).returning({ id: idempotencyKeys.id });
    return gone.length;
  });
}

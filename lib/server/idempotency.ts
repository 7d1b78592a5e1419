import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { withTransaction, type Tx } from '@/db/client';
import { idempotencyKeys } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError, type ErrorCategory } from '@/lib/domain/errors';
import { preparedPerConnection } from './prepared';

/** Keys are kept at least this long; the scheduler purges older ones. */
export const IDEMPOTENCY_TTL_MS = 48 * 60 * 60 * 1000;

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

const statementsFor = preparedPerConnection((tx: Tx) => {
  const p = sql.placeholder;
  return {
    find: tx
      .select({ requestHash: idempotencyKeys.requestHash, response: idempotencyKeys.response })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, p('scope')), eq(idempotencyKeys.key, p('key'))))
      .prepare(),
    record: tx
      .insert(idempotencyKeys)
      .values({ scope: p('scope'), key: p('key'), requestHash: p('requestHash'), response: sql`${p('response')}`, createdAt: p('now') })
      .onConflictDoNothing()
      .prepare(),
  };
});

/**
 * Requests under way in this thread. The database is embedded and served by one process, so this
 * is where "still running" is known without a transaction of its own on every request. Kept on
 * globalThis: Next may evaluate this module once per bundle, and a repeat must be seen by all.
 */
const shared = globalThis as typeof globalThis & { __clubHubRunningKeys?: Set<string> };
const running = (shared.__clubHubRunningKeys ??= new Set<string>());

/**
 * Runs a write once per (actor, key), in one transaction with the record of its result. A repeat
 * while the first still runs is answered 409; a repeat after it returns the first result,
 * refusals included; a key reused for a different request is refused. An unexpected failure
 * records nothing, so the key may be retried.
 */
export async function runIdempotent<T>(actor: Actor, key: string | undefined, request: unknown, work: (tx: Tx) => Promise<T>, now = Date.now()): Promise<T> {
  if (!key) throw new DomainError('idempotency_key_required');
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new DomainError('idempotency_key_invalid');
  const id = { scope: keyScope(actor), key };
  const flight = `${id.scope}\u0000${key}`;
  if (running.has(flight)) throw new DomainError('request_in_progress', 'conflict');
  running.add(flight);
  const requestHash = hashRequest(request);
  const record = (tx: Tx, stored: Stored) => statementsFor(tx).record.execute({ ...id, requestHash, response: JSON.stringify(stored), now });
  let outcome: { earlier: Stored } | { value: T };
  try {
    outcome = await withTransaction(async (tx) => {
      const [row] = await statementsFor(tx).find.execute(id);
      if (row) {
        if (row.requestHash !== requestHash) throw new DomainError('idempotency_key_reused', 'invalid_input');
        return { earlier: row.response as Stored };
      }
      const value = await work(tx);
      await record(tx, { ok: true, value });
      return { value };
    });
  } catch (error) {
    // The refusal is the request's outcome: a repeat hears the same, and nothing else was written.
    // Not so a busy database: that passes, and the same key must then be able to succeed.
    if (error instanceof DomainError && error.code !== 'idempotency_key_reused' && error.category !== 'unavailable') {
      await withTransaction((tx) => record(tx, { ok: false, code: error.code, category: error.category, params: error.params }));
    }
    throw error;
  } finally {
    running.delete(flight);
  }
  return 'earlier' in outcome ? replay<T>(outcome.earlier) : outcome.value;
}

/** Forgets keys older than the retention period. */
export async function purgeIdempotencyKeys(now = Date.now()): Promise<number> {
  return withTransaction(async (tx) => {
    const gone = await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS)).returning({ id: idempotencyKeys.id });
    return gone.length;
  });
}

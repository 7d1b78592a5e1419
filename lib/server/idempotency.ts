import 'server-only';
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { withTransaction, type Tx } from '@/db/client';
import { withSavepoint } from '@/db/concurrency';
import { idempotencyKeys } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError, type ErrorCategory } from '@/lib/domain/errors';
import { isReplayedRefusal } from '@/lib/domain/idempotent-replay';
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
    claim: tx
      .insert(idempotencyKeys)
      .values({ scope: p('scope'), key: p('key'), requestHash: p('requestHash'), response: sql`${p('response')}`, createdAt: p('now') })
      .onConflictDoNothing({ target: [idempotencyKeys.scope, idempotencyKeys.key] })
      .returning({ id: idempotencyKeys.id })
      .prepare(),
    find: tx
      .select({ requestHash: idempotencyKeys.requestHash, response: idempotencyKeys.response })
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.scope, p('scope')), eq(idempotencyKeys.key, p('key'))))
      .prepare(),
    answer: tx
      .update(idempotencyKeys)
      .set({ response: sql`${p('response')}` })
      .where(eq(idempotencyKeys.id, p('id')))
      .prepare(),
  };
});

/** What a claimed key holds until its request's answer replaces it, in the same transaction (never seen by anyone else). */
const PENDING = JSON.stringify({ pending: true });

/**
 * Runs a write once per (actor, key), in one transaction with the record of its result. A repeat
 * returns the first result, refusals included; a key reused for a different request is refused.
 * An unexpected failure, a busy database or a refusal that time or state may lift (isReplayedRefusal:
 * registration not open yet, event full) records nothing, so the same key may be retried and served.
 *
 * The key is claimed first: its row is inserted under the unique (scope, key) before the work
 * runs, in the work's transaction. A repeat, from this process or any other, is then decided by
 * the database: while the first runs, its insert waits for the first's transaction (PostgreSQL
 * holds the uncommitted key; SQLite runs one transaction at a time) and, once the first has
 * committed, finds the key taken and answers what the first stored; had the first rolled back, it
 * claims the key and does the work itself. The work runs in a savepoint, so that its refusal can
 * undo what it wrote and still be stored with the key in the same transaction.
 */
export async function runIdempotent<T>(actor: Actor, key: string | undefined, request: unknown, work: (tx: Tx) => Promise<T>, now = Date.now()): Promise<T> {
  if (!key) throw new DomainError('idempotency_key_required');
  if (!IDEMPOTENCY_KEY_PATTERN.test(key)) throw new DomainError('idempotency_key_invalid');
  const id = { scope: keyScope(actor), key };
  const requestHash = hashRequest(request);
  const outcome = await withTransaction(async (tx): Promise<{ earlier: Stored } | { value: T } | { refusal: DomainError }> => {
    const st = statementsFor(tx);
    for (;;) {
      const [claimed] = await st.claim.execute({ ...id, requestHash, response: PENDING, now });
      if (claimed) return runClaimed(tx, claimed.id, work);
      const [row] = await st.find.execute(id);
      // No row: it was purged between the two statements, and the key is free again.
      if (!row) continue;
      if (row.requestHash !== requestHash) throw new DomainError('idempotency_key_reused', 'invalid_input');
      return { earlier: row.response as Stored };
    }
  });
  if ('refusal' in outcome) throw outcome.refusal;
  return 'earlier' in outcome ? replay<T>(outcome.earlier) : outcome.value;
}

/** The work of a key just claimed, and its answer stored with the key. */
async function runClaimed<T>(tx: Tx, keyId: number, work: (tx: Tx) => Promise<T>): Promise<{ value: T } | { refusal: DomainError }> {
  let outcome: { value: T } | { refusal: DomainError };
  let stored: Stored;
  try {
    const value = await withSavepoint(tx, () => work(tx));
    outcome = { value };
    stored = { ok: true, value };
  } catch (error) {
    // The refusal is the request's outcome: a repeat hears the same, and nothing else was written.
    // Not so a busy database, a refusal that may be lifted later (or anything unexpected): the whole
    // transaction, key included, rolls back, and the same key must then be able to succeed.
    if (!(error instanceof DomainError) || !isReplayedRefusal(error)) throw error;
    outcome = { refusal: error };
    stored = { ok: false, code: error.code, category: error.category, params: error.params };
  }
  await statementsFor(tx).answer.execute({ id: keyId, response: JSON.stringify(stored) });
  return outcome;
}

/** Forgets keys older than the retention period. */
export async function purgeIdempotencyKeys(now = Date.now()): Promise<number> {
  return withTransaction(async (tx) => {
    const gone = await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, now - IDEMPOTENCY_TTL_MS)).returning({ id: idempotencyKeys.id });
    return gone.length;
  });
}

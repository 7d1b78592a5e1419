import { sql } from 'drizzle-orm';
import { DIALECT } from './dialect';
import type { Tx } from './engine';

/**
 * What several writers at once need from the database, and how each engine gives it. The rule the
 * use-cases follow on both: a transaction that reads a row to decide a write (the seats left of an
 * event, a slot's bookings, a customer's balance) reads it with forUpdate, and takes its locks in
 * one order, the thing being shared first: event (or slot, or programme), then the registration
 * or booking, then customers. Two transactions then never wait for each other in a circle, except
 * a cancellation that promotes a second customer while another does the reverse: PostgreSQL
 * detects that deadlock and db/postgres.ts runs the loser again.
 *
 * - SQLite: one transaction writes at a time (BEGIN IMMEDIATE on the one writer connection, and
 *   the file's write lock across processes), and a read inside it already sees the latest rows and
 *   keeps them: a row lock would add nothing, so forUpdate leaves the query as it is.
 * - PostgreSQL: transactions run side by side at READ COMMITTED, each statement seeing what was
 *   committed when it began. A plain read may be stale by the time its transaction writes (two
 *   registrations both see the last seat); `SELECT … FOR NO KEY UPDATE` waits for whoever holds
 *   the row and then reads its committed version, and holds the row until this transaction ends.
 *   NO KEY: the lock an UPDATE of the row takes, which is what the reader is about to do (the
 *   counters, the balance); it lets others insert rows that refer to this one (their foreign key
 *   check takes KEY SHARE), where FOR UPDATE would make them wait too.
 */
export function forUpdate<Q>(query: Q, of?: unknown): Q {
  if (DIALECT !== 'postgres') return query;
  // At run time the builder is pg-core's, which has .for() (the use-cases see SQLite's types, db/engine.ts).
  // `of` names the table whose rows to lock when the query joins others (an outer join's nullable side cannot be locked).
  return (query as unknown as { for(strength: 'no key update', config?: { of: unknown }): Q }).for('no key update', of === undefined ? undefined : { of });
}

/**
 * Runs `fn` in a savepoint of the open transaction: if it throws, what it wrote is undone and the
 * transaction goes on, so that the caller may write what the failure means (a refusal to remember)
 * in the same transaction. PostgreSQL needs it, having marked the whole transaction failed at the
 * first error; SQLite keeps the statements before a failed one, but not those `fn` ran before it,
 * so it is needed there too. The same SQL on both engines.
 */
export async function withSavepoint<T>(tx: Tx, fn: () => Promise<T>): Promise<T> {
  await tx.run(sql`savepoint attempt`);
  try {
    const value = await fn();
    await tx.run(sql`release savepoint attempt`);
    return value;
  } catch (error) {
    try {
      await tx.run(sql`rollback to savepoint attempt`);
      await tx.run(sql`release savepoint attempt`);
    } catch {
      // The transaction itself is gone (SQLite rolled it back on a disk error, or the connection
      // failed): the first error says why, and the whole transaction fails with it.
    }
    throw error;
  }
}

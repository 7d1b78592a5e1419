import { AsyncLocalStorage } from 'node:async_hooks';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { DomainError } from '@/lib/domain/errors';
import { busyTimeoutMs } from './config';
import type * as schema from './schema';

/**
 * What the two database engines (db/sqlite.ts, db/postgres.ts) offer db/client.ts, and what they
 * share. The use-cases see one type of database handle, SQLite's drizzle type, on either engine:
 * they use only what both engines' query builders do alike (select/insert/update/delete with
 * returning, onConflict…, prepare), and the schema's builders stand for either engine's tables
 * (db/schema/core.ts). What differs between the engines lives in these three files and in
 * db/sql.ts (the few SQL expressions the engines spell differently).
 */
export type Db = BetterSQLite3Database<typeof schema>;
/** What a use-case writes through inside withTransaction. */
export type Tx = Db;

export interface Engine {
  /** Reads outside a transaction: committed data only. */
  getReader(): Db;
  /** One transaction (see withTransaction in db/client.ts). */
  withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  migrate(): Promise<void>;
  /** Deletes everything the database holds, tables included (`npm run db:reseed`); closes it first. */
  reset(): Promise<void>;
  /** Closes the connections (scripts, tests); the next use opens them again. */
  close(): Promise<void>;
}

// Kept on globalThis: Next may evaluate these modules in several bundles, and a transaction must
// be seen by every copy (a copy that could not see it would queue its nested call behind it).
const store = globalThis as typeof globalThis & { __clubHubTx?: AsyncLocalStorage<Tx> };

/** The transaction the caller runs in, if any: a nested withTransaction joins it. */
export const transactionContext = (store.__clubHubTx ??= new AsyncLocalStorage<Tx>());

/**
 * The refusal of a transaction that waited its bound for a lock held by someone else (another
 * process's write lock on SQLite, a row or table lock on PostgreSQL): nothing was written, and the
 * same request (with the same idempotency key) may be sent again.
 */
export function databaseBusy(): DomainError {
  return new DomainError('database_busy', 'unavailable', { seconds: Math.max(1, Math.ceil(busyTimeoutMs() / 1000)) });
}

export const databaseClosed = () => new Error('the database was closed');

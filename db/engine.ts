import { AsyncLocalStorage } from 'node:async_hooks';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { DomainError } from '@/lib/domain/errors';
import { busyTimeoutMs } from './config';
import type * as schema from './schema';

/**
 * What the two database engines (db/sqlite.ts, db/postgres.ts) offer db/client.ts, and what they
 * share. The use-cases (lib/server) are one copy for both: they see one type of database handle,
 * SQLite's drizzle type, on either engine, and use only what both engines' query builders do alike
 * (select/insert/update/delete with returning, onConflict…, prepare().execute(), raw SQL as
 * `await db.run/all/get(sql\`…\`)` in the spelling both accept). The schema's builders stand for
 * either engine's tables (db/schema/core.ts). Everything that differs is in this list:
 *
 * | what                  | SQLite (embedded file)                        | PostgreSQL                                  |
 * | --------------------- | --------------------------------------------- | ------------------------------------------- |
 * | chosen by             | DATABASE_URL a path or file: (db/dialect.ts)  | DATABASE_URL postgres:// or postgresql://   |
 * | connections           | one writer + one reader per process, read     | a pg Pool per process (PG_POOL_SIZE)        |
 * |                       | worker threads, write worker (db/sqlite.ts)   | (db/postgres.ts)                            |
 * | transaction           | BEGIN IMMEDIATE, one at a time, group commit  | READ COMMITTED, side by side; 40001/40P01   |
 * |                       |                                               | run again                                   |
 * | rows read to decide a | nothing to do: one writer                     | SELECT … FOR NO KEY UPDATE, in one order    |
 * | write                 |                                               | (db/concurrency.ts forUpdate)               |
 * | savepoint             | withSavepoint (db/concurrency.ts), same SQL   | the same                                    |
 * | busy                  | write lock past SQLITE_BUSY_TIMEOUT_MS        | lock_timeout or no pool connection within it|
 * | errors                | SQLITE_CONSTRAINT_* codes                     | SQLSTATE (23505…), unwrapped from drizzle;  |
 * |                       |                                               | db/sql.ts isUniqueViolation reads both      |
 * | rules in the database | triggers, db/migrations/*.sql                 | the same triggers in PL/pgSQL,              |
 * |                       |                                               | db/migrations-pg/0001_triggers.sql          |
 * | statistics summaries  | triggers; a Beijing month is strftime('%Y-%m',| the same in PL/pgSQL; beijing_month(ms)     |
 * |                       | ms / 1000, 'unixepoch', '+8 hours')           | (db/migrations-pg/0004_summary_triggers.sql)|
 * | a procedure triggers  | a view whose INSTEAD OF INSERT trigger is the | a function (participation_recompute), which |
 * | share                 | body: INSERT INTO participation_recompute     | takes an advisory lock on the customer first|
 * | SQL spellings         | INDEXED BY hints, sqlite_master               | nothing, pg_tables (db/sql.ts)              |
 * | heavy reads, exports  | read worker threads (db/read-pool.ts)         | the pool, a server-side cursor              |
 * |                       |                                               | (db/read-pool-postgres.ts)                  |
 * | migrations            | db/migrations (npm run db:generate)           | db/migrations-pg (drizzle.pg.config.ts),    |
 * |                       |                                               | under an advisory lock                      |
 * | backups               | online backup API (db/backup.ts)              | pg_dump/pg_restore (db/backup-postgres.ts)  |
 * | integers, booleans    | integer, 0/1                                  | bigint parsed to number, boolean            |
 *
 * db/schema-parity.test.ts compares the two migrated schemas, so that they cannot drift apart.
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
  /**
   * Whether processes other than this one have the database open (a server, a script, a shell),
   * said for a message (null: none). Asked before this process opens it: `npm run db:reseed`.
   */
  otherUsers(): Promise<string | null>;
  /**
   * The connection a handle runs on, which outlives the handle: statements prepared once per
   * connection are kept under it (lib/server/prepared.ts). SQLite's handles are their connections;
   * on PostgreSQL each transaction gets a new handle over one of the pool's clients.
   */
  connectionOf(db: Db): object;
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

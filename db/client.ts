import { DIALECT } from './dialect';
import { transactionContext, type Db, type Tx } from './engine';
import { compareMigrations, readAppliedMigrations } from './migration-state';
import { postgresEngine } from './postgres';
import { sqliteEngine } from './sqlite';

/**
 * The database, whichever engine DATABASE_URL names (db/dialect.ts): the embedded SQLite file by
 * default (db/sqlite.ts), or PostgreSQL (db/postgres.ts). Use-cases import only this module; what
 * differs between the engines is said in db/engine.ts.
 */
const engine = DIALECT === 'postgres' ? postgresEngine : sqliteEngine;

export type { Db, Tx } from './engine';
export { databaseBusy } from './engine';

/** Reads outside a transaction: committed data only. */
export function getReader() {
  return engine.getReader();
}

/** Whether the caller runs inside withTransaction (its writes would join that transaction). */
export function inTransaction(): boolean {
  return transactionContext.getStore() !== undefined;
}

/**
 * Runs `fn` as one transaction: an error anywhere in it rolls back everything it wrote. A nested
 * call joins the transaction already running. Do slow work (hashing, network) before calling: a
 * transaction holds its locks (on SQLite, the one writer) across every await inside. Waiting for a
 * lock is bounded (SQLITE_BUSY_TIMEOUT_MS): past it the transaction is refused as database_busy.
 */
export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const outer = transactionContext.getStore();
  if (outer) return fn(outer);
  return engine.withTransaction(fn);
}

/**
 * Applies pending migrations (`npm run db:migrate`, and `npm start` through `db:setup`; never `next
 * build`). Refuses a database that a newer version of the code migrated: this code would run on
 * tables it does not know, so neither it nor a server of it may start there.
 */
export async function migrateDatabase(): Promise<void> {
  const { unknown } = compareMigrations(await readAppliedMigrations(engine.getReader()));
  if (unknown > 0) {
    throw new Error(
      `The database has ${unknown} migration(s) this version of Club Hub does not know: a newer version migrated it. Run that version (or a newer one), or restore a backup made by this one.`,
    );
  }
  return engine.migrate();
}

/** Deletes everything the database holds, tables included (`npm run db:reseed`). */
export function resetDatabase(): Promise<void> {
  return engine.reset();
}

/** Who else has the database open (see Engine.otherUsers): asked before this process opens it. */
export function otherDatabaseUsers(): Promise<string | null> {
  return engine.otherUsers();
}

/** The connection a handle runs on (see Engine.connectionOf): what prepared statements are kept per. */
export function connectionOf(db: Db): object {
  return engine.connectionOf(db);
}

/** Closes the connections (scripts and tests); the next use opens them again. */
export function closeDatabase(): Promise<void> {
  return engine.close();
}

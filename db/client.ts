import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Mutex } from 'async-mutex';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { resolveDatabasePath } from './config';
import { closeReadPool } from './read-pool';
import { acquireWriteLock, releaseWriteLock } from './write-lock';

export type Db = BetterSQLite3Database<typeof schema>;
/** What a use-case writes through inside withTransaction. */
export type Tx = Db;

interface Handle {
  path: string;
  writerConnection: Database.Database;
  readerConnection: Database.Database;
  writer: Db;
  reader: Db;
  /** Serialises the transaction queue with migrations. */
  mutex: Mutex;
  queue: Job[];
  draining: boolean;
}

/** Large reads (member lists, statistics) hop across a national-size file: let them use memory. */
function tune(connection: Database.Database) {
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  connection.pragma('cache_size = -65536');
  connection.pragma('mmap_size = 1073741824');
}

function configure(connection: Database.Database) {
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  // The server checkpoints in the background (db/checkpointer.ts); a writer checkpoints itself
  // only past 10,000 pages of log, when that thread falls behind or does not run.
  connection.pragma('wal_autocheckpoint = 10000');
  tune(connection);
}

function open(file: string): Handle {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const writerConnection = new Database(file);
  configure(writerConnection);
  const readerConnection = new Database(file, { readonly: true });
  tune(readerConnection);
  const options = { schema, casing: 'snake_case' } as const;
  return {
    path: file,
    writerConnection,
    readerConnection,
    writer: drizzle({ client: writerConnection, ...options }),
    reader: drizzle({ client: readerConnection, ...options }),
    mutex: new Mutex(),
    queue: [],
    draining: false,
  };
}

// One handle per process, kept on globalThis: Next may evaluate this module in several bundles, and
// two writer connections in one thread would deadlock on SQLite's lock instead of queueing. The
// transaction context is shared the same way: a copy that could not see the transaction running
// would queue its nested call behind it, and each would wait for the other.
const store = globalThis as typeof globalThis & { __clubHubDb?: Handle; __clubHubTx?: AsyncLocalStorage<Tx> };

function handle(): Handle {
  store.__clubHubDb ??= open(resolveDatabasePath());
  return store.__clubHubDb;
}

/** The read connection: sees committed data only. For reads outside a transaction. */
export function getReader(): Db {
  return handle().reader;
}

const current = (store.__clubHubTx ??= new AsyncLocalStorage<Tx>());

interface Job {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Whether the caller runs inside withTransaction (its writes would join that transaction). */
export function inTransaction(): boolean {
  return current.getStore() !== undefined;
}

/** Transactions committed together at most: bounds the wait of the first one in a batch. */
const MAX_GROUP = 64;

/**
 * Runs `fn` as one transaction on the single writer connection. Transactions run one after
 * another and never interleave; an error anywhere in `fn` rolls back everything it wrote. A nested
 * call joins the transaction already running. Do slow work (hashing, network) before calling:
 * the writer is held across every await inside.
 *
 * Group commit: transactions that queue up while others run are executed back to back inside one
 * SQLite transaction, each in a savepoint of its own, and committed together. A failing one rolls
 * back to its savepoint only. Nobody hears "done" before the commit, so durability and isolation
 * are those of separate transactions, at a fraction of the commits (a registration storm would
 * otherwise spend most of its time committing).
 */
export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const outer = current.getStore();
  if (outer) return fn(outer);
  const h = handle();
  return new Promise<T>((resolve, reject) => {
    h.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject });
    scheduleDrain(h);
  });
}

function scheduleDrain(h: Handle): void {
  if (h.draining) return;
  h.draining = true;
  // After this turn of the event loop: requests that arrive together commit together.
  setImmediate(() => {
    drain(h)
      .catch((error: unknown) => console.error('[db] transaction queue failed:', error))
      .finally(() => {
        h.draining = false;
        if (h.queue.length > 0) scheduleDrain(h);
      });
  });
}

async function drain(h: Handle): Promise<void> {
  await h.mutex.runExclusive(async () => {
    while (h.queue.length > 0) await runGroup(h, h.queue.splice(0, MAX_GROUP));
  });
}

async function runGroup(h: Handle, jobs: Job[]): Promise<void> {
  await acquireWriteLock();
  try {
    await runGroupLocked(h, jobs);
  } finally {
    releaseWriteLock();
  }
}

async function runGroupLocked(h: Handle, jobs: Job[]): Promise<void> {
  const db = h.writerConnection;
  const done: { job: Job; value: unknown }[] = [];
  const failAll = (error: unknown) => {
    for (const d of done.splice(0)) d.job.reject(error);
  };
  // BEGIN runs outside the try that rolls back: a failed BEGIN must not roll back anything else.
  db.exec('BEGIN IMMEDIATE');
  for (const job of jobs) {
    if (!db.inTransaction) {
      db.exec('BEGIN IMMEDIATE');
    }
    db.exec('SAVEPOINT job');
    try {
      const value = await current.run(h.writer, () => job.fn(h.writer));
      db.exec('RELEASE job');
      done.push({ job, value });
    } catch (error) {
      if (db.inTransaction) {
        db.exec('ROLLBACK TO job');
        db.exec('RELEASE job');
      } else {
        // SQLite rolled the whole transaction back itself (disk full, I/O error): the group's
        // earlier work is gone with it.
        failAll(error);
      }
      job.reject(error);
    }
  }
  try {
    if (db.inTransaction) db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    failAll(error);
    return;
  }
  for (const d of done) d.job.resolve(d.value);
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations');

/** Applies pending drizzle-kit migrations. Called by the start script, never by `next build`. */
export async function migrateDatabase(): Promise<void> {
  const h = handle();
  await h.mutex.runExclusive(() => migrate(h.writer, { migrationsFolder: MIGRATIONS_FOLDER }));
}

export function databasePath(): string {
  return handle().path;
}

/** Closes both connections and the read worker (scripts and tests); the next use opens them again. */
export function closeDatabase(): void {
  void closeReadPool();
  const h = store.__clubHubDb;
  if (!h) return;
  h.readerConnection.close();
  h.writerConnection.close();
  store.__clubHubDb = undefined;
}

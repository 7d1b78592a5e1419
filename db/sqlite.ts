import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Mutex } from 'async-mutex';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { log } from '@/lib/server/log';
import * as schema from './schema';
import { busyTimeoutMs, resolveDatabasePath, synchronousMode } from './config';
import { closeReadPool } from './read-pool';
import { databaseBusy, databaseClosed, transactionContext, type Db, type Engine, type Tx } from './engine';
import { acquireWriteLock, releaseWriteLock } from './write-lock';

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
  connection.pragma(`busy_timeout = ${busyTimeoutMs()}`);
  connection.pragma('foreign_keys = ON');
  connection.pragma('cache_size = -65536');
  connection.pragma('mmap_size = 1073741824');
}

function configure(connection: Database.Database) {
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${synchronousMode()}`);
  // The server checkpoints in the background (db/checkpointer.ts); a writer checkpoints itself
  // only past 10,000 pages of log, when that thread falls behind or does not run.
  connection.pragma('wal_autocheckpoint = 10000');
  tune(connection);
}

/**
 * The database holds customers' numbers and balances: a new file and its folder are the owner's
 * alone (0600 / 0700). SQLite gives the -wal and -shm files the database file's permissions.
 */
function createPrivately(file: string): void {
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
}

function open(file: string): Handle {
  createPrivately(file);
  const connections: Database.Database[] = [];
  let writerConnection: Database.Database;
  let readerConnection: Database.Database;
  try {
    writerConnection = new Database(file);
    connections.push(writerConnection);
    configure(writerConnection);
    // The writer never sleeps in SQLite's busy handler, which would stop its whole thread: a lock
    // held by another process is waited for asynchronously instead (see begin).
    writerConnection.pragma('busy_timeout = 0');
    readerConnection = new Database(file, { readonly: true });
    connections.push(readerConnection);
    tune(readerConnection);
  } catch (error) {
    // Not a database, or unreadable: the next use tries again, with no connection left open.
    for (const connection of connections) connection.close();
    throw error;
  }
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
// two writer connections in one thread would deadlock on SQLite's lock instead of queueing.
const store = globalThis as typeof globalThis & { __clubHubDb?: Handle };

function handle(): Handle {
  store.__clubHubDb ??= open(resolveDatabasePath());
  return store.__clubHubDb;
}

/** The read connection: sees committed data only. For reads outside a transaction. */
function getReader(): Db {
  return handle().reader;
}

const current = transactionContext;

interface Job {
  fn: (tx: Tx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** Until when it may wait for the write lock (Date.now() ms) before it is refused as busy. */
  deadline: number;
}

/** Transactions committed together at most: bounds the wait of the first one in a batch. */
const MAX_GROUP = 64;

/**
 * SQLite lets one writer in at a time: transactions run one after another on the single writer
 * connection and never interleave. Group commit: transactions that queue up while others run are executed back to back inside one
 * SQLite transaction, each in a savepoint of its own, and committed together. A failing one rolls
 * back to its savepoint only. Nobody hears "done" before the commit, so durability and isolation
 * are those of separate transactions, at a fraction of the commits (a registration storm would
 * otherwise spend most of its time committing).
 */
function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const h = handle();
  return new Promise<T>((resolve, reject) => {
    h.queue.push({ fn, resolve: resolve as (value: unknown) => void, reject, deadline: Date.now() + busyTimeoutMs() });
    scheduleDrain(h);
  });
}

function scheduleDrain(h: Handle): void {
  if (h.draining) return;
  h.draining = true;
  // After this turn of the event loop: requests that arrive together commit together.
  setImmediate(() => {
    drain(h)
      .catch((error: unknown) => log.error({ err: error }, 'transaction queue failed'))
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

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code.startsWith('SQLITE_BUSY');
}

/** Runs a group and settles every one of its jobs, whatever happens: nobody waits for ever. */
async function runGroup(h: Handle, jobs: Job[]): Promise<void> {
  await acquireWriteLock();
  try {
    const ready = await begin(h, jobs);
    if (ready.length > 0) await runGroupLocked(h, ready);
  } catch (error) {
    // Settling a settled job does nothing: this reaches only those the failure left waiting. They
    // hear it before the rollback, but cannot run again before it: the queue is ours until then.
    const closed = !h.writerConnection.open;
    const refusal = isBusy(error) ? databaseBusy() : closed ? databaseClosed() : error;
    for (const job of jobs) job.reject(refusal);
    if (refusal === error) log.error({ err: error }, 'transaction group failed');
    if (!closed && h.writerConnection.inTransaction) h.writerConnection.exec('ROLLBACK');
  } finally {
    releaseWriteLock();
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * BEGIN IMMEDIATE without stopping the thread. The writer's busy timeout is 0, so while another
 * process holds the write lock BEGIN fails at once; it is tried again after a short pause (2 ms,
 * doubling to 50 ms), and every job whose deadline has passed meanwhile is refused as busy. Returns
 * the jobs still waiting once BEGIN succeeded (none when all were refused, and then no transaction
 * is open).
 */
async function begin(h: Handle, jobs: Job[]): Promise<Job[]> {
  let waiting = jobs;
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    try {
      h.writerConnection.exec('BEGIN IMMEDIATE');
      return waiting;
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
    const now = Date.now();
    const expired = waiting.filter((job) => job.deadline <= now);
    if (expired.length > 0) {
      const refusal = databaseBusy();
      for (const job of expired) job.reject(refusal);
      waiting = waiting.filter((job) => job.deadline > now);
      if (waiting.length === 0) return waiting;
    }
    await pause(wait);
  }
}

/** Runs the jobs of a group in savepoints of the transaction begin() opened, then commits them together. */
async function runGroupLocked(h: Handle, jobs: Job[]): Promise<void> {
  const db = h.writerConnection;
  const done: { job: Job; value: unknown }[] = [];
  const failAll = (error: unknown) => {
    for (const d of done.splice(0)) d.job.reject(error);
  };
  for (const job of jobs) {
    // SQLite rolled a whole transaction back itself (see below): the rest start a new one.
    if (!db.inTransaction && (await begin(h, [job])).length === 0) continue;
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
async function migrateDatabase(): Promise<void> {
  const h = handle();
  await h.mutex.runExclusive(() => {
    // A migration runs from a script before the server starts: there it may wait in SQLite's busy handler.
    h.writerConnection.pragma(`busy_timeout = ${busyTimeoutMs()}`);
    try {
      migrate(h.writer, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      h.writerConnection.pragma('busy_timeout = 0');
    }
  });
}

/** Closes both connections and the read worker (scripts and tests); the next use opens them again. */
async function closeDatabase(): Promise<void> {
  const h = store.__clubHubDb;
  store.__clubHubDb = undefined;
  if (h) {
    // Transactions still queued (a detached bookkeeping write) are refused, not run on a closed connection.
    for (const job of h.queue.splice(0)) job.reject(databaseClosed());
    h.readerConnection.close();
    h.writerConnection.close();
  }
  await closeReadPool();
}

/**
 * Every connection of a process that has a WAL database open holds a shared lock on its -shm file,
 * which the system releases when the process ends however it ends (a SIGKILL included): an
 * exclusive transaction in the exclusive locking mode, tried without waiting, is refused while any
 * other process (a server, a script, an sqlite3 shell) has the file open. Nothing is written.
 */
async function otherUsers(): Promise<string | null> {
  await closeDatabase();
  const file = resolveDatabasePath();
  if (!fs.existsSync(file)) return null;
  let probe: Database.Database | null = null;
  try {
    probe = new Database(file, { fileMustExist: true });
    probe.pragma('busy_timeout = 0');
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('ROLLBACK');
    return null;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) return 'another process has the file open';
    // Not a database at all: no server can be using it either.
    if (code === 'SQLITE_NOTADB') return null;
    throw error;
  } finally {
    probe?.close();
  }
}

/**
 * The embedded engine: one writer connection behind the group commit (and the write lock it
 * shares with the write worker's), a read-only connection for reads outside transactions (WAL
 * lets it see committed data only).
 */
export const sqliteEngine: Engine = {
  getReader,
  withTransaction,
  migrate: migrateDatabase,
  async reset() {
    await closeDatabase();
    const file = resolveDatabasePath();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  },
  close: closeDatabase,
  otherUsers,
  connectionOf: (db) => db,
};

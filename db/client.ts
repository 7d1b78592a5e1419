import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Mutex } from 'async-mutex';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';
import { resolveDatabasePath } from './config';

export type Db = BetterSQLite3Database<typeof schema>;
/** What a use-case writes through inside withTransaction. */
export type Tx = Db;

interface Handle {
  path: string;
  writerConnection: Database.Database;
  readerConnection: Database.Database;
  writer: Db;
  reader: Db;
  mutex: Mutex;
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
export function getReader(): Db {
  return handle().reader;
}

const current = new AsyncLocalStorage<Tx>();

/**
 * Runs `fn` as one transaction on the single writer connection. Transactions queue behind a mutex
 * and never interleave; an error anywhere rolls back everything. A nested call joins the
 * transaction already running. Do slow work (hashing, network) before calling: the lock is held
 * across every await inside.
 */
export async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const outer = current.getStore();
  if (outer) return fn(outer);
  const h = handle();
  return h.mutex.runExclusive(async () => {
    h.writerConnection.exec('BEGIN IMMEDIATE');
    try {
      const result = await current.run(h.writer, () => fn(h.writer));
      h.writerConnection.exec('COMMIT');
      return result;
    } catch (error) {
      if (h.writerConnection.inTransaction) h.writerConnection.exec('ROLLBACK');
      throw error;
    }
  });
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

/** Closes both connections (scripts and tests); the next use opens them again. */
export function closeDatabase(): void {
  const h = store.__clubHubDb;
  if (!h) return;
  h.readerConnection.close();
  h.writerConnection.close();
  store.__clubHubDb = undefined;
}

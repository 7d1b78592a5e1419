import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { resolveDatabasePath } from './config';
import { DIALECT } from './dialect';
import { readAllPostgres, readStreamPostgres } from './read-pool-postgres';

/**
 * Reads that take hundreds of milliseconds (statistics, exports of millions of rows), written once
 * with drizzle's `sql` template, for both engines; this module is where they part:
 * - SQLite: they run on a worker thread with a read-only connection of its own: better-sqlite3 is
 *   synchronous, and on the main thread such a read would stall every request behind it. Queries
 *   are compiled here; the worker only executes them.
 * - PostgreSQL (db/read-pool-postgres.ts): the server does the work; they run on the pool, and a
 *   stream reads through a server-side cursor.
 */
const dialect = new SQLiteSyncDialect({ casing: 'snake_case' });

interface Pending {
  resolve: (message: WorkerMessage) => void;
  reject: (error: Error) => void;
}
interface WorkerMessage {
  id: number;
  error?: string;
  results?: unknown[][];
  rows?: unknown[];
  done?: boolean;
}
interface ReadWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}
interface Pool {
  workers: ReadWorker[];
  nextId: number;
}

/**
 * Two workers by default: a statistics page's queries run side by side (this machine has two
 * cores; the main thread mostly waits while they run). READ_WORKERS changes it.
 */
const WORKERS = Math.max(1, Number(process.env.READ_WORKERS) || 2);

const store = globalThis as typeof globalThis & { __clubHubReadPool?: Pool };

function startWorker(p: Pool): ReadWorker {
  const worker = new Worker(path.join(process.cwd(), 'db', 'read-worker.mjs'), { workerData: { file: resolveDatabasePath() } });
  const w: ReadWorker = { worker, pending: new Map() };
  worker.on('message', (message: WorkerMessage) => {
    const waiting = w.pending.get(message.id);
    if (!waiting) return;
    w.pending.delete(message.id);
    if (w.pending.size === 0) worker.unref();
    if (message.error) waiting.reject(new Error(message.error));
    else waiting.resolve(message);
  });
  worker.on('error', (error) => {
    for (const waiting of w.pending.values()) waiting.reject(error);
    w.pending.clear();
    // A failed worker is replaced on the next read.
    p.workers = p.workers.filter((other) => other !== w);
  });
  // An idle worker must not keep a script or test process alive; a waiting read must.
  worker.unref();
  return w;
}

function pool(): Pool {
  store.__clubHubReadPool ??= { workers: [], nextId: 1 };
  return store.__clubHubReadPool;
}

/** The worker with the fewest reads waiting, started on demand up to WORKERS. */
function leastBusy(p: Pool): ReadWorker {
  const idle = p.workers.find((w) => w.pending.size === 0);
  if (idle) return idle;
  if (p.workers.length < WORKERS) {
    const w = startWorker(p);
    p.workers.push(w);
    return w;
  }
  return p.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
}

function send(w: ReadWorker, id: number, message: Record<string, unknown>): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    w.pending.set(id, { resolve, reject });
    w.worker.ref();
    w.worker.postMessage({ ...message, id });
  });
}

function compile(query: SQL) {
  const { sql, params } = dialect.sqlToQuery(query);
  return { sql, params };
}

/**
 * Runs read-only queries on the workers, each on the least busy one, all at once; rows come back
 * as objects keyed by column alias, in the order asked. Each query reads its own snapshot: under
 * live registrations two of them may differ by the rows committed in between.
 */
export async function readAll<T extends unknown[][]>(...queries: SQL[]): Promise<T> {
  if (DIALECT === 'postgres') return readAllPostgres<T>(queries);
  const p = pool();
  const answers = await Promise.all(queries.map((query) => send(leastBusy(p), p.nextId++, { type: 'all', queries: [compile(query)] })));
  return answers.map((a) => a.results![0]!) as T;
}

/**
 * Streams a large read from the worker in chunks: the next chunk is asked for before this one is
 * handed over, so that the worker reads while the caller works, and memory holds two chunks at most.
 * Rows come in the query's order, keyed by column alias (quote camelCase aliases: PostgreSQL folds
 * unquoted ones to lower case).
 */
export async function* readStream<T>(query: SQL, size = 2000): AsyncGenerator<T[]> {
  if (DIALECT === 'postgres') {
    yield* readStreamPostgres<T>(query, size);
    return;
  }
  const p = pool();
  // A stream stays on the worker that holds its cursor.
  const w = leastBusy(p);
  let answer = await send(w, p.nextId++, { type: 'stream', query: compile(query), size });
  let next: Promise<WorkerMessage> | null = null;
  let finished = false;
  try {
    for (;;) {
      next = answer.done ? null : send(w, answer.id, { type: 'more' });
      if (answer.rows && answer.rows.length > 0) yield answer.rows as T[];
      if (!next) {
        finished = true;
        return;
      }
      answer = await next;
      next = null;
    }
  } finally {
    if (!finished) {
      // Abandoned early: the chunk asked for ahead is dropped, whatever it brings.
      next?.catch(() => undefined);
      w.worker.postMessage({ type: 'cancel', id: answer.id });
    }
  }
}

/** Stops the workers (scripts and tests); the next read starts new ones. */
export async function closeReadPool(): Promise<void> {
  const p = store.__clubHubReadPool;
  if (!p) return;
  store.__clubHubReadPool = undefined;
  await Promise.all(p.workers.map((w) => w.worker.terminate()));
}

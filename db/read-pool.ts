import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { resolveDatabasePath } from './config';

/**
 * Reads that take hundreds of milliseconds (statistics, exports of millions of rows) run on a
 * worker thread with a read-only connection of its own: better-sqlite3 is synchronous, and on the
 * main thread such a read would stall every request behind it. Queries are written with drizzle's
 * `sql` template and compiled here; the worker only executes them.
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
interface Pool {
  worker: Worker;
  pending: Map<number, Pending>;
  nextId: number;
}

const store = globalThis as typeof globalThis & { __clubHubReadPool?: Pool };

function pool(): Pool {
  if (store.__clubHubReadPool) return store.__clubHubReadPool;
  const worker = new Worker(path.join(process.cwd(), 'db', 'read-worker.mjs'), { workerData: { file: resolveDatabasePath() } });
  const p: Pool = { worker, pending: new Map(), nextId: 1 };
  worker.on('message', (message: WorkerMessage) => {
    const waiting = p.pending.get(message.id);
    if (!waiting) return;
    p.pending.delete(message.id);
    if (p.pending.size === 0) worker.unref();
    if (message.error) waiting.reject(new Error(message.error));
    else waiting.resolve(message);
  });
  worker.on('error', (error) => {
    for (const waiting of p.pending.values()) waiting.reject(error);
    p.pending.clear();
    store.__clubHubReadPool = undefined;
  });
  // An idle worker must not keep a script or test process alive; a waiting read must.
  worker.unref();
  store.__clubHubReadPool = p;
  return p;
}

function send(p: Pool, id: number, message: Record<string, unknown>): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    p.pending.set(id, { resolve, reject });
    p.worker.ref();
    p.worker.postMessage({ ...message, id });
  });
}

function ask(message: Record<string, unknown>): Promise<WorkerMessage> {
  const p = pool();
  return send(p, p.nextId++, message);
}

function compile(query: SQL) {
  const { sql, params } = dialect.sqlToQuery(query);
  return { sql, params };
}

/** Runs read-only queries on the worker, in one round trip; rows come back as objects keyed by column alias. */
export async function readAll<T extends unknown[][]>(...queries: SQL[]): Promise<T> {
  const answer = await ask({ type: 'all', queries: queries.map(compile) });
  return answer.results as T;
}

/** Streams a large read from the worker in chunks, one chunk at a time: memory stays flat. */
export async function* readStream<T>(query: SQL, size = 2000): AsyncGenerator<T[]> {
  let answer = await ask({ type: 'stream', query: compile(query), size });
  let finished = false;
  try {
    for (;;) {
      if (answer.rows && answer.rows.length > 0) yield answer.rows as T[];
      if (answer.done) {
        finished = true;
        return;
      }
      answer = await askMore(answer.id);
    }
  } finally {
    if (!finished) pool().worker.postMessage({ type: 'cancel', id: answer.id });
  }
}

function askMore(id: number): Promise<WorkerMessage> {
  return send(pool(), id, { type: 'more' });
}

/** Stops the worker (scripts and tests); the next read starts a new one. */
export async function closeReadPool(): Promise<void> {
  const p = store.__clubHubReadPool;
  if (!p) return;
  store.__clubHubReadPool = undefined;
  await p.worker.terminate();
}

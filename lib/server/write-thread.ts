import 'server-only';
import fs from 'node:fs';
import { isMainThread, Worker } from 'node:worker_threads';
import { inTransaction } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { releaseWriteLockOf, writeLockMemory } from '@/db/write-lock';
import { DomainError, type ErrorCategory } from '@/lib/domain/errors';

/**
 * The write worker: in the production server, registrations, cancellations and message deliveries
 * run on a worker thread with a writer connection of its own (the bundle `npm start` builds from
 * lib/server/write-worker.ts and names in WRITE_WORKER). A registration is a third of a
 * millisecond of SQLite work; on the main thread that time is taken from every other request, and
 * during a storm it is a third of what the server can answer. The two writers take turns through
 * the shared write lock (db/write-lock.ts), and the work is the same code either way.
 *
 * On PostgreSQL there is no write worker: transactions of one process already run side by side on
 * connections of a pool, each waiting for the database (row locks, db/concurrency.ts) rather than
 * for a thread, and the operations run where they are asked.
 */

/** One operation asked of the worker. */
export interface WorkerRequest {
  id: number;
  op: string;
  args: unknown[];
}

/** What the worker answers to one operation: its value, its refusal, or an unexpected error. */
export interface WorkerReply {
  id: number;
  value?: unknown;
  refusal?: { code: string; category: ErrorCategory; params: Record<string, string | number>; fields?: Record<string, string> };
  error?: string;
}

interface Writer {
  worker: Worker;
  /**
   * Who waits for which answer. The caller's own closure turns a reply into a value or an error:
   * Next may load this module in several bundles, each with its own DomainError class, and the
   * worker is shared by all of them (it is kept on globalThis).
   */
  pending: Map<number, (reply: WorkerReply | Error) => void>;
  nextId: number;
  /** Operations not posted yet (see flush). */
  outgoing: WorkerRequest[];
}

const store = globalThis as typeof globalThis & { __clubHubWriter?: Writer | null };

/** The worker's bundle, when this is the server `npm start` started on SQLite (and WRITE_WORKER is not `off`). */
function workerFile(): string | null {
  const file = process.env.WRITE_WORKER;
  return DIALECT === 'sqlite' && isMainThread && file && file !== 'off' && fs.existsSync(file) ? file : null;
}

function writer(): Writer | null {
  if (store.__clubHubWriter !== undefined) return store.__clubHubWriter;
  const file = workerFile();
  if (!file) return (store.__clubHubWriter = null);
  const worker = new Worker(file, { workerData: { writeLock: writeLockMemory() } });
  const w: Writer = { worker, pending: new Map(), nextId: 1, outgoing: [] };
  worker.on('message', (replies: WorkerReply[]) => {
    for (const reply of replies) {
      const settle = w.pending.get(reply.id);
      w.pending.delete(reply.id);
      settle?.(reply);
    }
  });
  const fail = (error: Error) => {
    for (const settle of w.pending.values()) settle(error);
    w.pending.clear();
    // The next write starts a new worker.
    if (store.__clubHubWriter === w) store.__clubHubWriter = undefined;
  };
  worker.on('error', fail);
  worker.on('exit', (code) => {
    releaseWriteLockOf(worker.threadId);
    fail(new Error(`write worker exited with code ${code}`));
  });
  // The server's lifetime is the HTTP server's: the worker alone must not keep the process up.
  worker.unref();
  store.__clubHubWriter = w;
  return w;
}

/**
 * Runs a named writer operation on the write worker when there is one (SQLite), else here. Inside
 * a transaction it always runs here: its writes must join that transaction.
 */
export function onWriter<T>(op: string, args: unknown[], here: () => Promise<T>): Promise<T> {
  const w = inTransaction() ? null : writer();
  if (!w) return here();
  const id = w.nextId++;
  return new Promise<T>((resolve, reject) => {
    w.pending.set(id, (reply) => {
      if (reply instanceof Error) reject(reply);
      else if (reply.refusal) reject(new DomainError(reply.refusal.code, reply.refusal.category, reply.refusal.params, reply.refusal.fields));
      else if (reply.error !== undefined) reject(new Error(reply.error));
      else resolve(reply.value as T);
    });
    const queued = w.outgoing.push({ id, op, args });
    if (queued === 1) setImmediate(() => flush(w));
    else if (queued >= BATCH) flush(w);
  });
}

/**
 * Operations go to the worker in batches: those asked during one turn of the event loop, posted
 * after it, but never more than BATCH at once, so that the worker starts on the first ones while
 * this thread still reads the next requests (a whole turn's worth would move as one convoy, the
 * two threads waiting for each other in turn).
 */
const BATCH = 8;

function flush(w: Writer): void {
  if (w.outgoing.length > 0) w.worker.postMessage(w.outgoing.splice(0));
}

/** The write worker's thread id once one runs (for tests and diagnostics), else null. */
export function writeWorkerThreadId(): number | null {
  return store.__clubHubWriter?.worker.threadId ?? null;
}

/** Stops the write worker (tests and scripts); the next write starts a new one if configured. */
export async function stopWriteWorker(): Promise<void> {
  const w = store.__clubHubWriter;
  store.__clubHubWriter = undefined;
  if (w) await w.worker.terminate();
}

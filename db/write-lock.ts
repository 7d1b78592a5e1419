import { threadId, workerData } from 'node:worker_threads';

/**
 * The write lock shared by every thread of the server that writes (the main thread and the
 * registration writer, lib/server/write-worker.ts). SQLite lets one writer in at a time and makes
 * the others sleep in its busy handler, which on the main thread would freeze every request;
 * waiting here is asynchronous instead. A worker receives the lock's memory as `writeLock` in its
 * workerData; any other thread makes its own.
 */
const store = globalThis as typeof globalThis & { __clubHubWriteLock?: Int32Array };

function cell(): Int32Array {
  const shared = (workerData as { writeLock?: SharedArrayBuffer } | null)?.writeLock;
  store.__clubHubWriteLock ??= new Int32Array(shared ?? new SharedArrayBuffer(4));
  return store.__clubHubWriteLock;
}

/** The lock's memory, for a worker thread that writes to the same database. */
export function writeLockMemory(): SharedArrayBuffer {
  return cell().buffer as SharedArrayBuffer;
}

/** The holder's mark in the lock: its thread id plus one (0 means free). */
const mark = (thread: number) => thread + 1;

/** Waits, without blocking the thread, until this thread holds the lock. */
export async function acquireWriteLock(): Promise<void> {
  const lock = cell();
  for (;;) {
    const holder = Atomics.compareExchange(lock, 0, 0, mark(threadId));
    if (holder === 0) return;
    const wait = Atomics.waitAsync(lock, 0, holder);
    if (wait.async) await wait.value;
  }
}

export function releaseWriteLock(): void {
  const lock = cell();
  Atomics.store(lock, 0, 0);
  Atomics.notify(lock, 0, 1);
}

/**
 * Frees the lock if a thread that ended held it: a worker that died inside a transaction (its
 * connection is gone, and SQLite rolled its work back) must not leave every other writer waiting.
 */
export function releaseWriteLockOf(thread: number): void {
  const lock = cell();
  if (Atomics.compareExchange(lock, 0, mark(thread), 0) === mark(thread)) Atomics.notify(lock, 0, 1);
}

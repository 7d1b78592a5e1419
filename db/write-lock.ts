import { workerData } from 'node:worker_threads';

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

/** Waits, without blocking the thread, until this thread holds the lock. */
export async function acquireWriteLock(): Promise<void> {
  const lock = cell();
  while (Atomics.compareExchange(lock, 0, 0, 1) !== 0) {
    const wait = Atomics.waitAsync(lock, 0, 1);
    if (wait.async) await wait.value;
  }
}

export function releaseWriteLock(): void {
  const lock = cell();
  Atomics.store(lock, 0, 0);
  Atomics.notify(lock, 0, 1);
}

import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { resolveDatabasePath } from './config';

/**
 * Checkpoints of the write-ahead log on a thread of their own (db/checkpoint-worker.mjs). A
 * writer that crosses `wal_autocheckpoint` copies tens of megabytes back into the database file
 * and syncs it before its commit returns: during a registration storm the write worker stopped
 * for 100–150 ms each time, and every request waiting on it with it. The server checkpoints in
 * the background once a second instead; the writers' own checkpoints stay as the safety net,
 * for when this thread falls behind or does not run (scripts, tests), and find nothing left to do
 * otherwise.
 */
const INTERVAL_MS = 1000;

const store = globalThis as typeof globalThis & { __clubHubCheckpointer?: Worker };

export function startCheckpointer(intervalMs = INTERVAL_MS): void {
  if (store.__clubHubCheckpointer) return;
  const worker = new Worker(path.join(process.cwd(), 'db', 'checkpoint-worker.mjs'), { workerData: { file: resolveDatabasePath(), intervalMs } });
  worker.on('error', (error) => {
    console.error('[checkpointer]', error);
    // The writers' own checkpoints carry on; the next start makes a new one.
    if (store.__clubHubCheckpointer === worker) store.__clubHubCheckpointer = undefined;
  });
  // It must not keep a process alive on its own.
  worker.unref();
  store.__clubHubCheckpointer = worker;
}

export async function stopCheckpointer(): Promise<void> {
  const worker = store.__clubHubCheckpointer;
  store.__clubHubCheckpointer = undefined;
  if (worker) await worker.terminate();
}

import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { log } from '@/lib/server/log';
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
  // The thread reports a failed checkpoint (once until one succeeds again) for the server's log.
  worker.on('message', (message: { error?: string }) => {
    if (message.error) log.error({ error: message.error }, 'checkpoint failed');
  });
  worker.on('error', (error) => {
    log.error({ err: error }, 'checkpointer stopped');
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

// The checkpointer behind db/checkpointer.ts: copies what the writers appended to the write-ahead
// log back into the database file, on this thread's own connection, so that no writer stops for it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { lowerThisThreadPriority } from './lower-priority.mjs';

// Requests come first; the writers' own checkpoints catch up if this thread falls far behind.
lowerThisThreadPriority(10);

let db = null;
let lastError = '';

function checkpoint() {
  try {
    db ??= new Database(workerData.file, { fileMustExist: true });
    // PASSIVE: copies the frames no reader still needs and waits for no one; a checkpoint that
    // another connection is running makes it return at once.
    db.pragma('wal_checkpoint(PASSIVE)');
    lastError = '';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (message !== lastError) parentPort?.postMessage({ error: message });
    lastError = message;
  }
}

setInterval(checkpoint, workerData.intervalMs);

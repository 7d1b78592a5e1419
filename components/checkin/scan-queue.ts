import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { QueuedScan } from './types';

interface QueueSchema extends DBSchema {
  scans: { key: string; value: QueuedScan; indexes: { eventId: number } };
}

let opened: Promise<IDBPDatabase<QueueSchema>> | null = null;

/** The device's queue of offline scans lives in IndexedDB, so that a reload or a closed tab keeps it. */
function queueDb(): Promise<IDBPDatabase<QueueSchema>> {
  opened ??= openDB<QueueSchema>('club-hub-checkin', 1, {
    upgrade(db) {
      db.createObjectStore('scans', { keyPath: 'nonce' }).createIndex('eventId', 'eventId');
    },
  });
  return opened;
}

/** The scans of one event waiting to sync, oldest first. */
export async function readQueue(eventId: number): Promise<QueuedScan[]> {
  const scans = await (await queueDb()).getAllFromIndex('scans', 'eventId', eventId);
  return scans.sort((a, b) => a.scannedAt - b.scannedAt);
}

export async function enqueueScan(scan: QueuedScan): Promise<void> {
  await (await queueDb()).put('scans', scan);
}

export async function dequeueScans(nonces: readonly string[]): Promise<void> {
  const tx = (await queueDb()).transaction('scans', 'readwrite');
  await Promise.all([...nonces.map((n) => tx.store.delete(n)), tx.done]);
}

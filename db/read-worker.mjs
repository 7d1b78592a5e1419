// The read-only worker behind db/read-pool.ts: heavy statistics queries and large exports run on
// this thread's own connection, so that the server's main thread keeps serving registrations.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { lowerThisThreadPriority } from './lower-priority.mjs';

// Statistics give way to registrations when the CPUs are busy.
lowerThisThreadPriority(10);

const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -131072');
db.pragma('mmap_size = 2147483648');

const statements = new Map();
function prepare(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

const streams = new Map();

function sendChunk(id) {
  const stream = streams.get(id);
  if (!stream) return;
  const rows = [];
  let done = false;
  while (rows.length < stream.size) {
    const next = stream.iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    rows.push(next.value);
  }
  if (done) streams.delete(id);
  parentPort.postMessage({ id, rows, done });
}

parentPort.on('message', (message) => {
  try {
    if (message.type === 'all') {
      parentPort.postMessage({ id: message.id, results: message.queries.map((q) => prepare(q.sql).all(...q.params)) });
    } else if (message.type === 'stream') {
      streams.set(message.id, { iterator: db.prepare(message.query.sql).iterate(...message.query.params), size: message.size });
      sendChunk(message.id);
    } else if (message.type === 'more') {
      sendChunk(message.id);
    } else if (message.type === 'cancel') {
      const stream = streams.get(message.id);
      stream?.iterator.return?.();
      streams.delete(message.id);
    }
  } catch (error) {
    streams.delete(message.id);
    parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});

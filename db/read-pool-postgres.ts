import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { log } from '@/lib/server/log';
import { currentRequestContext } from '@/lib/server/request-context';
import { postgresPools } from './postgres';

/**
 * db/read-pool.ts on PostgreSQL. The server does the work of a heavy read in its own process, so
 * the app's thread only waits: reads run on the pool's connections (the replica's when there is
 * one), several at once, and a large read streams through a server-side cursor (DECLARE … CURSOR,
 * FETCH n) in a read-only transaction on one connection, so that an export of millions of rows
 * holds two chunks in memory at most, as on SQLite.
 */
const dialect = new PgDialect({ casing: 'snake_case' });

function compile(query: SQL) {
  const { sql, params } = dialect.sqlToQuery(query);
  return { text: sql, values: params };
}

/**
 * Where the heavy reads go: the replica (DATABASE_REPLICA_URL), which may lag the primary by a
 * moment, unless the request being served must see writes just made (a write, or a request soon
 * after one by the same browser: lib/server/read-after-write.ts), which reads the primary. Without
 * a replica both are the primary.
 */
function readPools(): pg.Pool[] {
  const { primary, replica } = postgresPools();
  if (replica === primary || currentRequestContext()?.readAfterWrite) return [primary];
  return [replica, primary];
}

/**
 * Whether a read that failed on the replica may run on the primary instead: the replica cannot be
 * reached or is not taking queries (class 08, 57), or it cancelled the read for a conflict with the
 * changes it was replaying (40001). A query's own error is the same on both and is not retried.
 */
function replicaUnavailable(error: unknown): boolean {
  if (!(error instanceof pg.DatabaseError)) return true;
  const code = error.code ?? '';
  return code.startsWith('08') || code.startsWith('57') || code === '40001';
}

/** Runs `read` on the replica, or on the primary when the replica may not or cannot answer. */
async function onReadPool<T>(read: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const [first, fallback] = readPools();
  try {
    return await read(first!);
  } catch (error) {
    if (!fallback || !replicaUnavailable(error)) throw error;
    log.warn({ err: error }, 'the read replica failed: reading the primary');
    return read(fallback);
  }
}

export async function readAllPostgres<T extends unknown[][]>(queries: SQL[]): Promise<T> {
  const answers = await onReadPool((pool) => Promise.all(queries.map((query) => pool.query(compile(query)))));
  return answers.map((a) => a.rows) as T;
}

export async function* readStreamPostgres<T>(query: SQL, size: number): AsyncGenerator<T[]> {
  // Once rows have been handed over, a failure cannot start again elsewhere: only the connection falls back.
  const client = await onReadPool((pool) => pool.connect());
  const { text, values } = compile(query);
  const chunk = Math.max(1, Math.floor(size));
  const fetch = () => client.query(`fetch forward ${chunk} from export_cursor`);
  let failed = false;
  let ahead: ReturnType<typeof fetch> | null = null;
  try {
    // Repeatable read: every chunk comes from the snapshot the export started with.
    await client.query('begin isolation level repeatable read read only');
    await client.query({ text: `declare export_cursor no scroll cursor for ${text}`, values });
    ahead = fetch();
    while (ahead) {
      const rows = (await ahead).rows as T[];
      // The next chunk is asked for before this one is handed over: the server reads while the caller works.
      ahead = rows.length === chunk ? fetch() : null;
      if (rows.length > 0) yield rows;
    }
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // Abandoned early, the chunk asked for ahead is dropped; the rollback queues behind it and closes the cursor.
    ahead?.catch(() => undefined);
    try {
      await client.query('rollback');
      client.release();
    } catch (error) {
      // A connection that cannot roll back is not given back to the pool.
      client.release(error instanceof Error ? error : true);
      if (!failed) throw error;
    }
  }
}

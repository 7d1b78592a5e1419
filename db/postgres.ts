import path from 'node:path';
import { DrizzleQueryError, type SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { log } from '@/lib/server/log';
import { busyTimeoutMs } from './config';
import { databaseBusy, databaseClosed, transactionContext, type Db, type Engine, type Tx } from './engine';
import * as schema from './schema';

/**
 * The PostgreSQL engine: a pool of connections that any number of processes may share. Unlike
 * SQLite, several transactions write at once, so every rule holds by the database's own means
 * (constraints, triggers, row locks, conditional updates), never by there being one writer.
 *
 * - Transactions run at READ COMMITTED, each on a connection of its own; a lock held longer than
 *   the bounded wait (lock_timeout, SQLITE_BUSY_TIMEOUT_MS's value) or a pool with no free
 *   connection within it refuses the transaction as busy, as on SQLite. A serialization failure or
 *   a deadlock runs the whole transaction again, a few times, after a short random pause.
 * - bigint (every integer column, count(*)) and numeric (sum, avg) come back as JavaScript
 *   numbers, as on SQLite: the values stay far below 2^53 (milliseconds, fen, counts).
 */
export const POSTGRES_MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations-pg');

// On pg's own registry, not a pool's `types`: drizzle gives every query types of its own, which
// fall back to the registry (a pool's would leave count(*) a string in every drizzle query).
pg.types.setTypeParser(pg.types.builtins.INT8, Number);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number);

/** Connections per process; several app servers each have their own pool (PG_POOL_SIZE). */
const poolSize = () => Math.max(1, Number(process.env.PG_POOL_SIZE) || 10);

interface Handle {
  pool: pg.Pool;
  /** DATABASE_REPLICA_URL's pool, when one is set: statistics and exports read there (db/read-pool-postgres.ts). */
  replica: pg.Pool | null;
  db: NodePgDatabase<typeof schema>;
  reader: Db;
  /**
   * Rejects once the pool has ended: a transaction still waiting for a connection then is refused
   * as closed (the pool serves no one after end(), and it would otherwise wait out its timeout).
   */
  closed: Promise<never>;
  markClosed: () => void;
}

const store = globalThis as typeof globalThis & { __clubHubPostgres?: Handle };

function handle(): Handle {
  if (store.__clubHubPostgres) return store.__clubHubPostgres;
  const url = process.env.DATABASE_URL ?? '';
  // Session settings, given when it connects (one round trip less per transaction than a `set
  // local` in each; a transaction's time under an event's row lock is the storm's limit):
  // - lock_timeout: a write waits for a row lock as long as for a connection;
  // - random_page_cost 1.1, the usual setting for SSDs and data in memory: at PostgreSQL's default
  //   (4, for spinning disks) the planner reads the whole event_stats table (163,000 rows on the
  //   national dataset, 36 ms) rather than look up the rows of a custom range's end events (224
  //   events, 2-10 ms).
  const options = `-c lock_timeout=${busyTimeoutMs()} -c random_page_cost=1.1`;
  const open = (connectionString: string) => {
    const p = new pg.Pool({ connectionString, max: poolSize(), connectionTimeoutMillis: busyTimeoutMs(), options });
    p.on('error', (error) => log.error({ err: error }, 'an idle database connection failed'));
    return p;
  };
  const pool = open(url);
  const replicaUrl = process.env.DATABASE_REPLICA_URL?.trim();
  const replica = replicaUrl ? open(replicaUrl) : null;
  const db = drizzle({ client: pool, schema, casing: 'snake_case' });
  let markClosed = () => {};
  const closed = new Promise<never>((_, reject) => (markClosed = () => reject(databaseClosed())));
  // Nobody may be waiting on it: the rejection must not count as unhandled.
  closed.catch(() => {});
  store.__clubHubPostgres = { pool, replica, db, reader: asDb(db), closed, markClosed };
  return store.__clubHubPostgres;
}

/**
 * The use-cases' handle type is SQLite's (db/engine.ts): the same builders, run by pg's session.
 * Raw SQL runs through SQLite's run/all/get on both engines (always awaited): here they are
 * given to pg's handle and to each transaction, on top of its execute().
 */
function asDb(db: NodePgDatabase<typeof schema>): Db {
  const raw = {
    run: (query: SQL) => db.execute(query),
    all: async (query: SQL) => (await db.execute(query)).rows,
    get: async (query: SQL) => (await db.execute(query)).rows[0],
  };
  return Object.assign(db, raw) as unknown as Db;
}

function getReader(): Db {
  return handle().reader;
}

/**
 * The pools for what drizzle does not do, the heavy reads of statistics and exports
 * (db/read-pool-postgres.ts): the primary's, and the replica's when DATABASE_REPLICA_URL names one
 * (otherwise the primary's again).
 */
export function postgresPools(): { primary: pg.Pool; replica: pg.Pool } {
  const h = handle();
  return { primary: h.pool, replica: h.replica ?? h.pool };
}

/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const LOCK_NOT_AVAILABLE = '55P03';
const MAX_ATTEMPTS = 5;

/**
 * The server's own error behind what a query threw: drizzle wraps it (DrizzleQueryError, whose
 * message is the failed query). A transaction's failure is rethrown as the server's error, as
 * better-sqlite3's is on SQLite, so that the refusal texts of the triggers (db/migrations-pg)
 * read the same on both engines.
 */
function databaseErrorOf(error: unknown): pg.DatabaseError | undefined {
  if (error instanceof pg.DatabaseError) return error;
  return error instanceof DrizzleQueryError && error.cause instanceof pg.DatabaseError ? error.cause : undefined;
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  const h = handle();
  for (let attempt = 1; ; attempt++) {
    try {
      const transaction = h.db.transaction(async (pgTx) => {
        const tx = asDb(pgTx as unknown as NodePgDatabase<typeof schema>);
        return transactionContext.run(tx, () => fn(tx));
      });
      return await Promise.race([transaction, h.closed]);
    } catch (error) {
      const code = databaseErrorOf(error)?.code;
      if (code !== undefined && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS) {
        await pause(5 + Math.random() * 20 * attempt);
        continue;
      }
      if (code === LOCK_NOT_AVAILABLE || (error instanceof Error && /timeout exceeded when trying to connect/.test(error.message))) throw databaseBusy();
      if (error instanceof Error && /Cannot use a pool after calling end/.test(error.message)) throw databaseClosed();
      throw databaseErrorOf(error) ?? error;
    }
  }
}

/** A lock that every process migrating this database takes first: two servers starting together do not race. */
const MIGRATION_LOCK = 2_207_2026;

async function migrateDatabase(): Promise<void> {
  const client = await handle().pool.connect();
  try {
    // Migrations wait as long as they must, for the lock and for the tables they alter.
    await client.query('set lock_timeout = 0');
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client, casing: 'snake_case' }), { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
    await client.query('reset lock_timeout');
  } finally {
    client.release();
  }
}

async function closeDatabase(): Promise<void> {
  const h = store.__clubHubPostgres;
  store.__clubHubPostgres = undefined;
  if (!h) return;
  // end() waits for the transactions under way (they commit or roll back as they would); only
  // those still waiting for a connection are left, and they are refused.
  await Promise.all([h.pool.end(), h.replica?.end()]);
  h.markClosed();
}

export const postgresEngine: Engine = {
  getReader,
  withTransaction,
  migrate: migrateDatabase,
  async reset() {
    // The tables and drizzle's record of the migrations; the database and its owner stay.
    await handle().pool.query('drop schema if exists drizzle cascade; drop schema public cascade; create schema public');
    await closeDatabase();
  },
  close: closeDatabase,
  async otherUsers() {
    // Before this process's pool opened more than the one connection asking (pg_backend_pid()).
    const { rows } = await handle().pool.query<{ sessions: number; clients: string | null }>(
      `select count(*) as sessions, string_agg(distinct coalesce(nullif(application_name, ''), 'unnamed') || ' from ' || coalesce(host(client_addr), 'a local socket'), ', ') as clients
         from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    );
    const [{ sessions, clients }] = rows as [{ sessions: number; clients: string | null }];
    return sessions > 0 ? `${sessions} other connection(s): ${clients}` : null;
  },
  // drizzle's transaction handle runs on a session over the pool client it checked out (the pool
  // itself for the reader): a statement prepared there runs on that client in any later transaction.
  connectionOf: (db) => (db as unknown as { session: { client: object } }).session.client,
};

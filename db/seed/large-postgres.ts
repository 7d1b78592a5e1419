import pg from 'pg';
import { BULK_INSERTS, BULK_TABLES, INDEXES_KEPT, type Batcher, type BulkKind, type BulkLoader, type BulkValue, type Statements } from './large';

/**
 * seed:large's loader for PostgreSQL (db/seed/large.ts writes the same rows on both engines). Rows
 * are gathered per table and sent as multi-row INSERTs of up to a thousand rows, parents before
 * children (the order of BULK_INSERTS), inside transactions of `size` rows. The triggers stay on,
 * as on SQLite: every balance, counter and summary row is kept by the database's own rules while
 * the rows go in, and a row that breaks one aborts the load.
 */
const ROWS_PER_STATEMENT = 1000;
/** Rows gathered, over all tables, before they are sent. */
const ROWS_PER_FLUSH = 5000;
/**
 * A ledger row's AFTER trigger runs when its whole statement has gone in, and its balance guard
 * compares the balance with the ledger's sum: two rows of one customer in one statement would see
 * each other's ledger rows before their balance did. A statement ends before a customer repeats.
 */
const ONCE_PER_STATEMENT: Partial<Record<BulkKind, number>> = { points: 0, prepaid: 0 };
/** Tables whose ids the generator chooses: their identity goes on from the largest. */
const EXPLICIT_IDS = ['customers', 'memberships', 'events', 'registrations'];

export async function postgresLoader(url: string): Promise<BulkLoader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let inTransaction = false;
  const buffers = Object.fromEntries(Object.keys(BULK_INSERTS).map((kind) => [kind, [] as BulkValue[][]])) as Record<BulkKind, BulkValue[][]>;
  let buffered = 0;

  async function insert(kind: BulkKind, rows: BulkValue[][]) {
    const { table, columns } = BULK_INSERTS[kind];
    const width = columns.length;
    const tuples = rows.map((_, r) => `(${columns.map((__, c) => `$${r * width + c + 1}`).join(', ')})`);
    // A full statement's shape repeats all load long: prepared once by name.
    const name = rows.length === ROWS_PER_STATEMENT ? `seed_large_${table}` : undefined;
    await client.query({ name, text: `insert into ${table} (${columns.join(', ')}) values ${tuples.join(', ')}`, values: rows.flat() });
  }

  async function flush() {
    for (const kind of Object.keys(BULK_INSERTS) as BulkKind[]) {
      const key = ONCE_PER_STATEMENT[kind];
      let statement: BulkValue[][] = [];
      const seen = new Set<BulkValue>();
      for (const row of buffers[kind]) {
        if (statement.length === ROWS_PER_STATEMENT || (key !== undefined && seen.has(row[key]!))) {
          await insert(kind, statement);
          statement = [];
          seen.clear();
        }
        statement.push(row);
        if (key !== undefined) seen.add(row[key]!);
      }
      if (statement.length > 0) await insert(kind, statement);
      buffers[kind] = [];
    }
    buffered = 0;
  }

  async function begin() {
    await client.query('begin');
    inTransaction = true;
  }

  async function commit() {
    await flush();
    await client.query('commit');
    inTransaction = false;
  }

  return {
    column: async (query) => (await client.query({ text: query, rowMode: 'array' })).rows.map((row: unknown[]) => row[0]),
    async dropDeferrableIndexes() {
      // Indexes that back a constraint (primary keys) stay: dropping one means dropping its constraint.
      const { rows } = await client.query<{ name: string; sql: string }>(
        `select i.indexname as name, i.indexdef as sql from pg_indexes i
         where i.schemaname = current_schema() and i.tablename = any($1::text[]) and i.indexname <> all($2::text[])
           and not exists (select 1 from pg_constraint c where c.conindid = to_regclass(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname)))
         order by i.tablename, i.indexname`,
        [BULK_TABLES, INDEXES_KEPT],
      );
      for (const { name } of rows) await client.query(`drop index "${name}"`);
      return rows;
    },
    statements() {
      const entries = (Object.keys(BULK_INSERTS) as BulkKind[]).map((kind) => [
        kind,
        {
          run: (...values: BulkValue[]) => {
            buffers[kind].push(values);
            buffered++;
          },
        },
      ]);
      return Object.fromEntries(entries) as Statements;
    },
    batcher(size: number): Batcher {
      let pending = 0;
      let total = 0;
      let started: Promise<void> | null = null;
      return {
        async add(rows) {
          started ??= begin();
          await started;
          pending += rows;
          total += rows;
          if (pending >= size) {
            await commit();
            await begin();
            pending = 0;
          } else if (buffered >= ROWS_PER_FLUSH) await flush();
        },
        async finish() {
          if (started) await commit();
        },
        get total() {
          return total;
        },
      };
    },
    exec: async (statement) => void (await client.query(statement)),
    async afterLoad() {
      for (const table of EXPLICIT_IDS) {
        await client.query(`select setval(pg_get_serial_sequence('${table}', 'id'), max(id)) from ${table} having max(id) is not null`);
      }
    },
    async close() {
      try {
        if (inTransaction) await client.query('rollback');
      } finally {
        await client.end();
      }
    },
  };
}

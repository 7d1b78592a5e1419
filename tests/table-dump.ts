import Database from 'better-sqlite3';
import pg from 'pg';
import { DIALECT } from '@/db/dialect';

/** Every table's rows, each as a JSON array of its values as text: what "wrote nothing" is compared on. */
export type TableDump = Record<string, string[]>;

export type TableChanges = Record<string, { added: string[]; removed: string[] }>;

type Row = Record<string, string>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * A connection of its own to the test database (DATABASE_URL, as withTempDatabase set it), with
 * each engine's catalog and its spelling of a row as one JSON array of text. The values are text
 * on both engines (a JSON column's text, not an object), so that a dump reads the same whichever
 * engine wrote it. The dump is one statement prepared once: hundreds of dumps run per test file,
 * and on PostgreSQL planning the statement each time took longer than running it.
 */
async function connect() {
  const url = process.env.DATABASE_URL!;
  if (DIALECT === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      tables: async () => (await client.query<Row>(`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`)).rows,
      columns: async (table: string) =>
        (await client.query<Row>(`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = $1 order by ordinal_position`, [table])).rows,
      row: (columns: string[]) => `json_build_array(${columns.map((c) => `${quote(c)}::text`).join(', ')})::text`,
      prepare: (text: string) => async () => (await client.query<Row>({ name: 'table_dump', text })).rows,
      close: () => client.end(),
    };
  }
  const db = new Database(url, { readonly: true, fileMustExist: true });
  return {
    tables: async () => db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as Row[],
    columns: async (table: string) => db.prepare(`select name from pragma_table_info(?)`).all(table) as Row[],
    row: (columns: string[]) => `json_array(${columns.map((c) => `cast(${quote(c)} as text)`).join(', ')})`,
    prepare: (text: string) => {
      const statement = db.prepare(text);
      return async () => statement.all() as Row[];
    },
    close: async () => db.close(),
  };
}

/**
 * Dumps every table of the test database whole (not counts: a changed balance or status is a write
 * too). It sees what is committed, as WAL gives every SQLite reader and READ COMMITTED every
 * PostgreSQL one. `ignoreColumns` leaves out columns that by design change on requests that write
 * nothing else (a token's last use).
 */
export async function openTableDumper(ignoreColumns: Record<string, string[]> = {}) {
  const connection = await connect();
  const tables = (await connection.tables()).map((t) => t.name!);
  const reads: string[] = [];
  for (const name of tables) {
    const columns = (await connection.columns(name)).map((c) => c.name!).filter((c) => !ignoreColumns[name]?.includes(c));
    reads.push(`select '${name}' as name, ${connection.row(columns)} as line from ${quote(name)}`);
  }
  const readAll = connection.prepare(reads.join(' union all '));
  return {
    tables,
    async dump(): Promise<TableDump> {
      const dump: TableDump = Object.fromEntries(tables.map((name) => [name, []]));
      for (const { name, line } of await readAll()) dump[name!]!.push(line!);
      return dump;
    },
    close: () => connection.close(),
  };
}

/** The rows each table gained and lost between two dumps; tables that did not change are left out. */
export function tableChanges(before: TableDump, after: TableDump): TableChanges {
  const changes: TableChanges = {};
  for (const table of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const was = new Set(before[table] ?? []);
    const is = new Set(after[table] ?? []);
    const added = [...is].filter((row) => !was.has(row));
    const removed = [...was].filter((row) => !is.has(row));
    if (added.length > 0 || removed.length > 0) changes[table] = { added, removed };
  }
  return changes;
}

import { sql } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { DIALECT } from '@/db/dialect';

/** Every table's rows, each as a JSON array of its values as text: what "wrote nothing" is compared on. */
export type TableDump = Record<string, string[]>;

export type TableChanges = Record<string, { added: string[]; removed: string[] }>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The tables and their columns, from each engine's own catalog; and a row as one JSON array of
 * text, so that a dump reads every table whole in one query. Values are text on both engines (a
 * JSON column's text, not an object), so a dump reads the same whichever engine wrote it.
 */
const catalog =
  DIALECT === 'postgres'
    ? {
        tables: `select tablename as name from pg_tables where schemaname = current_schema() order by tablename`,
        columns: (table: string) => sql`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table} order by ordinal_position`,
        row: (columns: string[]) => `json_build_array(${columns.map((c) => `${quote(c)}::text`).join(', ')})::text`,
      }
    : {
        tables: `select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`,
        columns: (table: string) => sql`select name from pragma_table_info(${table})`,
        row: (columns: string[]) => `json_array(${columns.map((c) => `cast(${quote(c)} as text)`).join(', ')})`,
      };

/**
 * Dumps every table of the test database whole (not counts: a changed balance or status is a write
 * too), through the app's reader: it sees what is committed, as WAL gives every SQLite reader and
 * READ COMMITTED every PostgreSQL one. `ignoreColumns` leaves out columns that by design change on
 * requests that write nothing else (a token's last use).
 */
export async function openTableDumper(ignoreColumns: Record<string, string[]> = {}) {
  const db = getReader();
  const tables = (await db.all<{ name: string }>(sql.raw(catalog.tables))).map((t) => t.name);
  const reads: string[] = [];
  for (const name of tables) {
    const columns = (await db.all<{ name: string }>(catalog.columns(name))).map((c) => c.name).filter((c) => !ignoreColumns[name]?.includes(c));
    reads.push(`select '${name}' as name, ${catalog.row(columns)} as line from ${quote(name)}`);
  }
  const everything = sql.raw(reads.join(' union all '));
  return {
    tables,
    async dump(): Promise<TableDump> {
      const dump: TableDump = Object.fromEntries(tables.map((name) => [name, []]));
      for (const { name, line } of await db.all<{ name: string; line: string }>(everything)) dump[name]!.push(line);
      return dump;
    },
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

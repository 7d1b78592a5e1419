import Database from 'better-sqlite3';

/** Every table's rows, each as JSON text, in rowid order: what "wrote nothing" is compared on. */
export type TableDump = Record<string, string[]>;

export type TableChanges = Record<string, { added: string[]; removed: string[] }>;

/**
 * A read-only connection to a test database that dumps every table whole (not counts: a changed
 * balance or status is a write too). It sees what is committed, as WAL gives every reader.
 * `ignoreColumns` leaves out columns that by design change on requests that write nothing else
 * (a token's last use).
 */
export function openTableDumper(file: string, ignoreColumns: Record<string, string[]> = {}) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const tables = (db.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).all() as { name: string }[]).map((t) => t.name);
  const reads = tables.map((name) => {
    const columns = (db.prepare(`select name from pragma_table_info(?)`).all(name) as { name: string }[])
      .map((c) => c.name)
      .filter((c) => !ignoreColumns[name]?.includes(c));
    return { name, read: db.prepare(`select ${columns.map((c) => `"${c}"`).join(', ')} from "${name}" order by rowid`).raw() };
  });
  return {
    tables,
    dump(): TableDump {
      return Object.fromEntries(reads.map(({ name, read }) => [name, read.all().map((row) => JSON.stringify(row))]));
    },
    close: () => db.close(),
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

import type Database from 'better-sqlite3';
import type pg from 'pg';

/**
 * A migrated database's schema as read from its own catalogue, in one shape for both engines, so
 * that the SQLite and PostgreSQL migrations can be compared (db/schema-parity.test.ts). What the
 * engines spell differently is normalised here: column types to SQLite's storage classes (bigint
 * and boolean are integer, jsonb is text), defaults without casts or quotes, index predicates
 * without quoting, table prefixes and casts, foreign keys and uniques by their columns.
 */
export interface Column {
  type: 'integer' | 'text' | 'real' | 'blob';
  /** PostgreSQL's own type (boolean, jsonb, bigint…); SQLite's catalogue cannot tell them apart. */
  postgresType?: string;
  notNull: boolean;
  default: string | null;
}

export interface Index {
  table: string;
  columns: string[];
  unique: boolean;
  /** The partial index's condition, normalised; null when it covers every row. */
  where: string | null;
}

export interface Trigger {
  table: string;
  timing: 'before' | 'after';
  event: 'insert' | 'update' | 'delete';
  /** The columns an UPDATE trigger is limited to (UPDATE OF), sorted; empty for any column. */
  columns: string[];
}

export interface Table {
  columns: Record<string, Column>;
  primaryKey: string[];
  /** Column lists (and conditions) that must be unique, by constraint or by unique index. */
  uniques: string[];
  checks: string[];
  foreignKeys: string[];
}

export interface Catalogue {
  tables: Record<string, Table>;
  /** Each view's columns. */
  views: Record<string, string[]>;
  /** Named indexes (unique ones included), not those behind a primary key or an unnamed constraint. */
  indexes: Record<string, Index>;
  triggers: Record<string, Trigger>;
  /**
   * Procedures the triggers share. SQLite has none: a view with an INSTEAD OF INSERT trigger stands
   * for one (inserting a row calls it), and is read as a procedure of the view's name, not as a
   * view and a trigger. On PostgreSQL, the functions that are not trigger functions; those that
   * only PostgreSQL has (helpers SQLite writes inline) are no difference.
   */
  procedures: string[];
}

/** A predicate as both engines would agree on it: no quotes, table prefixes, casts, parentheses or case. */
export function normaliseCondition(condition: string): string {
  return condition
    .replace(/::[a-z ]+(\[\])?/gi, '')
    .replace(/["`]/g, '')
    .replace(/\b[a-z_]+\.([a-z_]+)/gi, '$1')
    .replace(/[()]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

function normaliseDefault(value: string | null): string | null {
  if (value === null) return null;
  const bare = value.replace(/::[a-z ]+$/i, '').trim();
  const quoted = /^'(.*)'$/s.exec(bare);
  return quoted ? quoted[1]!.replace(/''/g, "'") : bare.toLowerCase();
}

const uniqueKey = (columns: string[], where: string | null) => `(${columns.join(', ')})${where ? ` where ${where}` : ''}`;

// ---- SQLite -------------------------------------------------------------------------------------

const SQLITE_TYPES: Record<string, Column['type']> = { integer: 'integer', text: 'text', real: 'real', blob: 'blob', numeric: 'real' };

export function readSqliteCatalogue(db: Database.Database): Catalogue {
  const objects = db
    .prepare(`select type, name, tbl_name as "table", sql from sqlite_master where name not like 'sqlite_%' and name <> '__drizzle_migrations'`)
    .all() as { type: string; name: string; table: string; sql: string | null }[];
  const procedures = objects.filter((o) => o.type === 'trigger' && /\binstead\s+of\s+insert\b/i.test(o.sql ?? ''));
  const catalogue: Catalogue = { tables: {}, views: {}, indexes: {}, triggers: {}, procedures: procedures.map((o) => o.table).sort() };
  for (const object of objects) {
    if (object.type === 'table') catalogue.tables[object.name] = readSqliteTable(db, object.name, object.sql ?? '');
    if (object.type === 'view' && !catalogue.procedures.includes(object.name)) catalogue.views[object.name] = (db.pragma(`table_info(\`${object.name}\`)`) as { name: string }[]).map((c) => c.name).sort();
    if (object.type === 'trigger' && !procedures.includes(object)) catalogue.triggers[object.name] = parseSqliteTrigger(object.sql ?? '', object.table);
  }
  for (const object of objects.filter((o) => o.type === 'index' && o.sql)) {
    const where = /\bwhere\b(.*)$/is.exec(object.sql!)?.[1] ?? null;
    const columns = (db.pragma(`index_info(\`${object.name}\`)`) as { name: string }[]).map((c) => c.name);
    const unique = /^create unique index/i.test(object.sql!);
    catalogue.indexes[object.name] = { table: object.table, columns, unique, where: where === null ? null : normaliseCondition(where) };
  }
  return catalogue;
}

function readSqliteTable(db: Database.Database, name: string, createSql: string): Table {
  const info = db.pragma(`table_info(\`${name}\`)`) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
  const columns: Record<string, Column> = {};
  for (const c of info) {
    // A primary key column is NOT NULL on PostgreSQL whatever it says; SQLite reports what was written.
    columns[c.name] = { type: SQLITE_TYPES[c.type.toLowerCase()] ?? 'blob', notNull: c.notnull === 1 || c.pk > 0, default: normaliseDefault(c.dflt_value) };
  }
  const primaryKey = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const uniques: string[] = [];
  for (const index of db.pragma(`index_list(\`${name}\`)`) as { name: string; unique: number; origin: string }[]) {
    if (index.unique !== 1 || index.origin === 'pk') continue;
    const columnsOf = (db.pragma(`index_info(\`${index.name}\`)`) as { name: string }[]).map((c) => c.name);
    const indexSql = (db.prepare(`select sql from sqlite_master where name = ?`).get(index.name) as { sql: string | null } | undefined)?.sql ?? null;
    const where = indexSql ? (/\bwhere\b(.*)$/is.exec(indexSql)?.[1] ?? null) : null;
    uniques.push(uniqueKey(columnsOf, where === null ? null : normaliseCondition(where)));
  }
  const checks = [...createSql.matchAll(/constraint\s+["`]?(\w+)["`]?\s+check\s*\(/gi)].map((m) => m[1]!);
  const foreignKeys = new Map<number, { table: string; from: string[]; to: string[] }>();
  for (const fk of db.pragma(`foreign_key_list(\`${name}\`)`) as { id: number; table: string; from: string; to: string | null }[]) {
    const entry = foreignKeys.get(fk.id) ?? { table: fk.table, from: [], to: [] };
    entry.from.push(fk.from);
    entry.to.push(fk.to ?? 'id');
    foreignKeys.set(fk.id, entry);
  }
  return {
    columns,
    primaryKey,
    uniques: uniques.sort(),
    checks: checks.sort(),
    foreignKeys: [...foreignKeys.values()].map((fk) => `(${fk.from.join(', ')}) -> ${fk.table}(${fk.to.join(', ')})`).sort(),
  };
}

function parseSqliteTrigger(createSql: string, table: string): Trigger {
  const match = /\b(before|after)\s+(insert|delete|update)(?:\s+of\s+(.*?))?\s+on\s/is.exec(createSql);
  if (!match) throw new Error(`unreadable trigger: ${createSql}`);
  const columns = match[3] ? match[3].split(',').map((c) => c.replace(/["`\s]/g, '')).sort() : [];
  return { table, timing: match[1]!.toLowerCase() as Trigger['timing'], event: match[2]!.toLowerCase() as Trigger['event'], columns };
}

// ---- PostgreSQL ---------------------------------------------------------------------------------

const POSTGRES_TYPES: Record<string, Column['type']> = {
  bigint: 'integer',
  integer: 'integer',
  smallint: 'integer',
  boolean: 'integer',
  text: 'text',
  'character varying': 'text',
  jsonb: 'text',
  json: 'text',
  'double precision': 'real',
  real: 'real',
  numeric: 'real',
  bytea: 'blob',
};

/** Reads the catalogue of the connection's current schema (drizzle's own schema, `drizzle`, is not in it). */
export async function readPostgresCatalogue(client: pg.ClientBase): Promise<Catalogue> {
  const rows = async <T>(query: string) => (await client.query(query)).rows as T[];
  const functions = await rows<{ name: string }>(
    `select proname as name from pg_proc where pronamespace = current_schema()::regnamespace and prorettype <> 'trigger'::regtype order by 1`,
  );
  const catalogue: Catalogue = { tables: {}, views: {}, indexes: {}, triggers: {}, procedures: functions.map((f) => f.name) };

  const relations = await rows<{ name: string; kind: string }>(
    `select c.relname as name, c.relkind as kind from pg_class c where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'v')`,
  );
  for (const r of relations) {
    if (r.kind === 'r') catalogue.tables[r.name] = { columns: {}, primaryKey: [], uniques: [], checks: [], foreignKeys: [] };
    else catalogue.views[r.name] = [];
  }

  const columns = await rows<{ table: string; name: string; type: string; not_null: string; default: string | null }>(
    `select table_name as "table", column_name as name, data_type as type, is_nullable as not_null, column_default as "default"
     from information_schema.columns where table_schema = current_schema() order by ordinal_position`,
  );
  for (const c of columns) {
    if (catalogue.views[c.table]) {
      catalogue.views[c.table]!.push(c.name);
      continue;
    }
    const table = catalogue.tables[c.table];
    if (!table) continue;
    table.columns[c.name] = { type: POSTGRES_TYPES[c.type] ?? 'blob', postgresType: c.type, notNull: c.not_null === 'NO', default: normaliseDefault(c.default) };
  }
  for (const view of Object.values(catalogue.views)) view.sort();

  const constraints = await rows<{ table: string; name: string; type: string; columns: string[]; target: string | null; target_columns: string[] | null }>(
    `select t.relname as "table", k.conname as name, k.contype as type,
       array(select a.attname from unnest(k.conkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i)::text[] as columns,
       f.relname as target,
       array(select a.attname from unnest(k.confkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i)::text[] as target_columns
     from pg_constraint k join pg_class t on t.oid = k.conrelid left join pg_class f on f.oid = k.confrelid
     where t.relnamespace = current_schema()::regnamespace`,
  );
  for (const k of constraints) {
    const table = catalogue.tables[k.table];
    if (!table) continue;
    if (k.type === 'p') table.primaryKey = k.columns;
    if (k.type === 'c') table.checks.push(k.name);
    if (k.type === 'f') table.foreignKeys.push(`(${k.columns.join(', ')}) -> ${k.target}(${k.target_columns!.join(', ')})`);
  }

  // A unique constraint's index is named after it, as drizzle's unique index of the same column is on SQLite.
  const indexes = await rows<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[]; where: string | null }>(
    `select t.relname as "table", c.relname as name, i.indisunique as unique, i.indisprimary as primary,
       array(select a.attname from unnest(i.indkey) with ordinality u(n, o) join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.n order by u.o)::text[] as columns,
       pg_get_expr(i.indpred, i.indrelid) as where
     from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
     where t.relnamespace = current_schema()::regnamespace`,
  );
  for (const i of indexes) {
    if (i.primary) continue;
    const where = i.where === null ? null : normaliseCondition(i.where);
    catalogue.indexes[i.name] = { table: i.table, columns: i.columns, unique: i.unique, where };
    if (i.unique) catalogue.tables[i.table]?.uniques.push(uniqueKey(i.columns, where));
  }

  const triggers = await rows<{ table: string; name: string; type: number; columns: string[] }>(
    `select t.relname as "table", g.tgname as name, g.tgtype as type,
       array(select a.attname from unnest(g.tgattr) u(n) join pg_attribute a on a.attrelid = g.tgrelid and a.attnum = u.n)::text[] as columns
     from pg_trigger g join pg_class t on t.oid = g.tgrelid
     where not g.tgisinternal and t.relnamespace = current_schema()::regnamespace`,
  );
  // tgtype's bits (PostgreSQL's trigger.h): 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE. Each trigger
  // here has one event, as every SQLite trigger has.
  for (const g of triggers) {
    const event = g.type & 4 ? 'insert' : g.type & 8 ? 'delete' : 'update';
    catalogue.triggers[g.name] = { table: g.table, timing: g.type & 2 ? 'before' : 'after', event, columns: [...g.columns].sort() };
  }

  for (const table of Object.values(catalogue.tables)) {
    table.uniques.sort();
    table.checks.sort();
    table.foreignKeys.sort();
  }
  return catalogue;
}

// ---- Comparison ---------------------------------------------------------------------------------

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function compareNamed<T>(label: (name: string) => string, left: Record<string, T>, right: Record<string, T>, describe: (name: string, l: T, r: T) => string[]): string[] {
  const differences: string[] = [];
  for (const name of Object.keys(left).sort()) {
    if (!(name in right)) differences.push(`${label(name)}: only in sqlite`);
    else differences.push(...describe(name, left[name]!, right[name]!));
  }
  for (const name of Object.keys(right).sort()) if (!(name in left)) differences.push(`${label(name)}: only in postgres`);
  return differences;
}

function compareValues(label: string, sqlite: unknown, postgres: unknown): string[] {
  return same(sqlite, postgres) ? [] : [`${label}: sqlite ${JSON.stringify(sqlite)}, postgres ${JSON.stringify(postgres)}`];
}

function compareColumn(name: string, sqlite: Column, postgres: Column): string[] {
  const differences = [
    ...compareValues(`column ${name} type`, sqlite.type, postgres.type),
    ...compareValues(`column ${name} not null`, sqlite.notNull, postgres.notNull),
    ...compareValues(`column ${name} default`, sqlite.default, postgres.default),
  ];
  // A boolean is an integer to SQLite: its default, when it has one, says which it is.
  const booleanDefault = sqlite.default === 'true' || sqlite.default === 'false';
  if (sqlite.default !== null && booleanDefault !== (postgres.postgresType === 'boolean')) {
    differences.push(`column ${name} boolean: sqlite default ${sqlite.default}, postgres ${postgres.postgresType}`);
  }
  return differences;
}

/** Every difference between the two schemas, one line each; none when they are equivalent. */
export function compareCatalogues(sqlite: Catalogue, postgres: Catalogue): string[] {
  return [
    ...compareNamed((name) => `table ${name}`, sqlite.tables, postgres.tables, (name, l, r) => [
      ...compareNamed((column) => `column ${name}.${column}`, l.columns, r.columns, (column, lc, rc) => compareColumn(`${name}.${column}`, lc, rc)),
      ...compareValues(`table ${name} primary key`, l.primaryKey, r.primaryKey),
      ...compareValues(`table ${name} unique`, l.uniques, r.uniques),
      ...compareValues(`table ${name} checks`, l.checks, r.checks),
      ...compareValues(`table ${name} foreign keys`, l.foreignKeys, r.foreignKeys),
    ]),
    ...compareNamed((name) => `view ${name}`, sqlite.views, postgres.views, (name, l, r) => compareValues(`view ${name} columns`, l, r)),
    ...compareNamed((name) => `index ${name}`, sqlite.indexes, postgres.indexes, (name, l, r) => compareValues(`index ${name}`, l, r)),
    ...compareNamed((name) => `trigger ${name}`, sqlite.triggers, postgres.triggers, (name, l, r) => compareValues(`trigger ${name}`, l, r)),
    ...sqlite.procedures.filter((name) => !postgres.procedures.includes(name)).map((name) => `procedure ${name}: only in sqlite`),
  ];
}

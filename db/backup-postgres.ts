import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { binDir } from '../scripts/postgres.mjs';
import { checkMigrationsAndRules, DatabaseFileRefused, fileTimestamp, newInspection, NOT_CLUB_HUB, refuse, type BackupResult, type Inspection, type Problem, type RestoreResult } from './backup';
import type { Db } from './engine';

/**
 * Backups and checked restores of a PostgreSQL database (`npm run backup`, `npm run restore` when
 * DATABASE_URL names one), with PostgreSQL's own tools: pg_dump's custom format (-Fc, compressed,
 * read back by pg_restore) and pg_restore, from Debian's server packages (scripts/postgres.mjs).
 *
 * A backup is one snapshot: a read-only REPEATABLE READ transaction exports its snapshot, the
 * consistency checks run in it, and pg_dump dumps that same snapshot (--snapshot), so what was
 * checked is what was written. Nothing is locked but against schema changes; the app writes on.
 *
 * A restore never touches the database before the backup passed every check: it is restored
 * into a new database beside it (pg_restore --single-transaction --exit-on-error), this code's
 * pending migrations are applied there and the consistency checks run; then, in one transaction,
 * the current database is renamed aside (`<name>_before_restore_<time>`) and the new one takes its
 * name. PostgreSQL refuses the rename while anyone is connected to either: a server still running
 * is told apart from one stopped. The role needs CREATEDB (it creates the new database) and must
 * own the current one, as the app's owner role does.
 */

const MIGRATIONS_FOLDER = path.join(process.cwd(), 'db', 'migrations-pg');
/** PostgreSQL truncates longer identifiers; a database's name is kept within it. */
const MAX_IDENTIFIER = 63;

/** A URL without its password, which goes to the tools in PGPASSWORD: a command line is visible to every user. */
function toolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.href, env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.href;
}

const databaseOf = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1)) || 'postgres';

/** Runs pg_dump or pg_restore; the AbortSignal stops it. Answers its exit code and what it said. */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(binDir() as string, tool), args, { env, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr.trim() }));
  });
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    if ((error as { code?: string }).code === '3D000') throw new DatabaseFileRefused('missing', `no database ${databaseOf(url)} on that server`);
    throw error;
  }
  return client;
}

/** The migration records, the consistency checks and (restore) the pending migrations, on one connection. */
async function inspect(client: pg.Client, purpose: 'backup' | 'restore'): Promise<Inspection> {
  const inspection = newInspection('pg_restore');
  const { rows } = await client.query<{ found: boolean }>(
    `select to_regclass('drizzle.__drizzle_migrations') is not null and to_regclass('public.customers') is not null as found`,
  );
  if (!rows[0]?.found) return refuse(inspection, NOT_CLUB_HUB);
  const orm = drizzle({ client });
  return checkMigrationsAndRules(inspection, purpose, {
    dialect: 'postgres',
    reader: { all: async (query: SQL) => (await orm.execute(query)).rows } as unknown as Pick<Db, 'all'>,
    migrate: async () => {
      await migrate(drizzle({ client, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER });
    },
    rows: async (query) => (await client.query(query)).rows,
  });
}

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether pg_restore reads the file as an archive of pg_dump's custom format; its complaint if not. */
async function readArchive(file: string, signal?: AbortSignal): Promise<string | null> {
  const listed = await runTool('pg_restore', ['--list', file], process.env, signal);
  return listed.code === 0 ? null : listed.stderr.split('\n')[0] || `pg_restore exited with ${listed.code}`;
}

/**
 * Dumps the database at `url` into `target` (pg_dump -Fc) while the app keeps serving, from the
 * snapshot the checks ran in; the archive is read back by pg_restore and renamed into place only
 * when complete. A database that fails its checks is dumped all the same, with the problems in the
 * result for the caller to raise.
 */
export async function backupPostgres(url: string, target: string, options: { signal?: AbortSignal } = {}): Promise<Omit<BackupResult, 'pages'>> {
  const { signal } = options;
  if (fs.existsSync(target)) throw new DatabaseFileRefused('exists', `${target} exists already; choose a new name or a folder`);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial-${process.pid}`;
  const started = Date.now();
  const client = await connect(url);
  try {
    // Customer data: readable by the server's user only, from the first byte pg_dump writes.
    fs.closeSync(fs.openSync(partial, 'wx', 0o600));
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ snapshot: string }>('select pg_export_snapshot() as snapshot');
    const checksStarted = Date.now();
    const inspection = await inspect(client, 'backup');
    const checkMs = Date.now() - checksStarted;
    const { dbname, env } = toolConnection(url);
    const dumped = await runTool('pg_dump', ['--format=custom', `--snapshot=${rows[0]!.snapshot}`, `--file=${partial}`, `--dbname=${dbname}`], env, signal);
    await client.query('commit');
    if (dumped.code !== 0) throw new Error(`pg_dump failed (${dumped.code}): ${dumped.stderr}`);
    const unreadable = await readArchive(partial, signal);
    if (unreadable) throw new Error(`pg_restore cannot read the archive pg_dump wrote: ${unreadable}`);
    signal?.throwIfAborted();
    fsyncPath(partial);
    fs.renameSync(partial, target);
    fsyncPath(path.dirname(target));
    return { file: target, bytes: fs.statSync(target).size, copyMs: Date.now() - started - checkMs, checkMs, inspection };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end();
  }
}

function refusalOf(problems: Problem[]): DatabaseFileRefused {
  const [first] = problems;
  return new DatabaseFileRefused(first!.reason, problems.map((p) => p.detail).join('\n'));
}

const inUse = (name: string) => new DatabaseFileRefused('in_use', `${name} is in use (a server or another process is connected to it): stop the server, then restore`);

/**
 * Replaces the database at `url` with the archive `backupFile` (pg_dump -Fc). Nothing is replaced
 * unless the archive restores whole into a new database and passes every check there (with this
 * code's pending migrations applied), and nobody is connected to the current database. The current
 * database is kept as `<name>_before_restore_<time>`.
 */
export async function restorePostgres(backupFile: string, url: string, options: { at?: Date; signal?: AbortSignal } = {}): Promise<RestoreResult> {
  const { at = new Date(), signal } = options;
  if (!fs.existsSync(backupFile) || !fs.statSync(backupFile).isFile()) throw new DatabaseFileRefused('missing', `no backup file at ${backupFile}`);
  const unreadable = await readArchive(backupFile, signal);
  if (unreadable) throw new DatabaseFileRefused('not_a_database', `not a PostgreSQL backup (pg_dump's custom format): ${unreadable}`);
  const name = databaseOf(url);
  const admin = await connect(withDatabase(url, 'postgres'));
  const id = (identifier: string) => admin.escapeIdentifier(identifier);
  const staged = `${name.slice(0, MAX_IDENTIFIER - 20)}_restoring_${process.pid}`;
  let swapped = false;
  try {
    const connected = async () =>
      Number((await admin.query<{ n: number }>('select count(*) as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])).rows[0]!.n);
    // Said at once, not after restoring a large archive for minutes; PostgreSQL checks again at the swap.
    if ((await connected()) > 0) throw inUse(name);
    await admin.query(`drop database if exists ${id(staged)} with (force)`);
    await admin.query(`create database ${id(staged)} template template0`);
    const stagedUrl = withDatabase(url, staged);
    const { dbname, env } = toolConnection(stagedUrl);
    const restored = await runTool('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', `--dbname=${dbname}`, backupFile], env, signal);
    if (restored.code !== 0) throw new DatabaseFileRefused('corrupt', `the archive does not restore whole (pg_restore: ${restored.stderr.split('\n').slice(0, 3).join(' ')})`);
    const client = await connect(stagedUrl);
    let inspection: Inspection;
    try {
      inspection = await inspect(client, 'restore');
    } finally {
      await client.end();
    }
    if (inspection.problems.length > 0) throw refusalOf(inspection.problems);
    signal?.throwIfAborted();

    const existed = (await admin.query('select 1 from pg_database where datname = $1', [name])).rows.length > 0;
    const keptAs = `${name.slice(0, MAX_IDENTIFIER - 31)}_before_restore_${fileTimestamp(at).replace('-', '_')}`;
    try {
      await admin.query('begin');
      if (existed) await admin.query(`alter database ${id(name)} rename to ${id(keptAs)}`);
      await admin.query(`alter database ${id(staged)} rename to ${id(name)}`);
      await admin.query('commit');
      swapped = true;
    } catch (error) {
      await admin.query('rollback');
      // 55006: someone connected to the database in the meantime.
      if ((error as { code?: string }).code === '55006') throw inUse(name);
      throw error;
    }
    return { keptAs: existed ? keptAs : null, inspection };
  } finally {
    if (!swapped) await admin.query(`drop database if exists ${id(staged)} with (force)`);
    await admin.end();
  }
}

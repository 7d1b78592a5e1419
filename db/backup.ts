import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { MIGRATIONS_FOLDER } from './sqlite';
import { CONSISTENCY_CHECKS } from './consistency';
import type { Dialect } from './dialect';
import type { Db } from './engine';
import { codeMigrations, compareMigrations, readAppliedMigrations } from './migration-state';

/**
 * Online backups and checked restores of the SQLite database (`npm run backup`, `npm run restore`,
 * scripts/db-backup.ts).
 *
 * A backup reads one snapshot: its connection holds a read transaction for the whole copy, so
 * SQLite's backup API never restarts (without it, every commit of the serving app restarts a
 * stepped copy, and one under a steady write load never ends). In WAL mode that reader blocks no
 * writer; the log only grows until the copy is done.
 *
 * A restore checks a private copy of the backup before anything else is touched, then takes the
 * current database with an exclusive lock (which tells whether anyone still has it open: see
 * takeExclusively), keeps it aside and renames the copy into its place.
 */

export type RefusalReason =
  | 'missing'
  | 'exists'
  | 'same_file'
  | 'not_a_database'
  | 'corrupt'
  | 'not_club_hub'
  | 'newer_code'
  | 'migrations_skipped'
  | 'inconsistent'
  | 'in_use';

/** Why a backup or restore did not go ahead; nothing was replaced. */
export class DatabaseFileRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseFileRefused';
  }
}

export interface Problem {
  reason: Exclude<RefusalReason, 'missing' | 'exists' | 'same_file' | 'in_use'>;
  detail: string;
}

export interface Inspection {
  /**
   * SQLite's check that ran: the full one (indexes against their tables too) or the quick one; on
   * PostgreSQL, pg_restore reading the archive back (db/backup-postgres.ts).
   */
  integrityCheck: 'integrity_check' | 'quick_check' | 'pg_restore';
  /** Migrations recorded in the file, after those this run applied. */
  migrationsApplied: number;
  /** This code's migrations the file lacked and this run applied to it (restore only). */
  migrationsAppliedNow: number;
  /** This code's migrations the file lacks (a backup of a server running older code). */
  migrationsBehind: number;
  /** Migrations in the file that this code does not know (newer code wrote it). */
  migrationsAhead: number;
  /** Consistency checks run (they need the file's schema to be this code's). */
  checksRun: number;
  problems: Problem[];
}

const INTEGRITY_LINES_SHOWN = 5;
const SAMPLE_ROWS = 5;

function sqliteCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

function fileProblem(error: unknown): Problem | null {
  const code = sqliteCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB') return { reason: 'not_a_database', detail: `not an SQLite database (${message})` };
  if (code.startsWith('SQLITE_CORRUPT')) return { reason: 'corrupt', detail: `the file is damaged (${message})` };
  return null;
}

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare(`select 1 from sqlite_master where type = 'table' and name = ?`).get(name) !== undefined;
}

export const NOT_CLUB_HUB: Problem = { reason: 'not_club_hub', detail: 'not a Club Hub database (it has no migrations table or no customers)' };

export function newInspection(integrityCheck: Inspection['integrityCheck']): Inspection {
  return { integrityCheck, migrationsApplied: 0, migrationsAppliedNow: 0, migrationsBehind: 0, migrationsAhead: 0, checksRun: 0, problems: [] };
}

export function refuse(inspection: Inspection, problem: Problem): Inspection {
  inspection.problems.push(problem);
  return inspection;
}

/** What checkMigrationsAndRules needs of an engine's open database. */
export interface InspectedDatabase {
  dialect: Dialect;
  reader: Pick<Db, 'all'>;
  /** Applies this code's migrations (a restore brings an older backup up to date first). */
  migrate: () => Promise<void>;
  /** Checks of the engine's own once the migrations are settled, if any. */
  migrated?: () => Promise<void>;
  /** The rows a consistency check's query finds. */
  rows: (query: string) => Promise<unknown[]>;
}

/**
 * The part of an inspection both engines share: the database's migrations against this code's
 * (a restore applies those missing and refuses a database from newer code), then the consistency
 * checks, which name this code's tables and columns and so run only on this code's schema.
 */
export async function checkMigrationsAndRules(inspection: Inspection, purpose: 'backup' | 'restore', database: InspectedDatabase): Promise<Inspection> {
  const expected = codeMigrations(database.dialect);
  const compare = async () => {
    const applied = await readAppliedMigrations(database.reader, database.dialect);
    const comparison = compareMigrations(applied, expected);
    inspection.migrationsApplied = applied.length;
    inspection.migrationsAhead = comparison.unknown;
    inspection.migrationsBehind = expected.length - comparison.found;
    return comparison;
  };
  const before = await compare();
  if (before.state === 'ahead' && purpose === 'restore') {
    return refuse(inspection, {
      reason: 'newer_code',
      detail: `written by newer code: ${inspection.migrationsAhead} of its migrations are unknown to this version (restore it with the code that made it)`,
    });
  }
  if (before.state === 'behind' && purpose === 'restore') {
    await database.migrate();
    const after = await compare();
    inspection.migrationsAppliedNow = after.found - before.found;
    if (after.state !== 'current') {
      return refuse(inspection, {
        reason: 'migrations_skipped',
        detail: `${inspection.migrationsBehind} of this code's migrations cannot be applied to it: they are older than its newest one, and the migrator skips those (the server would not start on it either)`,
      });
    }
  }
  await database.migrated?.();
  if (inspection.migrationsAhead > 0 || inspection.migrationsBehind > 0) return inspection;
  for (const check of CONSISTENCY_CHECKS) {
    const rows = await database.rows(check.query);
    inspection.checksRun += 1;
    if (rows.length > 0) {
      const sample = rows.slice(0, SAMPLE_ROWS).map((r) => JSON.stringify(r));
      inspection.problems.push({ reason: 'inconsistent', detail: `${check.name}: ${rows.length} row(s) break the rule that ${check.rule}, e.g. ${sample.join(', ')}` });
    }
  }
  return inspection;
}

/**
 * Checks a database file: SQLite's integrity check, its migrations against this code's, and (when
 * its schema is this code's) every consistency check of db/consistency.ts.
 *
 * For a restore, the check is thorough (the full integrity_check and foreign_key_check), and this
 * code's migrations that the file lacks are applied to it first, as the next start would; a file
 * from newer code is a problem, since this code cannot run it. A backup, made every hour beside
 * the serving app, runs the quick check (pages and records, not each index against its table):
 * on the national dataset the full checks took minutes of a processor, the quick ones seconds.
 */
export async function inspectDatabase(db: Database.Database, purpose: 'backup' | 'restore'): Promise<Inspection> {
  const inspection = newInspection(purpose === 'restore' ? 'integrity_check' : 'quick_check');
  try {
    const messages = (db.pragma(inspection.integrityCheck) as Record<string, string>[]).map((r) => Object.values(r)[0]).filter((m) => m !== 'ok');
    if (messages.length > 0) {
      const shown = messages.slice(0, INTEGRITY_LINES_SHOWN).join('; ');
      return refuse(inspection, { reason: 'corrupt', detail: `${inspection.integrityCheck} found ${messages.length} problem(s): ${shown}` });
    }
    if (!hasTable(db, '__drizzle_migrations') || !hasTable(db, 'customers')) return refuse(inspection, NOT_CLUB_HUB);
    const orm = drizzle({ client: db });
    return await checkMigrationsAndRules(inspection, purpose, {
      dialect: 'sqlite',
      reader: orm,
      migrate: async () => {
        db.pragma('foreign_keys = ON');
        migrate(orm, { migrationsFolder: MIGRATIONS_FOLDER });
      },
      migrated: async () => {
        const violations = purpose === 'restore' ? (db.pragma('foreign_key_check') as unknown[]) : [];
        if (violations.length > 0) {
          inspection.problems.push({ reason: 'inconsistent', detail: `${violations.length} row(s) refer to rows that do not exist (foreign_key_check)` });
        }
      },
      rows: async (query) => db.prepare(query).all(),
    });
  } catch (error) {
    const problem = fileProblem(error);
    if (problem) return refuse(inspection, problem);
    throw error;
  }
}

/** Writes the file's data to disk before it is renamed into place: a rename can reach the disk first. */
function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

function removeWithSideFiles(file: string): void {
  for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(file + suffix, { force: true });
}

/** Customer data: readable by the server's user only, from the first byte written. */
function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

async function copyPrivately(from: string, to: string, signal?: AbortSignal): Promise<void> {
  const fd = fs.openSync(to, 'wx', 0o600);
  await pipeline(fs.createReadStream(from), fs.createWriteStream('', { fd }), { signal });
}

/** 20240301-040506: file names that sort by time and need no quoting. */
export function fileTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
}

/**
 * Where a backup goes: the given file, or a timestamped file in the given folder (a path ending in
 * "/" or an existing folder): `.db` for an SQLite copy, `.dump` for pg_dump's archive.
 */
export function backupTarget(argument: string, at: Date, extension: '.db' | '.dump' = '.db'): string {
  const resolved = path.resolve(argument);
  const isFolder = /[/\\]$/.test(argument) || (fs.existsSync(resolved) && fs.statSync(resolved).isDirectory());
  return isFolder ? path.join(resolved, `club-hub-${fileTimestamp(at)}${extension}`) : resolved;
}

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

export interface BackupOptions {
  /** Pages copied per step (between steps the script's own event loop runs, e.g. to print progress). */
  pagesPerStep?: number;
  /** Called after each step; may return the number of pages for the next one (0 pauses without blocking). */
  onProgress?: (progress: BackupProgress) => number | void;
  /** Stops the backup between steps (Ctrl-C, a cron timeout): nothing half-written is left. */
  signal?: AbortSignal;
}

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  copyMs: number;
  checkMs: number;
  inspection: Inspection;
}

/**
 * Copies the database at `source` to `target` while the app keeps serving (SQLite's online backup
 * API, one consistent snapshot), makes the copy a single self-contained file, checks it, and
 * renames it into place only when complete. A copy that fails its checks is kept all the same (it
 * is what the database holds), with the problems in the result for the caller to raise.
 */
export async function backupDatabase(source: string, target: string, options: BackupOptions = {}): Promise<BackupResult> {
  if (!fs.existsSync(source)) throw new DatabaseFileRefused('missing', `no database at ${source}`);
  if (path.resolve(target) === path.resolve(source)) throw new DatabaseFileRefused('same_file', 'the backup cannot be the database itself');
  if (fs.existsSync(target)) throw new DatabaseFileRefused('exists', `${target} exists already; choose a new name or a folder`);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial-${process.pid}`;
  createPrivateFile(partial);
  try {
    const started = Date.now();
    const db = new Database(source, { readonly: true, fileMustExist: true });
    let pages = 0;
    try {
      db.pragma('busy_timeout = 5000');
      db.exec('BEGIN');
      // The snapshot starts with the transaction's first read, before the first page is copied.
      db.prepare('select count(*) from sqlite_master').get();
      const step = options.pagesPerStep ?? 4096;
      const done = await db.backup(partial, {
        progress: (progress) => {
          // Thrown here, it ends the copy: better-sqlite3 closes it and rejects.
          options.signal?.throwIfAborted();
          return options.onProgress?.(progress) ?? step;
        },
      });
      pages = done.totalPages;
      db.exec('COMMIT');
    } finally {
      db.close();
    }
    const copyMs = Date.now() - started;
    const copy = new Database(partial, { fileMustExist: true });
    let inspection: Inspection;
    try {
      // The source's header says WAL: the copy would grow -wal and -shm files wherever it is opened.
      copy.pragma('journal_mode = DELETE');
      inspection = await inspectDatabase(copy, 'backup');
    } finally {
      copy.close();
    }
    options.signal?.throwIfAborted();
    fsyncFile(partial);
    fs.renameSync(partial, target);
    fsyncDirectory(path.dirname(target));
    return { file: target, bytes: fs.statSync(target).size, pages, copyMs, checkMs: Date.now() - started - copyMs, inspection };
  } catch (error) {
    removeWithSideFiles(partial);
    throw error;
  }
}

export interface RestoreResult {
  /** Where the database that was replaced is kept (null when there was none). */
  keptAs: string | null;
  inspection: Inspection;
}

function refusalOf(problems: Problem[]): DatabaseFileRefused {
  const [first] = problems;
  return new DatabaseFileRefused(first!.reason, problems.map((p) => p.detail).join('\n'));
}

/**
 * Takes the current database for the restore. Every connection of a running server holds a shared
 * lock on a WAL database's file for as long as it is open, and SQLite leaves WAL mode only with
 * that file locked exclusively: so the switch fails at once while any process (the server, a
 * script, a backup, an sqlite3 shell) has it open, and a server killed with SIGKILL leaves no lock
 * behind. Once switched, the write-ahead log of a server that stopped is folded into the file (the
 * copy kept aside is complete) and its -wal and -shm are gone, so none can pair with the restored
 * file. The exclusive locking mode keeps everyone out until the returned connection is closed.
 * Returns null when the file is no SQLite database at all: then no server can be using it either.
 */
function takeExclusively(target: string): Database.Database | null {
  const db = new Database(target, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    // Then the lock, held from here on: also when the file was not in WAL mode, where the switch
    // above locks nothing. (Switching in the exclusive locking mode would leave a -journal and the
    // -shm behind.)
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return db;
  } catch (error) {
    db.close();
    if (sqliteCode(error).startsWith('SQLITE_BUSY') || sqliteCode(error).startsWith('SQLITE_LOCKED')) {
      throw new DatabaseFileRefused('in_use', `${target} is in use (a server or another process has it open): stop the server, then restore`);
    }
    if (fileProblem(error)) return null;
    throw error;
  }
}

/**
 * Replaces the database at `target` with the backup at `backupFile`. Nothing is replaced unless the
 * backup passes every check of inspectDatabase (on a private copy beside the target, with this
 * code's pending migrations applied) and nobody has the current database open. The current database
 * is kept as `<target>.before-restore-<time>`; the copy takes its place by an atomic rename, after
 * its data reached the disk.
 */
export async function restoreDatabase(backupFile: string, target: string, options: { at?: Date; signal?: AbortSignal } = {}): Promise<RestoreResult> {
  const { at = new Date(), signal } = options;
  if (!fs.existsSync(backupFile) || !fs.statSync(backupFile).isFile()) throw new DatabaseFileRefused('missing', `no backup file at ${backupFile}`);
  if (fs.existsSync(target) && fs.realpathSync(backupFile) === fs.realpathSync(target)) {
    throw new DatabaseFileRefused('same_file', 'the backup is the database itself');
  }
  // Said at once, not after checking a large backup for minutes; taken again for the swap.
  if (fs.existsSync(target)) takeExclusively(target)?.close();
  const dir = path.dirname(target);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const staged = `${target}.restoring-${process.pid}`;
  removeWithSideFiles(staged);
  try {
    await copyPrivately(backupFile, staged, signal);
    // A file copied from a stopped server's folder may still have its log beside it.
    if (fs.existsSync(`${backupFile}-wal`)) await copyPrivately(`${backupFile}-wal`, `${staged}-wal`, signal);
    const copy = new Database(staged, { fileMustExist: true });
    let inspection: Inspection;
    try {
      copy.pragma('busy_timeout = 0');
      inspection = await inspectDatabase(copy, 'restore');
      if (inspection.problems.length > 0) throw refusalOf(inspection.problems);
      copy.pragma('journal_mode = DELETE');
    } catch (error) {
      const problem = fileProblem(error);
      throw problem ? refusalOf([problem]) : error;
    } finally {
      copy.close();
    }
    signal?.throwIfAborted();
    fsyncFile(staged);

    const keptAs = `${target}.before-restore-${fileTimestamp(at)}`;
    const existed = fs.existsSync(target);
    const current = existed ? takeExclusively(target) : null;
    let kept = existed;
    try {
      // A hard link keeps the old file whole under its new name while the rename below swaps the
      // target's name over to the restored one in one step.
      if (existed) fs.linkSync(target, keptAs);
      // What is still beside it (the log of a file that was no database, or of one deleted by
      // hand) would be replayed into the restored file: it goes aside too.
      for (const suffix of SIDE_FILES) {
        if (!fs.existsSync(target + suffix)) continue;
        fs.renameSync(target + suffix, keptAs + suffix);
        kept = true;
      }
      fs.renameSync(staged, target);
      fsyncDirectory(dir);
    } finally {
      current?.close();
    }
    return { keptAs: kept ? keptAs : null, inspection };
  } finally {
    removeWithSideFiles(staged);
  }
}

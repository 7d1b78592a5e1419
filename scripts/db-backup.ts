/**
 * Backups of the database named by DATABASE_URL, and restores from them (db/backup.ts for the
 * SQLite file, db/backup-postgres.ts with pg_dump and pg_restore for PostgreSQL):
 *   npm run backup -- FILE|FOLDER/    online, while the app serves; a folder gets club-hub-<UTC time>.db
 *                                     (.dump: pg_dump's custom format, on PostgreSQL)
 *   npm run restore -- FILE           with the server stopped; checks the backup before replacing anything
 * Exit codes: 0 done; 1 failed; 2 wrong arguments; 3 the database is in use (restore);
 * 4 the file fails its checks (damaged, inconsistent, newer code, not a Club Hub database), or the
 * target exists (backup).
 */
import os from 'node:os';
import { databaseName, resolveDatabasePath } from '@/db/config';
import { DIALECT } from '@/db/dialect';
import { backupDatabase, backupTarget, DatabaseFileRefused, restoreDatabase, type Inspection, type RefusalReason } from '@/db/backup';
import { backupPostgres, restorePostgres } from '@/db/backup-postgres';
import { DATABASE_URL_HELP, EXIT_USAGE, parseCommandLine, usageError, usageText } from './cli.mjs';
import { databaseFromEnv, requireExistingDatabase } from './cli-database';

const USAGE = usageText({
  synopsis: ['npm run backup -- FILE|FOLDER/', 'npm run restore -- FILE'],
  description: [
    'backup   copies the database online, while the app serves, and checks the copy; a folder gets',
    '         club-hub-<UTC time>.db (.dump, pg_dump\'s custom format, on PostgreSQL). Refuses a missing database.',
    'restore  replaces the database with a backup, with the server stopped; checks the backup first and keeps',
    '         the database it replaces beside it.',
    'Exit codes: 0 done; 1 failed; 2 wrong arguments or no database; 3 the database is in use (restore);',
    '4 the file fails its checks (damaged, inconsistent, newer code, not a Club Hub database), or the target exists (backup).',
  ].join('\n'),
  environment: [DATABASE_URL_HELP],
  examples: ['npm run backup -- /var/backups/club-hub/', 'npm run restore -- /var/backups/club-hub/club-hub-20261207-020000.db'],
});

const EXIT_FAILED = 1;
const EXIT_IN_USE = 3;
const EXIT_REFUSED = 4;

const exitCodeOf = (reason: RefusalReason) => (reason === 'in_use' ? EXIT_IN_USE : reason === 'missing' || reason === 'same_file' ? EXIT_USAGE : EXIT_REFUSED);

const BACKUP_NICENESS = 10;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function describeChecks(inspection: Inspection): string {
  const parts = [inspection.integrityCheck === 'pg_restore' ? 'archive read back by pg_restore' : `${inspection.integrityCheck} ok`];
  if (inspection.checksRun > 0) parts.push(`${inspection.checksRun} consistency checks ok (ledgers equal balances, seats, statistics)`);
  else if (inspection.migrationsAhead > 0) parts.push(`consistency checks skipped: the database has ${inspection.migrationsAhead} migration(s) newer than this code`);
  else if (inspection.migrationsBehind > 0) parts.push(`consistency checks skipped: the database lacks ${inspection.migrationsBehind} migration(s) of this code`);
  parts.push(`${inspection.migrationsApplied} migrations${inspection.migrationsAppliedNow > 0 ? ` (${inspection.migrationsAppliedNow} applied now)` : ''}`);
  return parts.join(', ');
}

async function backup(argument: string): Promise<number> {
  // The serving app comes first: the copy and its checks take the processor it leaves.
  os.setPriority(BACKUP_NICENESS);
  const onPostgres = DIALECT === 'postgres';
  const source = onPostgres ? databaseName() : resolveDatabasePath();
  const target = backupTarget(argument, new Date(), onPostgres ? '.dump' : '.db');
  console.log(`Backing up ${source} to ${target} …`);
  let lastShown = Date.now();
  const result = onPostgres
    ? await backupPostgres(process.env.DATABASE_URL!, target, { signal: interrupted.signal })
    : await backupDatabase(source, target, {
        signal: interrupted.signal,
        onProgress: ({ totalPages, remainingPages }) => {
          if (Date.now() - lastShown < 5000) return;
          lastShown = Date.now();
          console.log(`  ${Math.floor((100 * (totalPages - remainingPages)) / Math.max(totalPages, 1))}% copied`);
        },
      });
  console.log(`Copied ${megabytes(result.bytes)} in ${seconds(result.copyMs)}, checked in ${seconds(result.checkMs)}.`);
  if (result.inspection.problems.length > 0) {
    console.error(`The copy is faithful, but the database fails its checks (restore would refuse it):\n${result.inspection.problems.map((p) => `  ${p.detail}`).join('\n')}`);
    return EXIT_REFUSED;
  }
  console.log(`Backup ${result.file}: ${describeChecks(result.inspection)}.`);
  return 0;
}

async function restore(file: string): Promise<number> {
  const onPostgres = DIALECT === 'postgres';
  const target = onPostgres ? databaseName() : resolveDatabasePath();
  console.log(`Restoring ${target} from ${file} …`);
  const options = { signal: interrupted.signal };
  const result = onPostgres ? await restorePostgres(file, process.env.DATABASE_URL!, options) : await restoreDatabase(file, target, options);
  console.log(`Checked the backup: ${describeChecks(result.inspection)}.`);
  console.log(`Restored ${target}.${result.keptAs ? ` The database it replaced is kept as ${result.keptAs}.` : ''}`);
  return 0;
}

/** Ctrl-C or a cron timeout (SIGTERM) stops the work between steps and removes what it wrote; a second one kills at once. */
const interrupted = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => interrupted.abort());

async function main(): Promise<number> {
  const { positionals } = parseCommandLine({ usage: USAGE, allowPositionals: true });
  const [command, file, ...rest] = positionals;
  if (command !== 'backup' && command !== 'restore') usageError(`unknown command "${command ?? ''}" (backup or restore)`);
  if (!file) usageError(`${command} needs a ${command === 'backup' ? 'FILE or FOLDER/ to write' : 'backup FILE to read'}`);
  if (rest.length > 0) usageError(`unexpected argument "${rest[0]}"`);
  if (command === 'backup') requireExistingDatabase('npm run backup');
  else databaseFromEnv();
  try {
    return command === 'backup' ? await backup(file) : await restore(file);
  } catch (error) {
    if (interrupted.signal.aborted) {
      console.error(`${command} interrupted: nothing half-written is left${command === 'restore' ? ', nothing was replaced' : ''}.`);
      return EXIT_FAILED;
    }
    if (error instanceof DatabaseFileRefused) {
      console.error(`Refused: ${error.message}${command === 'restore' ? '\nNothing was replaced.' : ''}`);
      return exitCodeOf(error.reason);
    }
    console.error(`${command} failed: ${error instanceof Error ? error.message : String(error)}${command === 'restore' ? '\nNothing was replaced.' : ''}`);
    return EXIT_FAILED;
  }
}

void main().then((code) => {
  process.exitCode = code;
});

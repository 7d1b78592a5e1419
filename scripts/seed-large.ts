/**
 * Fills a separate database with the national-scale dataset, for measuring queries:
 *   DATABASE_URL=.data/large.db npm run seed:large -- [--force] [--customers N] [--memberships N]
 *     [--events N] [--registrations N] [--seed N] [--now YYYY-MM-DD]
 * or DATABASE_URL=postgres://…/club_hub_large (a database of its own, already created). It never
 * touches the default SQLite file, and refuses a database that holds data unless --force, which
 * deletes the file (on PostgreSQL: everything in the database) and starts over. `--help` for more.
 */
import fs from 'node:fs';
import { closeDatabase, migrateDatabase, resetDatabase } from '@/db/client';
import { DEFAULT_DATABASE_PATH } from '@/db/config';
import { ensureReferenceData, isDatabaseEmpty } from '@/db/seed';
import { analyzeDatabase, countTableRows, generateLargeDataset, LARGE_DATASET_DEFAULTS } from '@/db/seed/large';
import { shanghaiInstant } from '@/lib/domain/time';
import { exitUsage, parseCommandLine, usageError, usageText } from './cli.mjs';
import { databaseFromEnv } from './cli-database';

function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) usageError(`--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

function day(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) usageError(`--now must be a date YYYY-MM-DD, got "${value}"`);
  return shanghaiInstant(Number(match[1]), Number(match[2]), Number(match[3]));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const USAGE = usageText({
  synopsis: ['DATABASE_URL=FILE|postgres://… npm run seed:large [-- --force] [--customers N] [--memberships N] [--events N] [--registrations N] [--seed N] [--now YYYY-MM-DD]'],
  description: [
    'Fills a separate database with the national-scale dataset, for measuring queries (npm run bench). It never touches',
    'the default SQLite file, and refuses a database that holds data unless --force. On PostgreSQL the database must exist.',
  ].join('\n'),
  options: [
    ['--force', 'delete the file (on PostgreSQL: everything in the database) and start over'],
    ['--customers N', `customers (default ${LARGE_DATASET_DEFAULTS.customers.toLocaleString('en-US')})`],
    ['--memberships N', `club memberships (default ${LARGE_DATASET_DEFAULTS.memberships.toLocaleString('en-US')})`],
    ['--events N', `events (default ${LARGE_DATASET_DEFAULTS.events.toLocaleString('en-US')})`],
    ['--registrations N', `registrations (default ${LARGE_DATASET_DEFAULTS.registrations.toLocaleString('en-US')})`],
    ['--seed N', `the random generator's seed (default ${LARGE_DATASET_DEFAULTS.seed})`],
    ['--now YYYY-MM-DD', 'the day the dataset is made as of (default today)'],
  ],
  environment: [['DATABASE_URL', 'required: the SQLite file to fill (not the default one), or postgres://…/a_database_of_its_own']],
  examples: ['DATABASE_URL=.data/large.db npm run seed:large', 'DATABASE_URL=.data/small.db npm run seed:large -- --force --customers 10000 --registrations 20000'],
});

async function main() {
  const { values } = parseCommandLine({
    usage: USAGE,
    options: {
      force: { type: 'boolean', default: false },
      customers: { type: 'string' },
      memberships: { type: 'string' },
      events: { type: 'string' },
      registrations: { type: 'string' },
      seed: { type: 'string' },
      now: { type: 'string' },
    },
  });
  if (!process.env.DATABASE_URL) exitUsage('Set DATABASE_URL to the file to fill, e.g. DATABASE_URL=.data/large.db; see --help');
  const target = databaseFromEnv();
  const onPostgres = target.engine === 'postgres';
  const file = onPostgres ? target.url : target.file;
  const shown = onPostgres ? target.database : target.file;
  if (!onPostgres && file === DEFAULT_DATABASE_PATH) throw new Error(`Refusing to fill the default database ${file}; choose another file.`);
  const options = {
    customers: count('customers', values.customers),
    memberships: count('memberships', values.memberships),
    events: count('events', values.events),
    registrations: count('registrations', values.registrations),
    seed: count('seed', values.seed) ?? LARGE_DATASET_DEFAULTS.seed,
    now: day(values.now),
  };

  const started = performance.now();
  if (values.force && onPostgres) await resetDatabase();
  else if (values.force) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  await migrateDatabase();
  await ensureReferenceData();
  const empty = await isDatabaseEmpty();
  await closeDatabase();
  if (!empty) throw new Error(`${shown} already holds data; pass --force to delete it and start over.`);
  console.log(`Filling ${shown} (seed ${options.seed})`);

  const summary = await generateLargeDataset({
    file,
    ...options,
    onPhase: (p) => console.log(`  ${p.name.padEnd(40)} ${seconds(p.ms).padStart(9)}${p.rows > 0 ? `  ${p.rows.toLocaleString('en-US').padStart(11)} rows` : ''}`),
  });
  const analyzeStarted = performance.now();
  await analyzeDatabase(file);
  console.log(`  ${'ANALYZE'.padEnd(40)} ${seconds(performance.now() - analyzeStarted).padStart(9)}`);
  console.log(`Done in ${seconds(performance.now() - started)}; ${summary.registrations.toLocaleString('en-US')} registrations.`);

  console.log('\nRows per table');
  for (const [table, rows] of Object.entries(await countTableRows(file))) console.log(`  ${table.padEnd(20)} ${rows.toLocaleString('en-US').padStart(11)}`);
  if (!onPostgres) console.log(`\n${file}: ${(fs.statSync(file).size / 1024 ** 2).toFixed(0)} MiB`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(closeDatabase);

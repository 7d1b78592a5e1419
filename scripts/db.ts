/**
 * Database commands: `setup` (migrate, reference data, demo data when empty; prints the demo
 * logins with this database's demo password), `reseed` (deletes the database file and sets it up
 * again from scratch, with a new demo password; refused while another process has the database open,
 * unless --yes), `migrate` (the migrations only). SEED=demo on a database that holds real staff
 * accounts is refused by setup and reseed, before anything is written or deleted. `--help` for more.
 */
import fs from 'node:fs';
import { closeDatabase, migrateDatabase, otherDatabaseUsers, resetDatabase } from '@/db/client';
import { databaseName } from '@/db/config';
import { demoLogins, refuseDemoOnRealDatabase, seedModeFromEnv, setupDatabase } from '@/db/seed';
import { demoPasswordFile } from '@/db/seed/demo-password';
import { DATABASE_URL_HELP, parseCommandLine, usageError, usageText } from './cli.mjs';
import { databaseFromEnv } from './cli-database';

async function printLogins() {
  const logins = await demoLogins();
  if (!logins) return;
  const password = logins.password
    ? `password for all: ${logins.password}, kept in ${logins.file}`
    : `password unknown: ${logins.file} is missing or no longer opens a demo account; \`npm run db:reseed\` starts over`;
  const lines = [
    '',
    `Demo logins (${password})`,
    ...logins.staff.map((s) => `  staff   ${s.username.padEnd(12)} ${s.role.padEnd(8)} ${s.provinceCode ?? 'HQ'}  ${s.displayName}`),
    ...logins.members.map((m) => `  member  ${m.mobile}  ${m.segment.padEnd(12)} ${m.provinceCode}  ${m.name}`),
    '',
  ];
  console.log(lines.join('\n'));
}

const USAGE = usageText({
  synopsis: ['npm run db:setup', 'npm run db:migrate', 'npm run db:reseed [-- --yes]'],
  description: [
    'db:setup    migrations, reference data, and demo data when the database is empty (SEED=demo);',
    '            prints the demo logins. Creates the database when there is none.',
    'db:migrate  the migrations only.',
    'db:reseed   deletes the database and sets it up again from scratch, with a new demo password.',
    '            Refused while another process (a running server) has the database open, unless --yes.',
    'SEED=demo on a database that holds real staff accounts is refused, before anything is written.',
  ].join('\n'),
  options: [['--yes', 'db:reseed: delete the database even while other processes have it open']],
  environment: [DATABASE_URL_HELP, ['SEED', 'demo (default) or none: whether an empty database gets the demo data'], ['DEMO_PASSWORD', 'the demo accounts\' password (default: a new random one, kept beside the database)']],
  examples: ['npm run db:setup', 'SEED=none DATABASE_URL=/srv/club-hub/club.db npm run db:setup', 'DATABASE_URL=postgres://club:secret@db.internal:5432/club_hub npm run db:migrate', 'npm run db:reseed -- --yes'],
});

const EXIT_IN_USE = 3;

async function main() {
  const { positionals, values } = parseCommandLine({ usage: USAGE, allowPositionals: true, options: { yes: { type: 'boolean' } } });
  const [command = 'setup', ...extra] = positionals;
  if (!['setup', 'migrate', 'reseed'].includes(command)) usageError(`unknown command "${command}" (setup, migrate or reseed)`);
  if (extra.length > 0) usageError(`unexpected argument "${extra[0]}"`);
  if (values.yes && command !== 'reseed') usageError('--yes is for db:reseed only');
  databaseFromEnv();
  const name = databaseName();
  if (command === 'migrate') {
    const started = Date.now();
    await migrateDatabase();
    console.log(`Database ${name} is migrated (${Date.now() - started} ms).`);
    await closeDatabase();
    return;
  }
  const mode = seedModeFromEnv();
  if (command === 'reseed') {
    // First, before this process opens the database: its own connections would count.
    const users = await otherDatabaseUsers();
    if (users && !values.yes) {
      console.error(`Refused: ${name} is in use (${users}). Stop the server first; \`npm run db:reseed -- --yes\` deletes it anyway, under the feet of whoever has it open.`);
      await closeDatabase();
      process.exit(EXIT_IN_USE);
    }
    if (users) console.warn(`Warning: ${name} is in use (${users}); reseeding anyway (--yes). Restart the server afterwards.`);
    // The same refusal as setup's, before anything is deleted: reseeding a real database with demo data loses it.
    if (mode === 'demo') await refuseDemoOnRealDatabase();
    await resetDatabase();
    fs.rmSync(demoPasswordFile(), { force: true });
  }
  const started = Date.now();
  const summary = await setupDatabase(mode);
  console.log(`Database ${name} is ready (${Date.now() - started} ms).`);
  if (summary) {
    console.log(`Seeded demo data: ${summary.customers} customers, ${summary.memberships} memberships, ${summary.events} events, ${summary.registrations} registrations.`);
  }
  if (mode === 'demo') await printLogins();
  await closeDatabase();
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await closeDatabase();
  process.exit(1);
});

/**
 * Staff accounts from the command line, as a real deployment needs for its first admin:
 *   npm run user -- create --username NAME --password PASS --role admin|operator|analyst [--province CODE] [--name "显示名"]
 */
import { ZodError } from 'zod';
import { closeDatabase } from '@/db/client';
import { setupDatabase } from '@/db/seed';
import { DomainError } from '@/lib/domain/errors';
import { STAFF_ROLES, type StaffRole } from '@/lib/domain/types';
import { createStaff } from '@/lib/server/staff';
import en from '@/messages/en.json';
import { DATABASE_URL_HELP, parseCommandLine, usageError, usageText } from './cli.mjs';
import { databaseFromEnv } from './cli-database';

const errorTexts: Record<string, string | undefined> = en.errors;

const USAGE = usageText({
  synopsis: [`npm run user -- create --username NAME --password PASS --role ${STAFF_ROLES.join('|')} [--province CODE] [--name NAME]`],
  description:
    'Creates a staff account, as a real deployment needs for its first admin. Brings the database up to date first\n(migrations, reference data, no demo data), creating it when there is none.',
  options: [
    ['--username NAME', 'the sign-in name'],
    ['--password PASS', 'at least 12 characters, hard to guess'],
    ['--role ROLE', `${STAFF_ROLES.join(', ')}`],
    ['--province CODE', "the province's code (GB/T 2260, e.g. 440000) for staff of a province; an admin has none"],
    ['--name NAME', 'the name shown in the app (default: the username)'],
  ],
  environment: [DATABASE_URL_HELP],
  examples: [
    "npm run user -- create --username hq.admin --password '…' --role admin",
    `npm run user -- create --username zj.ops --password '…' --role operator --province 330000 --name "王丽"`,
  ],
});

async function main() {
  const { positionals, values } = parseCommandLine({
    usage: USAGE,
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      province: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (positionals.length === 0) usageError('a command is needed (create)');
  if (positionals[0] !== 'create') usageError(`unknown command "${positionals[0]}" (create)`);
  if (positionals.length > 1) usageError(`unexpected argument "${positionals[1]}"`);
  const missing = (['username', 'password', 'role'] as const).filter((o) => !values[o]);
  if (missing.length > 0) usageError(`create needs ${missing.map((o) => `--${o}`).join(', ')}`);
  const role = values.role!;
  if (!(STAFF_ROLES as readonly string[]).includes(role)) usageError(`--role must be one of ${STAFF_ROLES.join(', ')}, got "${role}"`);
  databaseFromEnv();

  // A first admin may be made before the app ever started: bring the schema up without demo data.
  await setupDatabase('none');
  const created = await createStaff(
    { kind: 'system', via: 'cli' },
    {
      username: values.username!,
      password: values.password!,
      role: role as StaffRole,
      provinceCode: values.province ?? null,
      displayName: values.name,
    },
  );
  console.log(`Created ${created.role} "${created.username}" (${created.provinceCode ?? 'HQ'}), id ${created.id}.`);
  // From now on this is a real deployment's database: `npm start` refuses to treat it as a demo.
  console.log('Start the app on this database with SEED=none (demo data goes only into an empty database).');
}

main()
  .catch((error: unknown) => {
    // The schema's messages are error codes; the command line says them in English.
    if (error instanceof ZodError) console.error(error.issues.map((i) => `${i.path.join('.')}: ${i.message} (${errorTexts[i.message] ?? 'invalid'})`).join('\n'));
    else if (error instanceof DomainError) console.error(`refused: ${error.code} (${errorTexts[error.code] ?? error.code})`);
    else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(closeDatabase);

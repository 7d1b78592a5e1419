/**
 * Staff accounts from the command line, as a real deployment needs for its first admin:
 *   npm run user -- create --username NAME --password PASS --role admin|operator|analyst [--province CODE] [--name "显示名"]
 */
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { closeDatabase } from '@/db/client';
import { setupDatabase } from '@/db/seed';
import { DomainError } from '@/lib/domain/errors';
import { STAFF_ROLES, type StaffRole } from '@/lib/domain/types';
import { createStaff } from '@/lib/server/staff';
import en from '@/messages/en.json';

const errorTexts: Record<string, string | undefined> = en.errors;

const USAGE = 'usage: npm run user -- create --username NAME --password PASS --role admin|operator|analyst [--province CODE] [--name NAME]';

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      province: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (positionals[0] !== 'create') throw new Error(USAGE);
  if (!values.username || !values.password || !values.role) throw new Error(USAGE);
  if (!(STAFF_ROLES as readonly string[]).includes(values.role)) throw new Error(`--role must be one of ${STAFF_ROLES.join(', ')}`);

  // A first admin may be made before the app ever started: bring the schema up without demo data.
  await setupDatabase('none');
  const created = await createStaff(
    { kind: 'system', via: 'cli' },
    {
      username: values.username,
      password: values.password,
      role: values.role as StaffRole,
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

/**
 * Database commands: `setup` (migrate, reference data, demo data when empty; prints the demo
 * logins with this database's demo password), `reseed` (deletes the database file and sets it up
 * again from scratch, with a new demo password), `migrate` (the migrations only). SEED=demo on a
 * database that holds real staff accounts is refused by setup and reseed, before anything is
 * written or deleted.
 */
import fs from 'node:fs';
import { closeDatabase, migrateDatabase, resetDatabase } from '@/db/client';
import { databaseName } from '@/db/config';
import { demoLogins, refuseDemoOnRealDatabase, seedModeFromEnv, setupDatabase } from '@/db/seed';
import { demoPasswordFile } from '@/db/seed/demo-password';

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

async function main() {
  const command = process.argv[2] ?? 'setup';
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
    // The same refusal as setup's, before anything is deleted: reseeding a real database with demo data loses it.
    if (mode === 'demo') await refuseDemoOnRealDatabase();
    await resetDatabase();
    fs.rmSync(demoPasswordFile(), { force: true });
  } else if (command !== 'setup') {
    throw new Error(`unknown command "${command}" (setup | reseed | migrate)`);
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

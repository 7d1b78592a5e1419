/**
 * Database commands: `setup` (migrate, reference data, demo data when empty; prints the demo
 * logins), `reseed` (deletes the database file and sets it up again from scratch).
 */
import fs from 'node:fs';
import { closeDatabase } from '@/db/client';
import { resolveDatabasePath } from '@/db/config';
import { DEMO_LOGINS, seedModeFromEnv, setupDatabase } from '@/db/seed';

function printLogins() {
  const lines = [
    '',
    `Demo logins (password for all: ${DEMO_LOGINS.password})`,
    ...DEMO_LOGINS.staff.map((s) => `  staff   ${s.username.padEnd(12)} ${s.role.padEnd(8)} ${s.provinceCode ?? 'HQ'}  ${s.displayName}`),
    ...DEMO_LOGINS.members.map((m) => `  member  ${m.mobile}  ${m.segment.padEnd(12)} ${m.provinceCode}  ${m.name}`),
    '',
  ];
  console.log(lines.join('\n'));
}

async function main() {
  const command = process.argv[2] ?? 'setup';
  const file = resolveDatabasePath();
  const mode = seedModeFromEnv();
  if (command === 'reseed') {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  } else if (command !== 'setup') {
    throw new Error(`unknown command "${command}" (setup | reseed)`);
  }
  const started = Date.now();
  const summary = await setupDatabase(mode);
  closeDatabase();
  console.log(`Database ${file} is ready (${Date.now() - started} ms).`);
  if (summary) {
    console.log(`Seeded demo data: ${summary.customers} customers, ${summary.memberships} memberships, ${summary.events} events, ${summary.registrations} registrations.`);
  }
  if (mode === 'demo') printLogins();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

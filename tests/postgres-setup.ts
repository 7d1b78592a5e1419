import { execFileSync } from 'node:child_process';
import pg from 'pg';
// @ts-expect-error: a plain ES module of the project's scripts, without types.
import { startPostgres } from '../scripts/postgres.mjs';

/**
 * vitest's global setup when the suite runs on PostgreSQL (TEST_DATABASE=postgres): a server (the
 * project's own, scripts/postgres.mjs, unless TEST_POSTGRES_URL names one), and a template
 * database with every migration applied, from which each test file's database is copied
 * (tests/temp-database.ts). DATABASE_URL names the template for the test processes, so that they
 * load the schema's PostgreSQL tables (db/dialect.ts).
 */
export const TEMPLATE = 'club_hub_template';

export function databaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.href;
}

export default async function setup(): Promise<void> {
  const server = process.env.TEST_POSTGRES_URL ?? (startPostgres() as string);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE} with (force)`);
    await admin.query(`create database ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  const template = databaseUrl(server, TEMPLATE);
  execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db.ts', 'migrate'], { env: { ...process.env, DATABASE_URL: template }, stdio: 'pipe' });
  process.env.TEST_POSTGRES_URL = server;
  process.env.DATABASE_URL = template;
}

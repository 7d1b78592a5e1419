import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { startPostgres } from '../scripts/postgres.mjs';

/**
 * vitest's global setup when the suite runs on PostgreSQL (TEST_DATABASE=postgres): a server (the
 * project's own, scripts/postgres.mjs, unless TEST_POSTGRES_URL names one), and a template
 * database with every migration applied, from which each test file's database is copied
 * (tests/temp-database.ts). DATABASE_URL names the template for the test processes, so that they
 * load the schema's PostgreSQL tables (db/dialect.ts).
 */
export const templateName = () => process.env.TEST_POSTGRES_TEMPLATE!;

export function databaseUrl(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.href;
}

export async function adminQuery(server: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  const server = process.env.TEST_POSTGRES_URL ?? (startPostgres() as string);
  // A template of this run's own: several runs (worktrees, CI jobs) may share one server.
  const name = `club_hub_template_${process.pid}_${Date.now().toString(36)}`;
  await adminQuery(server, `create database ${name}`);
  const template = databaseUrl(server, name);
  execFileSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db.ts', 'migrate'], { env: { ...process.env, DATABASE_URL: template }, stdio: 'pipe' });
  process.env.TEST_POSTGRES_URL = server;
  process.env.TEST_POSTGRES_TEMPLATE = name;
  process.env.DATABASE_URL = template;
  return () => adminQuery(server, `drop database if exists ${name} with (force)`);
}

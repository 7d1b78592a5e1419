/** What the command lines that open the database share (scripts/cli.mjs has the rest). */
import fs from 'node:fs';
import { DatabaseUrlError, parseDatabaseUrl } from '@/db/config';
import type { DatabaseTarget } from '@/db/database-url.mjs';
import { exitUsage } from './cli.mjs';

/** DATABASE_URL's database; an unsupported URL exits 2 with its refusal, before anything is opened or created. */
export function databaseFromEnv(): DatabaseTarget {
  try {
    return parseDatabaseUrl(process.env.DATABASE_URL);
  } catch (error) {
    if (error instanceof DatabaseUrlError) exitUsage(error.message);
    throw error;
  }
}

/**
 * For a command that only reads (or changes what is there): a SQLite file that is not there exits 2,
 * since opening it would create an empty database, and its folder. (A PostgreSQL database is never
 * created by connecting to it.)
 */
export function requireExistingDatabase(command: string): DatabaseTarget {
  const target = databaseFromEnv();
  if (target.engine === 'sqlite' && !fs.existsSync(target.file)) {
    exitUsage(`No database at ${target.file}: \`${command}\` only works on one and creates none. \`npm run db:setup\` creates it (or set DATABASE_URL to the database you meant).`);
  }
  return target;
}

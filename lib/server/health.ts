import 'server-only';
import { getReader } from '@/db/client';
import { CODE_MIGRATIONS, compareMigrations, readAppliedMigrations } from '@/db/migration-state';
import packageJson from '@/package.json';
import { log } from './log';

export interface HealthReport {
  status: 'ok' | 'unavailable';
  database: 'ok' | 'unavailable';
  /**
   * The code's migrations found in the database, of those it has; `behind` when some are missing,
   * `ahead` when the database has one the code does not know (a newer version migrated it).
   */
  migrations: { applied: number; expected: number; state: 'current' | 'behind' | 'ahead' } | null;
  version: string;
}

let lastProblem: string | null = null;

/** Logs a problem when it starts and when it ends, not at every probe of a load balancer. */
function note(problem: string | null, error?: unknown) {
  if (problem === lastProblem) return;
  if (problem) log.warn({ err: error, problem }, 'health check failing');
  else log.info({ was: lastProblem }, 'health check passing again');
  lastProblem = problem;
}

/**
 * Whether this server can serve: the database answers a read and holds exactly the code's
 * migrations (compareMigrations). Reads only, on the read connection, which never waits for the
 * write lock (WAL).
 */
export async function checkHealth(expected: readonly number[] = CODE_MIGRATIONS): Promise<HealthReport> {
  const version = packageJson.version;
  let applied: number[];
  try {
    applied = await readAppliedMigrations(getReader());
  } catch (error) {
    note('database', error);
    return { status: 'unavailable', database: 'unavailable', migrations: null, version };
  }
  const { found, state } = compareMigrations(applied, expected);
  note(state === 'current' ? null : `migrations_${state}`);
  return {
    status: state === 'current' ? 'ok' : 'unavailable',
    database: 'ok',
    migrations: { applied: found, expected: expected.length, state },
    version,
  };
}

import path from 'node:path';
import Database from 'better-sqlite3';

/** The end-to-end server's database (see playwright.config.ts), for reading what the UI cannot show. */
export const E2E_DATABASE = path.join(process.cwd(), '.data', 'e2e.db');

export function withE2eDatabase<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(E2E_DATABASE);
  db.pragma('busy_timeout = 5000');
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

import 'server-only';
import type { Db } from '@/db/client';

/**
 * Statements prepared once per connection and reused: drizzle builds and prepares a builder's SQL
 * on every call, which dominates a short transaction (STYLE.md item 3). Keyed by the connection,
 * so that a reopened database (tests, scripts) prepares afresh.
 */
export function preparedPerConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}

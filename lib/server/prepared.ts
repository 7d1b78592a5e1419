import 'server-only';
import { connectionOf, type Db } from '@/db/client';

/**
 * Statements prepared once per connection and reused: drizzle builds and prepares a builder's SQL
 * on every call, which dominates a short transaction (STYLE.md item 3). Keyed by the connection,
 * so that a reopened database (tests, scripts) prepares afresh, and so that on PostgreSQL, where
 * each transaction has a handle of its own, a pool client's statements are built once, not once
 * per transaction.
 */
export function preparedPerConnection<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<object, T>();
  return (db) => {
    const connection = connectionOf(db);
    let statements = cache.get(connection);
    if (!statements) {
      statements = build(db);
      cache.set(connection, statements);
    }
    return statements;
  };
}

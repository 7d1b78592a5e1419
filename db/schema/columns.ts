import { sql, type SQL } from 'drizzle-orm';
import { integer } from './core';

/** An instant in UTC as integer milliseconds since the epoch: the one time representation of the schema. */
export const instant = () => integer();

export const createdAt = () =>
  integer()
    .notNull()
    .$defaultFn(() => Date.now());

/** `column IN ('a','b')` for a CHECK constraint over one of the domain's enumerations. */
export function oneOf(column: SQL | { name: string }, values: readonly string[]): SQL {
  const list = values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ');
  return sql`${column} in (${sql.raw(list)})`;
}

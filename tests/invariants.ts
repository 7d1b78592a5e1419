import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { getReader } from '@/db/client';
import { CONSISTENCY_CHECKS } from '@/db/consistency';

/**
 * The database's derived numbers, recounted from their sources (db/consistency.ts): balances from
 * ledgers, event seat counters, event_stats and the participation chain from registrations (waiting-list
 * joins from the activity record), service slot counters from bookings, loaner status from open
 * loans, each membership's copy of its customer's segment, each complaint's reopen count, rating
 * and owner against its history, each reversal on a bill against the charge it undoes, and each
 * SMS's status against its segments' receipts.
 */
export async function expectDerivedNumbersConsistent(): Promise<void> {
  const db = getReader();
  for (const check of CONSISTENCY_CHECKS) expect(await db.all(sql.raw(check.query)), check.rule).toEqual([]);
}

import 'server-only';
import { eq, inArray, sql } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { rateLimits } from '@/db/schema';

export interface Limit {
  key: string;
  max: number;
  windowMs: number;
}

/** Milliseconds until every given limit allows another attempt; 0 when none is exhausted. */
export async function retryAfter(limits: readonly Limit[], now = Date.now()): Promise<number> {
  if (limits.length === 0) return 0;
  const rows = await getReader()
    .select()
    .from(rateLimits)
    .where(inArray(rateLimits.key, limits.map((l) => l.key)));
  let wait = 0;
  for (const limit of limits) {
    const row = rows.find((r) => r.key === limit.key);
    if (row && now - row.windowStart < limit.windowMs && row.count >= limit.max) {
      wait = Math.max(wait, row.windowStart + limit.windowMs - now);
    }
  }
  return wait;
}

/** Counts one attempt against each limit (fixed windows that restart when they expire). */
export async function countAttempt(limits: readonly Limit[], now = Date.now()): Promise<void> {
  await withTransaction(async (tx) => {
    for (const limit of limits) {
      await tx
        .insert(rateLimits)
        .values({ key: limit.key, windowStart: now, count: 1 })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`case when ${now} - ${rateLimits.windowStart} >= ${limit.windowMs} then 1 else ${rateLimits.count} + 1 end`,
            windowStart: sql`case when ${now} - ${rateLimits.windowStart} >= ${limit.windowMs} then ${now} else ${rateLimits.windowStart} end`,
          },
        });
    }
  });
}

export async function resetLimit(key: string): Promise<void> {
  await withTransaction(async (tx) => {
    await tx.delete(rateLimits).where(eq(rateLimits.key, key));
  });
}

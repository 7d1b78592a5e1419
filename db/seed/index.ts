import { count, sql } from 'drizzle-orm';
import { getReader, migrateDatabase, withTransaction } from '../client';
import { clubs, customers, provinces, services, staff } from '../schema';
import { hashPassword } from '@/lib/server/passwords';
import { CLUBS, PROVINCES, SERVICE_CATALOGUE } from './reference';
import { DEMO_MEMBERS, DEMO_PASSWORD, DEMO_STAFF } from './demo-data';
import { seedDemoData, type DemoSeedSummary } from './demo';

/** Provinces, clubs and each province's handset services: reference data every database has. Existing settings are kept. */
export async function ensureReferenceData(): Promise<void> {
  await withTransaction(async (tx) => {
    await tx
      .insert(provinces)
      .values(PROVINCES.map((p, i) => ({ ...p, sortOrder: i })))
      .onConflictDoUpdate({ target: provinces.code, set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en` } });
    await tx
      .insert(clubs)
      .values(CLUBS.map((c, i) => ({ ...c, sortOrder: i })))
      .onConflictDoNothing();
    await tx
      .insert(services)
      .values(PROVINCES.flatMap((p) => SERVICE_CATALOGUE.map((s) => ({ ...s, provinceCode: p.code }))))
      .onConflictDoNothing();
  });
}

/** Empty means no customers and no staff accounts: a database nobody has used yet. */
export async function isDatabaseEmpty(): Promise<boolean> {
  const db = getReader();
  const [c] = await db.select({ n: count() }).from(customers);
  const [s] = await db.select({ n: count() }).from(staff);
  return (c?.n ?? 0) === 0 && (s?.n ?? 0) === 0;
}

export async function seedDemo(now = Date.now()): Promise<DemoSeedSummary> {
  const keys = [...DEMO_STAFF.map((s) => s.username), ...DEMO_MEMBERS.map((m) => m.mobile)];
  const passwordHashes = new Map<string, string>();
  for (const key of keys) passwordHashes.set(key, await hashPassword(DEMO_PASSWORD));
  return withTransaction(async (tx) => {
    // Re-checked inside the write lock: two starts racing on one file seed once.
    const [c] = await tx.select({ n: count() }).from(customers);
    const [s] = await tx.select({ n: count() }).from(staff);
    if ((c?.n ?? 0) > 0 || (s?.n ?? 0) > 0) return { customers: 0, memberships: 0, events: 0, registrations: 0 };
    return seedDemoData(tx, { now, passwordHashes, customerCount: 320 });
  });
}

export type SeedMode = 'demo' | 'none';

export function seedModeFromEnv(value = process.env.SEED): SeedMode {
  if (value === undefined || value === '' || value === 'demo') return 'demo';
  if (value === 'none') return 'none';
  throw new Error(`SEED must be "demo" or "none", got "${value}"`);
}

/**
 * Brings a database up to date: migrations, reference data, and the demo data when the database
 * is empty and SEED allows it. Returns what was seeded, or null when nothing was.
 */
export async function setupDatabase(mode: SeedMode): Promise<DemoSeedSummary | null> {
  await migrateDatabase();
  await ensureReferenceData();
  if (mode === 'none' || !(await isDatabaseEmpty())) return null;
  return seedDemo();
}

export const DEMO_LOGINS = {
  password: DEMO_PASSWORD,
  staff: DEMO_STAFF,
  members: DEMO_MEMBERS,
};

import { asc, count, inArray, notInArray, sql } from 'drizzle-orm';
import { getReader, migrateDatabase, withTransaction } from '../client';
import { tableExists } from '../sql';
import { databaseName } from '../config';
import { clubs, customers, provinces, services, staff } from '../schema';
import type { Segment } from '@/lib/domain/types';
import { hashPassword, verifyPassword } from '@/lib/server/passwords';
import { CLUBS, PROVINCES, SERVICE_CATALOGUE } from './reference';
import { DEMO_HALL_VIP, DEMO_MEMBER_MOBILES, DEMO_MEMBERS, DEMO_STAFF } from './demo-data';
import { seedDemoData, type DemoSeedSummary } from './demo';
import { demoPasswordFile, demoPasswordFromEnv, generateDemoPassword, PUBLISHED_DEMO_PASSWORD, readDemoPassword, writeDemoPassword } from './demo-password';

const DEMO_USERNAMES = DEMO_STAFF.map((s) => s.username);

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
      // Names and descriptions are the app's own text, renewed at every start (members once read the
      // yearly minimum in them); the settings admins edit (minimum, segments) are kept.
      .onConflictDoUpdate({
        target: clubs.code,
        set: { nameZh: sql`excluded.name_zh`, nameEn: sql`excluded.name_en`, descriptionZh: sql`excluded.description_zh`, descriptionEn: sql`excluded.description_en` },
      });
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

/**
 * Seeds the demo data into an empty database. Every demo account gets `password`: DEMO_PASSWORD
 * when set, otherwise a new random one for this database, kept beside it (demo-password.ts) so
 * that `npm start` can print it on every start.
 */
export async function seedDemo(now = Date.now(), password = demoPasswordFromEnv() ?? generateDemoPassword()): Promise<DemoSeedSummary> {
  const passwordHashes = new Map<string, string>();
  for (const key of [...DEMO_USERNAMES, ...DEMO_MEMBER_MOBILES]) passwordHashes.set(key, await hashPassword(password));
  return withTransaction(async (tx) => {
    // Re-checked inside the write lock: two starts racing on one file seed once.
    const [c] = await tx.select({ n: count() }).from(customers);
    const [s] = await tx.select({ n: count() }).from(staff);
    if ((c?.n ?? 0) > 0 || (s?.n ?? 0) > 0) return { customers: 0, memberships: 0, events: 0, registrations: 0 };
    const summary = await seedDemoData(tx, { now, passwordHashes, customerCount: 320 });
    // Kept before the commit: a file that cannot be written rolls the seed back, rather than leave
    // demo accounts whose password nobody knows.
    writeDemoPassword(password);
    return summary;
  });
}

/** Refuses SEED=demo on a database that is not a demo database: one with staff made by `npm run user` or an admin. */
export class DemoSeedRefused extends Error {}

/** A few usernames of staff accounts that are not demo accounts, or none. Reads a database not yet migrated too. */
async function realStaffUsernames(): Promise<string[]> {
  if (!(await tableExists('staff'))) return [];
  const db = getReader();
  const rows = await db.select({ username: staff.username }).from(staff).where(notInArray(staff.username, DEMO_USERNAMES)).orderBy(asc(staff.id)).limit(3);
  return rows.map((r) => r.username);
}

export async function refuseDemoOnRealDatabase(): Promise<void> {
  const real = await realStaffUsernames();
  if (real.length === 0) return;
  throw new DemoSeedRefused(
    `SEED=demo refused: ${databaseName()} holds staff accounts that are not demo accounts (${real.join(', ')}), so it is not a demo database. ` +
      'Demo data is seeded only into an empty database; serve this one with SEED=none.',
  );
}

type DemoAccount = { kind: 'staff' | 'member'; id: number; passwordHash: string };

/** The demo accounts present in this database (by their fixed usernames and mobile numbers) that have a password. */
async function demoAccounts(): Promise<DemoAccount[]> {
  const db = getReader();
  const staffRows = await db.select({ id: staff.id, passwordHash: staff.passwordHash }).from(staff).where(inArray(staff.username, DEMO_USERNAMES)).orderBy(asc(staff.id));
  const memberRows = await db.select({ id: customers.id, passwordHash: customers.passwordHash }).from(customers).where(inArray(customers.mobile, DEMO_MEMBER_MOBILES)).orderBy(asc(customers.id));
  return [
    ...staffRows.map((r) => ({ kind: 'staff' as const, ...r })),
    ...memberRows.flatMap((r) => (r.passwordHash ? [{ kind: 'member' as const, id: r.id, passwordHash: r.passwordHash }] : [])),
  ];
}

/**
 * A database seeded before demo passwords were per database has demo accounts that open with the
 * password the README used to print. Those accounts get a new random password (DEMO_PASSWORD when
 * set), kept beside the database like a new seed's, and their sessions end. Skipped when the
 * database already has its own demo password file. Returns whether any account was changed.
 */
export async function replacePublishedDemoPassword(now = Date.now()): Promise<boolean> {
  if (readDemoPassword() !== null) return false;
  const published: DemoAccount[] = [];
  for (const account of await demoAccounts()) {
    if (await verifyPassword(account.passwordHash, PUBLISHED_DEMO_PASSWORD)) published.push(account);
  }
  if (published.length === 0) return false;
  const password = demoPasswordFromEnv() ?? generateDemoPassword();
  const passwordHash = await hashPassword(password);
  const ids = (kind: DemoAccount['kind']) => published.filter((a) => a.kind === kind).map((a) => a.id);
  await withTransaction(async (tx) => {
    await tx.update(staff).set({ passwordHash, passwordChangedAt: now }).where(inArray(staff.id, ids('staff')));
    await tx.update(customers).set({ passwordHash, passwordChangedAt: now }).where(inArray(customers.id, ids('member')));
    writeDemoPassword(password);
  });
  return true;
}

/**
 * The demo logins of this database, as `npm start` prints them, with their password: the one kept
 * beside the database while it still opens a demo account, or null when it is unknown (the file is
 * missing, or every demo account's password was changed since).
 */
export async function demoLogins(): Promise<{ password: string | null; file: string; staff: typeof DEMO_STAFF; members: ReadonlyArray<{ mobile: string; name: string; segment: Segment; provinceCode: string }> } | null> {
  const accounts = await demoAccounts();
  if (accounts.length === 0) return null;
  const file = demoPasswordFile();
  const kept = readDemoPassword();
  let password: string | null = null;
  for (const account of kept ? accounts : []) {
    if (await verifyPassword(account.passwordHash, kept!)) {
      password = kept;
      break;
    }
  }
  return { password, file, staff: DEMO_STAFF, members: [...DEMO_MEMBERS, DEMO_HALL_VIP] };
}

export type SeedMode = 'demo' | 'none';

export function seedModeFromEnv(value = process.env.SEED): SeedMode {
  if (value === undefined || value === '' || value === 'demo') return 'demo';
  if (value === 'none') return 'none';
  throw new Error(`SEED must be "demo" or "none", got "${value}"`);
}

/**
 * Brings a database up to date: migrations, reference data, and the demo data when the database
 * is empty and SEED allows it; demo accounts left on the once published password get a new one.
 * SEED=demo on a database with real staff accounts is refused before anything is written. Returns
 * what was seeded, or null when nothing was.
 */
export async function setupDatabase(mode: SeedMode): Promise<DemoSeedSummary | null> {
  if (mode === 'demo') await refuseDemoOnRealDatabase();
  await migrateDatabase();
  await ensureReferenceData();
  await replacePublishedDemoPassword();
  if (mode === 'none' || !(await isDatabaseEmpty())) return null;
  return seedDemo();
}

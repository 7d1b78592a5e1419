import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, getReader, withTransaction } from '../client';
import { customers, staff } from '../schema';
import { demoLogins, DemoSeedRefused, setupDatabase } from '.';
import { DEMO_MEMBER_MOBILES, DEMO_MEMBERS, DEMO_STAFF } from './demo-data';
import { demoPasswordFile, demoPasswordFromEnv, generateDemoPassword, PUBLISHED_DEMO_PASSWORD, readDemoPassword } from './demo-password';
import { staffPasswordRefusal } from '@/lib/domain/password-policy';
import { hashPassword } from '@/lib/server/passwords';
import { authenticate } from '@/lib/server/sign-in';
import { createStaff } from '@/lib/server/staff';
import { contentFingerprint } from '@/tests/outside-connection';
import { createEmptyDatabase } from '@/tests/temp-database';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'club-hub-demo-password-'));
const removals: (() => Promise<void>)[] = [];
const used: string[] = [];
afterAll(async () => {
  await closeDatabase();
  for (const remove of removals) await remove();
  // On PostgreSQL the password files are under .data/, named after each database.
  for (const database of used) fs.rmSync(demoPasswordFile(database), { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Points the process at a database of this test's own (a file, or a database on the test server); answers its DATABASE_URL. */
async function useDatabase(name: string): Promise<string> {
  await closeDatabase();
  const { url, remove } = await createEmptyDatabase(dir, name);
  removals.push(remove);
  used.push(url);
  process.env.DATABASE_URL = url;
  return url;
}

// Seeding the demo data on a new database, on a busy machine (PostgreSQL's is the slower).
const SEEDING_MS = 60_000;

let ip = 0;
const signIn = (kind: 'staff' | 'member', login: string, password: string) => authenticate(kind, login, password, `10.7.0.${++ip}`);

describe('generateDemoPassword', () => {
  it('makes readable random passwords that pass the staff password policy', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateDemoPassword();
      expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
    for (const password of [...seen].slice(0, 20)) expect(staffPasswordRefusal(password)).toBeNull();
  });

  it('takes DEMO_PASSWORD when set, and refuses a weak one', () => {
    expect(demoPasswordFromEnv('')).toBeNull();
    expect(demoPasswordFromEnv('e2e-Qx7mV2rP9tLk')).toBe('e2e-Qx7mV2rP9tLk');
    expect(() => demoPasswordFromEnv(PUBLISHED_DEMO_PASSWORD)).toThrow(/DEMO_PASSWORD is refused/);
    expect(() => demoPasswordFromEnv('password1234')).toThrow(/DEMO_PASSWORD is refused/);
  });
});

describe('the demo password of a database', () => {
  let first = '';

  it('is made when the demo data is seeded, kept beside the database in a file only its owner reads, and opens every demo account', async () => {
    const file = await useDatabase('first.db');
    expect(await setupDatabase('demo')).not.toBeNull();
    const logins = await demoLogins();
    first = logins!.password!;
    expect(first).toBe(readDemoPassword(file));
    expect(logins!.file).toBe(demoPasswordFile(file));
    expect(fs.statSync(demoPasswordFile(file)).mode & 0o777).toBe(0o600);
    for (const s of DEMO_STAFF) expect(await signIn('staff', s.username, first), s.username).not.toBeNull();
    // Every member the logins list, the hall demo's VIP too, opens with it.
    expect(logins!.members.map((m) => m.mobile)).toEqual([...DEMO_MEMBER_MOBILES]);
    for (const m of logins!.members) expect(await signIn('member', m.mobile, first), m.mobile).not.toBeNull();
  }, SEEDING_MS);

  it('is not the password the README used to print', async () => {
    expect(first).not.toBe(PUBLISHED_DEMO_PASSWORD);
    expect(await signIn('staff', 'admin', PUBLISHED_DEMO_PASSWORD)).toBeNull();
    expect(await signIn('member', DEMO_MEMBERS[0]!.mobile, PUBLISHED_DEMO_PASSWORD)).toBeNull();
  });

  it('stays the same when the database is set up again', async () => {
    expect(await setupDatabase('demo')).toBeNull();
    expect((await demoLogins())!.password).toBe(first);
  });

  it('is unknown, not wrong, once every demo account changed its password', async () => {
    const other = await hashPassword('an entirely different one');
    await withTransaction(async (tx) => {
      await tx.update(staff).set({ passwordHash: other });
      await tx.update(customers).set({ passwordHash: other }).where(inArray(customers.mobile, [...DEMO_MEMBER_MOBILES]));
    });
    expect((await demoLogins())!.password).toBeNull();
  });

  it("is replaced on a database seeded before passwords were per database, whose demo accounts still open with the published one", async () => {
    const file = process.env.DATABASE_URL!;
    const published = await hashPassword(PUBLISHED_DEMO_PASSWORD);
    await withTransaction(async (tx) => {
      await tx.update(staff).set({ passwordHash: published, passwordChangedAt: null });
      await tx.update(customers).set({ passwordHash: published, passwordChangedAt: null }).where(inArray(customers.mobile, [...DEMO_MEMBER_MOBILES]));
    });
    fs.rmSync(demoPasswordFile(file));
    expect(await signIn('staff', 'admin', PUBLISHED_DEMO_PASSWORD)).not.toBeNull();

    expect(await setupDatabase('none')).toBeNull();
    const replaced = readDemoPassword(file)!;
    expect(replaced).not.toBeNull();
    expect(replaced).not.toBe(first);
    expect(await signIn('staff', 'admin', PUBLISHED_DEMO_PASSWORD)).toBeNull();
    expect(await signIn('member', DEMO_MEMBERS[1]!.mobile, PUBLISHED_DEMO_PASSWORD)).toBeNull();
    expect(await signIn('staff', 'gd.operator', replaced)).not.toBeNull();
    expect((await demoLogins())!.password).toBe(replaced);
    // Their sessions signed in before the change have ended.
    const [admin] = await getReader().select({ changedAt: staff.passwordChangedAt }).from(staff).where(eq(staff.username, 'admin'));
    expect(admin!.changedAt).not.toBeNull();
  });

  it('is a new one for a new database', async () => {
    const file = await useDatabase('second.db');
    await setupDatabase('demo');
    const second = (await demoLogins())!.password!;
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    expect(readDemoPassword(file)).toBe(second);
  }, SEEDING_MS);
});

describe('SEED=demo on a database that holds real staff', () => {
  it('is refused before anything is written; SEED=none serves it', async () => {
    const file = await useDatabase('real.db');
    expect(await setupDatabase('none')).toBeNull();
    await createStaff({ kind: 'system', via: 'cli' }, { username: 'zj.admin', password: 'plum-harbor-lantern-42', role: 'admin' });
    const staffBefore = (await getReader().select({ n: count() }).from(staff))[0]!.n;
    const contentBefore = await contentFingerprint(file);

    const refusal = await setupDatabase('demo').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DemoSeedRefused);
    expect((refusal as Error).message).toMatch(/zj\.admin.*SEED=none/);
    expect((await getReader().select({ n: count() }).from(staff))[0]!.n).toBe(staffBefore);
    expect(await getReader().$count(customers)).toBe(0);
    expect(await contentFingerprint(file)).toBe(contentBefore);
    expect(fs.existsSync(demoPasswordFile(file))).toBe(false);
    expect(await demoLogins()).toBeNull();

    expect(await setupDatabase('none')).toBeNull();
  });
});

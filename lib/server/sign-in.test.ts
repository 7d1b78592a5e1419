import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { customers, staff } from '@/db/schema';
import { withTempDatabase } from '@/tests/temp-database';
import { loadActor } from './guard';
import { hashPassword } from './passwords';
import { authenticate, SIGN_IN_LIMITS } from './sign-in';
import { createStaff } from './staff';

const database = withTempDatabase();

const PASSWORD = 'correct horse battery';

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  await withTransaction(async (tx) => {
    await tx.insert(customers).values([
      { mobile: '18602000001', name: '陈一', segment: 'postpaid', provinceCode: '440000', passwordHash },
      { mobile: '18602000002', name: '陈二', segment: 'postpaid', provinceCode: '440000', passwordHash, status: 'closed' },
      { mobile: '18602000003', name: '陈三', segment: 'prepaid', provinceCode: '440000' },
    ]);
  });
  const system = { kind: 'system', via: 'cli' } as const;
  await createStaff(system, { username: 'op.gd', password: PASSWORD, role: 'operator', provinceCode: '440000' });
  await createStaff(system, { username: 'gone', password: PASSWORD, role: 'analyst', provinceCode: null });
  await withTransaction(async (tx) => {
    await tx.update(staff).set({ active: false }).where(eq(staff.username, 'gone'));
  });
});

describe('authenticate', () => {
  it('signs in a member by mobile number and staff by username', async () => {
    expect(await authenticate('member', '186 0200 0001', PASSWORD, '10.0.0.1')).toMatchObject({ name: '陈一' });
    const principal = await authenticate('staff', 'OP.GD', PASSWORD, '10.0.0.1');
    expect(principal?.id).toMatch(/^staff:\d+$/);
    expect(await loadActor(principal!.id)).toMatchObject({ kind: 'staff', role: 'operator', provinceCode: '440000', clubCodes: null });
  });

  it('refuses wrong passwords, closed customers, customers without web access and disabled staff', async () => {
    expect(await authenticate('member', '18602000001', 'wrong', '10.0.0.2')).toBeNull();
    expect(await authenticate('member', '18602000002', PASSWORD, '10.0.0.2')).toBeNull();
    expect(await authenticate('member', '18602000003', PASSWORD, '10.0.0.2')).toBeNull();
    expect(await authenticate('staff', 'gone', PASSWORD, '10.0.0.2')).toBeNull();
    expect(await authenticate('staff', 'nobody', PASSWORD, '10.0.0.2')).toBeNull();
  });

  it('locks an account after repeated failures, even for the right password, without locking others', async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect(await authenticate('staff', 'op.gd', `wrong ${i}`, `10.1.0.${i}`)).toBeNull();
    }
    await expect(authenticate('staff', 'op.gd', PASSWORD, '10.1.1.1')).rejects.toThrow('rate_limited');
    expect(await authenticate('member', '18602000001', PASSWORD, '10.1.1.1')).not.toBeNull();
  });

  it('blocks an IP after repeated failures across accounts', async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      expect(await authenticate('member', `1860300${String(i).padStart(4, '0')}`, 'guess', ip)).toBeNull();
    }
    await expect(authenticate('member', '18602000001', PASSWORD, ip)).rejects.toThrow('rate_limited');
    expect(await authenticate('member', '18602000001', PASSWORD, '10.2.0.2')).not.toBeNull();
  });
});

describe('loadActor', () => {
  it('returns nobody for malformed, unknown, closed and disabled principals', async () => {
    expect(await loadActor('member:abc')).toBeNull();
    expect(await loadActor('member:999999')).toBeNull();
    expect(await loadActor('root:1')).toBeNull();
    const [closed] = await getReader().select({ id: customers.id }).from(customers).where(eq(customers.mobile, '18602000002'));
    expect(await loadActor(`member:${closed!.id}`)).toBeNull();
    const [gone] = await getReader().select({ id: staff.id }).from(staff).where(eq(staff.username, 'gone'));
    expect(await loadActor(`staff:${gone!.id}`)).toBeNull();
  });
});

/**
 * Another process's lock that lets reads through and holds writes up: SQLite's write lock, or on
 * PostgreSQL an exclusive lock on the rate-limit table. Returns its release.
 */
async function holdWriteLock(): Promise<() => Promise<void>> {
  if (DIALECT === 'postgres') {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query('begin');
    await other.query('lock table rate_limits in exclusive mode');
    return async () => {
      await other.query('commit');
      await other.end();
    };
  }
  const other = new Database(database.path);
  other.exec('BEGIN IMMEDIATE');
  return async () => {
    other.exec('COMMIT');
    other.close();
  };
}

describe('a sign-in while another process holds the write lock', () => {
  it('answers at once: resetting the failed-attempt count does not hold it up', async () => {
    const release = await holdWriteLock();
    try {
      const started = performance.now();
      expect(await authenticate('member', '18602000001', PASSWORD, '10.9.0.1')).toMatchObject({ name: '陈一' });
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await release();
    }
  });
});

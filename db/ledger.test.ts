import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getReader, withTransaction } from './client';
import { customers, pointsLedger, prepaidLedger } from './schema';
import { withTempDatabase } from '@/tests/temp-database';

withTempDatabase();

async function newCustomer(mobile: string, segment: 'prepaid' | 'postpaid' = 'prepaid') {
  return withTransaction(async (tx) => {
    const [row] = await tx.insert(customers).values({ mobile, name: '测试', segment, provinceCode: '440000' }).returning({ id: customers.id });
    return row!.id;
  });
}

const balanceOf = async (id: number) =>
  (await getReader().select({ points: customers.pointsBalance, fen: customers.prepaidBalanceFen }).from(customers).where(eq(customers.id, id)))[0]!;

describe('points and prepaid balances at the database level', () => {
  it('moves the balance with each ledger row', async () => {
    const id = await newCustomer('18600000001');
    await withTransaction(async (tx) => {
      await tx.insert(pointsLedger).values({ customerId: id, delta: 500, reason: 'grant' });
      await tx.insert(pointsLedger).values({ customerId: id, delta: -200, reason: 'registration' });
      await tx.insert(prepaidLedger).values({ customerId: id, deltaFen: 3000, reason: 'topup' });
    });
    expect(await balanceOf(id)).toEqual({ points: 300, fen: 3000 });
  });

  it('refuses a ledger row that would take the balance below zero, and writes nothing', async () => {
    const id = await newCustomer('18600000002');
    await withTransaction(async (tx) => {
      await tx.insert(pointsLedger).values({ customerId: id, delta: 100, reason: 'grant' });
    });
    await expect(
      withTransaction(async (tx) => {
        await tx.insert(pointsLedger).values({ customerId: id, delta: -101, reason: 'registration' });
      }),
    ).rejects.toThrow(/customers_points_nonnegative/);
    await expect(
      withTransaction(async (tx) => {
        await tx.insert(prepaidLedger).values({ customerId: id, deltaFen: -1, reason: 'registration' });
      }),
    ).rejects.toThrow(/customers_prepaid_nonnegative/);
    expect(await balanceOf(id)).toEqual({ points: 100, fen: 0 });
    const rows = await getReader().select().from(pointsLedger).where(eq(pointsLedger.customerId, id));
    expect(rows.map((r) => r.delta)).toEqual([100]);
  });

  it('refuses to change a balance except through its ledger', async () => {
    const id = await newCustomer('18600000003');
    await expect(
      withTransaction(async (tx) => {
        await tx.update(customers).set({ pointsBalance: 1000 }).where(eq(customers.id, id));
      }),
    ).rejects.toThrow(/only through points_ledger/);
    await expect(
      withTransaction(async (tx) => {
        await tx.update(customers).set({ prepaidBalanceFen: 1000 }).where(eq(customers.id, id));
      }),
    ).rejects.toThrow(/only through prepaid_ledger/);
    await expect(
      withTransaction(async (tx) => {
        await tx.insert(customers).values({ mobile: '18600000004', name: '测试', segment: 'postpaid', provinceCode: '440000', pointsBalance: 50 });
      }),
    ).rejects.toThrow(/zero balances/);
    expect(await balanceOf(id)).toEqual({ points: 0, fen: 0 });
  });

  it('keeps the ledger append-only', async () => {
    const id = await newCustomer('18600000005');
    await withTransaction(async (tx) => {
      await tx.insert(pointsLedger).values({ customerId: id, delta: 10, reason: 'grant' });
    });
    await expect(
      withTransaction(async (tx) => {
        await tx.update(pointsLedger).set({ delta: 10_000 }).where(eq(pointsLedger.customerId, id));
      }),
    ).rejects.toThrow(/append-only/);
    await expect(
      withTransaction(async (tx) => {
        await tx.delete(pointsLedger).where(eq(pointsLedger.customerId, id));
      }),
    ).rejects.toThrow(/append-only/);
    expect((await balanceOf(id)).points).toBe(10);
  });

  it('holds with concurrent writers: every grant counts, and debits stop at zero', async () => {
    const id = await newCustomer('18600000006');
    const grants = Array.from({ length: 12 }, () => withTransaction((tx) => tx.insert(pointsLedger).values({ customerId: id, delta: 25, reason: 'grant' })));
    await Promise.all(grants);
    expect((await balanceOf(id)).points).toBe(300);
    // 12 debits of 40 against 300 points: exactly 7 fit, whatever order the database takes them in.
    const debits = await Promise.allSettled(
      Array.from({ length: 12 }, () => withTransaction((tx) => tx.insert(pointsLedger).values({ customerId: id, delta: -40, reason: 'registration' }))),
    );
    expect(debits.filter((d) => d.status === 'fulfilled')).toHaveLength(7);
    for (const refused of debits.filter((d) => d.status === 'rejected')) expect(String(refused.reason)).toMatch(/customers_points_nonnegative/);
    const ledger = await getReader().select({ delta: pointsLedger.delta }).from(pointsLedger).where(eq(pointsLedger.customerId, id));
    expect((await balanceOf(id)).points).toBe(20);
    expect(ledger.reduce((sum, row) => sum + row.delta, 0)).toBe(20);
  });
});

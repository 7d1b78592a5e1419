import { asc, count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { auditLog, customerImports, customers, idempotencyKeys, pointsLedger, prepaidLedger, staff } from '@/db/schema';
import type { ChannelActor, StaffActor } from '@/lib/domain/access';
import type { LedgerEntry } from '@/lib/domain/ledger-entries';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { getCustomerImport } from './customer-import';
import { importLedgerEntries, recordLedgerEntries } from './ledger-entries';

withTempDatabase();

const NOW = Date.now();
const HOUR = 60 * 60 * 1000;
const HEADER = 'external_ref,kind,mobile,amount,occurred_at,note';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n');
const gdChannel: ChannelActor = { kind: 'channel', role: 'channel', tokenId: 1, channel: 'hall', provinceCode: '440000', name: '广东营业厅系统' };
const bjChannel: ChannelActor = { kind: 'channel', role: 'channel', tokenId: 2, channel: 'hall', provinceCode: '110000', name: '北京营业厅系统' };
const actors = {} as Record<'admin' | 'gdOperator', StaffActor>;
let keys = 0;
const key = () => `ledger-test-${++keys}`;

const entry = (over: Partial<LedgerEntry> = {}): LedgerEntry => ({
  externalRef: `BL-${++keys}`,
  kind: 'points_accrual',
  mobile: '18604000001',
  amount: 500,
  occurredAt: NOW - 2 * HOUR,
  note: '11月消费积分',
  ...over,
});

beforeAll(async () => {
  await withTransaction(async (tx) => {
    for (const [k, role, provinceCode] of [['admin', 'admin', null], ['gdOperator', 'operator', '440000']] as const) {
      const [row] = await tx.insert(staff).values({ username: k.toLowerCase(), displayName: k, passwordHash: 'unused', role, provinceCode }).returning({ id: staff.id });
      actors[k] = { kind: 'staff', role, staffId: row!.id, provinceCode, clubCodes: null, name: k };
    }
    await tx.insert(customers).values([
      { mobile: '18604000001', name: '陈嘉怡', segment: 'postpaid', provinceCode: '440000' },
      { mobile: '13004000002', name: '刘子轩', segment: 'prepaid', provinceCode: '440000' },
      { mobile: '15604000003', name: '王思琪', segment: 'postpaid', provinceCode: '110000' },
    ]);
  });
});

const balances = async (mobile: string) => (await getReader().select({ points: customers.pointsBalance, prepaidFen: customers.prepaidBalanceFen }).from(customers).where(eq(customers.mobile, mobile)))[0]!;
const ledgerRows = async () => (await getReader().select({ n: count() }).from(pointsLedger))[0]!.n + (await getReader().select({ n: count() }).from(prepaidLedger))[0]!.n;

describe('recordLedgerEntries (the channel API)', () => {
  it('applies a batch to both ledgers with its reference, billing instant and note, and answers a repeat with what is stored', async () => {
    const before = await balances('18604000001');
    const batch = [entry({ amount: 800 }), entry({ kind: 'points_adjustment', amount: -300 }), entry({ kind: 'prepaid_topup', mobile: '13004000002', amount: 5000, note: null })];
    const k = key();
    const first = await recordLedgerEntries(gdChannel, { entries: batch, idempotencyKey: k }, NOW);
    expect(first.map((e) => [e.externalRef, e.kind, e.amount, e.status])).toEqual([
      [batch[0]!.externalRef, 'points_accrual', 800, 'applied'],
      [batch[1]!.externalRef, 'points_adjustment', -300, 'applied'],
      [batch[2]!.externalRef, 'prepaid_topup', 5000, 'applied'],
    ]);
    expect(await balances('18604000001')).toEqual({ points: before.points + 500, prepaidFen: 0 });
    expect((await balances('13004000002')).prepaidFen).toBe(5000);
    const [stored] = await getReader().select().from(pointsLedger).where(eq(pointsLedger.externalRef, batch[0]!.externalRef));
    expect(stored).toMatchObject({ reason: 'grant', refType: 'billing', delta: 800, occurredAt: batch[0]!.occurredAt, note: '11月消费积分', createdAt: NOW, createdByStaffId: null });

    const rows = await ledgerRows();
    // The same key: the first answer, replayed. Another key, the same entries: each already applied.
    expect(await recordLedgerEntries(gdChannel, { entries: batch, idempotencyKey: k }, NOW + HOUR)).toEqual(first);
    const again = await recordLedgerEntries(gdChannel, { entries: batch, idempotencyKey: key() }, NOW + HOUR);
    expect(again).toEqual(first.map((e) => ({ ...e, status: 'already_applied' })));
    expect(await ledgerRows()).toBe(rows);
    expect(await balances('18604000001')).toEqual({ points: before.points + 500, prepaidFen: 0 });
    await expectDerivedNumbersConsistent();
  });

  it('refuses a reference that comes back with other content, and the whole batch with it', async () => {
    const stored = entry();
    await recordLedgerEntries(gdChannel, { entries: [stored], idempotencyKey: key() }, NOW);
    const rows = await ledgerRows();
    const fresh = entry();
    await expect(recordLedgerEntries(gdChannel, { entries: [fresh, { ...stored, amount: 501 }], idempotencyKey: key() }, NOW)).rejects.toMatchObject({
      code: 'ledger_entry_conflict',
      status: 409,
      params: { index: 1, externalRef: stored.externalRef },
    });
    expect(await ledgerRows()).toBe(rows);
    // The same reference in the other ledger is another entry.
    await expect(recordLedgerEntries(gdChannel, { entries: [{ ...stored, kind: 'prepaid_topup', mobile: '13004000002' }], idempotencyKey: key() }, NOW)).resolves.toMatchObject([{ status: 'applied' }]);
  });

  it('keeps a province token to its province: a customer elsewhere is not found', async () => {
    await expect(recordLedgerEntries(gdChannel, { entries: [entry({ mobile: '15604000003' })], idempotencyKey: key() }, NOW)).rejects.toMatchObject({ code: 'customer_not_found', status: 404, params: { index: 0 } });
    await expect(recordLedgerEntries(gdChannel, { entries: [entry({ mobile: '15604000099' })], idempotencyKey: key() }, NOW)).rejects.toMatchObject({ code: 'customer_not_found', status: 404 });
    await expect(recordLedgerEntries(bjChannel, { entries: [entry({ mobile: '15604000003' })], idempotencyKey: key() }, NOW)).resolves.toMatchObject([{ status: 'applied' }]);
  });

  it('refuses points to a segment that earns none (HQ segment policy)', async () => {
    await expect(recordLedgerEntries(gdChannel, { entries: [entry({ mobile: '13004000002' })], idempotencyKey: key() }, NOW)).rejects.toMatchObject({ code: 'points_not_earned', status: 422 });
  });

  it('never takes a balance below zero, counting earlier entries of the same batch; the refusal is not kept under the key', async () => {
    const { prepaidFen } = await balances('13004000002');
    const k = key();
    const debit = entry({ kind: 'prepaid_adjustment', mobile: '13004000002', amount: -(prepaidFen + 100) });
    await expect(recordLedgerEntries(gdChannel, { entries: [debit], idempotencyKey: k }, NOW)).rejects.toMatchObject({ code: 'balance_below_zero', status: 409, params: { balance: prepaidFen, amount: -(prepaidFen + 100) } });
    const topUpThenDebit = [entry({ kind: 'prepaid_topup', mobile: '13004000002', amount: 50 }), entry({ kind: 'prepaid_adjustment', mobile: '13004000002', amount: -(prepaidFen + 100) })];
    await expect(recordLedgerEntries(gdChannel, { entries: topUpThenDebit, idempotencyKey: key() }, NOW)).rejects.toMatchObject({ code: 'balance_below_zero', params: { index: 1, balance: prepaidFen + 50 } });
    expect((await balances('13004000002')).prepaidFen).toBe(prepaidFen);
    expect(await getReader().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, k))).toEqual([]);
    // Billing's top-up arrives; the same request with the same key is then served.
    await recordLedgerEntries(gdChannel, { entries: [entry({ kind: 'prepaid_topup', mobile: '13004000002', amount: 100 })], idempotencyKey: key() }, NOW);
    await expect(recordLedgerEntries(gdChannel, { entries: [debit], idempotencyKey: k }, NOW)).resolves.toMatchObject([{ status: 'applied' }]);
    expect((await balances('13004000002')).prepaidFen).toBe(0);
    await expectDerivedNumbersConsistent();
  });

  it('applies an entry once when identical requests with different keys race', async () => {
    const same = [entry({ amount: 70 })];
    const before = await balances('18604000001');
    const answers = await Promise.all(Array.from({ length: 4 }, () => recordLedgerEntries(gdChannel, { entries: same, idempotencyKey: key() }, NOW)));
    expect(answers.map((a) => a[0]!.status).sort()).toEqual(['already_applied', 'already_applied', 'already_applied', 'applied']);
    expect(new Set(answers.map((a) => a[0]!.entryId)).size).toBe(1);
    expect((await balances('18604000001')).points).toBe(before.points + 70);
  });
});

describe('importLedgerEntries (the ledger CSV)', () => {
  it('applies the valid rows, lists the refused ones, and a second import of the file changes nothing', async () => {
    const before = { gd: await balances('18604000001'), prepaid: await balances('13004000002') };
    const text = csv(
      'FILE-0001,points_accrual,18604000001,1200,2026-11-01 02:15,10月消费积分',
      'FILE-0002,预付费充值,13004000002,3000,2026-11-03 10:42:18,营业厅充值',
      `FILE-0003,prepaid_adjustment,13004000002,-${before.prepaid.prepaidFen + 3001},2026-11-04 10:00,扣减`,
      'FILE-0004,points_accrual,15604000003,100,2026-11-01 02:15,',
      'FILE-0005,points_accrual,186,100,2026-11-01 02:15,',
    );
    const first = await importLedgerEntries(actors.gdOperator, { fileName: 'billing-202611.csv', text }, NOW);
    expect(first).toEqual({ importId: expect.any(Number), totalRows: 5, applied: 2, alreadyApplied: 0, errorCount: 3 });
    expect((await getCustomerImport(actors.gdOperator, first.importId!)).errors).toEqual([
      { row: 4, column: 'amount', reason: 'balance_below_zero', params: { balance: before.prepaid.prepaidFen + 3000, amount: -(before.prepaid.prepaidFen + 3001) } },
      { row: 5, column: 'mobile', reason: 'outside_province' },
      { row: 6, column: 'mobile', reason: 'invalid_mobile' },
    ]);
    expect(await balances('18604000001')).toEqual({ ...before.gd, points: before.gd.points + 1200 });
    expect((await balances('13004000002')).prepaidFen).toBe(before.prepaid.prepaidFen + 3000);

    const rows = await ledgerRows();
    const second = await importLedgerEntries(actors.gdOperator, { fileName: 'billing-202611.csv', text }, NOW + HOUR);
    expect(second).toMatchObject({ totalRows: 5, applied: 0, alreadyApplied: 2, errorCount: 3 });
    expect(await ledgerRows()).toBe(rows);
    expect(await balances('18604000001')).toEqual({ ...before.gd, points: before.gd.points + 1200 });
    const [record] = await getReader().select({ kind: customerImports.kind, created: customerImports.createdCount, unchanged: customerImports.unchangedCount }).from(customerImports).where(eq(customerImports.id, second.importId!));
    expect(record).toEqual({ kind: 'ledger', created: 0, unchanged: 2 });
    const audits = await getReader().select({ action: auditLog.action, after: auditLog.after }).from(auditLog).where(eq(auditLog.entityId, String(second.importId))).orderBy(asc(auditLog.id));
    expect(audits).toEqual([{ action: 'ledger.import', after: { fileName: 'billing-202611.csv', totalRows: 5, applied: 0, alreadyApplied: 2, errorCount: 3 } }]);
    await expectDerivedNumbersConsistent();
  });

  it('refuses a row whose reference came before with other content', async () => {
    const result = await importLedgerEntries(actors.admin, { fileName: 'changed.csv', text: csv('FILE-0001,points_accrual,18604000001,1300,2026-11-01 02:15,10月消费积分') }, NOW);
    expect((await getCustomerImport(actors.admin, result.importId!)).errors).toEqual([{ row: 2, column: 'external_ref', reason: 'ledger_entry_conflict', params: { externalRef: 'FILE-0001' } }]);
  });

  it('refuses a customer file or members and channels, writing nothing', async () => {
    const rows = await ledgerRows();
    expect(await importLedgerEntries(actors.admin, { fileName: 'customers.csv', text: 'mobile,name,segment,province,status\n18604000001,陈嘉怡,postpaid,440000,' })).toMatchObject({ importId: null, fileError: 'wrong_header' });
    await expect(importLedgerEntries(gdChannel, { fileName: 'x.csv', text: csv('FILE-9,points_accrual,18604000001,1,2026-11-01 02:15,') })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await ledgerRows()).toBe(rows);
  });
});

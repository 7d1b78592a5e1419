import fs from 'node:fs';
import path from 'node:path';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, auditLog, clubs, customerImports, customers, memberships, pointsLedger, staff } from '@/db/schema';
import type { Actor, StaffActor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { getCustomerImport, importCustomers, listCustomerImports } from './customer-import';
import { importLedgerEntries } from './ledger-entries';

withTempDatabase();

const HEADER = 'mobile,name,segment,province,status';
const clubCsv = (...lines: string[]) => [`${HEADER},join_clubs,leave_clubs`, ...lines].join('\n');
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

const actors = {} as Record<'admin' | 'gdOperator' | 'bjOperator' | 'analyst', StaffActor>;
const member: Actor = { kind: 'member', role: 'member', customerId: 1, provinceCode: '440000', name: '会员' };

beforeAll(async () => {
  const accounts = [
    { key: 'admin', role: 'admin', provinceCode: null },
    { key: 'gdOperator', role: 'operator', provinceCode: '440000' },
    { key: 'bjOperator', role: 'operator', provinceCode: '110000' },
    { key: 'analyst', role: 'analyst', provinceCode: null },
  ] as const;
  await withTransaction(async (tx) => {
    for (const a of accounts) {
      const [row] = await tx
        .insert(staff)
        .values({ username: a.key.toLowerCase(), displayName: a.key, passwordHash: 'unused', role: a.role, provinceCode: a.provinceCode })
        .returning({ id: staff.id });
      actors[a.key] = { kind: 'staff', role: a.role, staffId: row!.id, provinceCode: a.provinceCode, clubCodes: null, name: a.key };
    }
  });
});

async function countRows() {
  const db = getReader();
  const n = async (table: typeof customers | typeof pointsLedger | typeof activities | typeof auditLog | typeof customerImports) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    customers: await n(customers),
    ledger: await n(pointsLedger),
    activities: await n(activities),
    audit: await n(auditLog),
    imports: await n(customerImports),
  };
}

async function customerByMobile(mobile: string) {
  const [c] = await getReader().select().from(customers).where(eq(customers.mobile, mobile));
  return c;
}

describe('importCustomers', () => {
  it('imports the good rows of a mixed file and reports the bad ones', async () => {
    const before = await countRows();
    const result = await importCustomers(actors.gdOperator, {
      fileName: 'mixed.csv',
      text: csv(
        '18602100001,陈思远,postpaid_vip,广东,active',
        '1860210,坏号码,prepaid,440000,',
        '13002100002,李晓梅,预付费,440000,停机',
        '15602100003,王浩然,gold,440000,',
        '18602100001,陈思远,postpaid,440000,',
        '15602100004,赵敏,postpaid,北京,',
      ),
    });
    expect(result).toEqual({ importId: expect.any(Number), totalRows: 6, created: 2, updated: 0, unchanged: 0, errorCount: 4 });

    const record = await getCustomerImport(actors.gdOperator, result.importId!);
    expect(record).toMatchObject({ fileName: 'mixed.csv', totalRows: 6, created: 2, errorCount: 4 });
    expect(record.errors).toEqual([
      { row: 3, column: 'mobile', reason: 'invalid_mobile' },
      { row: 5, column: 'segment', reason: 'unknown_segment' },
      { row: 6, column: 'mobile', reason: 'duplicate_mobile', params: { firstRow: 2 } },
      { row: 7, column: 'province', reason: 'outside_province' },
    ]);

    const vip = await customerByMobile('18602100001');
    expect(vip).toMatchObject({ name: '陈思远', segment: 'postpaid_vip', provinceCode: '440000', status: 'active', pointsBalance: 0, prepaidBalanceFen: 0 });
    expect(await customerByMobile('13002100002')).toMatchObject({ segment: 'prepaid', status: 'suspended', pointsBalance: 0 });
    expect(await customerByMobile('15602100004')).toBeUndefined();

    const after = await countRows();
    expect(after).toEqual({
      customers: before.customers + 2,
      ledger: before.ledger,
      activities: before.activities + 2,
      audit: before.audit + 1,
      imports: before.imports + 1,
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const text = csv(
      '18602200001,孙丽,postpaid,440000,active',
      '13002200002,周杰,prepaid,广东省,',
      '15602200003,吴芳,后付费VIP,110000,销户',
      '18602200004,郑强,postpaid,Beijing,停机',
    );
    const first = await importCustomers(actors.admin, { fileName: 'same.csv', text });
    expect(first).toMatchObject({ created: 4, updated: 0, unchanged: 0, errorCount: 0 });

    const snapshot = async () => getReader().select().from(customers).orderBy(asc(customers.id));
    const rowsBefore = await snapshot();
    const countsBefore = await countRows();

    const second = await importCustomers(actors.admin, { fileName: 'same.csv', text }, Date.now() + 60_000);
    expect(second).toEqual({ importId: expect.any(Number), totalRows: 4, created: 0, updated: 0, unchanged: 4, errorCount: 0 });
    expect(await snapshot()).toEqual(rowsBefore);
    expect(await countRows()).toEqual({ ...countsBefore, audit: countsBefore.audit + 1, imports: countsBefore.imports + 1 });
  });

  it('refuses a file that still sets balances, as a whole, and touches no balance', async () => {
    await importCustomers(actors.admin, { fileName: 'a.csv', text: csv('18602300001,冯雪,postpaid,440000,') });
    const before = await countRows();
    const result = await importCustomers(actors.admin, { fileName: 'old.csv', text: 'mobile,name,segment,province,status,points\n18602300001,冯雪,postpaid,440000,,100' });
    expect(result).toEqual({ importId: null, totalRows: 0, created: 0, updated: 0, unchanged: 0, errorCount: 0, fileError: 'balance_columns_moved' });
    expect(await countRows()).toEqual(before);
    expect((await customerByMobile('18602300001'))!.pointsBalance).toBe(0);
  });

  it('updates changed fields, records what changed and lets a prepaid customer change segment', async () => {
    await importCustomers(actors.gdOperator, { fileName: 'a.csv', text: csv('13002400001,褚明,prepaid,440000,') });
    const result = await importCustomers(actors.gdOperator, { fileName: 'b.csv', text: csv('13002400001,褚明亮,postpaid,440000,suspended') });
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const customer = (await customerByMobile('13002400001'))!;
    expect(customer).toMatchObject({ name: '褚明亮', segment: 'postpaid', status: 'suspended', updatedAt: expect.any(Number) });
    const [activity] = await getReader()
      .select({ kind: activities.kind, channel: activities.channel, staffId: activities.staffId, data: activities.data })
      .from(activities)
      .where(eq(activities.customerId, customer.id))
      .orderBy(sql`${activities.id} desc`)
      .limit(1);
    expect(activity).toEqual({
      kind: 'imported',
      channel: 'hall',
      staffId: actors.gdOperator.staffId,
      data: {
        change: 'updated',
        changes: { name: { from: '褚明', to: '褚明亮' }, segment: { from: 'prepaid', to: 'postpaid' }, status: { from: 'active', to: 'suspended' } },
      },
    });
  });

  it('moves the open memberships of a customer whose province changes, leaving past periods where they were', async () => {
    await importCustomers(actors.admin, { fileName: 'm1.csv', text: csv('13002400077,迁一,postpaid,440000,') });
    const customer = (await customerByMobile('13002400077'))!;
    await withTransaction(async (tx) => {
      await tx.insert(memberships).values([
        { customerId: customer.id, clubCode: 'music', provinceCode: '440000', joinedAt: 1, joinChannel: 'hall', leftAt: 2 },
        { customerId: customer.id, clubCode: 'film', provinceCode: '440000', joinedAt: 1, joinChannel: 'hall' },
      ]);
    });
    await importCustomers(actors.admin, { fileName: 'm2.csv', text: csv('13002400077,迁一,postpaid,110000,') });
    const rows = await getReader()
      .select({ clubCode: memberships.clubCode, provinceCode: memberships.provinceCode })
      .from(memberships)
      .where(eq(memberships.customerId, customer.id))
      .orderBy(asc(memberships.clubCode));
    expect(rows).toEqual([
      { clubCode: 'film', provinceCode: '110000' },
      { clubCode: 'music', provinceCode: '440000' },
    ]);
  });

  it('keeps an operator to customers of their own province', async () => {
    await importCustomers(actors.admin, { fileName: 'bj.csv', text: csv('15602500001,卫东,postpaid,110000,') });
    const bjCustomer = (await customerByMobile('15602500001'))!;

    const result = await importCustomers(actors.gdOperator, {
      fileName: 'gd.csv',
      text: csv('15602500001,卫东,postpaid,440000,', '15602500002,蒋文,postpaid,110000,', '15602500003,沈佳,postpaid,440000,'),
    });
    expect(result).toMatchObject({ created: 1, updated: 0, unchanged: 0, errorCount: 2 });
    expect((await getCustomerImport(actors.gdOperator, result.importId!)).errors).toEqual([
      { row: 2, column: 'mobile', reason: 'outside_province' },
      { row: 3, column: 'province', reason: 'outside_province' },
    ]);
    expect(await customerByMobile('15602500001')).toEqual(bjCustomer);
    expect(await customerByMobile('15602500002')).toBeUndefined();
  });

  it('refuses analysts and members, writing nothing', async () => {
    const before = await countRows();
    for (const actor of [actors.analyst, member]) {
      const attempt = importCustomers(actor, { fileName: 'x.csv', text: csv('18602600001,韩梅,postpaid,440000,') });
      await expect(attempt).rejects.toBeInstanceOf(DomainError);
      await expect(attempt).rejects.toMatchObject({ code: 'forbidden', category: 'forbidden' });
    }
    expect(await countRows()).toEqual(before);
  });

  it('refuses a bad file as a whole, writing nothing', async () => {
    const before = await countRows();
    const result = await importCustomers(actors.admin, { fileName: 'bad.csv', text: 'phone,name\n18602700001,杨洋' });
    expect(result).toEqual({ importId: null, totalRows: 0, created: 0, updated: 0, unchanged: 0, errorCount: 0, fileError: 'wrong_header' });
    expect(await countRows()).toEqual(before);
  });

  it('writes customers, ledger, activity, import record and audit entry in one transaction', async () => {
    const before = await countRows();
    const text = csv('18602800001,朱琳,postpaid,440000,', '18602800002,秦川,postpaid,440000,');
    await expect(
      withTransaction(async () => {
        await importCustomers(actors.admin, { fileName: 'rolled-back.csv', text });
        expect((await countRows()).customers).toBe(before.customers);
        throw new Error('abort after the import');
      }),
    ).rejects.toThrow('abort after the import');
    expect(await countRows()).toEqual(before);

    const result = await importCustomers(actors.admin, { fileName: 'kept.csv', text });
    expect(await countRows()).toEqual({
      customers: before.customers + 2,
      ledger: before.ledger,
      activities: before.activities + 2,
      audit: before.audit + 1,
      imports: before.imports + 1,
    });
    const [entry] = await getReader()
      .select({ action: auditLog.action, entityType: auditLog.entityType, entityId: auditLog.entityId, staffId: auditLog.staffId, after: auditLog.after })
      .from(auditLog)
      .where(eq(auditLog.entityId, String(result.importId)));
    expect(entry).toEqual({
      action: 'customers.import',
      entityType: 'customer_import',
      entityId: String(result.importId),
      staffId: actors.admin.staffId,
      after: { fileName: 'kept.csv', totalRows: 2, created: 2, updated: 0, unchanged: 0, errorCount: 0 },
    });
  });
});

describe('club columns', () => {
  const openClubs = async (mobile: string) => {
    const customer = (await customerByMobile(mobile))!;
    const rows = await getReader()
      .select({ clubCode: memberships.clubCode, provinceCode: memberships.provinceCode, joinChannel: memberships.joinChannel, joinedBy: memberships.joinedByStaffId, leftAt: memberships.leftAt })
      .from(memberships)
      .where(eq(memberships.customerId, customer.id))
      .orderBy(asc(memberships.id));
    return rows;
  };
  const clubActivities = async (mobile: string) => {
    const customer = (await customerByMobile(mobile))!;
    return getReader()
      .select({ kind: activities.kind, clubCode: activities.clubCode, channel: activities.channel, refType: activities.refType })
      .from(activities)
      .where(and(eq(activities.customerId, customer.id), inArray(activities.kind, ['joined', 'left'])))
      .orderBy(asc(activities.id));
  };

  it('enrols new and existing customers as the app does, and leaves clubs, with their activity records', async () => {
    await importCustomers(actors.gdOperator, { fileName: 'base.csv', text: csv('18603100002,区志强,postpaid,440000,') });
    const result = await importCustomers(actors.gdOperator, {
      fileName: 'clubs.csv',
      text: clubCsv('18603100001,麦嘉琪,postpaid_vip,440000,,music|film,', '18603100002,区志强,postpaid,440000,,handset,'),
    });
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 0, errorCount: 0 });
    expect(await openClubs('18603100001')).toEqual([
      { clubCode: 'music', provinceCode: '440000', joinChannel: 'hall', joinedBy: actors.gdOperator.staffId, leftAt: null },
      { clubCode: 'film', provinceCode: '440000', joinChannel: 'hall', joinedBy: actors.gdOperator.staffId, leftAt: null },
    ]);
    expect(await clubActivities('18603100001')).toEqual([
      { kind: 'joined', clubCode: 'music', channel: 'hall', refType: 'membership' },
      { kind: 'joined', clubCode: 'film', channel: 'hall', refType: 'membership' },
    ]);

    const later = Date.now() + 1000;
    const leaving = await importCustomers(actors.gdOperator, { fileName: 'leave.csv', text: clubCsv('18603100001,麦嘉琪,postpaid_vip,440000,,gaming,film') }, later);
    expect(leaving).toMatchObject({ updated: 1, errorCount: 0 });
    expect((await openClubs('18603100001')).map((m) => [m.clubCode, m.leftAt])).toEqual([['music', null], ['film', later], ['gaming', null]]);
    expect((await clubActivities('18603100001')).map((a) => `${a.kind}:${a.clubCode}`)).toEqual(['joined:music', 'joined:film', 'left:film', 'joined:gaming']);
    await expectDerivedNumbersConsistent();
  });

  it('refuses a row by the enrolment rules, with its column, and writes nothing for it', async () => {
    await withTransaction((tx) => tx.update(clubs).set({ allowedSegments: ['postpaid_vip'] }).where(eq(clubs.code, 'gaming')));
    try {
      await importCustomers(actors.admin, { fileName: 'base.csv', text: clubCsv('18603200001,谭咏诗,postpaid,440000,,music,', '18603200002,邝家豪,postpaid,440000,停机,,') });
      const before = await countRows();
      const snapshot = await getReader().select().from(customers).orderBy(asc(customers.id));
      const result = await importCustomers(actors.admin, {
        fileName: 'refused.csv',
        text: clubCsv(
          '18603200001,谭咏诗改名,postpaid,440000,,music,',
          '18603200001,谭咏诗,postpaid,440000,,,film',
          '18603200003,新客户,postpaid,440000,,gaming,',
          '18603200002,邝家豪,postpaid,440000,,film,',
          '18603200004,冼美玲,postpaid_vip,440000,,gaming,',
        ),
      });
      expect(result).toMatchObject({ totalRows: 5, created: 1, updated: 0, errorCount: 4 });
      expect((await getCustomerImport(actors.admin, result.importId!)).errors).toEqual([
        { row: 2, column: 'join_clubs', reason: 'already_member' },
        { row: 3, column: 'mobile', reason: 'duplicate_mobile', params: { firstRow: 2 } },
        { row: 4, column: 'join_clubs', reason: 'segment_not_allowed' },
        { row: 5, column: 'join_clubs', reason: 'customer_not_active' },
      ]);
      // The renamed row was refused whole: its name did not change.
      expect((await getReader().select().from(customers).orderBy(asc(customers.id))).slice(0, snapshot.length)).toEqual(snapshot);
      expect(await countRows()).toMatchObject({ customers: before.customers + 1, imports: before.imports + 1 });
      expect((await openClubs('18603200004')).map((m) => m.clubCode)).toEqual(['gaming']);
      const notMember = await importCustomers(actors.admin, { fileName: 'leave.csv', text: clubCsv('18603200002,邝家豪,postpaid,440000,,,handset') });
      expect((await getCustomerImport(actors.admin, notMember.importId!)).errors).toEqual([{ row: 2, column: 'leave_clubs', reason: 'not_member' }]);
    } finally {
      await withTransaction((tx) => tx.update(clubs).set({ allowedSegments: ['prepaid', 'postpaid', 'postpaid_vip'] }).where(eq(clubs.code, 'gaming')));
    }
  });

  it('keeps an operator limited to some clubs to those clubs', async () => {
    const musicOnly: StaffActor = { ...actors.gdOperator, clubCodes: ['music'] };
    const result = await importCustomers(musicOnly, { fileName: 'scope.csv', text: clubCsv('18603300001,甄子丹,postpaid,440000,,music,', '18603300002,梁朝伟,postpaid,440000,,film,') });
    expect(result).toMatchObject({ created: 1, errorCount: 1 });
    expect((await getCustomerImport(musicOnly, result.importId!)).errors).toEqual([{ row: 3, column: 'join_clubs', reason: 'club_outside_scope' }]);
  });
});

describe('the files shipped with the repository', () => {
  const read = (file: string) => fs.readFileSync(path.join(process.cwd(), file), 'utf8');

  it('imports the sample file without errors as an admin', async () => {
    const result = await importCustomers(actors.admin, { fileName: 'customers-sample.csv', text: read('public/samples/customers-sample.csv') });
    expect(result).toMatchObject({ totalRows: 20, created: 20, errorCount: 0 });
    const clubsOf = async (mobile: string) =>
      (await getReader().select({ club: memberships.clubCode }).from(memberships).innerJoin(customers, eq(customers.id, memberships.customerId)).where(eq(customers.mobile, mobile)).orderBy(asc(memberships.id))).map((m) => m.club);
    expect(await clubsOf('18620301001')).toEqual(['music', 'film']);
    expect(await clubsOf('13160301005')).toEqual([]);
  });

  it('applies the ledger sample to the sample customers without errors, and a second time changes nothing', async () => {
    const text = read('public/samples/ledger-sample.csv');
    expect(await importLedgerEntries(actors.admin, { fileName: 'ledger-sample.csv', text })).toMatchObject({ totalRows: 10, applied: 10, alreadyApplied: 0, errorCount: 0 });
    expect(await importLedgerEntries(actors.admin, { fileName: 'ledger-sample.csv', text })).toMatchObject({ applied: 0, alreadyApplied: 10, errorCount: 0 });
    expect(await customerByMobile('18610301007')).toMatchObject({ pointsBalance: 30000 });
    expect(await customerByMobile('13060301002')).toMatchObject({ prepaidBalanceFen: 8000 });
  });

  it('writes the sample files as Excel on Windows reads them: UTF-8 with a BOM, CRLF line ends', () => {
    for (const file of ['public/samples/customers-sample.csv', 'public/samples/ledger-sample.csv']) {
      const bytes = fs.readFileSync(path.join(process.cwd(), file));
      expect([...bytes.subarray(0, 3)], file).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.endsWith('\r\n'), file).toBe(true);
      expect(text.split('\r\n').every((line) => !line.includes('\n')), `${file}: a bare LF`).toBe(true);
    }
  });

  it('imports the good rows of the end-to-end mixed file as a Guangdong operator', async () => {
    const result = await importCustomers(actors.gdOperator, { fileName: 'import-mixed.csv', text: read('e2e/fixtures/import-mixed.csv') });
    expect(result).toMatchObject({ totalRows: 9, created: 5, updated: 0, unchanged: 0, errorCount: 4 });
    expect((await getCustomerImport(actors.gdOperator, result.importId!)).errors).toEqual([
      { row: 4, column: 'mobile', reason: 'invalid_mobile' },
      { row: 6, column: 'segment', reason: 'unknown_segment' },
      { row: 7, column: 'province', reason: 'unknown_province' },
      { row: 10, column: 'mobile', reason: 'duplicate_mobile', params: { firstRow: 3 } },
    ]);
  });
});

describe('import records', () => {
  it('shows an operator the imports of their province only; admins see all', async () => {
    // Later than the re-import above, which is dated a minute ahead.
    const later = Date.now() + 120_000;
    const gd = await importCustomers(actors.gdOperator, { fileName: 'gd-only.csv', text: csv('18602900001,许诺,postpaid,440000,') }, later);
    const bj = await importCustomers(actors.bjOperator, { fileName: 'bj-only.csv', text: csv('15602900002,何平,postpaid,110000,') }, later + 1);

    await expect(getCustomerImport(actors.bjOperator, gd.importId!)).rejects.toMatchObject({ code: 'not_found' });
    expect((await getCustomerImport(actors.admin, gd.importId!)).fileName).toBe('gd-only.csv');

    const gdList = await listCustomerImports(actors.gdOperator);
    expect(gdList.map((i) => i.id)).toContain(gd.importId);
    expect(gdList.map((i) => i.id)).not.toContain(bj.importId);
    expect(gdList.length).toBeLessThanOrEqual(10);

    const adminList = await listCustomerImports(actors.admin, 2);
    expect(adminList.map((i) => i.id)).toEqual([bj.importId, gd.importId]);
    await expect(listCustomerImports(actors.analyst)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

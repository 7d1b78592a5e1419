import { parse } from 'csv-parse/sync';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { auditLog, billingExports, charges, customers, events, memberships } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { BILLING_SETTLE_MS, billingCycle } from '@/lib/domain/billing';
import { DAY, HOUR, MINUTE, shanghaiInstant } from '@/lib/domain/time';
import { filmPremiere } from '@/tests/events';
import { withTempDatabase } from '@/tests/temp-database';
import { encodeBillingCursor, exportBillingFile, getBillingReconciliation, listBillingCharges } from './billing';
import { updateHqSettings } from './hq-settings';
import { cancelRegistration, registerForEvent } from './registrations';

withTempDatabase();

// 10 March 2027, noon in Beijing: 2027-03 is open, 2027-02 and 2027-01 are closed.
const NOW = shanghaiInstant(2027, 3, 10, 12);
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 5, provinceCode: null, clubCodes: null, name: '总部' };
const operator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const gdToken: Actor = { kind: 'channel', role: 'channel', tokenId: 1, channel: 'hall', provinceCode: '440000', name: '广东营业厅' };
const hqToken: Actor = { kind: 'channel', role: 'channel', tokenId: 2, channel: 'hotline', provinceCode: null, name: '总部客服' };
const people: Record<string, { id: number; actor: Actor }> = {};
let keys = 0;
const key = () => `billing-test-${++keys}`;

async function addCustomer(name: string, provinceCode: string) {
  await withTransaction(async (tx) => {
    const [row] = await tx
      .insert(customers)
      .values({ mobile: `186${String(Object.keys(people).length + 1).padStart(8, '0')}`, name, segment: 'postpaid', provinceCode, status: 'active' })
      .returning({ id: customers.id });
    await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'film', provinceCode, joinedAt: 0, joinChannel: 'hall' });
    people[name] = { id: row!.id, actor: { kind: 'member', role: 'member', customerId: row!.id, provinceCode, name } };
  });
}

/** A fee on someone's bill at `at`: registering for a new paid event of their province. */
async function charge(who: string, fen: number, at: number): Promise<number> {
  const person = people[who]!;
  const provinceCode = person.actor.provinceCode!;
  const eventId = await withTransaction(async (tx) => {
    const [row] = await tx
      .insert(events)
      // Forty days ahead: a refund weeks later still comes before the registration deadline.
      .values(filmPremiere(at, { provinceCode, priceType: 'fee', priceFen: fen, pricePoints: 0, capacity: 50, startsAt: at + 40 * DAY, endsAt: at + 40 * DAY + 2 * HOUR, regClosesAt: at + 39 * DAY }))
      .returning({ id: events.id });
    return row!.id;
  });
  const { registrationId } = await registerForEvent(person.actor, { customerId: person.id, eventId, idempotencyKey: key() }, at);
  return registrationId;
}

const lineOf = async (registrationId: number, sign: 1 | -1) =>
  (await getReader().select().from(charges).where(and(eq(charges.registrationId, registrationId), sign > 0 ? sql`${charges.amountFen} > 0` : sql`${charges.amountFen} < 0`)))[0]!;

type Parsed = { header: string[]; details: string[][]; trailer: string[] };
function readBack(text: string): Parsed {
  const records = parse(text, { relax_column_count: true }) as string[][];
  return { header: records[0]!, details: records.slice(1, -1), trailer: records.at(-1)! };
}

async function databaseSum(cycleId: string, province?: string) {
  const cycle = billingCycle(cycleId, 1)!;
  const [row] = await getReader()
    .select({ n: sql<number>`count(*)`.mapWith(Number), sum: sql<number>`coalesce(sum(${charges.amountFen}), 0)`.mapWith(Number) })
    .from(charges)
    .innerJoin(customers, eq(customers.id, charges.customerId))
    .where(and(gte(charges.createdAt, cycle.start), lt(charges.createdAt, cycle.end), province ? eq(customers.provinceCode, province) : undefined));
  return { count: row!.n, sumFen: row!.sum };
}

const registrations: Record<string, number> = {};

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (5, 'hq', '总部管理员', 'x', 'admin', null, 0)`);
  });
  await addCustomer('张伟', '440000');
  await addCustomer('李娜', '440000');
  await addCustomer('王芳', '110000');
  registrations.jan = await charge('张伟', 5000, shanghaiInstant(2027, 1, 5, 10));
  // The last minute of January in Beijing (still January's cycle, though February in UTC is hours away).
  registrations.janLate = await charge('王芳', 2000, shanghaiInstant(2027, 1, 31, 23, 59));
  registrations.feb = await charge('李娜', 3000, shanghaiInstant(2027, 2, 1, 0, 0));
  registrations.feb2 = await charge('王芳', 1500, shanghaiInstant(2027, 2, 14, 9));
  registrations.mar = await charge('张伟', 8000, shanghaiInstant(2027, 3, 2, 15));
  // January's fee refunded in February: a reversal in February's cycle, January's file untouched.
  await cancelRegistration(people['张伟']!.actor, { registrationId: registrations.jan, idempotencyKey: key() }, shanghaiInstant(2027, 2, 3, 11));
});

describe('charge lines', () => {
  it('refund as a reversal that names the charge it reverses, at most once', async () => {
    const fee = await lineOf(registrations.jan!, 1);
    const reversal = await lineOf(registrations.jan!, -1);
    expect(fee.reversesChargeId).toBeNull();
    expect(reversal).toMatchObject({ amountFen: -5000, reversesChargeId: fee.id });
    const again = withTransaction((tx) => tx.insert(charges).values({ customerId: fee.customerId, amountFen: -5000, reversesChargeId: fee.id, description: '重复退还', createdAt: NOW }));
    await expect(again).rejects.toThrow();
    // A reversal is negative: a positive line cannot claim to reverse one.
    await expect(withTransaction((tx) => tx.insert(charges).values({ customerId: fee.customerId, amountFen: 100, reversesChargeId: registrations.feb!, description: '错误', createdAt: NOW }))).rejects.toThrow();
  });
});

describe('the billing file of a cycle', () => {
  it('holds each line exactly once across cycles, and the provinces’ files split the national one', async () => {
    const everyLine = (await getReader().select({ id: charges.id }).from(charges)).map((r) => String(r.id)).sort();
    const seen: string[] = [];
    for (const cycle of ['2026-12', '2027-01', '2027-02', '2027-03']) {
      const all = readBack((await exportBillingFile(admin, cycle, 'ALL', NOW)).content);
      const gd = readBack((await exportBillingFile(admin, cycle, '440000', NOW)).content);
      const bj = readBack((await exportBillingFile(admin, cycle, '110000', NOW)).content);
      expect([...gd.details, ...bj.details].map((d) => d[1]).sort()).toEqual(all.details.map((d) => d[1]).sort());
      seen.push(...all.details.map((d) => d[1]!));
    }
    expect(seen.sort()).toEqual(everyLine);
  });

  it('reads back with a separate parser to the database’s count and sum, the reversal pointing at its charge', async () => {
    const result = await exportBillingFile(admin, '2027-02', 'ALL', NOW);
    expect(result).toMatchObject({ final: true, filename: 'billing-2027-02-ALL.csv' });
    const file = readBack(result.content);
    expect(file.header).toEqual(['H', '1', '2027-02', 'ALL', expect.stringMatching(/^2027-03-10T04:00:00\.000Z$/), 'FINAL']);
    const sum = file.details.reduce((s, d) => s + Number(d[4]), 0);
    expect(file.trailer).toEqual(['T', String(file.details.length), String(sum)]);
    expect({ count: file.details.length, sumFen: sum }).toEqual(await databaseSum('2027-02'));
    const fee = await lineOf(registrations.jan!, 1);
    const reversal = file.details.find((d) => d[5] === 'REVERSAL')!;
    expect(reversal.slice(2, 7)).toEqual(['18600000001', '440000', '-5000', 'REVERSAL', String(fee.id)]);
    // The last minute of January in Beijing belongs to January, the first of February to February.
    const jan = readBack((await exportBillingFile(admin, '2027-01', '110000', NOW)).content);
    expect(jan.details.map((d) => [d[4], d[8]])).toEqual([['2000', '2027-01-31T15:59:00.000Z']]);
  });

  it('of a closed cycle is recorded once and served byte for byte after the lines change; the page shows the difference', async () => {
    const first = await exportBillingFile(admin, '2027-01', '440000', NOW);
    const [recorded] = await getReader().select().from(billingExports).where(and(eq(billingExports.cycle, '2027-01'), eq(billingExports.scope, '440000')));
    expect(recorded).toMatchObject({ lineCount: 1, sumFen: 5000, sha256: first.sha256, createdByStaffId: 5 });
    // A line that should never land in a closed cycle (written straight to the table).
    await withTransaction((tx) => tx.insert(charges).values({ customerId: people['李娜']!.id, amountFen: 700, description: '补录', createdAt: shanghaiInstant(2027, 1, 20) }));
    const later = await exportBillingFile(admin, '2027-01', '440000', NOW + 3 * DAY);
    expect(later.content).toBe(first.content);
    expect(later.sha256).toBe(first.sha256);
    const exports = await getReader().select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.action, 'billing.export'));
    expect(exports.filter((e) => (e.after as { cycle: string; scope: string }).cycle === '2027-01' && (e.after as { scope: string }).scope === '440000')).toHaveLength(3);
    const page = await getBillingReconciliation(admin, '2027-01', NOW);
    const gd = page.rows.find((r) => r.scope === '440000')!;
    expect(gd).toMatchObject({ net: { count: 2, sumFen: 5700 }, exported: { lineCount: 1, sumFen: 5000, byName: '总部管理员' }, differs: true });
    expect(page.rows.find((r) => r.scope === '110000')).toMatchObject({ differs: false, exported: { lineCount: 1, sumFen: 2000 } });
  });

  it('of an open cycle is a preview, marked so and never recorded', async () => {
    const preview = await exportBillingFile(admin, '2027-03', 'ALL', NOW);
    expect(preview).toMatchObject({ final: false, filename: 'billing-2027-03-ALL-preview.csv' });
    expect(readBack(preview.content).header[5]).toBe('PREVIEW');
    expect(await getReader().$count(billingExports, eq(billingExports.cycle, '2027-03'))).toBe(0);
    // Just past the end the cycle is still settling; a minute later it is closed and final.
    const end = billingCycle('2027-03', 1)!.end;
    expect((await exportBillingFile(admin, '2027-03', 'ALL', end + BILLING_SETTLE_MS - 1)).final).toBe(false);
    expect((await exportBillingFile(admin, '2027-03', 'ALL', end + BILLING_SETTLE_MS)).final).toBe(true);
  });

  it('is for admins only, and an unknown cycle or province does not exist', async () => {
    await expect(exportBillingFile(operator, '2027-01', '440000', NOW)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getBillingReconciliation(operator, undefined, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(exportBillingFile(admin, '2027-13', 'ALL', NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(exportBillingFile(admin, '2027-01', '999999', NOW)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the reconciliation page', () => {
  it('counts charges and reversals per province and for all, and offers the open cycle and five before it', async () => {
    const page = await getBillingReconciliation(admin, '2027-02', NOW);
    expect(page.cycles.map((c) => [c.id, c.closed])).toEqual([
      ['2027-03', false],
      ['2027-02', true],
      ['2027-01', true],
      ['2026-12', true],
      ['2026-11', true],
      ['2026-10', true],
    ]);
    expect(page.rows.map((r) => [r.scope, r.charges, r.reversals, r.net.sumFen])).toEqual([
      ['ALL', { count: 2, sumFen: 4500 }, { count: 1, sumFen: -5000 }, -500],
      ['110000', { count: 1, sumFen: 1500 }, { count: 0, sumFen: 0 }, 1500],
      ['440000', { count: 1, sumFen: 3000 }, { count: 1, sumFen: -5000 }, -2000],
    ]);
    // Without a cycle asked for: the latest closed one.
    expect((await getBillingReconciliation(admin, undefined, NOW)).cycle.id).toBe('2027-02');
  });

  it('follows HQ’s start day', async () => {
    await updateHqSettings(admin, { billingCycle: { startDay: 15 } });
    const page = await getBillingReconciliation(admin, undefined, NOW);
    expect(page.startDay).toBe(15);
    expect(page.cycles[0]).toMatchObject({ id: '2027-02', start: shanghaiInstant(2027, 2, 15), closed: false });
    await updateHqSettings(admin, { billingCycle: { startDay: 1 } });
  });
});

describe('pulling charge lines', () => {
  it('pages through every line of the token’s province once while new ones arrive', async () => {
    const gdIds = async () =>
      (await getReader().select({ id: charges.id }).from(charges).innerJoin(customers, eq(customers.id, charges.customerId)).where(eq(customers.provinceCode, '440000')))
        .map((r) => r.id)
        .sort((a, b) => a - b);
    const pulled: number[] = [];
    let cursor: string | undefined;
    let now = NOW;
    for (let round = 0; round < 12; round++) {
      const page = await listBillingCharges(gdToken, { cursor, limit: 2 }, now);
      expect(page.charges.every((l) => l.provinceCode === '440000')).toBe(true);
      pulled.push(...page.charges.map((l) => l.id));
      cursor = page.nextCursor;
      // New charges between page reads, in both provinces.
      if (round < 3) {
        now += HOUR;
        await charge(round % 2 ? '李娜' : '王芳', 1000 + round, now - 30 * MINUTE);
      }
      if (!page.more && round >= 3) now += HOUR;
    }
    expect(pulled).toEqual(await gdIds());
    expect(new Set(pulled).size).toBe(pulled.length);
  });

  it('stops a page before a line that has not settled, gives HQ every province, and refuses a forged cursor', async () => {
    const last = (await getReader().select({ id: charges.id }).from(charges)).map((r) => r.id).sort((a, b) => a - b);
    const fresh = await charge('张伟', 990, NOW + 10 * DAY);
    const freshLine = await lineOf(fresh, 1);
    const before = await listBillingCharges(hqToken, { cursor: encodeBillingCursor(last.at(-1)!) }, NOW + 10 * DAY + BILLING_SETTLE_MS - 1);
    expect(before).toMatchObject({ charges: [], more: false, nextCursor: encodeBillingCursor(last.at(-1)!) });
    const after = await listBillingCharges(hqToken, { cursor: before.nextCursor }, NOW + 10 * DAY + BILLING_SETTLE_MS + 1);
    expect(after.charges.map((l) => [l.id, l.kind, l.amountFen, l.cycle])).toEqual([[freshLine.id, 'charge', 990, '2027-03']]);
    const everything = await listBillingCharges(hqToken, { limit: 1000 }, NOW + 20 * DAY);
    expect(new Set(everything.charges.map((l) => l.provinceCode))).toEqual(new Set(['440000', '110000']));
    const reversal = everything.charges.find((l) => l.kind === 'reversal')!;
    expect(everything.charges.find((l) => l.id === reversal.reversesId)).toMatchObject({ kind: 'charge', amountFen: -reversal.amountFen });
    for (const cursor of ['abc', encodeBillingCursor(1).slice(0, -1), Buffer.from('c1.-4').toString('base64url')]) {
      await expect(listBillingCharges(gdToken, { cursor }, NOW)).rejects.toMatchObject({ code: 'invalid_cursor' });
    }
    await expect(listBillingCharges(admin, {}, NOW)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, auditLog, customers, halls, outbox, warrantyHandsets, warrantyRepairs } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { shanghaiInstant } from '@/lib/domain/time';
import { registerHandsetInput, serveRepairInput } from '@/lib/validation/warranty';
import { statsFilters } from '@/lib/validation/stats';
import { withTempDatabase } from '@/tests/temp-database';
import { findHandset, registerHandset, serveRepair } from './warranty';
import { getWarrantyStatistics } from './warranty-stats';

withTempDatabase();

const SOLD = shanghaiInstant(2026, 3, 10, 11);
const REPAIRED = shanghaiInstant(2026, 10, 8, 15);
const gd: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: ['music'], name: '广东运营' };
const bj: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const bjAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 4, provinceCode: '110000', clubCodes: null, name: '北京分析' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 5, provinceCode: null, clubCodes: null, name: '总部' };
const I909 = '352099001761481';
const ME811 = '358756041234563';
const hall: Record<string, number> = {};
let buyer = 0;

const register = (actor: Actor, form: Record<string, string>, now = SOLD) => registerHandset(actor, registerHandsetInput.parse(form), now);
const serve = (actor: Actor, form: Record<string, string>, now = REPAIRED) => serveRepair(actor, serveRepairInput.parse({ fault: '无法开机', work: '更换主板', requestKey: crypto.randomUUID(), ...form }), now);

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0),
      (3, 'gda', '广东分析', 'x', 'analyst', '440000', 0), (4, 'bja', '北京分析', 'x', 'analyst', '110000', 0), (5, 'hq', '总部', 'x', 'admin', null, 0)`);
    const [c] = await tx.insert(customers).values({ mobile: '18602001234', name: '陈嘉欣', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
    buyer = c!.id;
    await tx.insert(customers).values({ mobile: '18601109876', name: '王磊', segment: 'postpaid', provinceCode: '110000' });
    for (const [key, province, nameZh] of [
      ['tianhe', '440000', '中国联通广州天河营业厅'],
      ['xidan', '110000', '中国联通北京西单营业厅'],
    ] as const) {
      const [h] = await tx.insert(halls).values({ provinceCode: province, nameZh, nameEn: null, city: nameZh.slice(4, 6) }).returning({ id: halls.id });
      hall[key] = h!.id;
    }
  });
});

describe('warranty handsets', () => {
  it('are registered by the selling province, with a year of warranty unless another end is typed', async () => {
    const i909 = await register(gd, { hallId: String(hall.tianhe), imei: '35-209900-176148-1', model: '三星 I909', purchasedOn: '2026-03-10', mobile: '18602001234' });
    expect(i909).toMatchObject({ imei: I909, provinceCode: '440000', hallId: hall.tianhe, customerId: buyer, purchasedOn: '2026-03-10', warrantyEndsOn: '2027-03-10', registeredByStaffId: 1 });
    // A handset bought for another network's number has no customer and is covered all the same.
    const me811 = await register(gd, { hallId: String(hall.tianhe), imei: ME811, model: '摩托罗拉 ME811', purchasedOn: '2025-01-05', warrantyEndsOn: '2025-12-31', mobile: '' });
    expect(me811).toMatchObject({ customerId: null, warrantyEndsOn: '2025-12-31' });
    const [entry] = await getReader().select().from(auditLog).where(and(eq(auditLog.action, 'warranty.register'), eq(auditLog.entityId, String(i909.id))));
    expect(entry).toMatchObject({ staffId: 1, provinceCode: '440000' });
  });

  it('refuse a bad IMEI, one already registered, another province, a buyer of another province, and impossible dates; nothing is written', async () => {
    const before = await getReader().$count(warrantyHandsets);
    expect(registerHandsetInput.safeParse({ hallId: '1', imei: '352099001761482', model: 'x', purchasedOn: '2026-03-10' }).error?.issues.map((i) => i.message)).toEqual(['imei_check_digit']);
    const form = { hallId: String(hall.tianhe), imei: '353918045678907', model: 'HTC Desire S', purchasedOn: '2026-03-10' };
    await expect(register(gd, { ...form, imei: I909 })).rejects.toMatchObject({ code: 'warranty_imei_taken', fields: { imei: 'warranty_imei_taken' } });
    // A province registers only what its own halls sold.
    await expect(register(bj, form)).rejects.toMatchObject({ code: 'hall_unavailable', fields: { hallId: 'hall_unavailable' } });
    await expect(register(gd, { ...form, mobile: '18601109876' })).rejects.toMatchObject({ code: 'warranty_customer_unknown', fields: { mobile: 'warranty_customer_unknown' } });
    await expect(register(gd, { ...form, purchasedOn: '2026-03-11' })).rejects.toMatchObject({ code: 'warranty_purchase_in_future' });
    await expect(register(gd, { ...form, warrantyEndsOn: '2026-03-09' })).rejects.toMatchObject({ code: 'warranty_ends_before_purchase' });
    await expect(register(gdAnalyst, form)).rejects.toMatchObject({ code: 'not_found' });
    expect(await getReader().$count(warrantyHandsets)).toBe(before);
  });

  it('are found by IMEI in any province; the buyer is masked outside the selling province', async () => {
    const home = await findHandset(gd, I909);
    expect(home?.customer).toMatchObject({ id: buyer, name: '陈嘉欣', mobile: '18602001234', masked: false, linked: true });
    const away = await findHandset(bj, ` ${I909} `);
    expect(away).toMatchObject({ model: '三星 I909', provinceCode: '440000', hall: { nameZh: '中国联通广州天河营业厅' } });
    expect(away?.customer).toMatchObject({ name: '陈**', mobile: '186****1234', masked: true, linked: false });
    expect((await findHandset(admin, I909))?.customer?.masked).toBe(false);
    expect(await findHandset(bj, '490154203237518')).toBeNull();
    await expect(findHandset(bj, '35209900176148')).rejects.toMatchObject({ code: 'invalid_imei' });
    await expect(findHandset(bj, '352099001761482')).rejects.toMatchObject({ code: 'imei_check_digit' });
    await expect(findHandset(bjAnalyst, I909)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('warranty repairs', () => {
  it('are served in another province, go on the customer record, and send the customer an SMS naming the hall', async () => {
    const handset = (await findHandset(bj, I909))!;
    const repair = await serve(bj, { handsetId: String(handset.id), hallId: String(hall.xidan), parts: '主板 GT-I909' });
    expect(repair).toMatchObject({ provinceCode: '110000', hallId: hall.xidan, staffId: 2, inWarranty: true, feeFen: 0, parts: '主板 GT-I909', servedAt: REPAIRED });
    const [fact] = await getReader().select().from(activities).where(and(eq(activities.customerId, buyer), eq(activities.kind, 'warranty_repair')));
    expect(fact).toMatchObject({ channel: 'hall', staffId: 2, refId: repair.id, data: expect.objectContaining({ place: '中国联通北京西单营业厅', model: '三星 I909', inWarranty: true }) });
    const [sms] = await getReader().select().from(outbox).where(and(eq(outbox.customerId, buyer), eq(outbox.template, 'warranty_repaired'), eq(outbox.channel, 'sms')));
    expect(sms?.body).toContain('中国联通北京西单营业厅');
    expect(sms?.body).toContain('1481');
    // The selling province sees the repair on the handset's page, with who served it where.
    expect((await findHandset(gd, I909))?.repairs).toEqual([expect.objectContaining({ id: repair.id, hallZh: '中国联通北京西单营业厅', staffName: '北京运营', inWarranty: true })]);
  });

  it('are served once for one form, however often it is sent', async () => {
    const handset = (await findHandset(bj, I909))!;
    const form = { handsetId: String(handset.id), hallId: String(hall.xidan), requestKey: crypto.randomUUID() };
    // A double click: the same form twice at once, then once more later.
    const results = await Promise.allSettled([serve(bj, form, REPAIRED + 60_000), serve(bj, form, REPAIRED + 60_000)]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'served')).sort()).toEqual(['served', 'warranty_repair_already_served']);
    await expect(serve(bj, form, REPAIRED + 120_000)).rejects.toMatchObject({ code: 'warranty_repair_already_served' });
    expect(await getReader().$count(warrantyRepairs, eq(warrantyRepairs.requestKey, form.requestKey))).toBe(1);
  });

  it('are paid with their fee out of warranty, refused a fee under it, and served only at a hall of the operator', async () => {
    const me811 = (await findHandset(bj, ME811))!;
    const i909 = (await findHandset(bj, I909))!;
    const before = await getReader().$count(warrantyRepairs);
    await expect(serve(bj, { handsetId: String(me811.id), hallId: String(hall.xidan) })).rejects.toMatchObject({ code: 'warranty_expired_fee_required', fields: { feeYuan: 'warranty_expired_fee_required' } });
    await expect(serve(bj, { handsetId: String(i909.id), hallId: String(hall.xidan), feeYuan: '50' })).rejects.toMatchObject({ code: 'warranty_repair_is_free' });
    await expect(serve(bj, { handsetId: String(i909.id), hallId: String(hall.tianhe) })).rejects.toMatchObject({ code: 'hall_unavailable' });
    await expect(serve(gdAnalyst, { handsetId: String(i909.id), hallId: String(hall.tianhe) })).rejects.toMatchObject({ code: 'not_found' });
    expect(await getReader().$count(warrantyRepairs)).toBe(before);
    // Without a customer the repair is kept, but there is no record or SMS to write.
    const paid = await serve(gd, { handsetId: String(me811.id), hallId: String(hall.tianhe), feeYuan: '120.50' }, shanghaiInstant(2026, 11, 2, 10));
    expect(paid).toMatchObject({ inWarranty: false, feeFen: 12050, provinceCode: '440000' });
    expect(await getReader().$count(activities, and(eq(activities.kind, 'warranty_repair'), eq(activities.refId, paid.id)))).toBe(0);
  });
});

describe('warranty statistics', () => {
  const filters = (o: Record<string, string> = {}) => statsFilters.parse({ year: '2026', ...o });

  it('count a repair served in another province for both provinces', async () => {
    const now = shanghaiInstant(2026, 12, 1, 9);
    const gdView = await getWarrantyStatistics(gdAnalyst, filters(), now);
    expect(gdView.byProvince).toEqual([{ province: '440000', servedHere: 1, servedHereSoldElsewhere: 0, soldHereServedElsewhere: 2 }]);
    const bjView = await getWarrantyStatistics(bjAnalyst, filters(), now);
    expect(bjView.byProvince).toEqual([{ province: '110000', servedHere: 2, servedHereSoldElsewhere: 2, soldHereServedElsewhere: 0 }]);
    expect(bjView.byMonth).toEqual([{ month: '2026-10', province: '110000', servedHere: 2, servedHereSoldElsewhere: 2, soldHereServedElsewhere: 0 }]);
    const all = await getWarrantyStatistics(admin, filters(), now);
    expect(all).toMatchObject({ repairs: 3, crossProvince: 2 });
    expect(all.byProvince.map((p) => p.province)).toEqual(['110000', '440000']);
    // The period, channel and segment filters apply; another province's view is refused.
    expect((await getWarrantyStatistics(admin, filters({ period: 'month', month: '11' }), now)).repairs).toBe(1);
    expect((await getWarrantyStatistics(admin, filters({ channel: 'hotline' }), now)).repairs).toBe(0);
    expect((await getWarrantyStatistics(admin, filters({ segment: 'postpaid' }), now)).repairs).toBe(2);
    await expect(getWarrantyStatistics(gdAnalyst, filters({ province: '110000' }), now)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getWarrantyStatistics(gd, filters(), now)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

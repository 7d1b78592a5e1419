import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { auditLog, customers, halls, loanerPhones, memberships, outbox, pointsLedger, services, serviceSlots } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import { withTempDatabase } from '@/tests/temp-database';
import { hallInput } from '@/lib/validation/halls';
import { listHalls, saveHall } from './halls';
import { bookService } from './services/bookings';
import { createSlot, listServiceCatalogue } from './services/catalogue';
import { addLoaner } from './services/loaners';

withTempDatabase();

const NOW = Date.now();
const gd: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const bj: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const gdMusic: Actor = { kind: 'staff', role: 'operator', staffId: 3, provinceCode: '440000', clubCodes: ['music'], name: '广东音乐运营' };
const analyst: Actor = { kind: 'staff', role: 'analyst', staffId: 4, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 5, provinceCode: null, clubCodes: null, name: '总部' };
const form = (o: Record<string, string>) => hallInput.parse({ kind: 'hall', active: 'on', ...o });
const TIANHE = { nameZh: '中国联通广州天河营业厅', nameEn: 'China Unicom Tianhe Service Hall, Guangzhou', city: '广州', address: '天河区天河路385号' };
const serviceOf = async (province: string, kind: 'cleaning' | 'onsite_repair') =>
  (await getReader().select().from(services).where(and(eq(services.provinceCode, province), eq(services.kind, kind))))[0]!;
const slotAt = (where: { hallId?: number; area?: string; areaEn?: string }) => ({ ...where, startsAt: NOW + 2 * DAY, endsAt: NOW + 2 * DAY + HOUR, opensAt: NOW - HOUR, capacity: 3 });

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0), (5, 'hq', '总部', 'x', 'admin', null, 0)`);
  });
});

describe('halls', () => {
  it('are added and listed per province, with the change in the audit log', async () => {
    const tianhe = await saveHall(gd, form(TIANHE));
    await saveHall(gd, form({ kind: 'brand_store', nameZh: '中国联通深圳华强北3G旗舰店', city: '深圳' }));
    await saveHall(bj, form({ nameZh: '中国联通北京西单营业厅', city: '北京' }));
    expect((await listHalls(gd)).map((h) => [h.city, h.nameZh, h.kind])).toEqual([
      ['广州', '中国联通广州天河营业厅', 'hall'],
      ['深圳', '中国联通深圳华强北3G旗舰店', 'brand_store'],
    ]);
    expect(await listHalls(admin, '110000')).toHaveLength(1);
    // HQ names the province it works on.
    await saveHall(admin, form({ provinceCode: '110000', kind: 'brand_store', nameZh: '中国联通北京王府井3G品牌店', city: '北京' }));
    expect((await listHalls(bj)).map((h) => h.nameZh)).toEqual(['中国联通北京王府井3G品牌店', '中国联通北京西单营业厅']);
    const [entry] = await getReader().select().from(auditLog).where(and(eq(auditLog.action, 'hall.create'), eq(auditLog.entityId, String(tianhe.id))));
    expect(entry).toMatchObject({ staffId: 1, after: expect.objectContaining({ nameEn: TIANHE.nameEn }) });
  });

  it('refuse a name the province already has, missing fields, and anyone outside the province or the handset club', async () => {
    const before = await getReader().$count(halls);
    await expect(saveHall(gd, form({ nameZh: TIANHE.nameZh, city: '广州' }))).rejects.toMatchObject({ code: 'hall_name_taken', fields: { nameZh: 'hall_name_taken' } });
    expect(hallInput.safeParse({ kind: 'hall', nameZh: ' ', city: '' }).error?.issues.map((i) => i.message)).toEqual(['hall_name_required', 'city_required']);
    const [tianhe] = await getReader().select().from(halls).where(eq(halls.nameZh, TIANHE.nameZh));
    await expect(saveHall(bj, form({ hallId: String(tianhe!.id), nameZh: '改名', city: '广州' }))).rejects.toMatchObject({ code: 'not_found' });
    await expect(saveHall(gdMusic, form({ nameZh: '音乐厅', city: '广州' }))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listHalls(analyst)).rejects.toMatchObject({ code: 'not_found' });
    await expect(saveHall(admin, form({ nameZh: '无省份', city: '北京' }))).rejects.toMatchObject({ code: 'province_required' });
    expect(await getReader().$count(halls)).toBe(before);
  });

  it('take the slots of hall services; on-site repair takes an area instead', async () => {
    const [tianhe] = await getReader().select().from(halls).where(eq(halls.nameZh, TIANHE.nameZh));
    const [xidan] = await getReader().select().from(halls).where(eq(halls.nameZh, '中国联通北京西单营业厅'));
    const cleaning = await serviceOf('440000', 'cleaning');
    const onsite = await serviceOf('440000', 'onsite_repair');
    const slot = await createSlot(gd, { serviceId: cleaning.id, ...slotAt({ hallId: tianhe!.id }) });
    expect(slot).toMatchObject({ hallId: tianhe!.id, place: TIANHE.nameZh });
    await expect(createSlot(gd, { serviceId: cleaning.id, ...slotAt({}) })).rejects.toMatchObject({ code: 'hall_required', fields: { hallId: 'hall_required' } });
    await expect(createSlot(gd, { serviceId: cleaning.id, ...slotAt({ hallId: xidan!.id }) })).rejects.toMatchObject({ code: 'hall_unavailable', fields: { hallId: 'hall_unavailable' } });
    await expect(createSlot(gd, { serviceId: onsite.id, ...slotAt({ hallId: tianhe!.id }) })).rejects.toMatchObject({ code: 'area_required', fields: { area: 'area_required' } });
    const area = await createSlot(gd, { serviceId: onsite.id, ...slotAt({ area: '广州市天河区、越秀区', areaEn: 'Tianhe and Yuexiu districts, Guangzhou' }) });
    expect(area).toMatchObject({ hallId: null, place: '广州市天河区、越秀区', placeEn: 'Tianhe and Yuexiu districts, Guangzhou' });
    // In English, a hall slot is named by its hall and an on-site slot by its area.
    const catalogue = await listServiceCatalogue(gd, '440000', Date.now());
    const placesEn = Object.fromEntries(catalogue.flatMap((s) => s.slots).map((s) => [s.id, s.placeEn]));
    expect(placesEn).toMatchObject({ [slot.id]: TIANHE.nameEn, [area.id]: 'Tianhe and Yuexiu districts, Guangzhou' });
  });

  it('keep loaner phones; a closed hall takes no new slot or phone', async () => {
    const [tianhe] = await getReader().select().from(halls).where(eq(halls.nameZh, TIANHE.nameZh));
    const phone = await addLoaner(gd, { hallId: tianhe!.id, model: '华为 U8800', imei: '867530010000011', condition: '良好' });
    expect(phone).toMatchObject({ hallId: tianhe!.id, hall: TIANHE.nameZh });
    const [shenzhen] = await getReader().select().from(halls).where(eq(halls.city, '深圳'));
    await saveHall(gd, form({ hallId: String(shenzhen!.id), kind: 'brand_store', nameZh: shenzhen!.nameZh, city: '深圳', active: '' }));
    await expect(addLoaner(gd, { hallId: shenzhen!.id, model: 'iPhone 4', imei: '012345670000058', condition: '良好' })).rejects.toMatchObject({ code: 'hall_unavailable' });
    const cleaning = await serviceOf('440000', 'cleaning');
    await expect(createSlot(gd, { serviceId: cleaning.id, ...slotAt({ hallId: shenzhen!.id }) })).rejects.toMatchObject({ code: 'hall_unavailable' });
    expect((await listHalls(gd)).map((h) => h.active)).toEqual([true, false]);
  });

  it('renamed, rename their slots and phones; messages carry the address and the English name', async () => {
    const [tianhe] = await getReader().select().from(halls).where(eq(halls.nameZh, TIANHE.nameZh));
    await saveHall(gd, form({ ...TIANHE, hallId: String(tianhe!.id), nameZh: '中国联通广州天河城营业厅' }));
    const slots = await getReader().select().from(serviceSlots).where(eq(serviceSlots.hallId, tianhe!.id));
    expect(slots.map((s) => s.place)).toEqual(['中国联通广州天河城营业厅']);
    expect((await getReader().select().from(loanerPhones).where(eq(loanerPhones.hallId, tianhe!.id)))[0]!.hall).toBe('中国联通广州天河城营业厅');

    const customerId = await withTransaction(async (tx) => {
      const [c] = await tx.insert(customers).values({ mobile: '18602009999', name: '林晓', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
      await tx.insert(memberships).values({ customerId: c!.id, clubCode: 'handset', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
      await tx.insert(pointsLedger).values({ customerId: c!.id, delta: 1000, reason: 'grant' });
      return c!.id;
    });
    await bookService({ kind: 'member', role: 'member', customerId, provinceCode: '440000', name: '林晓' }, { slotId: slots[0]!.id });
    const [inapp] = await getReader().select().from(outbox).where(and(eq(outbox.customerId, customerId), eq(outbox.channel, 'inapp')));
    // The message names the hall as it is called now, with its address.
    expect(inapp!.params).toMatchObject({ venue: `中国联通广州天河城营业厅（${TIANHE.address}）`, venueEn: `${TIANHE.nameEn} (${TIANHE.address})` });
  });

  it('keep one of two halls of the same name saved at once, refusing the other as taken', async () => {
    // At once: on PostgreSQL each save runs in a transaction of its own, side by side.
    const name = { nameZh: '中国联通北京东单营业厅', city: '北京' };
    const settled = await Promise.allSettled([saveHall(bj, form(name)), saveHall(bj, form(name))]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? 'done' : (s.reason as { code: string }).code)).sort()).toEqual(['done', 'hall_name_taken']);
    expect(await getReader().select({ id: halls.id }).from(halls).where(eq(halls.nameZh, name.nameZh))).toHaveLength(1);
  });
});

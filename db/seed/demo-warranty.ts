import { and, asc, eq, notInArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, customers, halls, warrantyHandsets, warrantyRepairs } from '../schema';
import { DAY } from '@/lib/domain/time';
import { beijingDayOf, defaultWarrantyEnd, imeiCheckDigit, inWarranty } from '@/lib/domain/warranty';
import { DEMO_MEMBER_MOBILES } from './demo-data';
import { inOpeningHours } from './seed-time';

interface SeedHandset {
  /** The first 14 digits: a type allocation code of the model's maker and a serial; the check digit is computed. */
  body: string;
  model: string;
  sold: { province: string; daysAgo: number };
  /** The n-th customer of the selling province (in id order, leaving out the demo sign-in members); none: not a 3G customer. */
  buyer: number | null;
  repairs: { province: string; daysAgo: number; fault: string; work: string; parts?: string; feeFen?: number }[];
}

/**
 * Handsets of the 3G launch sold in Guangdong and Beijing, and their repairs: a Guangdong 三星 I909
 * repaired in Beijing while its owner was there, a Beijing 中兴 V880 repaired in Guangzhou, repairs
 * at home, and an iPhone 4 out of warranty repaired for a fee. The HTC Desire S is left without a
 * repair for the counter's demonstration (and e2e/warranty.spec.ts, which serves one in Beijing).
 * Buyers are customers no other demo or spec signs in as, so that no inbox changes.
 */
const HANDSETS: SeedHandset[] = [
  {
    body: '35209900176148',
    model: '三星 I909',
    sold: { province: '440000', daysAgo: 200 },
    buyer: 0,
    repairs: [{ province: '110000', daysAgo: 20, fault: '通话时听筒无声，免提正常。', work: '更换听筒模组，测试通话正常。', parts: '听筒模组' }],
  },
  {
    body: '86358001234567',
    model: '华为 U8800',
    sold: { province: '440000', daysAgo: 90 },
    buyer: 1,
    repairs: [{ province: '440000', daysAgo: 10, fault: '充电接口松动，时充时不充。', work: '更换尾插小板。', parts: '尾插小板' }],
  },
  {
    body: '01238900556677',
    model: '苹果 iPhone 4 联通版',
    sold: { province: '440000', daysAgo: 430 },
    buyer: 2,
    repairs: [{ province: '440000', daysAgo: 30, fault: '屏幕摔裂，触摸失灵。', work: '更换屏幕总成（已过保修期，付费维修）。', parts: '屏幕总成', feeFen: 48000 }],
  },
  { body: '35391804567890', model: 'HTC Desire S', sold: { province: '440000', daysAgo: 30 }, buyer: 3, repairs: [] },
  { body: '86262601222222', model: '中兴 V880', sold: { province: '440000', daysAgo: 120 }, buyer: null, repairs: [] },
  {
    body: '35875604123456',
    model: '摩托罗拉 ME811',
    sold: { province: '110000', daysAgo: 150 },
    buyer: 0,
    repairs: [{ province: '110000', daysAgo: 40, fault: '自动重启，开机卡在标志画面。', work: '重新刷写系统固件，恢复出厂设置。' }],
  },
  {
    body: '86045600998877',
    model: '中兴 V880',
    sold: { province: '110000', daysAgo: 60 },
    buyer: 1,
    repairs: [{ province: '440000', daysAgo: 5, fault: '出差广州期间电池鼓包。', work: '更换电池。', parts: '电池 Li3712T42P3h' }],
  },
  { body: '35693803112233', model: '三星 I909', sold: { province: '110000', daysAgo: 75 }, buyer: 2, repairs: [] },
];

/** Registers the demo handsets at each province's first hall and serves their repairs at its first hall, by its operator. */
export async function seedDemoWarranty(tx: Tx, now: number, operatorOf: (provinceCode: string) => number | null): Promise<void> {
  const firstHall = async (province: string) => (await tx.select().from(halls).where(eq(halls.provinceCode, province)).orderBy(asc(halls.id)).limit(1))[0];
  const buyersOf = async (province: string) =>
    tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.provinceCode, province), eq(customers.status, 'active'), notInArray(customers.mobile, [...DEMO_MEMBER_MOBILES])))
      .orderBy(asc(customers.id))
      .limit(4);
  for (const h of HANDSETS) {
    const hall = await firstHall(h.sold.province);
    const buyers = await buyersOf(h.sold.province);
    if (!hall) continue;
    const soldAt = inOpeningHours(now - h.sold.daysAgo * DAY);
    const purchasedOn = beijingDayOf(soldAt);
    const [handset] = await tx
      .insert(warrantyHandsets)
      .values({
        imei: `${h.body}${imeiCheckDigit(h.body)}`,
        model: h.model,
        purchasedOn,
        warrantyEndsOn: defaultWarrantyEnd(purchasedOn),
        provinceCode: h.sold.province,
        hallId: hall.id,
        customerId: h.buyer === null ? null : (buyers[h.buyer]?.id ?? null),
        registeredByStaffId: operatorOf(h.sold.province),
        createdAt: soldAt,
      })
      .returning();
    for (const [i, repair] of h.repairs.entries()) {
      const at = await firstHall(repair.province);
      const staffId = operatorOf(repair.province);
      if (!at || staffId === null) continue;
      const servedAt = inOpeningHours(now - repair.daysAgo * DAY);
      const covered = inWarranty(handset!, servedAt);
      const feeFen = covered ? 0 : (repair.feeFen ?? 0);
      const [row] = await tx
        .insert(warrantyRepairs)
        .values({ handsetId: handset!.id, hallId: at.id, provinceCode: at.provinceCode, staffId, fault: repair.fault, work: repair.work, parts: repair.parts ?? '', inWarranty: covered, feeFen, servedAt, requestKey: `demo-${h.body}-${i}`, createdAt: servedAt })
        .returning({ id: warrantyRepairs.id });
      if (handset!.customerId !== null) {
        await tx.insert(activities).values({
          customerId: handset!.customerId,
          kind: 'warranty_repair',
          refType: 'warranty_repair',
          refId: row!.id,
          channel: 'hall',
          staffId,
          occurredAt: servedAt,
          data: { step: covered ? 'warranty' : 'paid', place: at.nameZh, placeEn: at.nameEn, model: h.model, inWarranty: covered, feeFen },
          createdAt: servedAt,
        });
      }
    }
  }
}

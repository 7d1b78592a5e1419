import { eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, customers, halls, loanerLoans, loanerPhones, pointsLedger, serviceBookings, services, serviceSlots, trialApplications, trialProgrammes, type BookingStatus, type ServiceKind } from '../schema';
import { DAY, HOUR } from '@/lib/domain/time';
import type { HallKind, Segment } from '@/lib/domain/types';
import type { Random } from './random';
import { beijingDay, eveningBefore, inOpeningHours } from './seed-time';

interface SeedHall {
  kind: HallKind;
  city: string;
  zh: string;
  en: string;
  address: string;
}

const hall = (city: string, zh: string, en: string, address: string): SeedHall => ({ kind: 'hall', city, zh, en, address });
const store = (city: string, zh: string, en: string, address: string): SeedHall => ({ kind: 'brand_store', city, zh, en, address });

/** Where each demo province's handset club serves: its halls (the first two give services), and the area its engineers visit. */
export const SERVICE_PLACES: Record<string, { halls: readonly SeedHall[]; onsiteArea: string; onsiteAreaEn: string }> = {
  '440000': {
    halls: [
      hall('广州', '中国联通广州天河营业厅', 'China Unicom Tianhe Service Hall, Guangzhou', '天河区天河路385号'),
      store('深圳', '中国联通深圳华强北3G旗舰店', 'China Unicom 3G Flagship Store, Huaqiangbei, Shenzhen', '福田区华强北路1002号'),
      hall('佛山', '中国联通佛山祖庙营业厅', 'China Unicom Zumiao Service Hall, Foshan', '禅城区祖庙路33号'),
    ],
    onsiteArea: '广州市天河区、越秀区', onsiteAreaEn: 'Tianhe and Yuexiu districts, Guangzhou',
  },
  '110000': {
    halls: [
      hall('北京', '中国联通北京西单营业厅', 'China Unicom Xidan Service Hall, Beijing', '西城区西单北大街131号'),
      store('北京', '中国联通北京王府井3G品牌店', 'China Unicom 3G Brand Store, Wangfujing, Beijing', '东城区王府井大街255号'),
    ],
    onsiteArea: '北京市西城区、东城区', onsiteAreaEn: 'Xicheng and Dongcheng districts, Beijing',
  },
  '310000': { halls: [hall('上海', '中国联通上海南京东路营业厅', 'China Unicom East Nanjing Road Service Hall, Shanghai', '黄浦区南京东路800号')], onsiteArea: '上海市黄浦区、静安区', onsiteAreaEn: 'Huangpu and Jing’an districts, Shanghai' },
  '330000': { halls: [hall('杭州', '中国联通杭州延安路营业厅', 'China Unicom Yan’an Road Service Hall, Hangzhou', '上城区延安路258号')], onsiteArea: '杭州市上城区、拱墅区', onsiteAreaEn: 'Shangcheng and Gongshu districts, Hangzhou' },
  '510000': { halls: [hall('成都', '中国联通成都春熙路营业厅', 'China Unicom Chunxi Road Service Hall, Chengdu', '锦江区春熙路南段8号')], onsiteArea: '成都市锦江区、青羊区', onsiteAreaEn: 'Jinjiang and Qingyang districts, Chengdu' },
  '320000': { halls: [hall('南京', '中国联通南京新街口营业厅', 'China Unicom Xinjiekou Service Hall, Nanjing', '玄武区中山路55号')], onsiteArea: '南京市玄武区、秦淮区', onsiteAreaEn: 'Xuanwu and Qinhuai districts, Nanjing' },
};

/** Loaner phones of the halls (model, 15-digit IMEI); the first province's are named in the end-to-end tests. */
const LOANERS: Record<string, { hall: number; model: string; imei: string }[]> = {
  '440000': [
    { hall: 0, model: '华为 U8800', imei: '867530010000011' },
    { hall: 0, model: '中兴 V880', imei: '867530010000029' },
    { hall: 0, model: 'HTC Desire S', imei: '357710040000035' },
    { hall: 0, model: '摩托罗拉 XT800', imei: '355310040000042' },
    { hall: 1, model: 'iPhone 4', imei: '012345670000058' },
  ],
  '110000': [
    { hall: 0, model: '中兴 V880', imei: '867530020000017' },
    { hall: 0, model: '华为 U8800', imei: '867530020000025' },
    { hall: 1, model: '三星 Galaxy S', imei: '354957030000033' },
  ],
  '310000': [{ hall: 0, model: '华为 U8800', imei: '867530030000015' }],
  '330000': [{ hall: 0, model: '中兴 V880', imei: '867530040000013' }],
  '510000': [{ hall: 0, model: '华为 U8800', imei: '867530050000010' }],
  '320000': [{ hall: 0, model: '中兴 V880', imei: '867530060000018' }],
};

const REPAIR_NOTES = ['更换屏幕排线，测试通话正常', '主板进水清理烘干，已恢复开机', '更换电池，待机正常', '更换尾插，充电正常', '刷机升级系统，已恢复出厂设置'];
const CLEANING_NOTES = ['外壳、屏幕、听筒网罩清洁消毒完成', '接口除尘，屏幕贴膜更换'];
const PROBLEMS = ['屏幕触摸失灵', '充电接触不良', '通话时对方听不清', '进水后无法开机', '电池待机时间短'];

export interface ServiceSeedCustomer {
  id: number;
  segment: Segment;
  provinceCode: string;
  /** When their current handset club membership began. */
  since: number;
}

interface Context {
  tx: Tx;
  r: Random;
  now: number;
  /** The operator who works the province's services. */
  staffId: number | null;
}

type SeedService = { id: number; kind: ServiceKind; pricePoints: number };

async function serviceIds(tx: Tx, province: string): Promise<Record<ServiceKind, SeedService>> {
  const rows = await tx.select({ id: services.id, kind: services.kind, pricePoints: services.pricePoints }).from(services).where(eq(services.provinceCode, province));
  return Object.fromEntries(rows.map((s) => [s.kind, s])) as Record<string, SeedService> as Record<ServiceKind, SeedService>;
}

/** Where a slot is: a hall (its name kept with the slot), or an on-site repair area. */
type SlotPlace = { place: string; placeEn?: string; hallId: number | null };

async function addSlot(ctx: Context, serviceId: number, where: SlotPlace, startsAt: number, hours: number, capacity: number, opensAt = startsAt - 3 * DAY) {
  const [slot] = await ctx.tx.insert(serviceSlots).values({ serviceId, ...where, startsAt, endsAt: startsAt + hours * HOUR, opensAt, capacity, createdAt: opensAt - DAY }).returning();
  return slot!;
}

/** A booking as the use-cases leave it: points taken (and given back once if cancelled), the steps on the customer's record. */
type BookingInput = { service: SeedService; slot: { id: number; startsAt: number; endsAt: number; place: string }; customerId: number; status: BookingStatus; bookedAt: number; notes?: string; address?: string };

async function addBooking(ctx: Context, input: BookingInput) {
  const { tx } = ctx;
  const { service, slot, customerId, status, bookedAt } = input;
  const [customer] = await tx.select({ points: customers.pointsBalance }).from(customers).where(eq(customers.id, customerId));
  if (customer!.points < service.pricePoints) return null;
  const { staffId } = ctx;
  const cancelledAt = Math.min(ctx.now - HOUR, eveningBefore(slot.startsAt - 2 * HOUR));
  const [booking] = await tx
    .insert(serviceBookings)
    .values({
      serviceId: service.id,
      slotId: slot.id,
      customerId,
      status,
      address: input.address ?? null,
      description: service.kind === 'booked_repair' || service.kind === 'onsite_repair' ? ctx.r.pick(PROBLEMS) : '',
      pointsPaid: service.pricePoints,
      refundedAt: status === 'cancelled' && service.pricePoints > 0 ? cancelledAt : null,
      notes: input.notes ?? null,
      createdAt: bookedAt,
      updatedAt: bookedAt,
    })
    .returning();
  const ref = { refType: 'service_booking', refId: booking!.id };
  const data = { service: service.kind };
  if (service.pricePoints > 0) {
    await tx.insert(pointsLedger).values({ customerId, delta: -service.pricePoints, reason: 'service', ...ref, createdAt: bookedAt });
  }
  await tx.insert(activities).values({ customerId, kind: 'service_booked', clubCode: 'handset', ...ref, channel: ctx.r.pick(['web', 'hall', 'hotline'] as const), occurredAt: bookedAt, data: { ...data, slotStartsAt: slot.startsAt, place: slot.place } });
  if (status === 'done') {
    await tx.insert(activities).values({ customerId, kind: 'service_done', clubCode: 'handset', ...ref, staffId, occurredAt: slot.endsAt, data: { ...data, notes: input.notes ?? null } });
  } else if (status === 'cancelled') {
    if (service.pricePoints > 0) await tx.insert(pointsLedger).values({ customerId, delta: service.pricePoints, reason: 'refund', ...ref, createdAt: cancelledAt });
    await tx.insert(activities).values({ customerId, kind: 'service_cancelled', clubCode: 'handset', ...ref, occurredAt: cancelledAt, data: { ...data, reason: input.notes ?? null, refundPoints: service.pricePoints } });
  }
  return booking!;
}

async function addLoan(ctx: Context, input: { loanerId: number; model: string; bookingId: number; customerId: number; lentAt: number; dueAt: number; returnedAt: number | null }) {
  const { tx, staffId } = ctx;
  const [loan] = await tx
    .insert(loanerLoans)
    .values({ ...input, conditionOnReturn: input.returnedAt === null ? null : '良好', staffId })
    .returning();
  const ref = { customerId: input.customerId, kind: 'loan' as const, clubCode: 'handset' as const, refType: 'loaner_loan', refId: loan!.id, staffId };
  await tx.insert(activities).values({ ...ref, occurredAt: input.lentAt, data: { step: 'lent', model: input.model, dueAt: input.dueAt } });
  if (input.returnedAt === null) await tx.update(loanerPhones).set({ status: 'lent' }).where(eq(loanerPhones.id, input.loanerId));
  else await tx.insert(activities).values({ ...ref, occurredAt: input.returnedAt, data: { step: 'returned', model: input.model, late: input.returnedAt > input.dueAt } });
}

type TrialStep = { status: 'applied' | 'selected' | 'declined' | 'handed_over' | 'returned'; handedOverAt?: number; returnedAt?: number };

async function addTrial(
  ctx: Context,
  programme: { serviceId: number; titleZh: string; titleEn: string; units: number; vipOpensAt: number; opensAt: number; closesAt: number; loanDays: number },
  applicants: { customer: ServiceSeedCustomer; appliedAt: number; step: TrialStep }[],
) {
  const { tx, staffId } = ctx;
  const [p] = await tx.insert(trialProgrammes).values({ ...programme, createdByStaffId: staffId, createdAt: programme.vipOpensAt - 5 * DAY }).returning();
  for (const { customer, appliedAt, step } of applicants) {
    const dueAt = step.handedOverAt === undefined ? null : step.handedOverAt + programme.loanDays * DAY;
    const [a] = await tx
      .insert(trialApplications)
      .values({ programmeId: p!.id, customerId: customer.id, status: step.status, vip: customer.segment === 'postpaid_vip', appliedAt, handedOverAt: step.handedOverAt ?? null, dueAt, returnedAt: step.returnedAt ?? null, staffId: step.status === 'applied' ? null : staffId })
      .returning();
    const record = (occurredAt: number, data: Record<string, unknown>) =>
      tx.insert(activities).values({ customerId: customer.id, kind: 'trial', clubCode: 'handset', refType: 'trial_application', refId: a!.id, occurredAt, data: { programme: programme.titleZh, programmeEn: programme.titleEn, ...data } });
    await record(appliedAt, { step: 'applied' });
    if (step.status === 'declined') await record(appliedAt + DAY, { step: 'decline' });
    if (step.status === 'selected' || step.handedOverAt !== undefined) await record(appliedAt + DAY, { step: 'select' });
    if (step.handedOverAt !== undefined) await record(step.handedOverAt, { step: 'hand_over' });
    if (step.returnedAt !== undefined) await record(step.returnedAt, { step: 'return', late: dueAt !== null && step.returnedAt > dueAt });
  }
}

/**
 * The handset club's services for the demo provinces: slots for the coming week (today's queue
 * at the first hall already has bookings), four months of history, loaner phones with a loan
 * out and one overdue, and trial programmes (one open to VIPs now, one past with late returns).
 */
export async function seedDemoServices(tx: Tx, r: Random, now: number, handsetMembers: ServiceSeedCustomer[], operatorOf: (province: string) => number | null) {
  const today = beijingDay(now, 0);
  /** `hour` o'clock (Beijing) on the day `offset` days from today. */
  const at = (offset: number, hour: number) => beijingDay(now, offset) + hour * HOUR;
  for (const [province, places] of Object.entries(SERVICE_PLACES)) {
    const ctx: Context = { tx, r, now, staffId: operatorOf(province) };
    const svc = await serviceIds(tx, province);
    const members = handsetMembers.filter((c) => c.provinceCode === province);
    if (members.length < 4) continue;
    const seeded = await tx
      .insert(halls)
      .values(places.halls.map((h) => ({ provinceCode: province, kind: h.kind, city: h.city, nameZh: h.zh, nameEn: h.en, address: h.address, createdAt: inOpeningHours(now - 400 * DAY) })))
      .returning();
    const atHall = seeded.map((h): SlotPlace => ({ place: h.nameZh, hallId: h.id }));
    const onSite: SlotPlace = { place: places.onsiteArea, placeEn: places.onsiteAreaEn, hallId: null };
    const [hall, secondHall = hall!] = atHall.slice(0, 2) as [SlotPlace, SlotPlace?];
    const pick = (n: number) => members[n % members.length]!;
    /** Booked for the n-th member, or the next one who has the points. */
    const bookFrom = async (n: number, input: Omit<BookingInput, 'customerId'>) => {
      for (let i = n; i < n + members.length; i++) {
        const booking = await addBooking(ctx, { ...input, customerId: pick(i).id });
        if (booking) return booking;
      }
      throw new Error(`seed: no handset member of ${province} can pay for ${input.service.kind}`);
    };

    // The coming week, today included.
    const upcoming: Record<string, Awaited<ReturnType<typeof addSlot>>> = {};
    for (let d = 0; d < 7; d++) {
      const day = beijingDay(now, d);
      const place = d % 2 === 0 ? hall! : secondHall;
      upcoming[`cleaning-am-${d}`] = await addSlot(ctx, svc.cleaning.id, place, day + 10 * HOUR, 1, 4);
      upcoming[`cleaning-pm-${d}`] = await addSlot(ctx, svc.cleaning.id, place, day + 15 * HOUR, 1, 4);
      upcoming[`repair-${d}`] = await addSlot(ctx, svc.booked_repair.id, place, day + 14 * HOUR, 2, 3);
      await addSlot(ctx, svc.warranty.id, place, day + 11 * HOUR, 1, 6);
      if (d > 0) await addSlot(ctx, svc.onsite_repair.id, onSite, day + 9 * HOUR, 3, 2);
    }
    // A repair slot in its VIP priority window (VIPs book 24 hours ahead): it opens to everyone
    // tomorrow at nine, or tonight at eight when the seed runs before nine in the morning.
    await addSlot(ctx, svc.booked_repair.id, hall!, today + 8 * DAY + 14 * HOUR, 2, 3, now < at(0, 9) ? at(0, 20) : at(1, 9));

    // Today's queue at the first hall: two repairs (one already with a loaner) and a cleaning waiting to be confirmed.
    const repairToday = upcoming['repair-0']!;
    const inRepair = await bookFrom(2, { service: svc.booked_repair, slot: repairToday, status: 'in_progress', bookedAt: inOpeningHours(now - 2 * DAY) });
    await bookFrom(3, { service: svc.booked_repair, slot: repairToday, status: 'confirmed', bookedAt: inOpeningHours(now - DAY) });
    await bookFrom(4, { service: svc.cleaning, slot: upcoming['cleaning-pm-0']!, status: 'requested', bookedAt: now - 5 * HOUR });
    await bookFrom(5, { service: svc.cleaning, slot: upcoming['cleaning-am-2']!, status: 'confirmed', bookedAt: now - 3 * HOUR });

    // History: a service day every four days over the past four months.
    const repairs: { id: number; customerId: number; endsAt: number }[] = [];
    for (let d = 120; d >= 2; d -= 4) {
      const kind = r.pick(['cleaning', 'cleaning', 'booked_repair', 'booked_repair', 'warranty', 'onsite_repair'] as const);
      const startsAt = beijingDay(now, -d) + (kind === 'onsite_repair' ? 9 : 14) * HOUR;
      const slot = await addSlot(ctx, svc[kind].id, kind === 'onsite_repair' ? onSite : r.pick(atHall.slice(0, 2)), startsAt, kind === 'onsite_repair' ? 3 : 2, 3);
      const eligible = members.filter((c) => c.since < startsAt - 6 * DAY);
      const customers = new Set<ServiceSeedCustomer>();
      for (let i = eligible.length === 0 ? 0 : r.int(1, 3); i > 0; i--) customers.add(r.pick(eligible));
      for (const c of customers) {
        if (kind === 'onsite_repair' && c.segment === 'prepaid') continue;
        const cancelled = r.chance(0.15);
        const notes = cancelled ? '客户临时有事，改约' : kind === 'cleaning' ? r.pick(CLEANING_NOTES) : kind === 'warranty' ? '已登记全国联保' : r.pick(REPAIR_NOTES);
        const booking = await addBooking(ctx, {
          service: svc[kind],
          slot,
          customerId: c.id,
          status: cancelled ? 'cancelled' : 'done',
          bookedAt: startsAt - r.int(1, 5) * DAY,
          notes,
          address: kind === 'onsite_repair' ? `${places.onsiteArea.split('、')[0]}${r.pick(['阳光花园', '锦绣家园', '幸福里小区'])}${r.int(1, 30)}栋${r.int(2, 28)}0${r.int(1, 4)}室` : undefined,
        });
        if (booking && !cancelled && kind === 'booked_repair') repairs.push({ id: booking.id, customerId: c.id, endsAt: slot.endsAt });
      }
    }

    // Loaner phones; returned loans on past repairs, one out with today's repair, one overdue.
    const phones = [];
    for (const l of LOANERS[province] ?? []) {
      const keeper = seeded[l.hall]!;
      const [phone] = await tx.insert(loanerPhones).values({ provinceCode: province, hallId: keeper.id, hall: keeper.nameZh, model: l.model, imei: l.imei, condition: '良好', createdAt: inOpeningHours(now - 200 * DAY) }).returning();
      phones.push(phone!);
    }
    for (const [i, repair] of repairs.slice(0, -1).entries()) {
      const phone = phones[i % phones.length]!;
      const lentAt = repair.endsAt - HOUR;
      await addLoan(ctx, { loanerId: phone.id, model: phone.model, bookingId: repair.id, customerId: repair.customerId, lentAt, dueAt: lentAt + 7 * DAY, returnedAt: lentAt + r.int(3, 9) * DAY });
    }
    const lastRepair = repairs.at(-1);
    if (phones.length >= 3 && lastRepair) {
      await addLoan(ctx, { loanerId: phones[2]!.id, model: phones[2]!.model, bookingId: lastRepair.id, customerId: lastRepair.customerId, lentAt: now - 10 * DAY, dueAt: now - 3 * DAY, returnedAt: null });
    }
    if (phones.length >= 2) {
      await addLoan(ctx, { loanerId: phones[1]!.id, model: phones[1]!.model, bookingId: inRepair.id, customerId: inRepair.customerId, lentAt: now - HOUR, dueAt: now + 5 * DAY, returnedAt: null });
    }

    // Trials: a handset trial open to VIPs now (everyone in two days), a new-service trial open to all, a past one with returns.
    const vips = members.filter((c) => c.segment === 'postpaid_vip');
    /** The i-th applicant's time: VIPs on the day `vipDay` (in their window), the others on `allDay`, after the general opening at 10:00. */
    const applied = (c: ServiceSeedCustomer, vipDay: number, allDay: number, i: number) => at(c.segment === 'postpaid_vip' ? vipDay : allDay, 11) + i * HOUR;
    const others = members.filter((c) => c.segment !== 'postpaid_vip');
    const model = province === '110000' ? { zh: '中兴 V880', en: 'ZTE V880' } : { zh: '华为 U8800', en: 'Huawei U8800' };
    await addTrial(
      ctx,
      { serviceId: svc.handset_trial.id, titleZh: `${model.zh} 3G新机试用`, titleEn: `${model.en} 3G handset trial`, units: 5, vipOpensAt: at(-1, 10), opensAt: at(2, 10), closesAt: at(9, 18), loanDays: 14 },
      vips.slice(1, 3).map((customer, i) => ({ customer, appliedAt: at(-1, 11 + i), step: { status: 'applied' } })),
    );
    await addTrial(
      ctx,
      { serviceId: svc.service_trial.id, titleZh: '3G视频通话新业务体验', titleEn: '3G video calls: first try', units: 20, vipOpensAt: at(-5, 10), opensAt: at(-3, 10), closesAt: at(10, 18), loanDays: 30 },
      [...vips.slice(3, 5), ...others.slice(0, 3)].map((customer, i) => ({ customer, appliedAt: applied(customer, -4, -3, i), step: i < 2 ? { status: 'selected' } : { status: 'applied' } })),
    );
    const handedOverAt = at(-65, 15);
    const past: TrialStep[] = [
      { status: 'returned', handedOverAt, returnedAt: handedOverAt + 13 * DAY },
      { status: 'returned', handedOverAt, returnedAt: handedOverAt + 14 * DAY - HOUR },
      { status: 'returned', handedOverAt, returnedAt: handedOverAt + 20 * DAY },
      { status: 'handed_over', handedOverAt },
      { status: 'declined' },
    ];
    await addTrial(
      ctx,
      { serviceId: svc.handset_trial.id, titleZh: '中兴 V880 3G新机试用（第一期）', titleEn: 'ZTE V880 3G handset trial, round 1', units: 4, vipOpensAt: at(-80, 10), opensAt: at(-78, 10), closesAt: at(-70, 18), loanDays: 14 },
      [...vips.slice(5), ...others.slice(3)].filter((c) => c.since < at(-80, 10)).slice(0, past.length).map((customer, i) => ({ customer, appliedAt: applied(customer, -79, -78, i), step: past[i]! })),
    );
  }
}

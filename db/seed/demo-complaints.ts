import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, complaints, customers } from '../schema';
import { DAY, HOUR } from '@/lib/domain/time';
import type { ComplaintTopic, Segment } from '@/lib/domain/types';
import { eveningBefore, inOpeningHours, outOfTheNight } from './seed-time';

interface SeedComplaint {
  segment: Segment;
  topic: ComplaintTopic;
  body: string;
  /** When it came in, from the seed's now. */
  at: (now: number) => number;
  /** The operator's answer and how long after the complaint it came; none: still open. */
  answer?: { reply: string; after: number };
  /** Taken down by the operator for a caller or a visitor; the member's own web form otherwise. */
  takenDown?: 'hotline' | 'hall';
}

/**
 * Each demo province's complaints: two answered weeks ago (the VIP's within hours, the other the
 * next day), and three waiting, the VIP's the most recent (it still comes first in the queue).
 */
const COMPLAINTS: SeedComplaint[] = [
  { segment: 'postpaid', topic: 'event', body: '音乐会现场音响效果很差，后排几乎听不清。', at: (now) => inOpeningHours(now - 45 * DAY), answer: { reply: '感谢您的反馈，我们已与场馆沟通，下次活动将更换音响设备并增加返送音箱。', after: 22 * HOUR } },
  { segment: 'postpaid_vip', topic: 'handset_service', body: '预约了上午十点的手机清洗，到店后等了四十分钟才开始。', at: (now) => inOpeningHours(now - 20 * DAY), answer: { reply: '非常抱歉让您久等。我们已调整清洗时段的名额，VIP客户到店即办，感谢您的理解。', after: 2 * HOUR } },
  { segment: 'postpaid', topic: 'event', body: '报名的影迷交流会临时改了时间，我到场后才知道，白跑了一趟。', at: (now) => inOpeningHours(now - 3 * DAY) },
  { segment: 'prepaid', topic: 'billing', body: '到厅反映：参加活动扣了200积分，活动取消后只看到退回100积分。', at: (now) => inOpeningHours(now - 2 * DAY), takenDown: 'hall' },
  { segment: 'postpaid_vip', topic: 'network', body: '来电反映：小区里3G信号时有时无，视频通话经常中断，希望尽快处理。', at: (now) => eveningBefore(now - 5 * HOUR), takenDown: 'hotline' },
];

/** The demo's complaints, as the use-cases leave them: the complaint, its facts on the record; the messages follow from those. */
export async function seedDemoComplaints(tx: Tx, now: number, provinces: readonly string[], operatorOf: (provinceCode: string) => number | null): Promise<void> {
  for (const [index, province] of provinces.entries()) {
    const staffId = operatorOf(province);
    const used = new Set<number>();
    for (const c of COMPLAINTS) {
      // The province's first active customers of each segment, each complaining once.
      const candidates = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.provinceCode, province), eq(customers.segment, c.segment), eq(customers.status, 'active')))
        .orderBy(asc(customers.id))
        .limit(5);
      const customer = candidates.find((x) => !used.has(x.id));
      if (!customer) continue;
      used.add(customer.id);
      const createdAt = c.at(now);
      // Provinces answer some minutes apart; never in the night.
      const resolvedAt = c.answer ? outOfTheNight(createdAt + c.answer.after + (index % 7) * 40 * 60_000) : null;
      const channel = c.takenDown ?? 'web';
      const [row] = await tx
        .insert(complaints)
        .values({ customerId: customer.id, provinceCode: province, segment: c.segment, topic: c.topic, body: c.body, channel, createdAt, ...(c.answer ? { status: 'resolved' as const, reply: c.answer.reply, resolvedAt, resolvedByStaffId: staffId } : {}) })
        .returning({ id: complaints.id });
      const fact = { customerId: customer.id, kind: 'complaint' as const, refType: 'complaint', refId: row!.id };
      await tx.insert(activities).values({ ...fact, channel, staffId: c.takenDown ? staffId : null, occurredAt: createdAt, data: { step: 'filed', topic: c.topic } });
      if (resolvedAt !== null) await tx.insert(activities).values({ ...fact, staffId, occurredAt: resolvedAt, data: { step: 'resolved', topic: c.topic } });
    }
  }
}

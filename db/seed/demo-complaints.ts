import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, complaints, complaintSteps, customers, staff } from '../schema';
import { HQ_SETTINGS } from '@/lib/domain/hq-settings';
import { CLOSED_UNCONFIRMED, complaintDeadline, confirmDeadline } from '@/lib/domain/complaint-rules';
import { DAY, HOUR, MINUTE } from '@/lib/domain/time';
import type { ComplaintKind, ComplaintStatus, ComplaintStep, ComplaintTopic, Segment } from '@/lib/domain/types';
import { eveningBefore, inOpeningHours, outOfTheNight } from './seed-time';

interface SeedComplaint {
  kind?: ComplaintKind;
  segment: Segment;
  topic: ComplaintTopic;
  body: string;
  /** When it came in, from the seed's now. */
  at: (now: number) => number;
  /** Taken down by the operator for a caller or a visitor (who then owns it); the member's own web form otherwise. */
  takenDown?: 'hotline' | 'hall';
  /** A web complaint taken by the province's operator so long after it came in. */
  takenAfter?: number;
  /** Handed to the province's second operator, so long after it came in, and why. */
  transfer?: { after: number; reason: string };
  /** The owner's answer and how long after filing it came; none: still unanswered. */
  answer?: { reply: string; after: number };
  /** What the customer did, so long after the answer: confirmed it, reopened it (why), or nothing (it closed by itself). */
  customer?: { confirmed: number } | { reopened: number; reason: string } | 'silent';
  /** The customer's rating of the handling, a day after the answer. */
  rating?: number;
}

/**
 * Each demo province's complaints and suggestions, one in each state of first-contact ownership
 * (首问服务制): new and not taken, in progress with its owner, transferred, answered and waiting
 * for the customer, reopened, escalated past its deadline, closed with a rating or by itself; and
 * two suggestions, one acknowledged. Deadlines and days to confirm are HQ's defaults.
 */
const COMPLAINTS: SeedComplaint[] = [
  {
    segment: 'postpaid',
    topic: 'event',
    body: '音乐会现场音响效果很差，后排几乎听不清。',
    at: (now) => inOpeningHours(now - 45 * DAY),
    takenAfter: HOUR,
    answer: { reply: '感谢您的反馈，我们已与场馆沟通，下次活动将更换音响设备并增加返送音箱。', after: 22 * HOUR },
    customer: { confirmed: DAY },
    rating: 4,
  },
  {
    segment: 'postpaid_vip',
    topic: 'handset_service',
    body: '预约了上午十点的手机清洗，到店后等了四十分钟才开始。',
    at: (now) => inOpeningHours(now - 2 * DAY),
    takenAfter: 15 * MINUTE,
    answer: { reply: '非常抱歉让您久等。我们已调整清洗时段的名额，VIP客户到店即办，感谢您的理解。', after: 2 * HOUR },
  },
  {
    segment: 'postpaid',
    topic: 'event',
    body: '报名的影迷交流会临时改了时间，我到场后才知道，白跑了一趟。',
    at: (now) => inOpeningHours(now - 3 * DAY),
    takenAfter: 2 * HOUR,
    answer: { reply: '很抱歉，改期短信因号码变更未能送达，我们已更新您的联系方式。', after: 20 * HOUR },
    customer: { reopened: DAY, reason: '白跑一趟的交通费怎么处理？希望给个说法。' },
  },
  { segment: 'prepaid', topic: 'billing', body: '到厅反映：参加活动扣了200积分，活动取消后只看到退回100积分。', at: (now) => inOpeningHours(now - 3 * DAY), takenDown: 'hall' },
  {
    segment: 'postpaid_vip',
    topic: 'network',
    body: '来电反映：小区里3G信号时有时无，视频通话经常中断，希望尽快处理。',
    at: (now) => eveningBefore(now - 5 * HOUR),
    takenDown: 'hotline',
    transfer: { after: HOUR, reason: '信号问题需联系网络维护，转10010网络专席跟进。' },
  },
  {
    segment: 'prepaid',
    topic: 'billing',
    body: '充值50元只到账30元，营业厅说要等系统核对。',
    at: (now) => inOpeningHours(now - 12 * DAY),
    takenAfter: 30 * HOUR,
    answer: { reply: '经核对，另20元已于今日补充到账，给您添麻烦了。', after: 60 * HOUR },
    customer: 'silent',
  },
  {
    segment: 'postpaid_vip',
    topic: 'handset_service',
    body: '换机时数据迁移丢了通讯录，营业员说没办法恢复。',
    at: (now) => inOpeningHours(now - 20 * DAY),
    takenAfter: 20 * MINUTE,
    answer: { reply: '我们的技术人员已从您的云端备份恢复了通讯录，请核对。', after: 2 * HOUR },
    customer: { confirmed: 3 * HOUR },
    rating: 5,
  },
  { segment: 'postpaid', topic: 'other', body: '营业厅3G体验区的手机大多没电，没法试用。', at: (now) => eveningBefore(now - 2 * HOUR) },
  {
    kind: 'suggestion',
    segment: 'postpaid',
    topic: 'event',
    body: '建议周末多安排一些亲子类活动，方便带孩子参加。',
    at: (now) => inOpeningHours(now - 10 * DAY),
    answer: { reply: '谢谢您的建议，已转交活动策划组，下季度将增加亲子场次。', after: DAY },
  },
  { kind: 'suggestion', segment: 'postpaid_vip', topic: 'handset_service', body: '建议营业厅VIP专席增加手机贴膜服务。', at: (now) => inOpeningHours(now - DAY) },
];

const CONFIRM_DAYS = HQ_SETTINGS.complaintConfirmDays.default;

/** The demo's complaints, as the use-cases leave them: each with its history, its facts on the record; the messages follow from those. */
export async function seedDemoComplaints(tx: Tx, now: number, provinces: readonly string[], operatorOf: (provinceCode: string) => number | null): Promise<void> {
  for (const [index, province] of provinces.entries()) {
    const first = operatorOf(province);
    const operators = await tx.select({ id: staff.id }).from(staff).where(and(eq(staff.provinceCode, province), eq(staff.role, 'operator'))).orderBy(asc(staff.id));
    const second = operators.find((o) => o.id !== first)?.id ?? null;
    const used = new Set<number>();
    for (const c of COMPLAINTS) {
      // The province's first active customers of each segment, each writing once.
      const candidates = await tx
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.provinceCode, province), eq(customers.segment, c.segment), eq(customers.status, 'active')))
        .orderBy(asc(customers.id))
        .limit(10);
      const customer = candidates.find((x) => !used.has(x.id));
      if (!customer) continue;
      used.add(customer.id);
      const kind = c.kind ?? 'complaint';
      const createdAt = c.at(now);
      // Provinces answer some minutes apart; never in the night, never after the seed's now.
      const later = (instant: number) => Math.min(outOfTheNight(instant + (index % 7) * 10 * MINUTE), now - MINUTE);
      let deadlineAt = complaintDeadline(kind, c.segment, createdAt, HQ_SETTINGS.complaintDeadlineHours.default);
      const steps: { step: ComplaintStep; at: number; staffId?: number | null; toStaffId?: number | null; note?: string; rating?: number }[] = [];
      const facts: { step: string; at: number; staffId?: number | null; rating?: number }[] = [];
      const channel = c.takenDown ?? 'web';
      steps.push({ step: 'filed', at: createdAt, staffId: c.takenDown ? first : null });
      facts.push({ step: 'filed', at: createdAt, staffId: c.takenDown ? first : null });
      let owner: number | null = null;
      let status: ComplaintStatus = 'open';
      if (first !== null && (c.takenDown || c.takenAfter !== undefined || c.answer)) {
        owner = first;
        status = 'in_progress';
        steps.push({ step: 'taken', at: c.takenDown ? createdAt : later(createdAt + (c.takenAfter ?? c.answer!.after)), staffId: first });
      }
      if (c.transfer && owner !== null && second !== null) {
        steps.push({ step: 'transferred', at: createdAt + c.transfer.after, staffId: owner, toStaffId: second, note: c.transfer.reason });
        owner = second;
      }
      const answeredAt = c.answer ? later(createdAt + c.answer.after) : null;
      const escalatedAt = deadlineAt !== null && deadlineAt < (answeredAt ?? now) ? deadlineAt + MINUTE : null;
      if (escalatedAt !== null) steps.push({ step: 'escalated', at: escalatedAt });
      let confirmBy: number | null = null;
      let closedAt: number | null = null;
      let reopenCount = 0;
      if (c.answer && answeredAt !== null) {
        steps.push({ step: 'answered', at: answeredAt, staffId: owner, note: c.answer.reply });
        facts.push({ step: 'resolved', at: answeredAt, staffId: owner });
        if (kind === 'suggestion') {
          status = 'closed';
          closedAt = answeredAt;
          steps.push({ step: 'closed', at: answeredAt, staffId: owner });
        } else {
          status = 'answered';
          confirmBy = confirmDeadline(answeredAt, CONFIRM_DAYS);
          if (c.customer === 'silent') {
            status = 'closed';
            closedAt = confirmBy;
            steps.push({ step: 'closed', at: confirmBy, note: CLOSED_UNCONFIRMED });
          } else if (c.customer && 'confirmed' in c.customer) {
            status = 'closed';
            closedAt = answeredAt + c.customer.confirmed;
            steps.push({ step: 'confirmed', at: closedAt }, { step: 'closed', at: closedAt });
            facts.push({ step: 'confirmed', at: closedAt });
          } else if (c.customer) {
            const reopenedAt = answeredAt + c.customer.reopened;
            status = 'in_progress';
            confirmBy = null;
            reopenCount = 1;
            // Reopened: a new deadline from the customer's word.
            deadlineAt = complaintDeadline(kind, c.segment, reopenedAt, HQ_SETTINGS.complaintDeadlineHours.default);
            steps.push({ step: 'reopened', at: reopenedAt, note: c.customer.reason });
            facts.push({ step: 'reopened', at: reopenedAt });
          }
          if (c.rating) {
            steps.push({ step: 'rated', at: answeredAt + DAY, rating: c.rating });
            facts.push({ step: 'rated', at: answeredAt + DAY, rating: c.rating });
          }
        }
      }
      const [row] = await tx
        .insert(complaints)
        .values({
          customerId: customer.id,
          provinceCode: province,
          kind,
          segment: c.segment,
          topic: c.topic,
          body: c.body,
          channel,
          status,
          ownerStaffId: owner,
          deadlineAt,
          escalatedAt,
          reply: c.answer?.reply ?? null,
          firstAnsweredAt: answeredAt,
          resolvedAt: answeredAt,
          resolvedByStaffId: answeredAt === null ? null : owner,
          confirmBy,
          reopenCount,
          rating: c.rating ?? null,
          closedAt,
          createdAt,
        })
        .returning({ id: complaints.id });
      await tx.insert(complaintSteps).values(steps.sort((a, b) => a.at - b.at).map((s) => ({ complaintId: row!.id, step: s.step, staffId: s.staffId ?? null, toStaffId: s.toStaffId ?? null, note: s.note ?? null, rating: s.rating ?? null, at: s.at })));
      for (const f of facts) {
        await tx.insert(activities).values({
          customerId: customer.id,
          kind: 'complaint',
          refType: 'complaint',
          refId: row!.id,
          channel: f.step === 'filed' ? channel : null,
          staffId: f.staffId ?? null,
          occurredAt: f.at,
          data: { step: f.step, topic: c.topic, ...(f.step === 'filed' ? { complaintKind: kind } : {}), ...(f.rating ? { rating: f.rating } : {}) },
        });
      }
    }
  }
}

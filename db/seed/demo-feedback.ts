import { and, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, callbacks, customers, events, feedback, registrations } from '../schema';
import { DAY, HOUR } from '@/lib/domain/time';
import type { ClubCode } from '@/lib/domain/types';
import type { Random } from './random';
import { beijingDay } from './seed-time';

/** Ratings as members give them: mostly pleased, a few not. */
const RATINGS = [5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3, 2, 1] as const;

const PRAISE: Record<ClubCode, readonly string[]> = {
  music: ['现场气氛很好，歌手很亲切', '音响效果不错，下次还来', '会员专区视野很好，谢谢组织'],
  film: ['提前看到新片，非常值得', '主创见面环节很精彩', '影厅舒适，组织有序'],
  gaming: ['比赛组织专业，网络很稳定', '认识了很多同城玩家', '奖品丰富，期待下一届'],
  handset: ['工程师讲解很细致，学到不少拍照技巧', '新机体验时间充足', '现场还帮忙检查了手机，很贴心'],
};
const SO_SO = ['整体还行，签到排队有点久', '内容不错，就是时间有点短', '场地稍小，人多时有点挤'];
const COMPLAINTS = ['开始时间推迟了半小时，体验不好', '现场太吵，听不清讲解'];

const OPINIONS = ['对活动很满意，希望多办类似活动', '希望活动多安排在周末', '建议增加名额，朋友没报上名', '现场音响一般，其余满意', '希望积分能兑换更多活动'];

/** A random minute of the instant's Beijing day between 09:00 and the end of `untilHour`. */
function daytime(r: Random, instant: number, untilHour: number): number {
  return beijingDay(instant) + 9 * HOUR + r.int(0, (untilHour - 8) * 60 - 1) * 60_000;
}

/** Callbacks of events closed within these last weeks still wait in the operators' queue; older ones were made. */
const CALLBACKS_OPEN_FOR = 21 * DAY;

/**
 * What members said after the demo's completed events, as the use-cases leave it: a rating (and
 * mostly a comment) from about half the attendees within days of the event, and the callback task
 * each attending VIP got when the event was closed, made by the province's operator unless recent.
 */
export async function seedDemoFeedback(tx: Tx, r: Random, now: number, operatorOf: (provinceCode: string) => number | null): Promise<void> {
  const attended = await tx
    .select({
      registrationId: registrations.id,
      eventId: events.id,
      clubCode: events.clubCode,
      provinceCode: events.provinceCode,
      completedAt: events.completedAt,
      customerId: customers.id,
      segment: customers.segment,
    })
    .from(registrations)
    .innerJoin(events, eq(events.id, registrations.eventId))
    .innerJoin(customers, eq(customers.id, registrations.customerId))
    .where(and(eq(registrations.status, 'attended'), isNotNull(events.completedAt)))
    .orderBy(registrations.id);

  for (const a of attended) {
    const closedAt = a.completedAt!;
    const activity = { customerId: a.customerId, clubCode: a.clubCode, eventId: a.eventId, refType: 'registration', refId: a.registrationId } as const;
    // Members rate from their phones into the evening; operators call in opening hours.
    const ratedAt = daytime(r, closedAt + r.int(1, 4) * DAY, 22);
    if (ratedAt < now - HOUR && r.chance(0.5)) {
      const rating = r.pick(RATINGS);
      const comments = rating >= 4 ? PRAISE[a.clubCode] : rating === 3 ? SO_SO : COMPLAINTS;
      const comment = r.chance(0.75) ? r.pick(comments) : '';
      await tx.insert(feedback).values({ registrationId: a.registrationId, eventId: a.eventId, customerId: a.customerId, rating, comment, createdAt: ratedAt });
      await tx.insert(activities).values({ ...activity, kind: 'feedback', channel: 'web', occurredAt: ratedAt, data: { rating, edited: false } });
    }
    if (a.segment !== 'postpaid_vip') continue;
    const calledAt = daytime(r, closedAt + r.int(1, 10) * DAY, 20);
    const worked = closedAt < now - CALLBACKS_OPEN_FOR;
    const reached = r.chance(0.8);
    const status = !worked ? 'open' : reached ? 'reached' : 'not_reached';
    const opinion = !worked ? null : reached ? r.pick(OPINIONS) : '两次致电无人接听';
    const staffId = worked ? operatorOf(a.provinceCode) : null;
    const [task] = await tx
      .insert(callbacks)
      .values({ customerId: a.customerId, eventId: a.eventId, registrationId: a.registrationId, provinceCode: a.provinceCode, status, opinion, staffId, dueAt: closedAt, attempts: worked ? 1 : 0, createdAt: closedAt, completedAt: worked ? calledAt : null })
      .returning({ id: callbacks.id });
    if (worked) {
      await tx.insert(activities).values({ ...activity, kind: 'callback', refType: 'callback', refId: task!.id, channel: 'hotline', staffId, occurredAt: calledAt, data: { status, opinion } });
    }
  }
}

import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../client';
import { activities, callbacks, customers, staff } from '../schema';
import { callbackDueAt, callbackPeriodRange, shanghaiDayStart, type CallbackOutcome } from '@/lib/domain/callback-rules';
import { HQ_SETTINGS } from '@/lib/domain/hq-settings';
import { DAY, HOUR } from '@/lib/domain/time';
import { createRandom } from './random';
import { inOpeningHours } from './seed-time';

/** The Guangdong VIPs the demo account manager looks after: 陈思远 (a demo login) and the province's last three (the first show the hotline's queue). */
const MANAGED_VIPS = 4;
const MANAGER_MOBILE = '18602001234';

const OPINIONS = [
  '整体满意，希望VIP专席的等候时间再短一些。',
  '上次的音乐会很好，希望多办几场周末的。',
  '手机清洗服务很方便，建议营业厅延长周末营业时间。',
  '套餐流量不太够用，想了解一下升级方案。',
  '对客户经理的服务很满意，没有其他意见。',
  '希望新机试用的名额多一些，VIP能优先通知。',
  '营业厅排队时间有点长，希望VIP窗口多开一个。',
];
const DECLINED = ['最近工作忙，不需要回访。', '客户表示不需要回访，已记录。'];

/**
 * A quarter of periodic VIP callbacks as the job and the hotline leave them: every active VIP of
 * the demo provinces has the current quarter's task on their spread day (HQ's default period);
 * those whose day has passed were mostly worked on it or the day after (reached, some declined,
 * some not reached after every attempt), a few are overdue or wait for a retry, and some fall due
 * today. Guangdong's demo account manager gets their VIPs' tasks. Its own random sequence, so the
 * rest of the dataset does not move.
 */
export async function seedDemoCallbacks(tx: Tx, now: number, provinces: readonly string[], operatorOf: (provinceCode: string) => number | null): Promise<void> {
  const r = createRandom(20261001);
  const [manager] = await tx.select({ id: staff.id, name: staff.displayName }).from(staff).where(eq(staff.username, 'gd.manager'));
  if (manager) await assignManager(tx, now, manager, operatorOf('440000'));
  const period = callbackPeriodRange(HQ_SETTINGS.callbackPeriod.default, now);
  const retryHours = HQ_SETTINGS.callbackRetryHours.default;
  const maxAttempts = HQ_SETTINGS.callbackMaxAttempts.default;
  const today = shanghaiDayStart(now);
  const vips = await tx
    .select({ id: customers.id, provinceCode: customers.provinceCode, accountManagerId: customers.accountManagerId })
    .from(customers)
    .where(and(eq(customers.segment, 'postpaid_vip'), eq(customers.status, 'active'), inArray(customers.provinceCode, [...provinces])))
    .orderBy(asc(customers.id));
  const seenInProvince = new Map<string, number>();
  for (const vip of vips) {
    // Each province's first VIPs (where it has that many) show every state whatever their spread day: two due today, one overdue, one waiting for its
    // retry, then one reached, one declined and one not reached after every attempt (while the quarter has days enough behind it).
    const nth = seenInProvince.get(vip.provinceCode) ?? 0;
    seenInProvince.set(vip.provinceCode, nth + 1);
    const shown = [today, today, today - 3 * DAY, today - DAY, today - 6 * DAY, today - 5 * DAY, today - 4 * DAY][nth];
    const dueAt = Math.max(shown ?? callbackDueAt(vip.id, period, period.start), period.start);
    const forced: CallbackOutcome | undefined = (['reached', 'declined', 'not_reached'] as const)[nth - 4];
    const staffId = vip.accountManagerId ?? operatorOf(vip.provinceCode);
    const task = { kind: 'periodic' as const, customerId: vip.id, provinceCode: vip.provinceCode, periodStart: period.start, dueAt, assignedStaffId: vip.accountManagerId, createdAt: Math.min(dueAt, period.start + HOUR) };
    const attempts: { at: number; outcome: CallbackOutcome; opinion: string }[] = [];
    if (nth === 3) {
      attempts.push({ at: inOpeningHours(dueAt) + 2 * HOUR, outcome: 'not_reached', opinion: '' });
    } else if (dueAt < today && (forced !== undefined || (shown === undefined && r.chance(0.92)))) {
      const roll = forced === 'not_reached' ? 0 : forced === 'declined' ? 0.15 : forced === 'reached' ? 0.5 : r.next();
      const first = inOpeningHours(dueAt + (r.chance(0.8) ? 0 : DAY));
      if (roll < 0.12) {
        for (let i = 0; i < maxAttempts; i++) attempts.push({ at: first + i * retryHours * HOUR, outcome: 'not_reached', opinion: i === maxAttempts - 1 ? '多次致电无人接听' : '' });
      } else if (roll < 0.22) {
        attempts.push({ at: first, outcome: 'declined', opinion: r.pick(DECLINED) });
      } else {
        if (r.chance(0.25)) attempts.push({ at: first, outcome: 'not_reached', opinion: '' });
        attempts.push({ at: attempts.length > 0 ? first + retryHours * HOUR : first, outcome: 'reached', opinion: r.pick(OPINIONS) });
      }
    }
    const done = attempts.filter((a) => a.at < now);
    const last = done.at(-1);
    const final = last !== undefined && (last.outcome !== 'not_reached' || done.length >= maxAttempts);
    const [row] = await tx
      .insert(callbacks)
      .values({
        ...task,
        attempts: done.length,
        status: final ? last.outcome : 'open',
        nextAttemptAt: last && !final ? last.at + retryHours * HOUR : null,
        opinion: last?.opinion || null,
        staffId: last ? staffId : null,
        completedAt: final ? last.at : null,
      })
      .returning({ id: callbacks.id });
    for (const [i, a] of done.entries()) {
      await tx.insert(activities).values({
        customerId: vip.id,
        kind: 'callback',
        refType: 'callback',
        refId: row!.id,
        channel: 'hotline',
        staffId,
        occurredAt: a.at,
        data: { status: a.outcome, opinion: a.opinion, attempt: i + 1, final: final && i === done.length - 1 },
      });
    }
  }
}

/** Gives 陈思远 and Guangdong's last VIPs the demo account manager, as an operator did two months ago. */
async function assignManager(tx: Tx, now: number, manager: { id: number; name: string }, operatorId: number | null) {
  const vips = await tx
    .select({ id: customers.id, mobile: customers.mobile })
    .from(customers)
    .where(and(eq(customers.provinceCode, '440000'), eq(customers.segment, 'postpaid_vip'), eq(customers.status, 'active')))
    .orderBy(asc(customers.id));
  const chosen = [...vips.filter((v) => v.mobile === MANAGER_MOBILE), ...vips.filter((v) => v.mobile !== MANAGER_MOBILE).slice(1 - MANAGED_VIPS)];
  const at = inOpeningHours(now - 60 * DAY);
  for (const v of chosen) {
    await tx.update(customers).set({ accountManagerId: manager.id }).where(eq(customers.id, v.id));
    await tx.insert(activities).values({ customerId: v.id, kind: 'account_manager', staffId: operatorId, occurredAt: at, data: { step: 'assigned', manager: manager.name } });
  }
}

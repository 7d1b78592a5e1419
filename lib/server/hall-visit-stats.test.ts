import { beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '@/db/client';
import { customers, halls, hallVisits } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { visitDayOf } from '@/lib/domain/hall-visits';
import { MINUTE, shanghaiInstant } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { statsFilters } from '@/lib/validation/stats';
import { withTempDatabase } from '@/tests/temp-database';
import { getHallVisitStatistics } from './hall-visit-stats';

withTempDatabase();

const hq: Actor = { kind: 'staff', role: 'analyst', staffId: 1, provinceCode: null, clubCodes: null, name: '总部分析' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 2, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 3, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const march = (day: number, hour: number) => shanghaiInstant(2027, 3, day, hour);
const filters = (o: Record<string, string> = {}) => statsFilters.parse({ period: 'month', year: '2027', month: '3', ...o });

beforeAll(async () => {
  await withTransaction(async (tx) => {
    const [tianhe] = await tx.insert(halls).values({ provinceCode: '440000', nameZh: '中国联通广州天河营业厅', nameEn: 'Tianhe Hall', city: '广州' }).returning({ id: halls.id });
    const [xidan] = await tx.insert(halls).values({ provinceCode: '110000', nameZh: '中国联通北京西单营业厅', city: '北京' }).returning({ id: halls.id });
    const [vip] = await tx.insert(customers).values({ mobile: '18602009001', name: '陈', segment: 'postpaid_vip', provinceCode: '440000' }).returning({ id: customers.id });
    const [other] = await tx.insert(customers).values({ mobile: '18602009002', name: '李', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
    // [hall, customer, segment, arrival, wait minutes or null (still waiting), handling minutes or null (being served)]
    const visits: [number, number, Segment, number, number | null, number | null][] = [
      [tianhe!.id, vip!.id, 'postpaid_vip', march(2, 10), 1, 6],
      [tianhe!.id, vip!.id, 'postpaid_vip', march(9, 10), 3, 12],
      [tianhe!.id, other!.id, 'postpaid', march(2, 11), 4, 8],
      [tianhe!.id, other!.id, 'postpaid', march(3, 11), 9, 15],
      [tianhe!.id, other!.id, 'postpaid', march(4, 11), 2, null],
      [tianhe!.id, other!.id, 'postpaid', march(5, 11), null, null],
      [xidan!.id, other!.id, 'postpaid', march(6, 11), 20, 5],
      // April: outside the month.
      [tianhe!.id, other!.id, 'postpaid', shanghaiInstant(2027, 4, 1, 10), 30, 30],
    ];
    for (const [hallId, customerId, segment, arrivedAt, wait, handling] of visits) {
      const startedAt = wait === null ? null : arrivedAt + wait * MINUTE;
      const finishedAt = startedAt === null || handling === null ? null : startedAt + handling * MINUTE;
      await tx.insert(hallVisits).values({
        hallId,
        customerId,
        segment,
        purpose: 'enquiry',
        arrival: 'staff',
        status: finishedAt !== null ? 'done' : startedAt !== null ? 'serving' : 'waiting',
        day: visitDayOf(arrivedAt),
        arrivedAt,
        startedAt,
        finishedAt,
      });
    }
  });
});

describe('hall service level statistics', () => {
  it('gives HQ every province, VIPs and others apart, with nearest-rank medians and 90th percentiles', async () => {
    const s = await getHallVisitStatistics(hq, filters(), march(31, 12));
    expect(s.vip).toEqual({ visits: 2, medianWaitMinutes: 1, p90WaitMinutes: 3, waitWithinTarget: 1, medianHandlingMinutes: 6, p90HandlingMinutes: 12, handlingWithinTarget: 0.5 });
    // Others' waits 4, 9, 2, 20 (one still waiting); handling 8, 15, 5 (one being served).
    expect(s.others).toEqual({ visits: 5, medianWaitMinutes: 4, p90WaitMinutes: 20, waitWithinTarget: 0.5, medianHandlingMinutes: 8, p90HandlingMinutes: 15, handlingWithinTarget: 2 / 3 });
    expect(s.byProvince.map((g) => [g.key, g.vip.visits, g.others.visits])).toEqual([
      ['110000', 0, 1],
      ['440000', 2, 4],
    ]);
    expect(s.byMonth.map((g) => g.key)).toEqual(['2027-03']);
    expect(Object.values(s.hallNames).map((h) => h.nameZh).sort()).toEqual(['中国联通北京西单营业厅', '中国联通广州天河营业厅']);
  });

  it('keeps a provincial analyst to their province, and the segment filter to its segment', async () => {
    const s = await getHallVisitStatistics(gdAnalyst, filters(), march(31, 12));
    expect(s.byProvince.map((g) => g.key)).toEqual(['440000']);
    expect(s.others.visits).toBe(4);
    await expect(getHallVisitStatistics(gdAnalyst, filters({ province: '110000' }), march(31, 12))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getHallVisitStatistics(gdOperator, filters(), march(31, 12))).rejects.toMatchObject({ code: 'forbidden' });
    const vipsOnly = await getHallVisitStatistics(hq, filters({ segment: 'postpaid_vip' }), march(31, 12));
    expect([vipsOnly.vip.visits, vipsOnly.others.visits]).toEqual([2, 0]);
    const hotline = await getHallVisitStatistics(hq, filters({ channel: 'hotline' }), march(31, 12));
    expect(hotline.vip.visits + hotline.others.visits).toBe(0);
  });
});

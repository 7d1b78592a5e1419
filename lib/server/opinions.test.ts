import { and, count, eq, gte, isNotNull, lt, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader } from '@/db/client';
import { callbacks, complaints, customers, feedback } from '@/db/schema';
import { seedDemo } from '@/db/seed';
import type { Actor } from '@/lib/domain/access';
import { OPINIONS_PAGE_SIZE } from '@/lib/domain/opinions';
import { shanghaiInstant } from '@/lib/domain/time';
import { opinionFilters } from '@/lib/validation/opinions';
import { withTempDatabase } from '@/tests/temp-database';
import { exportOpinions, listOpinions } from './opinions';

withTempDatabase();

const NOW = Date.UTC(2027, 2, 1, 4);
const hq: Actor = { kind: 'staff', role: 'analyst', staffId: 1, provinceCode: null, clubCodes: null, name: '总部分析' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 2, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 3, provinceCode: '440000', clubCodes: null, name: '广东运营' };
// The whole demo: from a year back to the seed's day.
const all = opinionFilters.parse({ from: '2026-03-01', to: '2027-03-01' });
const START = shanghaiInstant(2026, 3, 1);
const END = shanghaiInstant(2027, 3, 2);

beforeAll(async () => {
  await seedDemo(NOW);
}, 60_000);

describe('the opinions view (意见反馈总部)', () => {
  it('lists event feedback comments, callback opinions, complaints and suggestions in one list, newest first, customers masked', async () => {
    const db = getReader();
    const [[fb], [cb], [co], [sg]] = await Promise.all([
      db.select({ n: count() }).from(feedback).where(and(ne(feedback.comment, ''), gte(feedback.createdAt, START), lt(feedback.createdAt, END))),
      db.select({ n: count() }).from(callbacks).where(and(isNotNull(callbacks.opinion), ne(callbacks.opinion, ''), gte(callbacks.completedAt, START), lt(callbacks.completedAt, END))),
      db.select({ n: count() }).from(complaints).where(and(eq(complaints.kind, 'complaint'), gte(complaints.createdAt, START), lt(complaints.createdAt, END))),
      db.select({ n: count() }).from(complaints).where(and(eq(complaints.kind, 'suggestion'), gte(complaints.createdAt, START), lt(complaints.createdAt, END))),
    ]);
    expect([fb!.n, cb!.n, co!.n, sg!.n].every((n) => n > 0)).toBe(true);
    const list = await listOpinions(hq, all, NOW);
    expect(list.total).toBe(fb!.n + cb!.n + co!.n + sg!.n);
    expect(list.rows).toHaveLength(Math.min(OPINIONS_PAGE_SIZE, list.total));
    const exported = await exportOpinions(hq, all, NOW);
    expect(exported).toHaveLength(list.total);
    expect(exported.slice(0, OPINIONS_PAGE_SIZE)).toEqual(list.rows);
    expect(exported.every((r, i) => i === 0 || exported[i - 1]!.at >= r.at)).toBe(true);
    const mobiles = new Set((await db.select({ mobile: customers.mobile }).from(customers)).map((c) => c.mobile));
    expect(exported.filter((r) => mobiles.has(r.mobile) || !/^\d{3}\*{4}\d{4}$/.test(r.mobile))).toEqual([]);
    const feedbackRow = exported.find((r) => r.source === 'feedback')!;
    expect(feedbackRow).toMatchObject({ topic: 'event', rating: expect.any(Number) });
    expect(feedbackRow.club).not.toBeNull();
  });

  it('filters by province (HQ only), club, source, topic and period, and pages', async () => {
    const gd = await exportOpinions(gdAnalyst, all, NOW);
    expect(gd.length).toBeGreaterThan(0);
    expect(gd.every((r) => r.province === '440000')).toBe(true);
    expect(await exportOpinions(hq, { ...all, province: '440000' }, NOW)).toEqual(gd);
    await expect(listOpinions(gdAnalyst, { ...all, province: '110000' }, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listOpinions(gdOperator, all, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    const music = await exportOpinions(hq, { ...all, club: 'music' }, NOW);
    expect(music.length).toBeGreaterThan(0);
    expect(music.every((r) => r.club === 'music')).toBe(true);
    const suggestions = await exportOpinions(hq, { ...all, source: 'suggestion' }, NOW);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.every((r) => r.source === 'suggestion' && r.club === null)).toBe(true);
    const billing = await exportOpinions(hq, { ...all, topic: 'billing' }, NOW);
    expect(billing.every((r) => r.topic === 'billing' && (r.source === 'complaint' || r.source === 'suggestion'))).toBe(true);
    const lastWeek = await exportOpinions(hq, opinionFilters.parse({ from: '2027-02-22', to: '2027-03-01' }), NOW);
    expect(lastWeek.every((r) => r.at >= shanghaiInstant(2027, 2, 22) && r.at < END)).toBe(true);
    const [first, second] = [await listOpinions(hq, all, NOW), await listOpinions(hq, { ...all, page: 2 }, NOW)];
    expect(second.page).toBe(2);
    expect(second.rows[0]).toEqual((await exportOpinions(hq, all, NOW))[OPINIONS_PAGE_SIZE]);
    expect(first.pages).toBe(Math.ceil(first.total / OPINIONS_PAGE_SIZE));
  });
});

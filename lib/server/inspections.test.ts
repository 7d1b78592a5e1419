import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { auditLog, events, halls, inspectionItems, inspections } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { INSPECTION_ITEM_KEYS, type InspectionRating } from '@/lib/domain/inspections';
import { DAY, toShanghaiLocal } from '@/lib/domain/time';
import { filmPremiere } from '@/tests/events';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { followUpInput, inspectionInput } from '@/lib/validation/inspections';
import { followUpFinding, latestInspectionScores, listInspectionPlaces, listInspections, recordInspection } from './inspections';

withTempDatabase();

const NOW = Date.now();
const hqAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 1, provinceCode: null, clubCodes: null, name: '总部督查' };
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: '440000', clubCodes: null, name: '广东分析' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 4, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 5, provinceCode: null, clubCodes: null, name: '总部管理' };
let tianhe = 0;
let xidan = 0;
let premiere = 0;

/** The form as an inspector fills it: every item passed but those given. */
const form = (o: Record<string, string>, ratings: Partial<Record<string, [InspectionRating, string?]>> = {}) =>
  inspectionInput.parse({
    visitedAt: toShanghaiLocal(NOW - DAY),
    ...Object.fromEntries(INSPECTION_ITEM_KEYS.flatMap((k) => [[`rating_${k}`, ratings[k]?.[0] ?? 'pass'], [`finding_${k}`, ratings[k]?.[1] ?? '']])),
    ...o,
  });

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'hq-a', '总部督查', 'x', 'analyst', null, 0), (2, 'gd', '广东运营', 'x', 'operator', '440000', 0), (3, 'gd-a', '广东分析', 'x', 'analyst', '440000', 0),
      (4, 'bj', '北京运营', 'x', 'operator', '110000', 0), (5, 'hq', '总部管理', 'x', 'admin', null, 0)`);
    tianhe = (await tx.insert(halls).values({ provinceCode: '440000', nameZh: '中国联通广州天河营业厅', city: '广州' }).returning({ id: halls.id }))[0]!.id;
    xidan = (await tx.insert(halls).values({ provinceCode: '110000', nameZh: '中国联通北京西单营业厅', city: '北京' }).returning({ id: halls.id }))[0]!.id;
    premiere = (await tx.insert(events).values(filmPremiere(NOW - 3 * DAY)).returning({ id: events.id }))[0]!.id;
  });
});

describe('inspections', () => {
  it("HQ records a covert visit with its score and findings; the province reads it without the inspector's name", async () => {
    const visit = await recordInspection(
      hqAnalyst,
      form({ kind: 'covert', provinceCode: '440000', place: `hall:${tianhe}`, note: '周六上午' }, { wait_time: ['fail', '排队12分钟无人分流'], vip_zone: ['partial', 'VIP专席无人值守'] }),
      NOW,
    );
    expect(visit).toMatchObject({ provinceCode: '440000', kind: 'covert', score: 78, inspectorStaffId: 1 });
    const [seenByHq] = await listInspections(hqAnalyst, '440000');
    expect(seenByHq).toMatchObject({ id: visit.id, inspector: '总部督查', hallZh: '中国联通广州天河营业厅', score: 78, mayFollowUp: false });
    expect(seenByHq!.items.filter((i) => i.finding).map((i) => [i.key, i.rating, i.finding])).toEqual([
      ['wait_time', 'fail', '排队12分钟无人分流'],
      ['vip_zone', 'partial', 'VIP专席无人值守'],
    ]);
    const [seenByProvince] = await listInspections(gdOperator, '440000');
    expect(seenByProvince).toMatchObject({ id: visit.id, inspector: null, mayFollowUp: true });
    const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'inspection.create'));
    expect(entry).toMatchObject({ staffId: 1, provinceCode: '440000', entityId: String(visit.id) });
  });

  it('keeps a province to self-inspections of its own places, and HQ to open or covert visits', async () => {
    const before = await getReader().$count(inspections);
    await expect(recordInspection(gdOperator, form({ kind: 'covert', place: `hall:${tianhe}` }), NOW)).rejects.toMatchObject({ code: 'inspection_kind_not_yours' });
    await expect(recordInspection(hqAnalyst, form({ kind: 'self', provinceCode: '440000', place: `hall:${tianhe}` }), NOW)).rejects.toMatchObject({ code: 'inspection_kind_not_yours' });
    // An operator's own province is the one recorded, whatever the form says; another province's hall is not a place of it.
    await expect(recordInspection(gdOperator, form({ kind: 'self', provinceCode: '110000', place: `hall:${xidan}` }), NOW)).rejects.toMatchObject({ code: 'inspection_place_required' });
    await expect(recordInspection(hqAnalyst, form({ kind: 'open', provinceCode: '110000', place: `event:${premiere}` }), NOW)).rejects.toMatchObject({ code: 'inspection_place_required' });
    await expect(recordInspection(gdOperator, form({ kind: 'self', place: `hall:${tianhe}`, visitedAt: toShanghaiLocal(NOW + DAY) }), NOW)).rejects.toMatchObject({ code: 'inspection_in_future' });
    await expect(recordInspection(gdOperator, form({ kind: 'self', place: `hall:${tianhe}` }, { first_contact: ['fail'] }), NOW)).rejects.toMatchObject({
      code: 'inspection_finding_required',
      fields: { finding_first_contact: 'inspection_finding_required' },
    });
    await expect(listInspections(bjOperator, '440000')).rejects.toMatchObject({ code: 'not_found' });
    await expect(listInspectionPlaces(bjOperator, '440000', NOW)).rejects.toMatchObject({ code: 'not_found' });
    expect(await getReader().$count(inspections)).toBe(before);
  });

  it('records self-inspections of a hall or an event by the province, and shows each latest score in the compliance view', async () => {
    expect(await listInspectionPlaces(gdAnalyst, '440000', NOW)).toEqual({
      halls: [expect.objectContaining({ id: tianhe })],
      events: [expect.objectContaining({ id: premiere })],
    });
    const older = await recordInspection(gdOperator, form({ kind: 'self', place: `hall:${tianhe}`, visitedAt: toShanghaiLocal(NOW - 5 * DAY) }), NOW);
    const atEvent = await recordInspection(
      gdAnalyst,
      form({ kind: 'self', place: `event:${premiere}` }, { wait_time: ['na'], handling_time: ['na'], demo_area: ['fail', '体验机未开机'] }),
      NOW,
    );
    expect([older.score, atEvent.score]).toEqual([100, 87]);
    const latest = await latestInspectionScores(hqAnalyst);
    expect(latest.get('440000')).toMatchObject({ hq: { kind: 'covert', score: 78 }, self: { id: atEvent.id, score: 87 } });
    expect(latest.has('110000')).toBe(false);
    expect([...(await latestInspectionScores(gdAnalyst)).keys()]).toEqual(['440000']);
    await expectDerivedNumbersConsistent();
  });

  it("lets the province's operators follow a finding up and mark it fixed, once; nobody else", async () => {
    const [visit] = (await listInspections(admin, '440000')).filter((i) => i.kind === 'covert');
    const wait = visit!.items.find((i) => i.key === 'wait_time')!;
    const passed = visit!.items.find((i) => i.key === 'certified_staff')!;
    await expect(followUpFinding(bjOperator, followUpInput.parse({ itemId: wait.id, followUp: '已整改' }), NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(followUpFinding(gdAnalyst, followUpInput.parse({ itemId: wait.id, followUp: '已整改' }), NOW)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(followUpFinding(gdOperator, followUpInput.parse({ itemId: passed.id, followUp: '无' }), NOW)).rejects.toMatchObject({ code: 'inspection_no_finding' });
    expect(followUpInput.safeParse({ itemId: wait.id, followUp: ' ' }).error?.issues[0]?.message).toBe('follow_up_required');

    await followUpFinding(gdOperator, followUpInput.parse({ itemId: wait.id, followUp: '周末增开两个窗口' }), NOW + DAY);
    let [item] = await getReader().select().from(inspectionItems).where(eq(inspectionItems.id, wait.id));
    expect(item).toMatchObject({ followUp: '周末增开两个窗口', followedUpAt: NOW + DAY, followedUpByStaffId: 2, fixedAt: null });
    await followUpFinding(gdOperator, followUpInput.parse({ itemId: wait.id, followUp: '增设取号分流岗，复查等候4分钟', fixed: 'on' }), NOW + 2 * DAY);
    [item] = await getReader().select().from(inspectionItems).where(eq(inspectionItems.id, wait.id));
    expect(item).toMatchObject({ followUp: '增设取号分流岗，复查等候4分钟', fixedAt: NOW + 2 * DAY });
    await expect(followUpFinding(gdOperator, followUpInput.parse({ itemId: wait.id, followUp: '再改' }), NOW + 3 * DAY)).rejects.toMatchObject({ code: 'inspection_finding_fixed' });
    expect(await getReader().$count(auditLog, eq(auditLog.action, 'inspection.follow_up'))).toBe(2);
  });
});

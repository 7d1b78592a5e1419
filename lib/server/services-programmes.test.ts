import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { customers, memberships, services } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY } from '@/lib/domain/time';
import { withTempDatabase } from '@/tests/temp-database';
import { listServiceCatalogue } from './services/catalogue';
import { applyForTrial, createTrialProgramme, listTrialProgrammes, updateTrialApplication } from './services/trials';

withTempDatabase();

const NOW = Date.UTC(2027, 0, 10, 2);
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 3, provinceCode: null, clubCodes: null, name: '总部' };
const members: Actor[] = [];

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0), (3, 'hq', '总部', 'x', 'admin', null, 0)`);
    for (const [i, segment] of (['postpaid_vip', 'postpaid', 'prepaid'] as const).entries()) {
      const [c] = await tx.insert(customers).values({ mobile: `1860001000${i}`, name: `会员${i}`, segment, provinceCode: '440000' }).returning({ id: customers.id });
      await tx.insert(memberships).values({ customerId: c!.id, clubCode: 'handset', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
      members.push({ kind: 'member', role: 'member', customerId: c!.id, provinceCode: '440000', name: `会员${i}` });
    }
  });
});

describe('listTrialProgrammes', () => {
  it('lists old programmes too, with applicants, units taken and units still out past their due date', async () => {
    const [trial] = await getReader().select().from(services).where(and(eq(services.provinceCode, '440000'), eq(services.kind, 'handset_trial')));
    const old = await createTrialProgramme(gdOperator, { serviceId: trial!.id, titleZh: '第一期', titleEn: null, units: 2, vipOpensAt: NOW - 90 * DAY, opensAt: NOW - 89 * DAY, closesAt: NOW - 80 * DAY, loanDays: 14 });
    const current = await createTrialProgramme(gdOperator, { serviceId: trial!.id, titleZh: '第二期', titleEn: 'Round 2', units: 5, vipOpensAt: NOW - DAY, opensAt: NOW, closesAt: NOW + 9 * DAY, loanDays: 14 });
    const [vip, other, third] = await Promise.all(members.map((m) => applyForTrial(m, { programmeId: old.id }, NOW - 85 * DAY)));
    for (const step of ['select', 'hand_over'] as const) {
      await updateTrialApplication(gdOperator, { applicationId: vip!.id, step }, NOW - 84 * DAY);
      await updateTrialApplication(gdOperator, { applicationId: other!.id, step }, NOW - 84 * DAY);
    }
    await updateTrialApplication(gdOperator, { applicationId: other!.id, step: 'return' }, NOW - 80 * DAY);
    await updateTrialApplication(gdOperator, { applicationId: third!.id, step: 'decline' }, NOW - 84 * DAY);
    await applyForTrial(members[0]!, { programmeId: current.id }, NOW);

    // The catalogue shows the last month's programmes only; the operators' list keeps the one with a unit out.
    const catalogue = await listServiceCatalogue(gdOperator, undefined, NOW);
    expect(catalogue.find((s) => s.kind === 'handset_trial')!.programmes.map((p) => p.id)).toEqual([current.id]);
    const list = await listTrialProgrammes(gdOperator, undefined, NOW);
    expect(list.map((p) => [p.titleZh, p.applicants, p.taken, p.late])).toEqual([
      ['第二期', 1, 0, 0],
      ['第一期', 3, 2, 1],
    ]);
    expect(list[0]).toMatchObject({ serviceKind: 'handset_trial', units: 5 });
  });

  it('is for the province’s own operators, and for HQ once it names a province', async () => {
    expect(await listTrialProgrammes(bjOperator, '440000', NOW)).toEqual([]);
    expect(await listTrialProgrammes(admin, '440000', NOW)).toHaveLength(2);
    await expect(listTrialProgrammes(admin, undefined, NOW)).rejects.toMatchObject({ code: 'province_required' });
    await expect(listTrialProgrammes(members[0]!, '440000', NOW)).rejects.toMatchObject({ code: 'not_found' });
  });
});

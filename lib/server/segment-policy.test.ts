import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { auditLog, clubs, customers, events, memberships, pointsLedger, registrations, services } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { HOUR, DAY } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { filmPremiere } from '@/tests/events';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { segmentPolicyInput } from '@/lib/validation/segment-policy';
import { getCustomerImport } from './customer-import';
import { saveHall } from './halls';
import { importLedgerEntries } from './ledger-entries';
import { getHqSettings } from './hq-settings';
import { registerForEvent } from './registrations';
import { updateSegmentPolicy } from './segment-policy';
import { bookService } from './services/bookings';
import { createSlot } from './services/catalogue';

withTempDatabase();

const NOW = Date.now();
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 1, provinceCode: null, clubCodes: null, name: '总部管理' };
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const who: Record<string, { id: number; actor: Actor }> = {};
let key = 0;

/** The matrix as an admin ticks it: every club open to every segment, then the points columns given. */
const matrix = (earn: Segment[], pay: Segment[], join: Partial<Record<string, Segment[]>> = {}) => {
  const all: Segment[] = ['prepaid', 'postpaid', 'postpaid_vip'];
  return segmentPolicyInput.parse({ join_music: join.music ?? all, join_film: join.film ?? all, join_gaming: join.gaming ?? all, join_handset: join.handset ?? all, earn, pay });
};

async function member(name: string, segment: Segment, mobile: string) {
  await withTransaction(async (tx) => {
    const [c] = await tx.insert(customers).values({ mobile, name, segment, provinceCode: '440000' }).returning({ id: customers.id });
    // A postpaid customer's balance from billing; the prepaid one holds none, as the policy has it.
    if (segment !== 'prepaid') await tx.insert(pointsLedger).values({ customerId: c!.id, delta: 2000, reason: 'grant' });
    for (const club of ['film', 'handset'] as const) await tx.insert(memberships).values({ customerId: c!.id, clubCode: club, provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
    who[name] = { id: c!.id, actor: { kind: 'member', role: 'member', customerId: c!.id, provinceCode: '440000', name } };
  });
}

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'hq', '总部管理', 'x', 'admin', null, 0), (2, 'gd', '广东运营', 'x', 'operator', '440000', 0)`);
  });
  await member('李晓梅', 'prepaid', '13002005678');
  await member('陈思远', 'postpaid', '18602001234');
});

describe('the segment policy matrix', () => {
  it("starts at the plan's table and is saved by an admin in one step, clubs and points together, audited", async () => {
    expect((await getHqSettings()).segmentPoints.prepaid).toEqual({ earn: false, pay: false });
    await expect(updateSegmentPolicy(gdOperator, matrix([], []))).rejects.toMatchObject({ code: 'forbidden' });
    const after = await updateSegmentPolicy(admin, matrix(['postpaid', 'postpaid_vip'], ['prepaid', 'postpaid', 'postpaid_vip'], { gaming: ['postpaid_vip'] }), NOW);
    expect(after.find((r) => r.segment === 'prepaid')).toEqual({ segment: 'prepaid', clubs: { music: true, film: true, gaming: false, handset: true }, earn: false, pay: true });
    expect((await getReader().select({ s: clubs.allowedSegments }).from(clubs).where(eq(clubs.code, 'gaming')))[0]!.s).toEqual(['postpaid_vip']);
    expect((await getHqSettings()).segmentPoints.prepaid).toEqual({ earn: false, pay: true });
    const [entry] = await getReader().select().from(auditLog).where(eq(auditLog.action, 'segment_policy.update'));
    expect(entry).toMatchObject({ staffId: 1, provinceCode: null });
    // A club open to nobody is refused before anything is written.
    expect(segmentPolicyInput.safeParse({ join_music: [], join_film: ['postpaid'], join_gaming: ['postpaid'], join_handset: ['postpaid'] }).error?.issues[0]).toMatchObject({
      path: ['join_music'],
      message: 'segment_policy_club_empty',
    });
    await updateSegmentPolicy(admin, matrix(['postpaid', 'postpaid_vip'], ['postpaid', 'postpaid_vip']), NOW);
  });
});

describe('paying in points', () => {
  it('refuses an event priced in points to a segment that may not pay in points, and writes nothing', async () => {
    const [event] = await withTransaction((tx) => tx.insert(events).values(filmPremiere(NOW, { capacity: 5, pricePoints: 300 })).returning({ id: events.id }));
    const register = (name: string) => registerForEvent(who[name]!.actor, { customerId: who[name]!.id, eventId: event!.id, idempotencyKey: `segment-policy-key-${++key}` }, NOW);
    const before = await getReader().$count(registrations);
    await expect(register('李晓梅')).rejects.toMatchObject({ code: 'points_payment_not_allowed' });
    // Staff at a hall cannot get round it either.
    await expect(registerForEvent(gdOperator, { customerId: who['李晓梅']!.id, eventId: event!.id, channel: 'hall', idempotencyKey: `segment-policy-key-${++key}` }, NOW)).rejects.toMatchObject({ code: 'points_payment_not_allowed' });
    expect(await getReader().$count(registrations)).toBe(before);
    await expect(register('陈思远')).resolves.toMatchObject({ status: 'confirmed', paidPoints: 300 });
    // A free event is the prepaid member's as before.
    const [free] = await withTransaction((tx) => tx.insert(events).values(filmPremiere(NOW, { priceType: 'free', pricePoints: 0 })).returning({ id: events.id }));
    await expect(registerForEvent(who['李晓梅']!.actor, { customerId: who['李晓梅']!.id, eventId: free!.id, idempotencyKey: `segment-policy-key-${++key}` }, NOW)).resolves.toMatchObject({ status: 'confirmed' });
    await expectDerivedNumbersConsistent();
  });

  it('refuses a handset service charged in points to such a segment, before its balance', async () => {
    const hall = await saveHall(gdOperator, { kind: 'hall', nameZh: '中国联通广州天河营业厅', nameEn: null, city: '广州', address: '', active: true });
    const [cleaning] = await getReader().select().from(services).where(and(eq(services.provinceCode, '440000'), eq(services.kind, 'cleaning')));
    expect(cleaning!.pricePoints).toBeGreaterThan(0);
    const slot = await createSlot(gdOperator, { serviceId: cleaning!.id, hallId: hall.id, startsAt: NOW + 2 * DAY, endsAt: NOW + 2 * DAY + HOUR, opensAt: NOW - HOUR, capacity: 3 });
    await expect(bookService(who['李晓梅']!.actor, { slotId: slot.id }, NOW)).rejects.toMatchObject({ code: 'points_payment_not_allowed' });
    await expect(bookService(who['陈思远']!.actor, { slotId: slot.id }, NOW)).resolves.toMatchObject({ pointsPaid: cleaning!.pricePoints });
  });
});

describe('earning points', () => {
  it('refuses, per row with its reason, a billing accrual for a segment that earns none', async () => {
    const csv = [
      'external_ref,kind,mobile,amount,occurred_at,note',
      'SP-1,points_accrual,13002005678,800,2026-01-05 10:00,',
      'SP-2,points_accrual,18602001234,600,2026-01-05 10:00,',
      'SP-3,points_adjustment,18602001234,-100,2026-01-05 11:00,',
    ].join('\n');
    const balance = async (mobile: string) => (await getReader().select({ p: customers.pointsBalance }).from(customers).where(eq(customers.mobile, mobile)))[0]?.p;
    const postpaidBefore = (await balance('18602001234'))!;
    const result = await importLedgerEntries(gdOperator, { fileName: 'points.csv', text: csv }, NOW);
    expect(result).toMatchObject({ totalRows: 3, applied: 2, alreadyApplied: 0, errorCount: 1 });
    expect((await getCustomerImport(gdOperator, result.importId!)).errors).toEqual([{ row: 2, column: 'mobile', reason: 'points_not_earned' }]);
    expect([await balance('13002005678'), await balance('18602001234')]).toEqual([0, postpaidBefore + 600 - 100]);
    // Once HQ lets prepaid customers earn, the same row goes through; the others were applied already.
    await updateSegmentPolicy(admin, matrix(['prepaid', 'postpaid', 'postpaid_vip'], ['postpaid', 'postpaid_vip']), NOW);
    await expect(importLedgerEntries(gdOperator, { fileName: 'again.csv', text: csv }, NOW + 1)).resolves.toMatchObject({ applied: 1, alreadyApplied: 2, errorCount: 0 });
    expect(await balance('13002005678')).toBe(800);
    await expectDerivedNumbersConsistent();
  });
});

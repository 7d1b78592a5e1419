import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { outbox } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { withTempDatabase } from '@/tests/temp-database';
import { getAdminOverview } from './admin-overview';
import { createApiToken, revokeApiToken } from './api-tokens';
import { enqueueMessage } from './outbox';
import { createStaff, setStaffActive } from './staff';

withTempDatabase();

const cli = { kind: 'system', via: 'cli' } as const;
const PASSWORD = 'plum-harbor-lantern-42';
const asAdmin = (staffId: number): Actor => ({ kind: 'staff', role: 'admin', staffId, provinceCode: null, clubCodes: null, name: 'admin' });

describe('the admin overview', () => {
  it('counts accounts, tokens and recent audit entries, and lists the clubs with their yearly minimum', async () => {
    const admin = asAdmin((await createStaff(cli, { username: 'hq.admin', password: PASSWORD, role: 'admin' })).id);
    const operator = await createStaff(admin, { username: 'gd.ops', password: PASSWORD, role: 'operator', provinceCode: '440000' });
    await setStaffActive(admin, operator.id, false);
    await createApiToken(admin, createApiTokenInput.parse({ name: '广东热线', channel: 'hotline', scope: '440000' }));
    const gone = await createApiToken(admin, createApiTokenInput.parse({ name: '总部网厅', channel: 'online', scope: 'hq' }));
    await revokeApiToken(admin, gone.id);

    const overview = await getAdminOverview(admin);
    expect(overview.staff).toEqual({ active: 1, disabled: 1 });
    expect(overview.tokens).toEqual({ active: 1, revoked: 1 });
    // The first admin, the operator, disabling it, two tokens and a revocation.
    expect(overview.audit.recent).toBe(6);
    expect(overview.audit.lastAt).toBeGreaterThan(Date.now() - 60_000);
    expect(overview.clubs.map((c) => [c.code, c.minEventsPerYear])).toEqual([['music', 3], ['film', 2], ['gaming', 2], ['handset', 4]]);
    // A week on, the same entries are no longer recent.
    expect((await getAdminOverview(admin, Date.now() + 8 * 86_400_000)).audit.recent).toBe(0);
  });

  it("counts the week's SMS by status and lists the latest failures with the number masked", async () => {
    const admin = asAdmin(1);
    await withTransaction(async (tx) => {
      for (const [mobile, template] of [
        ['18630000001', 'otp'],
        ['18630000002', 'event_reminder'],
        ['18630000003', 'event_reminder'],
        ['18630000004', 'registration_confirmed'],
      ] as const)
        await enqueueMessage(tx, { mobile, channel: 'sms', template, body: '【3G客户俱乐部】活动提醒' });
      await enqueueMessage(tx, { mobile: '18630000005', channel: 'inapp', template: 'event_reminder', body: '站内信不算短信' });
    });
    const rows = await getReader().select({ id: outbox.id, mobile: outbox.mobile }).from(outbox).where(eq(outbox.channel, 'sms'));
    const id = (mobile: string) => rows.find((r) => r.mobile === mobile)!.id;
    await withTransaction(async (tx) => {
      await tx.update(outbox).set({ status: 'sent', sentAt: Date.now() }).where(eq(outbox.id, id('18630000002')));
      await tx.update(outbox).set({ status: 'delivered', deliveredAt: Date.now() }).where(eq(outbox.id, id('18630000003')));
      await tx.update(outbox).set({ status: 'failed', failureReason: 'receipt: UNDELIV err:034' }).where(eq(outbox.id, id('18630000004')));
    });
    const { sms } = await getAdminOverview(admin);
    expect(sms.counts).toEqual({ pending: 1, sent: 1, delivered: 1, failed: 1 });
    expect(sms.failures).toEqual([{ id: id('18630000004'), to: '186****0004', template: 'registration_confirmed', reason: 'receipt: UNDELIV err:034', at: expect.any(Number) }]);
    // A week on, none of them counts.
    expect((await getAdminOverview(admin, Date.now() + 8 * 86_400_000)).sms.counts).toEqual({ pending: 0, sent: 0, delivered: 0, failed: 0 });
  });

  it('is for admins only', async () => {
    const operator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '440000', clubCodes: null, name: 'op' };
    const analyst: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: null, clubCodes: null, name: 'hq analyst' };
    await expect(getAdminOverview(operator)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getAdminOverview(analyst)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

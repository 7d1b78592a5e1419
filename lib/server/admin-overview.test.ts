import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/domain/access';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { withTempDatabase } from '@/tests/temp-database';
import { getAdminOverview } from './admin-overview';
import { createApiToken, revokeApiToken } from './api-tokens';
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

  it('is for admins only', async () => {
    const operator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '440000', clubCodes: null, name: 'op' };
    const analyst: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: null, clubCodes: null, name: 'hq analyst' };
    await expect(getAdminOverview(operator)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(getAdminOverview(analyst)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { withTempDatabase } from '@/tests/temp-database';
import { getHqSettings, updateHqSettings } from './hq-settings';

withTempDatabase();

const admin: Actor = { kind: 'staff', role: 'admin', staffId: 5, provinceCode: null, clubCodes: null, name: '总部' };
const operator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (5, 'hq', '总部', 'x', 'admin', null, 0)`);
  });
});

describe('HQ settings', () => {
  it('an admin changes one; it holds for every reader and the audit log keeps before and after', async () => {
    expect((await getHqSettings()).callbackPeriod).toBe('quarter');
    await updateHqSettings(admin, { callbackPeriod: 'month', complaintConfirmDays: 7 });
    expect((await getHqSettings()).callbackPeriod).toBe('month');
    await updateHqSettings(admin, { callbackPeriod: 'half_year' });
    expect((await getHqSettings()).callbackPeriod).toBe('half_year');
    const entries = await getReader().select().from(auditLog).where(eq(auditLog.action, 'settings.update'));
    // The unchanged confirmation days are not logged as a change.
    expect(entries.map((e) => [e.entityId, e.before, e.after])).toEqual([
      ['callbackPeriod', { callbackPeriod: 'quarter' }, { callbackPeriod: 'month' }],
      ['callbackPeriod', { callbackPeriod: 'month' }, { callbackPeriod: 'half_year' }],
    ]);
  });

  it('is refused to anyone but an admin, and a bad value writes nothing', async () => {
    await expect(updateHqSettings(operator, { callbackPeriod: 'month' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateHqSettings(admin, { callbackMaxAttempts: 0 })).rejects.toThrow();
    expect((await getHqSettings()).callbackMaxAttempts).toBe(3);
  });
});

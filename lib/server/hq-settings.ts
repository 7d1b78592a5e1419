import 'server-only';
import { eq } from 'drizzle-orm';
import { getReader, withTransaction, type Db, type Tx } from '@/db/client';
import { hqSettings } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { forbidden } from '@/lib/domain/errors';
import { parseHqSetting, resolveHqSettings, type HqSettingKey, type HqSettings } from '@/lib/domain/hq-settings';
import { audit } from './audit';

/**
 * The HQ settings in force. Read where they are used (a handful of rows, one small table), so that
 * a change by an admin holds on every app server at once; inside a transaction, pass it.
 */
export async function getHqSettings(db: Db | Tx = getReader()): Promise<HqSettings> {
  return resolveHqSettings(await db.select({ key: hqSettings.key, value: hqSettings.value }).from(hqSettings));
}

/** Stores one checked value inside the caller's transaction (the caller audits). */
export async function writeHqSetting<K extends HqSettingKey>(tx: Tx, staffId: number, key: K, value: HqSettings[K], now: number): Promise<void> {
  const row = { value, updatedAt: now, updatedByStaffId: staffId };
  const [updated] = await tx.update(hqSettings).set(row).where(eq(hqSettings.key, key)).returning({ key: hqSettings.key });
  if (!updated) await tx.insert(hqSettings).values({ key, ...row });
}

/** An admin sets HQ settings: each value checked, the change audited with what it was before. */
export async function updateHqSettings(actor: Actor, values: Partial<HqSettings>, now = Date.now()): Promise<HqSettings> {
  if (actor.kind !== 'staff' || actor.role !== 'admin') throw forbidden();
  const entries = Object.entries(values).map(([key, value]) => [key as HqSettingKey, parseHqSetting(key as HqSettingKey, value)] as const);
  return withTransaction(async (tx) => {
    const before = await getHqSettings(tx);
    for (const [key, value] of entries) await writeHqSetting(tx, actor.staffId, key, value, now);
    const after = await getHqSettings(tx);
    const changed = entries.map(([key]) => key).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (changed.length > 0) {
      await audit(tx, actor, {
        action: 'settings.update',
        entityType: 'hq_settings',
        entityId: changed.join(','),
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        provinceCode: null,
      });
    }
    return after;
  });
}

import 'server-only';
import { eq } from 'drizzle-orm';
import { withTransaction } from '@/db/client';
import { clubs } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { forbidden } from '@/lib/domain/errors';
import { segmentPolicyMatrix } from '@/lib/domain/segment-policy';
import { CLUB_CODES } from '@/lib/domain/types';
import type { SegmentPolicyInput } from '@/lib/validation/segment-policy';
import { audit } from './audit';
import { getHqSettings, writeHqSetting } from './hq-settings';

/**
 * An admin saves the segment policy matrix: which segments may join each club (kept on the clubs)
 * and which earn and pay in points (the HQ setting segmentPoints), in one transaction, audited as
 * the matrix before and after. Members already in a club stay; the rule applies to new joins.
 */
export async function updateSegmentPolicy(actor: Actor, input: SegmentPolicyInput, now = Date.now()) {
  if (actor.kind !== 'staff' || actor.role !== 'admin') throw forbidden();
  return withTransaction(async (tx) => {
    const read = async () => segmentPolicyMatrix(await tx.select({ code: clubs.code, allowedSegments: clubs.allowedSegments }).from(clubs), (await getHqSettings(tx)).segmentPoints);
    const before = await read();
    for (const code of CLUB_CODES) await tx.update(clubs).set({ allowedSegments: input.allowedSegments[code] }).where(eq(clubs.code, code));
    await writeHqSetting(tx, actor.staffId, 'segmentPoints', input.segmentPoints, now);
    const after = await read();
    if (JSON.stringify(before) !== JSON.stringify(after)) await audit(tx, actor, { action: 'segment_policy.update', entityType: 'segment_policy', entityId: null, before, after, provinceCode: null });
    return after;
  });
}

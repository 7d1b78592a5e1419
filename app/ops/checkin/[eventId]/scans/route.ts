import { AREA_ROLES } from '@/lib/domain/access';
import { checkIn } from '@/lib/server/attendance';
import { requireActor } from '@/lib/server/guard';
import { problemFrom, readJson } from '@/lib/server/http';
import { requireSameOriginJson } from '@/lib/server/same-origin';
import { checkinEventPath, scanBatch } from '@/lib/validation/checkin';

/**
 * Checks people in: one scan from a device that is online, or the queue a device kept while it was
 * offline. Every scan carries its device's nonce, so a replayed sync answers as before.
 */
export async function POST(request: Request, { params }: { params: Promise<{ eventId: string }> }) {
  try {
    requireSameOriginJson(request);
    const actor = await requireActor(AREA_ROLES.operations);
    const { eventId } = checkinEventPath.parse(await params);
    const { scans } = await readJson(request, scanBatch);
    return Response.json({ results: await checkIn(actor, eventId, scans) }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return problemFrom(error);
  }
}

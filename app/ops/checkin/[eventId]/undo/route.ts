import { AREA_ROLES } from '@/lib/domain/access';
import { notFound } from '@/lib/domain/errors';
import { getCheckinRoster, undoCheckIn } from '@/lib/server/attendance';
import { requireActor } from '@/lib/server/guard';
import { problemFrom, readJson } from '@/lib/server/http';
import { requireSameOriginJson } from '@/lib/server/same-origin';
import { checkinEventPath, undoCheckInInput } from '@/lib/validation/checkin';

/** Undoes a mistaken check-in of this event's roster (audit-logged, the activity record corrected). */
export async function POST(request: Request, { params }: { params: Promise<{ eventId: string }> }) {
  try {
    requireSameOriginJson(request);
    const actor = await requireActor(AREA_ROLES.operations);
    const { eventId } = checkinEventPath.parse(await params);
    const { registrationId } = await readJson(request, undoCheckInInput);
    // The door page of one event must not reach into another event's attendance.
    const roster = await getCheckinRoster(actor, eventId);
    if (!roster.entries.some((e) => e.registrationId === registrationId)) throw notFound();
    return Response.json(await undoCheckIn(actor, registrationId), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return problemFrom(error);
  }
}

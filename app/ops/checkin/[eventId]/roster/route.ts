import { AREA_ROLES } from '@/lib/domain/access';
import { getCheckinRoster } from '@/lib/server/attendance';
import { requireActor } from '@/lib/server/guard';
import { problemFrom } from '@/lib/server/http';
import { checkinEventPath } from '@/lib/validation/checkin';

/** The event's roster as it is now: a door device refreshes its counts and ticks with it after syncing. */
export async function GET(_request: Request, { params }: { params: Promise<{ eventId: string }> }) {
  try {
    const actor = await requireActor(AREA_ROLES.operations);
    const { eventId } = checkinEventPath.parse(await params);
    return Response.json(await getCheckinRoster(actor, eventId), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    return problemFrom(error);
  }
}

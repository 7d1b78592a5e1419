import { appBaseUrl, calendarResponse } from '@/lib/server/calendar';
import { listClubs } from '@/lib/server/clubs';
import { listCalendarEvents } from '@/lib/server/events';
import { listProvinces } from '@/lib/server/provinces';
import { clubCode } from '@/lib/validation/members';

/**
 * A club's public event feed in one province, e.g. /calendar/440000/film.ics. Calendar clients
 * subscribe without signing in, so it carries published events only and nothing about people.
 */
export async function GET(request: Request, { params }: { params: Promise<{ province: string; file: string }> }) {
  const { province, file } = await params;
  const club = clubCode.safeParse(/^([a-z]+)\.ics$/.exec(file)?.[1]);
  if (!/^\d{6}$/.test(province) || !club.success) return notFoundResponse();
  const [provinces, clubs] = await Promise.all([listProvinces(), listClubs()]);
  const p = provinces.find((x) => x.code === province);
  const c = clubs.find((x) => x.code === club.data);
  if (!p || !c) return notFoundResponse();
  const events = await listCalendarEvents(province, club.data);
  return calendarResponse(
    request,
    events,
    { name: `${c.nameZh} · ${p.nameZh}`, locale: 'zh-CN', baseUrl: appBaseUrl(), refreshSeconds: 3600 },
    { disposition: `inline; filename="${province}-${club.data}.ics"`, cacheControl: 'public, max-age=900' },
  );
}

function notFoundResponse() {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

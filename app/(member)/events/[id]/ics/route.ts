import { getLocale } from 'next-intl/server';
import { DomainError } from '@/lib/domain/errors';
import { localized } from '@/lib/i18n/localized';
import { appBaseUrl, calendarResponse } from '@/lib/server/calendar';
import { getPublicEvent } from '@/lib/server/events';

/**
 * One event as an .ics download. Public like the feeds (anything but a draft), so the link also
 * works when opened outside the signed-in browser, e.g. by a phone's calendar app.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) return notFoundResponse();
  let event;
  try {
    event = await getPublicEvent(id);
  } catch (error) {
    if (error instanceof DomainError && error.category === 'not_found') return notFoundResponse();
    throw error;
  }
  const locale = await getLocale();
  return calendarResponse(
    request,
    [event],
    { name: localized(locale, event.titleZh, event.titleEn), locale, baseUrl: appBaseUrl() },
    { disposition: `attachment; filename="event-${id}.ics"`, cacheControl: 'no-cache' },
  );
}

function notFoundResponse() {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

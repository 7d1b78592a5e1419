import { getLocale, getTranslations } from 'next-intl/server';
import { appBaseUrl, calendarResponse } from '@/lib/server/calendar';
import { customerOfFeedFile, lastRegistrationChange, listFeedEvents } from '@/lib/server/personal-calendar';

/**
 * A member's personal feed of the events they hold a seat for. Calendar apps cannot sign in, so the
 * URL is the credential: a wrong, old (reset) or made-up one is not found, like any other path.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const customerId = await customerOfFeedFile((await params).file);
  if (customerId === null) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const [events, changedAt, locale, t] = await Promise.all([listFeedEvents(customerId), lastRegistrationChange(customerId), getLocale(), getTranslations('calendarFeeds')]);
  return calendarResponse(
    request,
    events,
    { name: t('personalName'), locale, baseUrl: appBaseUrl(), refreshSeconds: 3600 },
    // Personal: no shared cache may keep it.
    { disposition: 'inline; filename="my-events.ics"', cacheControl: 'private, no-cache' },
    changedAt,
  );
}

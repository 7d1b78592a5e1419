import Link from 'next/link';
import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import { Card, PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { CHECKIN_OPENS_BEFORE_MS } from '@/lib/domain/attendance-rules';
import { DAY, shanghaiYear } from '@/lib/domain/time';
import { localized, localizedPlace } from '@/lib/i18n/localized';
import { clubNamesIn } from '@/lib/server/club-names';
import { listStaffEvents } from '@/lib/server/events';
import { requirePageActor } from '@/lib/server/guard';

/** How far ahead the list of upcoming doors looks. */
const UPCOMING_DAYS = 14;
/** An event left open (not closed) this long after it started is no longer offered here. */
const OPEN_LOOKBACK_DAYS = 7;

type EventRow = Awaited<ReturnType<typeof listStaffEvents>>[number];

export default async function CheckinEventsPage() {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/checkin');
  const now = (await getNow()).getTime();
  const locale = await getLocale();
  const years = [...new Set([shanghaiYear(now - OPEN_LOOKBACK_DAYS * DAY), shanghaiYear(now + UPCOMING_DAYS * DAY)])];
  const [lists, clubNames, t, format] = await Promise.all([
    Promise.all(years.map((year) => listStaffEvents(actor, { year, status: 'published' }))),
    clubNamesIn(locale),
    getTranslations('checkin'),
    getFormatter(),
  ]);
  const published = lists.flat();
  const doorsOpen = published.filter((e) => e.startsAt - CHECKIN_OPENS_BEFORE_MS <= now && e.startsAt > now - OPEN_LOOKBACK_DAYS * DAY).sort((a, b) => b.startsAt - a.startsAt);
  const upcoming = published.filter((e) => e.startsAt - CHECKIN_OPENS_BEFORE_MS > now && e.startsAt <= now + UPCOMING_DAYS * DAY);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });

  const eventItem = (e: EventRow, note: string) => (
    <li key={e.id} data-testid="checkin-event">
      <Link href={`/ops/checkin/${e.id}`} className="block rounded-lg border border-gray-200 bg-white p-4 hover:border-brand-600 hover:bg-gray-50">
        <span className="block text-base font-semibold text-brand-700 underline">{localized(locale, e.titleZh, e.titleEn)}</span>
        <span className="mt-1 block text-sm text-gray-700">
          {when(e.startsAt)} · {localizedPlace(locale, e)} · {clubNames[e.clubCode] ?? e.clubCode}
        </span>
        <span className="mt-1 flex flex-wrap gap-2 text-sm">
          <span className="rounded bg-gray-100 px-2 py-0.5 text-gray-800">{note}</span>
          <span className="text-gray-600 tabular-nums">{t('seats', { taken: e.taken, capacity: e.capacity })}</span>
        </span>
      </Link>
    </li>
  );

  return (
    <>
      <PageHeader title={t('title')} description={t('listDescription')} />
      <div className="space-y-6">
        <section aria-labelledby="doors-open">
          <h2 id="doors-open" className="mb-2 text-lg font-semibold">
            {t('doorsOpenTitle')}
          </h2>
          {doorsOpen.length === 0 ? (
            <Card>
              <p className="text-sm text-gray-700">{t('doorsOpenEmpty')}</p>
            </Card>
          ) : (
            <ul className="space-y-2">{doorsOpen.map((e) => eventItem(e, t('doorsOpen')))}</ul>
          )}
        </section>
        <section aria-labelledby="upcoming">
          <h2 id="upcoming" className="mb-2 text-lg font-semibold">
            {t('upcomingTitle', { days: UPCOMING_DAYS })}
          </h2>
          {upcoming.length === 0 ? (
            <Card>
              <p className="text-sm text-gray-700">{t('upcomingEmpty', { days: UPCOMING_DAYS })}</p>
            </Card>
          ) : (
            <ul className="space-y-2">{upcoming.map((e) => eventItem(e, t('doorsOpenAt', { time: when(e.startsAt - CHECKIN_OPENS_BEFORE_MS) })))}</ul>
          )}
        </section>
      </div>
    </>
  );
}

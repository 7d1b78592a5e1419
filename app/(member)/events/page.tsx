import Link from 'next/link';
import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { MemberCalendarFeeds } from '@/components/events/member-calendar-feeds';
import { MemberEventCard } from '@/components/events/member-event-card';
import { MonthCalendar, shiftMonth } from '@/components/events/month-calendar';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { coverUrl } from '@/lib/domain/cover-images';
import { shanghaiInstant, shanghaiMonth } from '@/lib/domain/time';
import { PRICE_TYPES } from '@/lib/domain/types';
import { localized } from '@/lib/i18n/localized';
import { appBaseUrl } from '@/lib/server/calendar';
import { clubNamesIn } from '@/lib/server/club-names';
import { eventCovers } from '@/lib/server/covers';
import { listMemberEvents } from '@/lib/server/events';
import { requirePageActor } from '@/lib/server/guard';
import { getMyFeedPath } from '@/lib/server/personal-calendar';
import { clubCode } from '@/lib/validation/members';
import { resetMyCalendarFeed } from './actions';

/** The page's URL parameters; anything malformed falls back to its default rather than failing. */
const memberEventParams = z.object({
  view: z.enum(['list', 'calendar']).catch('list'),
  club: clubCode.optional().catch(undefined),
  month: z
    .string()
    .regex(/^20\d{2}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  price: z.enum(PRICE_TYPES).optional().catch(undefined),
  seats: z.literal('1').optional().catch(undefined),
});

type Params = z.infer<typeof memberEventParams>;

function eventsHref(params: Params): string {
  const q = new URLSearchParams();
  if (params.view === 'calendar') q.set('view', 'calendar');
  for (const key of ['club', 'month', 'price', 'seats'] as const) {
    const value = params[key];
    if (value) q.set(key, value);
  }
  const s = q.toString();
  return s ? `/events?${s}` : '/events';
}

export async function generateMetadata() {
  const t = await getTranslations('events');
  return { title: t('title') };
}

export default async function MemberEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.member, '/events');
  if (actor.kind !== 'member') throw new Error('member area without a member');
  const params = memberEventParams.parse(await searchParams);
  const now = (await getNow()).getTime();
  // The calendar always shows one month (this one in Beijing unless chosen); the list shows upcoming events unless a month is chosen.
  const month = params.view === 'calendar' ? (params.month ?? shanghaiMonth(now)) : params.month;
  const locale = await getLocale();
  const [{ clubs, events }, clubNames, t, format, personalFeedPath] = await Promise.all([
    listMemberEvents(actor, { club: params.club, month, price: params.price, seatsLeft: params.seats === '1' }, now),
    clubNamesIn(locale),
    getTranslations('events'),
    getFormatter(),
    getMyFeedPath(actor),
  ]);
  const covers = await eventCovers(events.map((e) => e.id));

  if (clubs.length === 0) {
    return (
      <>
        <PageHeader title={t('title')} />
        <Card>
          <p className="text-gray-700" data-testid="events-no-clubs">
            {t('empty.noClubs')}
          </p>
          <Link href="/clubs" className={buttonClass('primary', 'mt-3')}>
            {t('empty.joinClubs')}
          </Link>
        </Card>
      </>
    );
  }

  const monthName = (m: string) => {
    const [y, mo] = m.split('-').map(Number) as [number, number];
    return format.dateTime(new Date(shanghaiInstant(y, mo, 1)), { year: 'numeric', month: 'long' });
  };
  const field = 'mt-1 block w-full min-w-0 rounded-md border border-gray-300 bg-white px-2 py-2 text-sm';
  const label = 'block text-xs text-gray-600';
  const tab = (active: boolean) =>
    `inline-flex min-h-10 items-center rounded-md px-4 text-sm font-medium ${active ? 'bg-brand-600 text-white' : 'border border-gray-300 bg-white text-gray-800 hover:bg-gray-50'}`;
  const hasFilters = Boolean(params.club || params.month || params.price || params.seats);

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />

      <nav aria-label={t('views.label')} className="mb-4 flex gap-2">
        <Link href={eventsHref({ ...params, view: 'list' })} className={tab(params.view === 'list')} aria-current={params.view === 'list' ? 'page' : undefined}>
          {t('views.list')}
        </Link>
        <Link
          href={eventsHref({ ...params, view: 'calendar' })}
          className={tab(params.view === 'calendar')}
          aria-current={params.view === 'calendar' ? 'page' : undefined}
        >
          {t('views.calendar')}
        </Link>
      </nav>

      <form action="/events" className="mb-6 grid grid-cols-2 items-end gap-3 rounded-lg border border-gray-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6" aria-label={t('filters.label')}>
        {params.view === 'calendar' ? <input type="hidden" name="view" value="calendar" /> : null}
        <div>
          <label htmlFor="filter-club" className={label}>
            {t('filters.club')}
          </label>
          <select id="filter-club" name="club" defaultValue={params.club ?? ''} className={field}>
            <option value="">{t('filters.allClubs')}</option>
            {clubs.map((c) => (
              <option key={c} value={c}>
                {clubNames[c] ?? c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-month" className={label}>
            {t('filters.month')}
          </label>
          <input id="filter-month" name="month" type="month" defaultValue={month ?? ''} placeholder="2025-01" pattern="\d{4}-\d{2}" className={field} />
        </div>
        <div>
          <label htmlFor="filter-price" className={label}>
            {t('filters.price')}
          </label>
          <select id="filter-price" name="price" defaultValue={params.price ?? ''} className={field}>
            <option value="">{t('filters.anyPrice')}</option>
            {PRICE_TYPES.map((p) => (
              <option key={p} value={p}>
                {t(`filters.prices.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="flex min-h-10 items-center gap-2 text-sm text-gray-800">
          <input type="checkbox" name="seats" value="1" defaultChecked={params.seats === '1'} className="size-4" />
          {t('filters.seats')}
        </label>
        <button type="submit" className={buttonClass('primary')}>
          {t('filters.apply')}
        </button>
        {hasFilters ? (
          <Link href={eventsHref({ view: params.view })} className={buttonClass('ghost')}>
            {t('filters.reset')}
          </Link>
        ) : null}
      </form>

      {params.view === 'calendar' && month ? (
        <MonthCalendar
          month={month}
          entries={events.map((e) => ({ id: e.id, title: localized(locale, e.titleZh, e.titleEn), startsAt: e.startsAt, status: e.status }))}
          previousHref={eventsHref({ ...params, month: shiftMonth(month, -1) })}
          nextHref={eventsHref({ ...params, month: shiftMonth(month, 1) })}
          now={now}
        />
      ) : (
        <section aria-labelledby="event-list-title">
          <h2 id="event-list-title" className="mb-3 text-lg font-semibold">
            {month ? t('list.monthTitle', { month: monthName(month) }) : t('list.upcomingTitle')}
          </h2>
          {events.length === 0 ? (
            <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-600" data-testid="events-empty">
              {hasFilters ? t('empty.noMatches') : t('empty.noUpcoming')}
            </p>
          ) : (
            <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="event-list">
              {events.map((e) => (
                <li key={e.id}>
                  <MemberEventCard event={e} clubName={clubNames[e.clubCode] ?? e.clubCode} coverSrc={coverSrcOf(covers, e.id)} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <MemberCalendarFeeds
        provinceCode={actor.provinceCode}
        clubs={clubs.map((c) => ({ code: c, name: clubNames[c] ?? c }))}
        personalFeedPath={personalFeedPath}
        baseUrl={appBaseUrl()}
        resetAction={resetMyCalendarFeed}
      />
    </>
  );
}

function coverSrcOf(covers: Map<number, string>, eventId: number): string | null {
  const sha256 = covers.get(eventId);
  return sha256 ? coverUrl(sha256) : null;
}

import Link from 'next/link';
import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import { EventStatusBadge } from '@/components/events/event-status-badge';
import { PriceLabel } from '@/components/events/price-label';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import { AREA_ROLES, coversClub, isHq } from '@/lib/domain/access';
import { upcomingFirst } from '@/lib/domain/event-order';
import { shanghaiYear } from '@/lib/domain/time';
import { CLUB_CODES, EVENT_STATUSES } from '@/lib/domain/types';
import { localized } from '@/lib/i18n/localized';
import { clubNamesIn } from '@/lib/server/club-names';
import { listStaffEvents } from '@/lib/server/events';
import { requirePageActor } from '@/lib/server/guard';
import { listProvinces } from '@/lib/server/provinces';
import { staffEventFilters } from '@/lib/validation/events';

export default async function StaffEventsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/events');
  const filters = staffEventFilters.parse(await searchParams);
  const now = (await getNow()).getTime();
  const thisYear = shanghaiYear(now);
  const year = filters.year ?? thisYear;
  const hq = isHq(actor);
  const locale = await getLocale();
  const [listed, clubNames, provinces, t, tk, tStatus, format] = await Promise.all([
    listStaffEvents(actor, { year, club: filters.club, status: filters.status, province: hq ? filters.province : undefined }),
    clubNamesIn(locale),
    listProvinces(),
    getTranslations('opsEvents'),
    getTranslations('eventKinds'),
    getTranslations('eventStatus'),
    getFormatter(),
  ]);
  const rows = upcomingFirst(listed, now);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const provinceName = (code: string) => {
    const p = provinces.find((x) => x.code === code);
    return p ? localized(locale, p.nameZh, p.nameEn) : code;
  };
  const years = Array.from(new Set([thisYear + 1, thisYear, thisYear - 1, thisYear - 2, thisYear - 3, year])).sort((a, b) => b - a);
  const clubs = CLUB_CODES.filter((c) => coversClub(actor, c));
  const select = 'mt-1 block w-full rounded-md border border-gray-300 px-2 py-2 text-sm';
  const label = 'block text-xs text-gray-600';
  const filtered = Boolean(filters.club || filters.status || (hq && filters.province));

  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('count', { count: rows.length, year })}
        actions={
          <>
            <Link href="/ops/events/new" className={buttonClass('primary')}>
              {t('new')}
            </Link>
            <Link href="/ops/events/series/new" className={buttonClass('secondary')}>
              {t('newSeries')}
            </Link>
          </>
        }
      />
      <form className="mb-4 grid grid-cols-2 gap-2 rounded-lg border border-gray-200 bg-white p-3 sm:grid-cols-5" aria-label={t('filters')}>
        <div>
          <label htmlFor="year" className={label}>{t('year')}</label>
          <select id="year" name="year" defaultValue={year} className={select}>
            {years.map((y) => (
              <option key={y} value={y}>{t('yearOption', { year: y })}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="club" className={label}>{t('club')}</label>
          <select id="club" name="club" defaultValue={filters.club ?? ''} className={select}>
            <option value="">{t('any')}</option>
            {clubs.map((c) => (
              <option key={c} value={c}>{clubNames[c] ?? c}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className={label}>{t('status')}</label>
          <select id="status" name="status" defaultValue={filters.status ?? ''} className={select}>
            <option value="">{t('any')}</option>
            {EVENT_STATUSES.map((s) => (
              <option key={s} value={s}>{tStatus(s)}</option>
            ))}
          </select>
        </div>
        {hq ? (
          <div>
            <label htmlFor="province" className={label}>{t('province')}</label>
            <select id="province" name="province" defaultValue={filters.province ?? ''} className={select}>
              <option value="">{t('allProvinces')}</option>
              {provinces.map((p) => (
                <option key={p.code} value={p.code}>{localized(locale, p.nameZh, p.nameEn)}</option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="flex items-end">
          <button type="submit" className={buttonClass('primary', 'w-full')}>
            {t('apply')}
          </button>
        </div>
      </form>
      {rows.length === 0 ? (
        <div data-testid="events-empty" className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center">
          <p className="font-medium text-gray-900">{t(filtered ? 'emptyFiltered' : 'empty', { year })}</p>
          <p className="mt-1 text-sm text-gray-600">{t('emptyHint')}</p>
          <div className="mt-4 flex flex-wrap justify-center gap-2">
            <Link href="/ops/events/new" className={buttonClass('primary')}>
              {t('new')}
            </Link>
            <Link href="/ops/events/series/new" className={buttonClass('secondary')}>
              {t('newSeries')}
            </Link>
          </div>
        </div>
      ) : (
        <>
          {/* Below the sm breakpoint the nine columns cannot fit: each event is a card with its status. */}
          <ul className="space-y-2 sm:hidden" aria-label={t('title')}>
            {rows.map((r) => (
              <li key={r.id} data-testid="event-card" className="rounded-lg border border-gray-200 bg-white p-3">
                <div className="flex items-start justify-between gap-2">
                  <Link href={`/ops/events/${r.id}`} className="min-w-0 font-medium break-words text-brand-700 underline">
                    {localized(locale, r.titleZh, r.titleEn)}
                  </Link>
                  <EventStatusBadge status={r.status} />
                </div>
                <p className="mt-1 text-sm text-gray-700 tabular-nums">{when(r.startsAt)}</p>
                <p className="mt-1 text-sm text-gray-600">
                  {[clubNames[r.clubCode] ?? r.clubCode, ...(hq ? [provinceName(r.provinceCode)] : []), t('seatsOf', { taken: r.taken, capacity: r.capacity })].join(' · ')}
                  {r.waitlisted > 0 ? ` · ${t('waitingCount', { count: r.waitlisted })}` : ''}
                </p>
              </li>
            ))}
          </ul>
          <div className="hidden sm:block">
            <Table head={[t('when'), t('eventTitle'), t('club'), t('kind'), ...(hq ? [t('province')] : []), t('status'), t('seats'), t('waiting'), t('price')]}>
              {rows.map((r) => (
                <tr key={r.id} data-testid="event-row">
                  <Td className="whitespace-nowrap tabular-nums">{when(r.startsAt)}</Td>
                  <Td>
                    <Link href={`/ops/events/${r.id}`} className="font-medium text-brand-700 underline">
                      {localized(locale, r.titleZh, r.titleEn)}
                    </Link>
                    {r.seriesId !== null ? <span className="ml-2 rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-700">{t('seriesTag')}</span> : null}
                  </Td>
                  <Td className="whitespace-nowrap">{clubNames[r.clubCode] ?? r.clubCode}</Td>
                  <Td className="whitespace-nowrap">{tk(r.kind)}</Td>
                  {hq ? <Td className="whitespace-nowrap">{provinceName(r.provinceCode)}</Td> : null}
                  <Td>
                    <EventStatusBadge status={r.status} />
                  </Td>
                  <Td className="whitespace-nowrap tabular-nums">{t('seatsOf', { taken: r.taken, capacity: r.capacity })}</Td>
                  <Td className="tabular-nums">{r.waitlisted}</Td>
                  <Td className="whitespace-nowrap">
                    <PriceLabel priceType={r.priceType} priceFen={r.priceFen} pricePoints={r.pricePoints} />
                  </Td>
                </tr>
              ))}
            </Table>
          </div>
        </>
      )}
    </>
  );
}

import Link from 'next/link';
import { getLocale, getNow, getTranslations } from 'next-intl/server';
import { OpsBookingCard } from '@/components/services/ops-booking-card';
import { OpsServicesFrame } from '@/components/services/ops-services-frame';
import { buttonClass } from '@/components/ui/button';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { DAY } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { listHalls } from '@/lib/server/halls';
import { listBookingQueue } from '@/lib/server/services/bookings';
import { listLoaners } from '@/lib/server/services/loaners';
import { beijingDay, bookingQueueSearch, dayStartOf, shiftDay } from '@/lib/validation/service-ops';
import { advanceBookingAction, cancelBookingAction, lendLoanerAction } from './actions';
import { loadServiceScope, servicesHref } from './scope';

export async function generateMetadata() {
  const t = await getTranslations('opsServices.queue');
  return { title: t('title') };
}

const LOAN_DAYS = 7;

/** The day's bookings, the province's halls to filter by, and its loaners. */
async function loadQueue(actor: Actor, province: string, dayStart: number, hallId: number | undefined, now: number) {
  const [bookings, halls, loaners] = await Promise.all([
    listBookingQueue(actor, { dayStart, hallId, provinceCode: province }),
    listHalls(actor, province),
    listLoaners(actor, province, now),
  ]);
  return { bookings, halls, phones: loaners.phones };
}

/** Operators work the bookings of a day and hall: confirm, start, complete, cancel, and lend loaners to repairs. */
export default async function BookingQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/services');
  const search = bookingQueueSearch.parse(await searchParams);
  const [locale, t, nowDate] = await Promise.all([getLocale(), getTranslations('opsServices.queue'), getNow()]);
  const scope = await loadServiceScope(actor, search.province, locale);
  const now = nowDate.getTime();
  const today = beijingDay(now);
  const day = search.day ?? today;
  const dayStart = dayStartOf(day)!;
  const queue = scope.province ? await loadQueue(actor, scope.province, dayStart, search.hall, now) : null;
  const dayHref = (d: string) => servicesHref(scope, '/ops/services', { day: d, hall: search.hall ? String(search.hall) : undefined });
  const hallName = (h: { nameZh: string; nameEn: string | null }) => localized(locale, h.nameZh, h.nameEn);
  const chosenHall = queue?.halls.find((h) => h.id === search.hall);
  const available = (hallId: number | null) =>
    (queue?.phones ?? [])
      .filter((p) => p.status === 'available' && p.loan === null)
      .sort((a, b) => Number(b.hallId === hallId) - Number(a.hallId === hallId))
      .map((p) => ({ id: p.id, label: t('loanerOption', { model: p.model, imei: p.imei, hall: localized(locale, p.hall, p.hallNameEn) }) }));
  const loanDue = new Map((queue?.phones ?? []).flatMap((p) => (p.loan?.bookingId ? [[p.loan.bookingId, p.loan.dueAt] as const] : [])));
  const defaultDue = beijingDay(now + LOAN_DAYS * DAY);

  return (
    <OpsServicesFrame tab="queue" title={t('title')} hq={scope.hq} province={scope.province} provinceName={scope.provinceName} provinces={scope.provinces}>
      {queue ? (
        <>
          <div className="mb-4 flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-3">
            <nav aria-label={t('days')} className="flex flex-wrap items-center gap-2">
              <Link href={dayHref(shiftDay(day, -1))} className={buttonClass('secondary')} rel="prev">
                {t('previousDay')}
              </Link>
              {day !== today ? (
                <Link href={dayHref(today)} className={buttonClass('ghost')}>
                  {t('today')}
                </Link>
              ) : null}
              <Link href={dayHref(shiftDay(day, 1))} className={buttonClass('secondary')} rel="next">
                {t('nextDay')}
              </Link>
            </nav>
            <form action="/ops/services" className="grid grid-cols-1 gap-2 sm:grid-cols-[auto_minmax(0,1fr)_auto] sm:items-end" aria-label={t('filters')}>
              {scope.hq ? <input type="hidden" name="province" value={scope.province!} /> : null}
              <div>
                <label htmlFor="queue-day" className="block text-xs text-gray-600">
                  {t('day')}
                </label>
                <input id="queue-day" name="day" type="date" defaultValue={day} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-2 text-sm" />
              </div>
              <div className="min-w-0">
                <label htmlFor="queue-hall" className="block text-xs text-gray-600">
                  {t('hallFilter')}
                </label>
                <select id="queue-hall" name="hall" defaultValue={chosenHall?.id ?? ''} className="mt-1 block w-full min-w-0 rounded-md border border-gray-300 px-2 py-2 text-sm">
                  <option value="">{t('allHalls')}</option>
                  {queue.halls.map((h) => (
                    <option key={h.id} value={h.id}>
                      {hallName(h)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className={buttonClass('primary')}>
                {t('show')}
              </button>
            </form>
          </div>
          <h2 className="mb-3 text-lg font-semibold">
            {t('dayHeading', { day: new Date(dayStart), count: queue.bookings.length })}
            {chosenHall ? <span className="block text-sm font-normal text-gray-600">{hallName(chosenHall)}</span> : null}
          </h2>
          {queue.bookings.length === 0 ? (
            <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('empty')}</p>
          ) : (
            <ul className="grid gap-4 md:grid-cols-2">
              {queue.bookings.map((b) => (
                <li key={b.id} className="min-w-0">
                  <OpsBookingCard
                    booking={b}
                    loanDueAt={loanDue.get(b.id) ?? null}
                    loaners={available(b.hallId)}
                    defaultDue={defaultDue}
                    actions={{ step: advanceBookingAction, cancel: cancelBookingAction, lend: lendLoanerAction }}
                  />
                </li>
              ))}
            </ul>
          )}
          <p className="mt-4 text-xs text-gray-600">{t('timeZone')}</p>
        </>
      ) : null}
    </OpsServicesFrame>
  );
}

import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import { AutoRefresh } from '@/components/halls/auto-refresh';
import { HallCheckInForm } from '@/components/halls/hall-check-in-form';
import { MemberActionButton } from '@/components/services/member-action-button';
import { Card, PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { HALL_HANDLING_TARGET_MS, HALL_WAIT_TARGET_MS, handlingMs, waitMs } from '@/lib/domain/hall-visits';
import { MINUTE } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { getHallQueue } from '@/lib/server/hall-visits';
import { orPageError } from '@/lib/server/page-errors';
import { hallQueueParams } from '@/lib/validation/hall-visits';
import { checkInVisitorAction, hallVisitStepAction } from '../../actions';

export async function generateMetadata() {
  const t = await getTranslations('hallQueue');
  return { title: t('title') };
}

/**
 * A hall's line today, for the desk on a phone or a screen: who waits (VIPs first, then by arrival)
 * and for how long against the plan's 5 minutes, who is being served against its 10, check-in by
 * mobile number or from today's bookings.
 */
export default async function HallQueuePage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = hallQueueParams.safeParse(await params);
  if (!parsed.success) notFound();
  const actor = await requirePageActor(AREA_ROLES.operations, `/ops/halls/${parsed.data.id}/queue`);
  const now = (await getNow()).getTime();
  const [queue, t, tSegments, tServices, format, locale] = await Promise.all([
    orPageError(getHallQueue(actor, parsed.data.id, now)),
    getTranslations('hallQueue'),
    getTranslations('segments'),
    getTranslations('serviceKinds'),
    getFormatter(),
    getLocale(),
  ]);
  const hall = localized(locale, queue.hall.nameZh, queue.hall.nameEn);
  const time = (ms: number) => format.dateTime(new Date(ms), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const minutes = (ms: number) => Math.floor(ms / MINUTE);
  const vipBadge = <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900">{tSegments('postpaid_vip')}</span>;

  return (
    <>
      <AutoRefresh seconds={30} />
      <PageHeader
        title={t('queueOf', { hall })}
        description={t('intro', { served: queue.servedToday })}
        actions={
          <div className="flex flex-wrap gap-3 text-sm font-medium">
            <Link href={`/ops/halls/${queue.hall.id}/code`} className="text-brand-700 underline">
              {t('showCode')}
            </Link>
            <Link href="/ops/halls" className="text-brand-700 underline">
              {t('backToHalls')}
            </Link>
          </div>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="min-w-0 space-y-6">
          <section aria-labelledby="serving-heading">
            <h2 id="serving-heading" className="mb-3 text-lg font-semibold">
              {t('serving', { count: queue.serving.length })}
            </h2>
            {queue.serving.length === 0 ? <p className="text-sm text-gray-600">{t('nobodyServing')}</p> : null}
            <ul className="space-y-3">
              {queue.serving.map((v) => {
                const handled = handlingMs(v, now) ?? 0;
                return (
                  <li key={v.id}>
                    <article aria-label={v.name} className="flex flex-col gap-2 rounded-lg border border-brand-200 bg-white p-3 shadow-sm" data-testid="serving-visit">
                      <header className="flex flex-wrap items-center gap-2">
                        <h3 className="font-semibold text-gray-900">{v.name}</h3>
                        {v.segment === 'postpaid_vip' ? vipBadge : null}
                        <span className="text-sm text-gray-700">{t(`purposes.${v.purpose}`)}</span>
                      </header>
                      <p className={`text-sm ${handled > HALL_HANDLING_TARGET_MS ? 'font-semibold text-red-700' : 'text-gray-700'}`}>
                        {t('handlingSoFar', { since: time(v.startedAt ?? now), minutes: minutes(handled), waited: minutes(waitMs(v, now)) })}
                      </p>
                      <MemberActionButton action={hallVisitStepAction} fields={{ visitId: v.id, step: 'finish' }} label={t('finish')} accessibleName={t('finishFor', { name: v.name })} variant="secondary" />
                    </article>
                  </li>
                );
              })}
            </ul>
          </section>

          <section aria-labelledby="waiting-heading">
            <h2 id="waiting-heading" className="mb-3 text-lg font-semibold">
              {t('waiting', { count: queue.waiting.length })}
            </h2>
            {queue.waiting.length === 0 ? <p className="text-sm text-gray-600">{t('nobodyWaiting')}</p> : null}
            <ol className="space-y-3" aria-label={t('waitingOrder')}>
              {queue.waiting.map((v, i) => {
                const waited = waitMs(v, now);
                return (
                  <li key={v.id}>
                    <article aria-label={v.name} className={`flex flex-col gap-2 rounded-lg border bg-white p-3 shadow-sm ${i === 0 ? 'border-brand-600 ring-1 ring-brand-600' : 'border-gray-200'}`} data-testid="waiting-visit">
                      <header className="flex flex-wrap items-center gap-2">
                        <span className="text-sm font-semibold text-gray-500 tabular-nums">{i + 1}.</span>
                        <h3 className="font-semibold text-gray-900">{v.name}</h3>
                        {v.segment === 'postpaid_vip' ? vipBadge : null}
                        <span className="text-sm text-gray-700">{t(`purposes.${v.purpose}`)}</span>
                      </header>
                      <p className={`text-sm ${waited > HALL_WAIT_TARGET_MS ? 'font-semibold text-red-700' : 'text-gray-700'}`} data-testid="wait-so-far">
                        {t('waitSoFar', { since: time(v.arrivedAt), minutes: minutes(waited) })} · {t(`arrivals.${v.arrival}`)}
                      </p>
                      <MemberActionButton
                        action={hallVisitStepAction}
                        fields={{ visitId: v.id, step: 'start' }}
                        label={i === 0 ? t('callNext') : t('start')}
                        accessibleName={t('startFor', { name: v.name })}
                        variant={i === 0 ? 'primary' : 'secondary'}
                      />
                    </article>
                  </li>
                );
              })}
            </ol>
          </section>
        </div>

        <div className="min-w-0 space-y-6">
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t('checkInTitle')}</h2>
            <HallCheckInForm hallId={queue.hall.id} action={checkInVisitorAction} />
          </Card>
          <Card>
            <h2 className="mb-3 text-lg font-semibold">{t('bookingsToday', { count: queue.bookings.length })}</h2>
            {queue.bookings.length === 0 ? <p className="text-sm text-gray-600">{t('noBookingsToday')}</p> : null}
            <ul className="divide-y divide-gray-100">
              {queue.bookings.map((b) => (
                <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="booking-to-check-in">
                  <span className="text-sm text-gray-900">
                    {time(b.startsAt)} · {b.name} · {tServices(b.serviceKind)}
                  </span>
                  <MemberActionButton action={checkInVisitorAction} fields={{ hallId: queue.hall.id, bookingId: b.id }} label={t('checkInBooking')} accessibleName={t('checkInBookingFor', { name: b.name })} variant="secondary" />
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}

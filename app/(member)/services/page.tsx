import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { MemberActionButton } from '@/components/services/member-action-button';
import { MemberBookingCard } from '@/components/services/member-booking-card';
import { buttonClass } from '@/components/ui/button';
import { Card, PageHeader } from '@/components/ui/page';
import { AREA_ROLES, type MemberActor } from '@/lib/domain/access';
import { isBookableKind, trialApplyRefusal } from '@/lib/domain/service-rules';
import { pointsPaymentRefusal } from '@/lib/domain/segment-policy';
import { SEGMENTS } from '@/lib/domain/types';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { getHqSettings } from '@/lib/server/hq-settings';
import { listMyBookings } from '@/lib/server/services/bookings';
import { getMemberServiceStanding, listServiceCatalogue } from '@/lib/server/services/catalogue';
import { listMyTrialApplications } from '@/lib/server/services/trials';
import { applyForTrialAction } from './actions';
import { TypedText } from '@/components/ui/typed-text';

export async function generateMetadata() {
  const t = await getTranslations('services');
  return { title: t('title') };
}

async function load(actor: MemberActor) {
  const now = Date.now();
  const [catalogue, standing, bookings, applications] = await Promise.all([listServiceCatalogue(actor, undefined, now), getMemberServiceStanding(actor), listMyBookings(actor), listMyTrialApplications(actor, now)]);
  const isUpcoming = (b: (typeof bookings)[number]) => b.endsAt >= now && b.status !== 'cancelled' && b.status !== 'done';
  return { now, catalogue, standing, upcoming: bookings.filter(isUpcoming).reverse(), past: bookings.filter((b) => !isUpcoming(b)), applications };
}

type Search = { booked?: string; cancelled?: string; applied?: string };

/**
 * The handset club's services for a member: their bookings and trial applications first, then
 * what the club offers in their province, with a way to book each (or apply, for trials).
 */
export default async function ServicesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requirePageActor(AREA_ROLES.member, '/services');
  if (actor.kind !== 'member') throw new Error('unreachable: the member area admits members only');
  const [{ now, catalogue, standing, upcoming, past, applications }, search, t, tSegments, tErrors, format, locale, settings] = await Promise.all([
    load(actor),
    searchParams,
    getTranslations('services'),
    getTranslations('segments'),
    getTranslations('errors'),
    getFormatter(),
    getLocale(),
    getHqSettings(),
  ]);
  const day = (ms: number) => format.dateTime(new Date(ms), { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const nameOf = (s: { nameZh: string; nameEn: string | null }) => localized(locale, s.nameZh, s.nameEn);
  // Only the member's own bookings and programmes can be named by the address.
  const booked = upcoming.find((b) => String(b.id) === search.booked);
  const cancelled = past.find((b) => String(b.id) === search.cancelled && b.status === 'cancelled');
  const applied = applications.find((a) => String(a.programmeId) === search.applied);
  const banner = booked
    ? t('bookedBanner', { service: nameOf({ nameZh: booked.serviceNameZh, nameEn: booked.serviceNameEn }), time: day(booked.startsAt) })
    : cancelled
      ? t(cancelled.refundedAt !== null ? 'cancelledRefundedBanner' : 'cancelledBanner', { service: nameOf({ nameZh: cancelled.serviceNameZh, nameEn: cancelled.serviceNameEn }), points: cancelled.pointsPaid })
      : applied
        ? t('appliedBanner', { programme: localized(locale, applied.titleZh, applied.titleEn) })
        : null;
  const appliedTo = new Set(applications.filter((a) => a.status !== 'withdrawn').map((a) => a.programmeId));

  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      {banner ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="services-banner">
          {banner}
        </p>
      ) : null}
      {standing.access ? (
        <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="join-handset">
          {tErrors(standing.access.code)}{' '}
          <Link href="/clubs" className="font-medium underline">
            {t('joinHandsetClub')}
          </Link>
        </p>
      ) : !standing.isHandsetMember && standing.segment === 'postpaid_vip' ? (
        <p className="mb-4 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="vip-right">
          {t('vipRight')}
        </p>
      ) : null}

      <section aria-labelledby="my-bookings" className="mb-8">
        <h2 id="my-bookings" className="mb-3 text-lg font-semibold">
          {t('myBookings')}
        </h2>
        {upcoming.length === 0 ? (
          <p className="text-sm text-gray-600">{t('noBookings')}</p>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {upcoming.map((b) => (
              <li key={b.id}>
                <MemberBookingCard booking={b} now={now} />
              </li>
            ))}
          </ul>
        )}
        {past.length > 0 ? (
          <details className="mt-4 rounded-lg border border-gray-200 bg-white" data-testid="past-bookings">
            <summary className="cursor-pointer px-4 py-3 text-base font-semibold">{t('pastBookings', { count: past.length })}</summary>
            <ul className="grid gap-4 border-t border-gray-100 p-4 md:grid-cols-2">
              {past.map((b) => (
                <li key={b.id}>
                  <MemberBookingCard booking={b} now={now} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      {applications.length > 0 ? (
        <section aria-labelledby="my-trials" className="mb-8">
          <h2 id="my-trials" className="mb-3 text-lg font-semibold">
            {t('myTrials')}
          </h2>
          <ul className="space-y-2">
            {applications.map((a) => (
              <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-2 rounded-lg border border-gray-200 bg-white px-4 py-3 text-sm" data-testid="my-trial">
                <span className="font-medium text-gray-900">{localized(locale, a.titleZh, a.titleEn)}</span>
                <span className="text-gray-700">
                  {t(`trialStatus.${a.status}`)}
                  {a.dueAt !== null && a.status === 'handed_over' ? ` · ${t('dueBack', { time: day(a.dueAt) })}` : ''}
                  {a.late ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900">{t('late')}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="catalogue">
        <h2 id="catalogue" className="mb-3 text-lg font-semibold">
          {t('catalogue')}
        </h2>
        <ul className="grid gap-4 md:grid-cols-2">
          {catalogue.map((service) => {
            const name = nameOf(service);
            const openSlots = service.slots.filter((s) => s.booked < s.capacity).length;
            const programmes = service.programmes.filter((p) => p.closesAt > now);
            return (
              <li key={service.id}>
                <Card className="flex h-full flex-col gap-3">
                  <div data-testid={`service-${service.kind}`}>
                    <h3 className="text-base font-semibold text-gray-900">{name}</h3>
                    <TypedText as="p" zh={service.descriptionZh} en={service.descriptionEn} className="mt-1 text-sm text-gray-700" />
                    <p className="mt-2 text-xs text-gray-600">
                      {service.pricePoints > 0 ? t('pricePoints', { points: service.pricePoints }) : t('free')}
                      {' · '}
                      {service.eligibleSegments.length === SEGMENTS.length ? t('forEveryone') : t('forSegments', { segments: format.list(service.eligibleSegments.map((s) => tSegments(s)), { type: 'conjunction' }) })}
                      {service.vipPriorityHours > 0 ? ` · ${t('vipPriority', { hours: service.vipPriorityHours })}` : ''}
                    </p>
                    {pointsPaymentRefusal(settings.segmentPoints, standing.segment, service.pricePoints) ? (
                      <p className="mt-2 rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="points-not-allowed">
                        {t('pointsNotAllowed')}
                      </p>
                    ) : null}
                  </div>
                  {isBookableKind(service.kind) ? (
                    <div className="mt-auto flex flex-wrap items-center gap-3">
                      <Link href={`/services/${service.id}`} className={buttonClass('primary')} aria-label={t('chooseSlotFor', { service: name })}>
                        {t('chooseSlot')}
                      </Link>
                      <span className="text-xs text-gray-600">{t('openSlots', { count: openSlots })}</span>
                    </div>
                  ) : service.kind === 'loaner' ? (
                    <p className="mt-auto text-sm text-gray-700">{t('loanerHint')}</p>
                  ) : programmes.length === 0 ? (
                    <p className="mt-auto text-sm text-gray-600">{t('noProgrammes')}</p>
                  ) : (
                    <ul className="mt-auto space-y-3">
                      {programmes.map((p) => {
                        const refusal = trialApplyRefusal(p, standing, standing.access, appliedTo.has(p.id), now);
                        const title = localized(locale, p.titleZh, p.titleEn);
                        return (
                          <li key={p.id} className="rounded-md border border-gray-200 p-3 text-sm" data-testid="trial-programme">
                            <p className="font-medium text-gray-900">{title}</p>
                            <p className="text-xs text-gray-600">{t('programmeTerms', { units: p.units, days: p.loanDays, vipFrom: day(p.vipOpensAt), from: day(p.opensAt), until: day(p.closesAt) })}</p>
                            {refusal ? (
                              <p className="mt-2 text-xs text-amber-900">{tErrors(refusal.code, refusal.params)}</p>
                            ) : (
                              <div className="mt-2">
                                <MemberActionButton action={applyForTrialAction} fields={{ programmeId: p.id }} label={t('apply')} accessibleName={t('applyFor', { programme: title })} />
                              </div>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </Card>
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}

import Link from 'next/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { MemberBookingForm, type SlotChoice } from '@/components/services/member-booking-form';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { bookingRefusal, isBookableKind } from '@/lib/domain/service-rules';
import { toShanghaiLocal } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { getHqSettings } from '@/lib/server/hq-settings';
import { listMyBookings } from '@/lib/server/services/bookings';
import { getMemberServiceStanding, listServiceCatalogue } from '@/lib/server/services/catalogue';
import { bookSlotAction } from '../actions';
import { TypedText } from '@/components/ui/typed-text';

/** Refusals that concern the member rather than one slot: said once above the slots, not on each. */
const MEMBER_REFUSALS = new Set(['service_unavailable', 'customer_not_active', 'not_handset_member', 'not_handset_member_or_vip', 'service_segment_not_eligible', 'points_payment_not_allowed', 'insufficient_points']);

/** The service and what the member may book of it; cached per request, so the title and the page read it once. */
const loadService = cache(async (serviceId: string) => {
  const actor = await requirePageActor(AREA_ROLES.member, `/services/${serviceId}`);
  const now = Date.now();
  const [catalogue, standing, bookings, settings] = await Promise.all([listServiceCatalogue(actor, undefined, now), getMemberServiceStanding(actor), listMyBookings(actor), getHqSettings()]);
  const service = catalogue.find((s) => String(s.id) === serviceId);
  if (!service || !isBookableKind(service.kind)) notFound();
  return { service, standing, segmentPoints: settings.segmentPoints, liveSlots: new Set(bookings.filter((b) => b.status !== 'cancelled').map((b) => b.slotId)), now };
});

export async function generateMetadata({ params }: { params: Promise<{ serviceId: string }> }) {
  const [t, locale, { serviceId }] = await Promise.all([getTranslations('services'), getLocale(), params]);
  const { service } = await loadService(serviceId);
  return { title: t('bookTitle', { service: localized(locale, service.nameZh, service.nameEn) }) };
}

/** Booking one service: its slots ahead, grouped by day, each saying whether this member may take it now. */
export default async function BookServicePage({ params }: { params: Promise<{ serviceId: string }> }) {
  const { serviceId } = await params;
  const [{ service, standing, segmentPoints, liveSlots, now }, t, tErrors, format, locale] = await Promise.all([
    loadService(serviceId),
    getTranslations('services'),
    getTranslations('errors'),
    getFormatter(),
    getLocale(),
  ]);
  const name = localized(locale, service.nameZh, service.nameEn);
  const refusals = service.slots.map((slot) => ({ slot, refusal: bookingRefusal({ customer: standing, service, slot, access: standing.access, hasLiveBooking: liveSlots.has(slot.id), segmentPoints, now }) }));
  const memberRefusal = refusals.map((r) => r.refusal).find((r) => r && MEMBER_REFUSALS.has(r.code));
  const days = new Map<string, { key: string; label: string; slots: SlotChoice[] }>();
  for (const { slot, refusal } of refusals) {
    if (refusal?.code === 'slot_passed') continue;
    const key = toShanghaiLocal(slot.startsAt).slice(0, 10);
    const choice: SlotChoice = {
      id: slot.id,
      time: format.dateTimeRange(new Date(slot.startsAt), new Date(slot.endsAt), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      place: localized(locale, slot.place, slot.placeEn),
      address: slot.hallAddress ?? '',
      left: slot.capacity - slot.booked,
      vipUntil: service.vipPriorityHours > 0 && now < slot.opensAt ? format.dateTime(new Date(slot.opensAt), { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }) : null,
      unavailable: refusal && !MEMBER_REFUSALS.has(refusal.code) ? tErrors(refusal.code, refusal.params) : null,
    };
    const day = days.get(key) ?? { key, label: format.dateTime(new Date(slot.startsAt), { month: 'long', day: 'numeric', weekday: 'short' }), slots: [] };
    days.set(key, { ...day, slots: [...day.slots, choice] });
  }

  return (
    <>
      <PageHeader
        title={t('bookTitle', { service: name })}
        description={<TypedText zh={service.descriptionZh} en={service.descriptionEn} />}
        actions={
          <Link href="/services" className="text-sm font-medium text-brand-700 underline">
            {t('backToServices')}
          </Link>
        }
      />
      <p className="mb-4 text-sm text-gray-700" data-testid="service-price">
        {service.pricePoints > 0 ? t('priceWithBalance', { points: service.pricePoints, balance: standing.points }) : t('free')}
        {service.vipPriorityHours > 0 ? ` · ${t('vipPriority', { hours: service.vipPriorityHours })}` : ''}
      </p>
      {memberRefusal ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="booking-refusal">
          {tErrors(memberRefusal.code, memberRefusal.params)}{' '}
          {memberRefusal.code === 'not_handset_member' || memberRefusal.code === 'not_handset_member_or_vip' ? (
            <Link href="/clubs" className="font-medium underline">
              {t('joinHandsetClub')}
            </Link>
          ) : null}
        </p>
      ) : null}
      {/* A segment that may not pay in points could only be refused: no booking form at all. */}
      {memberRefusal?.code === 'points_payment_not_allowed' ? null : days.size === 0 ? (
        <p className="text-sm text-gray-600" data-testid="no-slots">
          {t('noSlots')}
        </p>
      ) : (
        <MemberBookingForm
          action={bookSlotAction}
          days={[...days.values()]}
          askAddress={service.kind === 'onsite_repair'}
          askProblem={service.kind === 'booked_repair' || service.kind === 'onsite_repair'}
          submitLabel={service.pricePoints > 0 ? t('bookFor', { points: service.pricePoints }) : t('book')}
        />
      )}
    </>
  );
}

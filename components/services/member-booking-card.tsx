import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { memberCancelRefusal } from '@/lib/domain/service-rules';
import { localized } from '@/lib/i18n/localized';
import type { listMyBookings } from '@/lib/server/services/bookings';
import { cancelMyBookingAction } from '@/app/(member)/services/actions';
import { BookingStatusBadge } from './status-badges';
import { MemberActionButton } from './member-action-button';
import { TypedText } from '@/components/ui/typed-text';

export type MyBooking = Awaited<ReturnType<typeof listMyBookings>>[number];

/** One of the member's bookings: what, when, where, its status and cost, and a cancel button while allowed. */
export async function MemberBookingCard({ booking, now }: { booking: MyBooking; now: number }) {
  const [t, format, locale] = await Promise.all([getTranslations('services'), getFormatter(), getLocale()]);
  const name = localized(locale, booking.serviceNameZh, booking.serviceNameEn);
  const when = format.dateTimeRange(new Date(booking.startsAt), new Date(booking.endsAt), { month: 'long', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const cancellable = memberCancelRefusal(booking, booking, now) === null;
  const place = localized(locale, booking.place, booking.placeEn);
  return (
    <article className="flex h-full flex-col gap-2 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="my-booking" aria-labelledby={`booking-${booking.id}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`booking-${booking.id}`} className="text-base font-semibold text-gray-900">
          {name}
        </h3>
        <BookingStatusBadge status={booking.status} />
      </div>
      <dl className="space-y-1 text-sm text-gray-700">
        <div>
          <dt className="sr-only">{t('when')}</dt>
          <dd className="tabular-nums">{when}</dd>
        </div>
        <div>
          <dt className="sr-only">{t('where')}</dt>
          <dd className="break-words">
            {booking.address ? (
              <>
                <TypedText text={booking.address} /> (<TypedText text={place} />)
              </>
            ) : (
              <TypedText text={place} />
            )}
            {booking.hallAddress ? <TypedText text={booking.hallAddress} className="block text-xs text-gray-600" /> : null}
          </dd>
        </div>
        {booking.description ? (
          <div className="flex gap-1">
            <dt>{t('problemShort')}</dt>
            <TypedText as="dd" text={booking.description} className="min-w-0 break-words" />
          </div>
        ) : null}
        {booking.notes ? (
          <div className="flex gap-1">
            <dt>{t(booking.status === 'cancelled' ? 'cancelReason' : 'notes')}</dt>
            <TypedText as="dd" text={booking.notes} className="min-w-0 break-words" testId="booking-notes" />
          </div>
        ) : null}
        {booking.pointsPaid > 0 ? <dd>{booking.refundedAt !== null ? t('pointsRefunded', { points: booking.pointsPaid }) : t('pointsPaid', { points: booking.pointsPaid })}</dd> : null}
      </dl>
      {cancellable ? (
        <MemberActionButton
          action={cancelMyBookingAction}
          fields={{ bookingId: booking.id }}
          label={t('cancel')}
          accessibleName={t('cancelFor', { service: name })}
          variant="secondary"
          confirm={{ prompt: booking.pointsPaid > 0 ? t('cancelPromptRefund', { points: booking.pointsPaid }) : t('cancelPrompt'), yes: t('confirmCancel'), no: t('keep') }}
        />
      ) : null}
    </article>
  );
}

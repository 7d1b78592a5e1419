import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/page';
import { paymentFor } from '@/lib/domain/registration-rules';
import type { PriceType, RegistrationStatus, Segment } from '@/lib/domain/types';
import type { FormState } from '@/lib/form-state';
import { OPENS_AT_FORMAT } from './formats';
import { RegisterPanel } from './register-panel';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

interface RegistrationEventView {
  id: number;
  seatsLeft: number;
  regOpensAt: number;
  regClosesAt: number;
  vipOpensAt: number | null;
  priceType: PriceType;
  priceFen: number;
  pricePoints: number;
}

/**
 * The registration box of a published event on the member's event page: the member's registration
 * when they hold one, else what registering will cost and the button. The window is described,
 * not enforced: the server's refusal (VIP priority, not yet open) is what the member is shown.
 */
export async function EventRegistration({
  event,
  customer,
  registration,
  idempotencyKey,
  action,
  now,
}: {
  event: RegistrationEventView;
  customer: { segment: Segment; pointsBalance: number; prepaidBalanceFen: number };
  registration: { status: RegistrationStatus; position: number | null } | null;
  idempotencyKey: string;
  action: Action;
  now: number;
}) {
  const [t, format] = await Promise.all([getTranslations('register'), getFormatter()]);
  const yuan = (fen: number) => format.number(fen / 100, { style: 'currency', currency: 'CNY' });
  const when = (instant: number) => format.dateTime(new Date(instant), OPENS_AT_FORMAT);

  let body;
  if (registration) {
    body = (
      <>
        <p className="text-sm font-medium text-gray-900" data-testid="registration-status">
          {registration.status === 'waitlisted' ? t('status.waitlisted', { position: registration.position ?? 1 }) : t(`status.${registration.status}`)}
        </p>
        <Link href="/tickets" className="mt-2 inline-block text-sm font-medium text-brand-700 underline">
          {t('viewTickets')}
        </Link>
      </>
    );
  } else if (now >= event.regClosesAt) {
    body = <p className="text-sm text-gray-700">{t('closed')}</p>;
  } else {
    const payment = paymentFor(event, customer.segment);
    const notes = [
      payment.kind === 'points'
        ? t('pay.points', { points: payment.points, balance: customer.pointsBalance })
        : payment.kind === 'prepaid'
          ? t('pay.prepaid', { amount: yuan(payment.fen), balance: yuan(customer.prepaidBalanceFen) })
          : payment.kind === 'bill'
            ? t('pay.bill', { amount: yuan(payment.fen) })
            : t('pay.none'),
    ];
    const full = event.seatsLeft === 0;
    if (full) notes.unshift(t('waitlistHint'));
    let window: string | null = null;
    if (now < event.regOpensAt) {
      const vipOpen = event.vipOpensAt !== null && now >= event.vipOpensAt;
      if (vipOpen) window = customer.segment === 'postpaid_vip' ? t('vipOpenForYou') : t('vipOpen', { opensAt: when(event.regOpensAt) });
      else window = t('opensAt', { opensAt: when(customer.segment === 'postpaid_vip' && event.vipOpensAt !== null ? event.vipOpensAt : event.regOpensAt) });
    }
    body = (
      <>
        {window ? (
          <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="register-window">
            {window}
          </p>
        ) : null}
        <RegisterPanel eventId={event.id} idempotencyKey={idempotencyKey} full={full} paymentNote={notes.join(' ')} action={action} />
      </>
    );
  }

  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold">
        {t('title')}
      </h2>
      {body}
    </Card>
  );
}

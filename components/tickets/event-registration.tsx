import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { registrationStateSentence } from '@/components/events/registration-state-note';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/page';
import type { MemberRegistrationState } from '@/lib/domain/registration-state';
import { paymentFor } from '@/lib/domain/registration-rules';
import type { PriceType, Segment } from '@/lib/domain/types';
import type { FormState } from '@/lib/form-state';
import { OPENS_AT_FORMAT } from './formats';
import { OpeningReminder } from './opening-reminder';
import { RegisterPanel } from './register-panel';
import { YUAN } from '@/lib/domain/money';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

interface RegistrationEventView {
  id: number;
  priceType: PriceType;
  priceFen: number;
  pricePoints: number;
}

/**
 * The registration box of a published event on the member's event page, from the member's
 * registration state (lib/domain/registration-state.ts): their registration when they hold one;
 * what registering costs and the button when registration is open to them (or the waiting list
 * when full); otherwise why not and when that changes, beside a button that cannot be pressed,
 * so that nobody taps only to be refused. The server enforces the same rules again.
 */
export async function EventRegistration({
  event,
  customer,
  state,
  ticketHref,
  clubName,
  idempotencyKey,
  action,
  reminder,
}: {
  event: RegistrationEventView;
  customer: { segment: Segment; pointsBalance: number; prepaidBalanceFen: number };
  state: MemberRegistrationState;
  /** Where the member's registration is shown: its e-ticket, or the tickets list. */
  ticketHref: string;
  clubName: string;
  idempotencyKey: string;
  action: Action;
  /** Whether the member asked to be told when registration opens to them, and the actions to ask or take it back. */
  reminder: { reminded: boolean; remind: Action; forget: Action };
}) {
  const [t, format, sentence] = await Promise.all([getTranslations('register'), getFormatter(), registrationStateSentence(state, clubName)]);
  const yuan = (fen: number) => format.number(fen / 100, YUAN);
  const when = (instant: number) => format.dateTime(new Date(instant), OPENS_AT_FORMAT);

  let body;
  if (state.kind === 'registered') {
    body = (
      <>
        <p className="text-sm font-medium text-gray-900" data-testid="registration-status">
          {state.status === 'waitlisted' ? t('status.waitlisted', { position: state.position ?? 1 }) : t('status.confirmed')}
        </p>
        <p className="mt-1 text-xs text-gray-600" data-testid="registration-cancel-until">
          {state.cancelUntil !== null ? t('cancelUntil', { time: when(state.cancelUntil) }) : t('cancelClosed')}
        </p>
        <Link href={ticketHref} className="mt-2 inline-block text-sm font-medium text-brand-700 underline" data-testid="registration-ticket-link">
          {t('viewTickets')}
        </Link>
      </>
    );
  } else if (state.kind === 'open') {
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
    if (state.full) notes.unshift(t('waitlistHint'));
    const points = (n: number) => t('confirm.points', { points: n });
    const charged = payment.kind === 'points' ? points(payment.points) : payment.kind === 'none' ? null : yuan(payment.fen);
    // Free events register at once; anything that spends is confirmed on a summary first.
    const spend =
      charged === null
        ? null
        : {
            lines: [
              { label: t('confirm.charge'), value: state.full ? t('confirm.chargeLater', { amount: charged }) : charged },
              { label: t('confirm.from'), value: t(`confirm.from_${payment.kind as 'points' | 'prepaid' | 'bill'}`) },
              ...(payment.kind === 'points' ? [{ label: t('confirm.after'), value: points(customer.pointsBalance - (state.full ? 0 : payment.points)) }] : []),
              ...(payment.kind === 'prepaid' ? [{ label: t('confirm.after'), value: yuan(customer.prepaidBalanceFen - (state.full ? 0 : payment.fen)) }] : []),
            ],
            refundRule: t('confirm.refund', { time: when(state.closesAt), amount: charged }),
          };
    body = (
      <>
        <p className="mb-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="register-window" data-state={state.kind}>
          {sentence?.text}
        </p>
        <RegisterPanel eventId={event.id} idempotencyKey={idempotencyKey} full={state.full} paymentNote={notes.join(' ')} spend={spend} action={action} />
      </>
    );
  } else {
    body = (
      <>
        <p id="register-unavailable" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="register-window" data-state={state.kind}>
          {sentence?.text ?? t('closed')}
        </p>
        {state.kind === 'not_member' ? (
          <Link href="/clubs" className="mb-3 block text-sm font-medium text-brand-700 underline">
            {t('joinClub', { club: clubName })}
          </Link>
        ) : null}
        <Button type="button" disabled aria-describedby="register-unavailable" className="w-full sm:w-auto" data-testid="register-disabled">
          {t('submit')}
        </Button>
        {state.kind === 'not_open' || state.kind === 'vip_only' ? <OpeningReminder eventId={event.id} {...reminder} /> : null}
      </>
    );
  }

  return (
    <Card>
      <h2 className="mb-2 text-base font-semibold">{t('title')}</h2>
      {body}
    </Card>
  );
}

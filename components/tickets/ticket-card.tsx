import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { EVENT_TIME_FORMAT } from '@/components/events/member-event-card';
import { buttonClass } from '@/components/ui/button';
import { localized, localizedPlace } from '@/lib/i18n/localized';
import type { FormState } from '@/lib/form-state';
import type { listCustomerRegistrations } from '@/lib/server/registrations';
import { CancelRegistration } from './cancel-registration';
import { PaidLabel } from './paid-label';
import { RegistrationStatusBadge } from './registration-status-badge';
import { TypedText } from '@/components/ui/typed-text';

export type TicketRow = Awaited<ReturnType<typeof listCustomerRegistrations>>[number];

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-gray-600">{label}</dt>
      <dd className="min-w-0 break-words text-gray-900">{children}</dd>
    </div>
  );
}

/**
 * One of the member's tickets: the event, its status, what was paid, the short code and a link to
 * the e-ticket (QR) while confirmed, and the cancel button while cancelling is allowed (`cancel` given).
 */
export async function TicketCard({ ticket, cancel }: { ticket: TicketRow; cancel?: { action: Action; idempotencyKey: string } }) {
  const [t, tt, format, locale] = await Promise.all([getTranslations('tickets'), getTranslations('ticket'), getFormatter(), getLocale()]);
  const title = localized(locale, ticket.titleZh, ticket.titleEn);
  return (
    <article className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="ticket">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h3 className="min-w-0 text-base font-semibold break-words">
          <Link href={`/events/${ticket.eventId}`} className="text-brand-700 hover:underline">
            {title}
          </Link>
        </h3>
        <RegistrationStatusBadge status={ticket.status} position={ticket.position} cancelReason={ticket.cancelReason} />
      </div>
      <dl className="space-y-1 text-sm">
        <Item label={t('when')}>
          <time dateTime={new Date(ticket.startsAt).toISOString()}>{format.dateTimeRange(new Date(ticket.startsAt), new Date(ticket.endsAt), EVENT_TIME_FORMAT)}</time>
        </Item>
        <Item label={t('where')}>
          <TypedText text={localizedPlace(locale, ticket)} />
        </Item>
        <Item label={t('paidLabel')}>
          <span data-testid="ticket-paid">
            <PaidLabel status={ticket.status} paidPoints={ticket.paidPoints} paidFen={ticket.paidFen} refundedAt={ticket.refundedAt} />
          </span>
        </Item>
        {ticket.status === 'confirmed' ? (
          <Item label={t('shortCode')}>
            <span className="font-mono text-base font-semibold tracking-widest" data-testid="ticket-code">
              {ticket.shortCode}
            </span>
          </Item>
        ) : null}
      </dl>
      {ticket.status === 'confirmed' ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <Link href={`/tickets/${ticket.id}`} className={buttonClass('primary')} data-testid="show-ticket">
            {tt('show')}
          </Link>
          <p className="min-w-0 flex-1 text-xs text-gray-600">{t('shortCodeHint')}</p>
        </div>
      ) : null}
      {cancel && ticket.cancellable ? (
        <div>
          <p className="mb-2 text-xs text-gray-600">{t('cancelUntil', { time: format.dateTime(new Date(ticket.regClosesAt), { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
          <CancelRegistration registrationId={ticket.id} idempotencyKey={cancel.idempotencyKey} eventTitle={title} action={cancel.action} />
        </div>
      ) : cancel && (ticket.status === 'confirmed' || ticket.status === 'waitlisted') ? (
        <p className="text-xs text-gray-600" data-testid="cancel-closed">
          {t('cancelClosed', { time: format.dateTime(new Date(ticket.regClosesAt), { dateStyle: 'medium', timeStyle: 'short' }) })}
        </p>
      ) : null}
    </article>
  );
}

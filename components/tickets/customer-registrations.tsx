import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { Table, Td, WIDE_ONLY } from '@/components/ui/table';
import { localized } from '@/lib/i18n/localized';
import type { FormState } from '@/lib/form-state';
import { CancelRegistration } from './cancel-registration';
import { PaidLabel } from './paid-label';
import { RegistrationStatusBadge } from './registration-status-badge';
import type { TicketRow } from './ticket-card';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * A customer's registrations for upcoming events, on the customer record, with a cancel button
 * for each one that may still be cancelled. `keys` holds a fresh idempotency key per registration.
 */
export async function CustomerRegistrations({ rows, keys, cancelAction }: { rows: TicketRow[]; keys: Record<number, string>; cancelAction?: Action }) {
  const [t, tc, format, locale] = await Promise.all([getTranslations('register.staff'), getTranslations('channels'), getFormatter(), getLocale()]);
  if (rows.length === 0) return <p className="text-sm text-gray-600">{t('noRegistrations')}</p>;
  return (
    // On a phone: the event (its time under it), the status and the cancel button.
    <Table head={[t('eventColumn'), t('timeColumn'), t('statusColumn'), t('paidColumn'), t('channelColumn'), '']} wideOnly={[1, 3, 4]}>
      {rows.map((r) => {
        const title = localized(locale, r.titleZh, r.titleEn);
        const key = keys[r.id];
        const startsAt = format.dateTime(new Date(r.startsAt), { dateStyle: 'medium', timeStyle: 'short' });
        return (
          <tr key={r.id} data-testid="customer-registration">
            <Td className="min-w-32 sm:min-w-40">
              {title}
              <span className="block text-xs text-gray-600 sm:hidden">{startsAt}</span>
            </Td>
            <Td className={`whitespace-nowrap ${WIDE_ONLY}`}>{startsAt}</Td>
            <Td>
              <RegistrationStatusBadge status={r.status} position={r.position} cancelReason={r.cancelReason} />
            </Td>
            <Td className={WIDE_ONLY}>
              <PaidLabel status={r.status} paidPoints={r.paidPoints} paidFen={r.paidFen} refundedAt={r.refundedAt} />
            </Td>
            <Td className={`whitespace-nowrap ${WIDE_ONLY}`}>{tc(r.channel)}</Td>
            <Td>{cancelAction && key && r.cancellable ? <CancelRegistration registrationId={r.id} idempotencyKey={key} eventTitle={title} action={cancelAction} /> : null}</Td>
          </tr>
        );
      })}
    </Table>
  );
}

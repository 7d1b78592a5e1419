import { getTranslations } from 'next-intl/server';
import type { RegistrationStatus } from '@/lib/domain/types';

const COLORS: Record<RegistrationStatus, string> = {
  confirmed: 'bg-green-100 text-green-900',
  waitlisted: 'bg-amber-100 text-amber-900',
  cancelled: 'bg-gray-100 text-gray-800',
  attended: 'bg-blue-100 text-blue-900',
  no_show: 'bg-red-100 text-red-900',
};

type CancelReason = 'cancelled' | 'event_cancelled' | 'cannot_pay';

/** A registration's status: the place on the waiting list while waiting, why when cancelled. */
export async function RegistrationStatusBadge({ status, position, cancelReason }: { status: RegistrationStatus; position: number | null; cancelReason: CancelReason | null }) {
  const t = await getTranslations('tickets');
  const text =
    status === 'waitlisted'
      ? t('status.waitlisted', { position: position ?? 1 })
      : status === 'cancelled' && cancelReason
        ? t('status.cancelledBecause', { reason: t(`cancelReasons.${cancelReason}`) })
        : t(`status.${status}`);
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${COLORS[status]}`} data-testid="ticket-status">
      {text}
    </span>
  );
}

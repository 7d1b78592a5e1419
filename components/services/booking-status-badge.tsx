import { getTranslations } from 'next-intl/server';
import type { BookingStatus } from '@/db/schema';

const COLORS: Record<BookingStatus, string> = {
  requested: 'bg-amber-100 text-amber-900',
  confirmed: 'bg-green-100 text-green-900',
  in_progress: 'bg-blue-100 text-blue-900',
  done: 'bg-gray-100 text-gray-800',
  cancelled: 'bg-red-100 text-red-900',
};

/** A service booking's status, in the member's and the operator's words alike. */
export async function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const t = await getTranslations('services.bookingStatus');
  return (
    <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${COLORS[status]}`} data-testid="booking-status">
      {t(status)}
    </span>
  );
}

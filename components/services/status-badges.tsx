import { getTranslations } from 'next-intl/server';
import type { BookingStatus, LoanerStatus, TrialStatus } from '@/db/schema';

const BADGE = 'rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap';

const BOOKING_COLORS: Record<BookingStatus, string> = {
  requested: 'bg-amber-100 text-amber-900',
  confirmed: 'bg-blue-100 text-blue-900',
  in_progress: 'bg-indigo-100 text-indigo-900',
  done: 'bg-green-100 text-green-900',
  cancelled: 'bg-gray-200 text-gray-800',
};

const TRIAL_COLORS: Record<TrialStatus, string> = {
  applied: 'bg-amber-100 text-amber-900',
  selected: 'bg-blue-100 text-blue-900',
  handed_over: 'bg-indigo-100 text-indigo-900',
  returned: 'bg-green-100 text-green-900',
  declined: 'bg-gray-200 text-gray-800',
  withdrawn: 'bg-gray-200 text-gray-800',
};

const LOANER_COLORS: Record<LoanerStatus, string> = {
  available: 'bg-green-100 text-green-900',
  lent: 'bg-blue-100 text-blue-900',
  retired: 'bg-gray-200 text-gray-800',
};

/** A service booking's status, in the same words for the member and the operator. */
export async function BookingStatusBadge({ status }: { status: BookingStatus }) {
  const t = await getTranslations('services.bookingStatus');
  return (
    <span className={`${BADGE} ${BOOKING_COLORS[status]}`} data-testid="booking-status">
      {t(status)}
    </span>
  );
}

export async function TrialStatusBadge({ status }: { status: TrialStatus }) {
  const t = await getTranslations('opsServices.trialStatus');
  return <span className={`${BADGE} ${TRIAL_COLORS[status]}`}>{t(status)}</span>;
}

export async function LoanerStatusBadge({ status }: { status: LoanerStatus }) {
  const t = await getTranslations('opsServices.loanerStatus');
  return <span className={`${BADGE} ${LOANER_COLORS[status]}`}>{t(status)}</span>;
}

/** Late or overdue: said in words, not by colour alone. */
export async function LateBadge({ label }: { label: string }) {
  return <span className={`${BADGE} bg-red-100 text-red-900 ring-1 ring-red-700`}>{label}</span>;
}

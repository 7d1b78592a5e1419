import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { BookingStatus, ServiceKind } from '@/db/schema';
import type { FormState } from '@/lib/form-state';
import { localized } from '@/lib/i18n/localized';
import { isKindOf, REPAIR_SERVICE_KINDS } from '@/lib/validation/service-ops';
import { OpsBookingCancelForm, OpsBookingStepForm, OpsLendForm, type LoanerOption } from './ops-booking-forms';
import { BookingStatusBadge } from './status-badges';
import { TypedText } from '@/components/ui/typed-text';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** A booking of the queue as the server lists it (name and mobile already masked where the operator may not see them). */
export interface QueueBooking {
  id: number;
  status: BookingStatus;
  serviceKind: ServiceKind;
  serviceNameZh: string;
  serviceNameEn: string | null;
  place: string;
  placeEn: string | null;
  startsAt: number;
  endsAt: number;
  address: string | null;
  description: string;
  notes: string | null;
  customerId: number;
  name: string;
  mobile: string;
  loanId: number | null;
  loanerModel: string | null;
  loanerImei: string | null;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-gray-600">{label}</dt>
      <dd className="min-w-0 break-words whitespace-pre-line text-gray-900">{children}</dd>
    </div>
  );
}

/** One booking of the day: who, what, where, and the operator's next steps. */
export async function OpsBookingCard({
  booking: b,
  loanDueAt,
  loaners,
  defaultDue,
  actions,
}: {
  booking: QueueBooking;
  loanDueAt: number | null;
  loaners: LoanerOption[];
  defaultDue: string;
  actions: { step: Action; cancel: Action; lend: Action };
}) {
  const [t, format, locale] = await Promise.all([getTranslations('opsServices.queue'), getFormatter(), getLocale()]);
  const time = (ms: number) => format.dateTime(new Date(ms), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const service = localized(locale, b.serviceNameZh, b.serviceNameEn);
  const label = t('bookingName', { time: time(b.startsAt), service, name: b.name });
  const step = b.status === 'requested' || b.status === 'confirmed' || b.status === 'in_progress' ? b.status : null;
  const headingId = `booking-${b.id}`;

  return (
    <article aria-labelledby={headingId} className="flex min-w-0 flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={headingId} className="min-w-0 text-base font-semibold break-words">
          <span className="tabular-nums">{t('timeRange', { start: time(b.startsAt), end: time(b.endsAt) })}</span> {service}
          <span className="sr-only"> · {b.name}</span>
        </h2>
        <BookingStatusBadge status={b.status} />
      </header>
      <dl className="space-y-1 text-sm">
        <Item label={t('customer')}>
          <Link href={`/ops/customers/${b.customerId}`} className="font-medium text-brand-700 underline">
            {b.name}
          </Link>{' '}
          <span className="text-gray-600 tabular-nums">{b.mobile}</span>
        </Item>
        <Item label={t(b.serviceKind === 'onsite_repair' ? 'area' : 'hall')}>{localized(locale, b.place, b.placeEn)}</Item>
        {b.address ? (
          <Item label={t('address')}>
            <TypedText text={b.address} />
          </Item>
        ) : null}
        {b.description ? (
          <Item label={t('description')}>
            <TypedText text={b.description} />
          </Item>
        ) : null}
        {b.notes ? (
          <Item label={t(b.status === 'cancelled' ? 'cancelReason' : 'notesLabel')}>
            <TypedText text={b.notes} />
          </Item>
        ) : null}
        {b.loanId !== null ? (
          <Item label={t('loanerLent')}>
            <span className="break-all">{t('loanerLine', { model: b.loanerModel ?? '', imei: b.loanerImei ?? '' })}</span>
            {loanDueAt !== null ? <span className="block text-gray-700">{t('dueOn', { due: new Date(loanDueAt) })}</span> : null}
          </Item>
        ) : null}
      </dl>
      {step && b.loanId === null && isKindOf(REPAIR_SERVICE_KINDS, b.serviceKind) ? (
        <OpsLendForm bookingId={b.id} label={label} loaners={loaners} defaultDue={defaultDue} action={actions.lend} />
      ) : null}
      {step ? (
        <div className="flex flex-col gap-2">
          <OpsBookingStepForm bookingId={b.id} status={step} label={label} action={actions.step} />
          <OpsBookingCancelForm bookingId={b.id} label={label} action={actions.cancel} />
        </div>
      ) : null}
    </article>
  );
}

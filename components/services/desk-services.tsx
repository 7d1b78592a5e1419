import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { ComponentProps } from 'react';
import { Table, Td, WIDE_ONLY } from '@/components/ui/table';
import { localized } from '@/lib/i18n/localized';
import type { FormState } from '@/lib/form-state';
import type { Channel } from '@/lib/domain/types';
import { BookingStatusBadge } from './status-badges';
import { DeskBookingForm, DeskLoanerForm, DeskTrialForm } from './desk-service-forms';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
type Refusal = { code: string; params?: Record<string, string | number> } | null;
type Named = { serviceNameZh: string; serviceNameEn: string | null };
type BookingStatus = ComponentProps<typeof BookingStatusBadge>['status'];

export interface DeskServicesData {
  standing: Refusal;
  slots: (Named & { id: number; place: string; placeEn: string | null; startsAt: number; seatsLeft: number; pricePoints: number; refusal: Refusal })[];
  programmes: { id: number; titleZh: string; titleEn: string | null; closesAt: number; refusal: Refusal }[];
  phones: { id: number; model: string; imei: string; hall: string; hallNameEn: string | null }[];
  repairs: (Named & { id: number; startsAt: number })[];
  bookings: (Named & { id: number; status: BookingStatus; place: string; placeEn: string | null; startsAt: number; address: string | null; channel: Channel | null; loanerModel: string | null })[];
}

/** Refusals shown beside what they refuse: at most this many, the soonest. */
const REFUSALS_SHOWN = 5;

/**
 * The customer's handset services at the desk (营业厅) or on the 10010 hotline: book a slot, apply
 * for a trial, lend a loaner against an open repair, each by the member's own rules. What the rules
 * refuse now is said in words before the operator taps; the rest is answered after.
 */
export async function DeskServices({
  customerId,
  data,
  channels,
  keys,
  dueDate,
  actions,
}: {
  customerId: number;
  data: DeskServicesData;
  channels: { code: string; name: string }[];
  /** A fresh key per form and page view. */
  keys: { book: string; trial: string; loan: string };
  /** The loan's default due day (Beijing), a week ahead. */
  dueDate: string;
  actions: { book: Action; trial: Action; loan: Action };
}) {
  const [t, te, tc, format, locale] = await Promise.all([getTranslations('deskServices'), getTranslations('errors'), getTranslations('channels'), getFormatter(), getLocale()]);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const reason = (r: NonNullable<Refusal>) => (te.has(r.code) ? te(r.code, r.params) : te('invalid_input'));
  const service = (s: Named) => localized(locale, s.serviceNameZh, s.serviceNameEn);
  const slotLabel = (s: DeskServicesData['slots'][number]) =>
    [service(s), when(s.startsAt), localized(locale, s.place, s.placeEn), t('seatsLeft', { count: s.seatsLeft }), ...(s.pricePoints > 0 ? [t('points', { points: s.pricePoints })] : [])].join(' · ');
  const bookable = data.slots.filter((s) => s.refusal === null);
  const refusedSlots = data.slots.filter((s) => s.refusal !== null).slice(0, REFUSALS_SHOWN);
  const applicable = data.programmes.filter((p) => p.refusal === null);
  const refusedProgrammes = data.programmes.filter((p) => p.refusal !== null).slice(0, REFUSALS_SHOWN);
  const common = { customerId, channels };

  return (
    <section aria-labelledby="desk-services" className="space-y-4">
      <h2 id="desk-services" className="text-lg font-semibold">
        {t('title')}
      </h2>
      {data.standing ? (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="desk-standing">
          {t('standing', { reason: reason(data.standing) })}
        </p>
      ) : null}
      <div className="rounded-lg border border-gray-200 bg-white p-3">
        <h3 className="mb-2 text-base font-semibold">{t('book.title')}</h3>
        <DeskBookingForm
          {...common}
          idempotencyKey={keys.book}
          action={actions.book}
          slots={bookable.map((s) => ({ code: s.id, name: slotLabel(s) }))}
          empty={data.standing || bookable.length === 0 ? t('book.none') : undefined}
        />
        {!data.standing && refusedSlots.length > 0 ? (
          <div className="mt-3">
            <p className="text-xs text-gray-600">{t('notNow')}</p>
            <ul className="mt-1 list-disc space-y-1 pl-5 text-xs text-gray-700" data-testid="desk-refused-slots">
              {refusedSlots.map((s) => (
                <li key={s.id}>
                  {slotLabel(s)}: {reason(s.refusal!)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      <div className="rounded-lg border border-gray-200 bg-white p-3">
        <h3 className="mb-2 text-base font-semibold">{t('trial.title')}</h3>
        <DeskTrialForm
          {...common}
          idempotencyKey={keys.trial}
          action={actions.trial}
          programmes={applicable.map((p) => ({ code: p.id, name: t('trial.until', { title: localized(locale, p.titleZh, p.titleEn), closes: when(p.closesAt) }) }))}
          empty={data.standing || applicable.length === 0 ? t('trial.none') : undefined}
        />
        {!data.standing && refusedProgrammes.length > 0 ? (
          <ul className="mt-3 list-disc space-y-1 pl-5 text-xs text-gray-700">
            {refusedProgrammes.map((p) => (
              <li key={p.id}>
                {localized(locale, p.titleZh, p.titleEn)}: {reason(p.refusal!)}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="rounded-lg border border-gray-200 bg-white p-3">
        <h3 className="mb-2 text-base font-semibold">{t('loan.title')}</h3>
        <DeskLoanerForm
          {...common}
          idempotencyKey={keys.loan}
          action={actions.loan}
          dueDate={dueDate}
          repairs={data.repairs.map((r) => ({ code: r.id, name: `${service(r)} · ${when(r.startsAt)}` }))}
          phones={data.phones.map((p) => ({ code: p.id, name: `${p.model} · ${localized(locale, p.hall, p.hallNameEn)} · IMEI ${p.imei.slice(-4)}` }))}
          empty={data.repairs.length === 0 ? t('loan.noRepair') : data.phones.length === 0 ? t('loan.noPhone') : undefined}
        />
      </div>
      <div>
        <h3 className="mb-2 text-base font-semibold">{t('bookings.title')}</h3>
        {data.bookings.length === 0 ? (
          <p className="text-sm text-gray-600">{t('bookings.empty')}</p>
        ) : (
          <Table head={[t('bookings.service'), t('bookings.status'), t('bookings.channel'), t('bookings.loaner')]} wideOnly={[2, 3]}>
            {data.bookings.map((b) => (
              <tr key={b.id} data-testid="desk-booking">
                <Td>
                  {service(b)}
                  <span className="block text-xs text-gray-600">
                    {when(b.startsAt)} · {b.address ?? localized(locale, b.place, b.placeEn)}
                  </span>
                  <span className="block text-xs text-gray-600 sm:hidden">
                    {b.channel ? tc(b.channel) : null}
                    {b.loanerModel ? ` · ${t('bookings.lent', { model: b.loanerModel })}` : null}
                  </span>
                </Td>
                <Td>
                  <BookingStatusBadge status={b.status} />
                </Td>
                <Td className={`whitespace-nowrap ${WIDE_ONLY}`}>{b.channel ? tc(b.channel) : null}</Td>
                <Td className={WIDE_ONLY}>{b.loanerModel ?? null}</Td>
              </tr>
            ))}
          </Table>
        )}
      </div>
    </section>
  );
}

'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { INPUT, submitKeepingValues } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { MAX_NOTES_LENGTH } from '@/lib/validation/service-ops';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const NEXT = { requested: 'confirmed', confirmed: 'in_progress', in_progress: 'done' } as const;

/** The next step of a booking: confirm, start, or complete with notes on what was done. */
export function OpsBookingStepForm({ bookingId, status, label, action }: { bookingId: number; status: keyof typeof NEXT; label: string; action: Action }) {
  const t = useTranslations('opsServices.queue');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const id = useId();
  const to = NEXT[status];
  return (
    <form action={dispatch} onSubmit={submitKeepingValues(dispatch)} className="space-y-2" aria-label={t(`stepLabel.${to}`, { booking: label })}>
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="to" value={to} />
      {to === 'done' ? (
        <div>
          <label htmlFor={`${id}-notes`} className="block text-sm text-gray-700">
            {t('notes', { max: MAX_NOTES_LENGTH })}
          </label>
          <textarea id={`${id}-notes`} name="notes" rows={3} required maxLength={MAX_NOTES_LENGTH} className={INPUT} />
        </div>
      ) : null}
      <Button type="submit" disabled={pending}>
        {t(`step.${to}`)}
      </Button>
      <FormMessage state={state} />
    </form>
  );
}

/** Cancelling a booking needs a reason, which the member is told; it sits behind a disclosure so it is not pressed by mistake. */
export function OpsBookingCancelForm({ bookingId, label, action }: { bookingId: number; label: string; action: Action }) {
  const t = useTranslations('opsServices.queue');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <details className="rounded-md border border-gray-200 px-3 py-2">
      <summary className="cursor-pointer text-sm font-medium text-red-800">{t('cancel')}</summary>
      <form action={dispatch} onSubmit={submitKeepingValues(dispatch)} className="mt-2 space-y-2" aria-label={t('cancelLabel', { booking: label })}>
        <input type="hidden" name="bookingId" value={bookingId} />
        <div>
          <label htmlFor={`${id}-reason`} className="block text-sm text-gray-700">
            {t('reason')}
          </label>
          <textarea id={`${id}-reason`} name="reason" rows={2} required maxLength={500} className={INPUT} />
        </div>
        <Button type="submit" variant="danger" disabled={pending}>
          {t('cancelSubmit')}
        </Button>
        <FormMessage state={state} />
      </form>
    </details>
  );
}

export interface LoanerOption {
  id: number;
  label: string;
}

/** Lends an available loaner (those of the booking's hall listed first) until a due date. */
export function OpsLendForm({ bookingId, label, loaners, defaultDue, action }: { bookingId: number; label: string; loaners: LoanerOption[]; defaultDue: string; action: Action }) {
  const t = useTranslations('opsServices.queue');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={dispatch} onSubmit={submitKeepingValues(dispatch)} className="space-y-2 rounded-md bg-gray-50 p-3" aria-label={t('lendLabel', { booking: label })}>
      <p className="text-sm font-medium text-gray-900">{t('lend')}</p>
      {loaners.length === 0 ? (
        <p className="text-sm text-gray-600">{t('noLoaners')}</p>
      ) : (
        <>
          <input type="hidden" name="bookingId" value={bookingId} />
          <div className="grid gap-2 sm:grid-cols-2">
            <div className="min-w-0">
              <label htmlFor={`${id}-loaner`} className="block text-sm text-gray-700">
                {t('loaner')}
              </label>
              <select id={`${id}-loaner`} name="loanerId" required defaultValue="" className={`${INPUT} max-w-full`}>
                <option value="" disabled>
                  {t('chooseLoaner')}
                </option>
                {loaners.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.label}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`${id}-due`} className="block text-sm text-gray-700">
                {t('dueDate')}
              </label>
              <input id={`${id}-due`} name="dueDate" type="date" required defaultValue={defaultDue} className={INPUT} />
            </div>
          </div>
          <Button type="submit" variant="secondary" disabled={pending}>
            {t('lendSubmit')}
          </Button>
        </>
      )}
      <FormMessage state={state} />
    </form>
  );
}

'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** One button that acts on a complaint: a staff member takes it, the customer confirms the answer. */
export function ComplaintButtonForm({ complaintId, action, label, formLabel }: { complaintId: number; action: Action; label: string; formLabel: string }) {
  const [state, dispatch, pending] = useActionState(action, IDLE);
  return (
    <form action={dispatch} aria-label={formLabel} className="space-y-2">
      <input type="hidden" name="complaintId" value={complaintId} />
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {label}
      </Button>
    </form>
  );
}

/** The owner hands the complaint to another operator of the province, with the reason. */
export function ComplaintTransferForm({ complaintId, handlers, action }: { complaintId: number; handlers: { id: number; name: string }[]; action: Action }) {
  const t = useTranslations('complaintHandling');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const errors = fieldErrorsOf(state);
  return (
    <details className="rounded-md border border-gray-200 p-3">
      <summary className="cursor-pointer text-sm font-medium text-brand-700">{t('transfer')}</summary>
      <form onSubmit={submitKeepingValues(dispatch)} aria-label={t('transferLabel')} className="mt-2 space-y-2">
        <input type="hidden" name="complaintId" value={complaintId} />
        <Field id={`${prefix}-to`} name="toStaffId" label={t('transferTo')} error={errors.toStaffId}>
          <select name="toStaffId" required defaultValue="" className={INPUT} {...ariaFor(`${prefix}-to`, errors.toStaffId)}>
            <option value="" disabled>
              {t('chooseStaff')}
            </option>
            {handlers.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-reason`} name="reason" label={t('transferReason')} error={errors.reason}>
          <textarea name="reason" required rows={2} maxLength={500} className={INPUT} {...ariaFor(`${prefix}-reason`, errors.reason, true)} />
        </Field>
        <FormMessage state={summaryOf(state, errors, ['toStaffId', 'reason'])} />
        <Button type="submit" disabled={pending}>
          {t('transferSend')}
        </Button>
      </form>
    </details>
  );
}

/** The customer is not satisfied with the answer: it goes back to its owner, with the reason. */
export function ComplaintReopenForm({ complaintId, action }: { complaintId: number; action: Action }) {
  const t = useTranslations('complaintHandling');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const id = useId();
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={submitKeepingValues(dispatch)} aria-label={t('reopenLabel')} className="space-y-2">
      <input type="hidden" name="complaintId" value={complaintId} />
      <Field id={id} name="reason" label={t('reopenReason')} error={errors.reason}>
        <textarea name="reason" required rows={2} maxLength={500} className={INPUT} {...ariaFor(id, errors.reason, true)} />
      </Field>
      <FormMessage state={summaryOf(state, errors, ['reason'])} />
      <Button type="submit" disabled={pending} variant="secondary">
        {t('reopen')}
      </Button>
    </form>
  );
}

/** The customer rates how the complaint was handled, 1 to 5 stars. */
export function ComplaintRatingForm({ complaintId, action }: { complaintId: number; action: Action }) {
  const t = useTranslations('complaintHandling');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  return (
    <form action={dispatch} aria-label={t('rateLabel')} className="space-y-2">
      <input type="hidden" name="complaintId" value={complaintId} />
      <fieldset>
        <legend className="text-sm text-gray-700">{t('rate')}</legend>
        <div className="mt-1 grid grid-cols-5 gap-1.5">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="flex cursor-pointer flex-col items-center rounded-md border border-gray-300 px-1 py-2 text-center has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="rating" value={n} required className="accent-brand-600" />
              <span className="text-sm font-semibold text-gray-900">{t('stars', { n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending}>
        {t('rateSend')}
      </Button>
    </form>
  );
}
